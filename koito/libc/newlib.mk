# The C library of KOITO programs: newlib 3.3.0 from Debian's newlib-source
# (the tarball it installs, never a copy in this repository), built with
# clang for $(ARCH) into $(BUILD)/newlib/, plus our system-call glue and C
# start (koito/libc/*.c). docs/libc.md describes all of it.
#   $(call libc_program,name,sources): a program on newlib (beside user_program).

NEWLIB_TARBALL := /usr/src/newlib/newlib-3.3.0.tar.xz
NEWLIB_DIR := $(BUILD)/newlib
NEWLIB_SRC := $(NEWLIB_DIR)/src
NEWLIB_OBJ := $(NEWLIB_DIR)/obj
# newlib's configure names the target; clang keeps the project's triple.
NEWLIB_TARGET := $(ARCH)-unknown-elf
NEWLIB_INCLUDE := $(NEWLIB_DIR)/$(NEWLIB_TARGET)/include
NEWLIB_LIBC := $(NEWLIB_DIR)/$(NEWLIB_TARGET)/lib/libc.a
NEWLIB_LIBM := $(NEWLIB_DIR)/$(NEWLIB_TARGET)/lib/libm.a
NEWLIB_STAMP := $(NEWLIB_DIR)/installed.stamp

# The user-code ABI (hal/<arch>/arch.mk): SysV x86_64 with SSE; riscv64
# RV64IMAFDC with hard-float calls (lp64d). newlib, the glue, liba9n and
# the program are all built with it (lld refuses to mix float ABIs).
LIBC_ARCH_CFLAGS := $(USER_ARCH_CFLAGS)

# The compiler runtime newlib and clang's code call into (docs/libc.md):
# x86_64 compiler-rt's builtins; riscv64 has no compiler-rt in Debian 12,
# so GCC's libgcc.a (rv64gc, lp64d) for the quad-precision long double
# routines (__addtf3, __extenddftf2, ...) newlib's printf and libm use.
LIBC_RUNTIME_x86_64 := /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.builtins-x86_64.a
LIBC_RUNTIME_riscv64 := /usr/lib/gcc-cross/riscv64-linux-gnu/12/libgcc.a
LIBC_RUNTIME := $(LIBC_RUNTIME_$(ARCH))

# newlib only (no libgloss: the glue is ours), no system calls of its own,
# one library for the one ABI, printf/scanf with floating point, long long
# and the C99 formats. No -g: the libraries stay small.
NEWLIB_CC := clang $(ARCH_TARGET) -nostdlibinc
NEWLIB_CFLAGS := -O2 -fno-stack-protector -fno-pic -fno-pie $(LIBC_ARCH_CFLAGS)
NEWLIB_CONFIGURE := --target=$(NEWLIB_TARGET) --prefix=$(abspath $(NEWLIB_DIR)) \
    --disable-libgloss --disable-multilib --disable-nls \
    --disable-newlib-supplied-syscalls \
    --enable-newlib-io-float --enable-newlib-io-long-long --enable-newlib-io-c99-formats \
    CC_FOR_TARGET='$(NEWLIB_CC)' AS_FOR_TARGET='$(NEWLIB_CC) -c' \
    AR_FOR_TARGET=llvm-ar RANLIB_FOR_TARGET=llvm-ranlib NM_FOR_TARGET=llvm-nm \
    LD_FOR_TARGET=ld.lld OBJDUMP_FOR_TARGET=llvm-objdump READELF_FOR_TARGET=llvm-readelf \
    STRIP_FOR_TARGET=llvm-strip CFLAGS_FOR_TARGET='$(NEWLIB_CFLAGS)'
# newlib's own make runs on its own, with every core, and without this
# make's command-line variables (ARCH=, BUILD= would reach its makefiles).
NEWLIB_MAKE := env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -j$(shell nproc)

# The configure line, rewritten only when it changes: newlib is rebuilt
# when a flag changes, and a plain `make` never redoes it.
$(NEWLIB_DIR)/configure-line: FORCE
	@mkdir -p $(dir $@)
	@echo "$(NEWLIB_CONFIGURE)" | cmp -s - $@ || echo "$(NEWLIB_CONFIGURE)" > $@

$(NEWLIB_SRC)/extracted.stamp: $(NEWLIB_TARBALL)
	rm -rf $(NEWLIB_SRC)
	mkdir -p $(NEWLIB_SRC)
	tar -xJf $< -C $(NEWLIB_SRC) --strip-components=1
	touch $@

# Configure, build and install libc.a, libm.a and the headers under
# $(NEWLIB_DIR)/$(NEWLIB_TARGET)/; the logs stay in $(NEWLIB_DIR).
$(NEWLIB_STAMP): $(NEWLIB_SRC)/extracted.stamp $(NEWLIB_DIR)/configure-line
	@echo "newlib: building for $(ARCH) (log: $(NEWLIB_DIR)/build.log)"
	rm -rf $(NEWLIB_OBJ) $(NEWLIB_DIR)/$(NEWLIB_TARGET)
	mkdir -p $(NEWLIB_OBJ)
	cd $(NEWLIB_OBJ) && $(abspath $(NEWLIB_SRC))/configure $(NEWLIB_CONFIGURE) \
	    > ../configure.log 2>&1 || { tail -n 30 ../configure.log; exit 1; }
	$(NEWLIB_MAKE) -C $(NEWLIB_OBJ) all-target-newlib > $(NEWLIB_DIR)/build.log 2>&1 \
	    || { grep -a -m 20 -B 5 'error' $(NEWLIB_DIR)/build.log; exit 1; }
	$(NEWLIB_MAKE) -C $(NEWLIB_OBJ) install-target-newlib > $(NEWLIB_DIR)/install.log 2>&1 \
	    || { tail -n 30 $(NEWLIB_DIR)/install.log; exit 1; }
	touch $@

.PHONY: newlib FORCE
newlib: $(NEWLIB_STAMP)
FORCE:

# ---- programs on newlib ----------------------------------------------------

# Hosted C: newlib's headers instead of the system's (after ours for what
# newlib leaves out on a bare target: koito/libc/include), builtins
# allowed, no freestanding restrictions; liba9n's and KOITO's headers for
# the glue and for programs that also talk to the system directly.
# newlib's features.h names the POSIX options a bare target has: none, so
# the two KOITO has (clock_gettime, CLOCK_MONOTONIC) are named here.
LIBC_CFLAGS := -std=c17 $(WARNINGS) -O2 -g -fno-stack-protector -fno-common -fno-pic -fno-pie \
    -fno-omit-frame-pointer $(ARCH_TARGET) $(LIBC_ARCH_CFLAGS) \
    -D_POSIX_TIMERS=1 -D_POSIX_MONOTONIC_CLOCK=200112L \
    -nostdlibinc -isystem koito/libc/include -isystem $(NEWLIB_INCLUDE) $(ABI_INCLUDES) \
    -Iliba9n/include -Iliba9n/$(ARCH)/include -Ikoito/include

# Objects of hosted code live under $(LIBC_BUILD), apart from the
# freestanding objects of the same sources.
LIBC_BUILD := $(BUILD)/hosted
$(LIBC_BUILD)/%.o: %.c | $(NEWLIB_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(LIBC_CFLAGS) -MMD -MP -c $< -o $@

# The glue and C start, linked whole into every libc program (the start
# overrides liba9n's weak a9n_start_program, which an archive could not).
LIBC_GLUE_SRCS := $(wildcard koito/libc/*.c)
LIBC_GLUE_OBJS := $(patsubst %.c,$(LIBC_BUILD)/%.o,$(LIBC_GLUE_SRCS))

# newlib's libraries before liba9n: its memcpy and memset win over
# liba9n's freestanding ones (lld takes the first archive that defines a
# symbol); the compiler runtime last.
LIBC_LINK := $(LIBC_GLUE_OBJS) $(NEWLIB_LIBC) $(NEWLIB_LIBM) $(KOITO_LIB) $(LIBA9N) $(LIBC_RUNTIME)

# A program on newlib: $(call libc_program,name,sources)
define libc_program
$(BUILD)/programs/$(1).elf: $(patsubst %.c,$(LIBC_BUILD)/%.o,$(2)) $(LIBC_GLUE_OBJS) \
        $(NEWLIB_STAMP) $(KOITO_LIB) $(LIBA9N) $(USER_LDSCRIPT)
	@mkdir -p $$(dir $$@)
	$$(LD) $(USER_LDFLAGS) -T $(USER_LDSCRIPT) -o $$@ $(patsubst %.c,$(LIBC_BUILD)/%.o,$(2)) \
	    $(LIBC_LINK)
endef
