# A9N / KOITO: the one build entry point.
#   make run   [ARCH=x86_64|riscv64]   boot in QEMU (the release kernel, DEBUG=0)
#   make test                          host tests + system tests on both arches
#   make debug [ARCH=...]              QEMU paused with a GDB stub
#   make bench [ARCH=...]              instruction counts of kernel operations
#   make image [ARCH=...]              disk image for real machines (docs/hardware.md)
# See README.md.

ARCH ?= x86_64
# DEBUG=1 (the default, every test build): the kernel has the Debug
# capability (docs/abi.md section 16). DEBUG=0 compiles it out, built apart.
DEBUG ?= 1
ifeq ($(DEBUG),0)
BUILD ?= build/$(ARCH)/release
endif
# CHECKED=1: the checked kernel (docs/checked-build.md), the invariant
# checker at every kernel entry and exit, built apart from the normal one.
CHECKED ?= 0
ifeq ($(CHECKED),1)
BUILD ?= build/$(ARCH)-checked
CHECKED_FLAGS := -DA9N_CHECKED
endif
BUILD ?= build/$(ARCH)
HOST_BUILD ?= build/host

CC := clang
LD := ld.lld
NASM := nasm
OBJCOPY := llvm-objcopy
HOST_CC := clang

ifeq ($(filter $(ARCH),x86_64 riscv64),)
$(error ARCH must be x86_64 or riscv64, not '$(ARCH)')
endif

WARNINGS := -Wall -Wextra -Werror
ABI_INCLUDES := -Iabi -Iabi/$(ARCH)

# Code that runs on the target: freestanding, no libc, no builtins we
# would have to provide implicitly.
TARGET_CFLAGS := -std=c17 $(WARNINGS) -O2 -g -ffreestanding -fno-builtin \
    -fno-stack-protector -fno-common -fno-pic -fno-pie -nostdlib \
    -fno-omit-frame-pointer $(ABI_INCLUDES) $(CHECKED_FLAGS)

include hal/$(ARCH)/arch.mk

KERNEL_CFLAGS := $(TARGET_CFLAGS) $(ARCH_TARGET) $(KERNEL_ARCH_CFLAGS) \
    -Ikernel -Ihal/include -Ihal/$(ARCH)
USER_CFLAGS := $(TARGET_CFLAGS) $(ARCH_TARGET) $(USER_ARCH_CFLAGS) \
    -Iliba9n/include -Iliba9n/$(ARCH)/include -Ikoito/include

# The invariant checker is for host tests, the fuzzer and the checked
# kernel only; asm_offsets.c only generates definitions for the assembly.
KERNEL_CHECKER_SRCS := kernel/invariant.c kernel/invariant_threads.c kernel/checked.c
KERNEL_C_SRCS := $(filter-out kernel/asm_offsets.c $(if $(CHECKED_FLAGS),,$(KERNEL_CHECKER_SRCS)), \
    $(wildcard kernel/*.c))
KERNEL_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(KERNEL_C_SRCS) $(HAL_C_SRCS)) \
    $(patsubst %,$(BUILD)/%.o,$(HAL_ASM_SRCS))
KERNEL_ELF := $(BUILD)/kernel.elf
ifeq ($(DEBUG),1)
KERNEL_CFLAGS += -DA9N_KERNEL_DEBUG
# The release kernel `make run` boots and `make image` installs: a make of its own in
# $(BUILD)/release, so that neither kernel's objects rebuild the other's.
RELEASE_KERNEL_ELF := $(BUILD)/release/kernel.elf
$(RELEASE_KERNEL_ELF): FORCE
	$(MAKE) DEBUG=0 BUILD=$(BUILD)/release kernel
else
KERNEL_OBJS := $(filter-out $(BUILD)/kernel/debug.o,$(KERNEL_OBJS))
RELEASE_KERNEL_ELF := $(KERNEL_ELF)
endif

LIBA9N_SRCS := $(wildcard liba9n/*.c) $(wildcard liba9n/$(ARCH)/*.c)
LIBA9N_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(LIBA9N_SRCS)) \
    $(patsubst %,$(BUILD)/%.o,$(LIBA9N_ARCH_ASM_SRCS))
LIBA9N := $(BUILD)/liba9n.a
USER_LDSCRIPT := liba9n/user.ld

# The KOITO server framework and the libraries servers share (koito/lib/).
KOITO_LIB_SRCS := $(wildcard koito/lib/*.c)
KOITO_LIB := $(BUILD)/libkoito.a

MKBOOTARCHIVE := $(HOST_BUILD)/mkbootarchive

.PHONY: all kernel run debug test bench host-tests clean deps images image
all: kernel images

kernel: $(KERNEL_ELF)

# ---- target objects --------------------------------------------------------

$(BUILD)/kernel/%.o: kernel/%.c
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/hal/%.o: hal/%.c
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/liba9n/%.o: liba9n/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

# Structure offsets and constants for the HAL's assembly: kernel/asm_offsets.c
# compiled for the target, each "->NAME value" line turned into a definition
# (ASM_OFFSETS_FORMAT: "#define" for the C preprocessor, "%define" for NASM).
ASM_OFFSETS := $(BUILD)/generated/$(ASM_OFFSETS_FILE)
$(ASM_OFFSETS): kernel/asm_offsets.c
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -MMD -MP -MT $@ -MF $(BUILD)/generated/asm_offsets.d -S $< -o $@.s
	{ echo "/* Generated from kernel/asm_offsets.c: do not edit. */" | sed 's|^|$(ASM_OFFSETS_COMMENT)|'; \
	  sed -n 's/^[[:space:]]*\.ascii[[:space:]]*"->\([A-Z0-9_]*\) \(-\{0,1\}[0-9]*\)"$$/$(ASM_OFFSETS_FORMAT) \1 \2/p' $@.s; } > $@.tmp
	@rm -f $@.s
	mv $@.tmp $@
-include $(BUILD)/generated/asm_offsets.d

$(KERNEL_ELF): $(KERNEL_OBJS) $(KERNEL_LDSCRIPT)
	$(LD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDSCRIPT) -o $@ $(KERNEL_OBJS)

$(LIBA9N): $(LIBA9N_OBJS)
	@rm -f $@
	llvm-ar rcs $@ $^

$(KOITO_LIB): $(patsubst %.c,$(BUILD)/%.o,$(KOITO_LIB_SRCS))
	@rm -f $@
	llvm-ar rcs $@ $^

# A user program: $(call user_program,name,sources[,libraries before liba9n])
define user_program
$(BUILD)/programs/$(1).elf: $(patsubst %.c,$(BUILD)/%.o,$(2)) $(3) $(LIBA9N) $(USER_LDSCRIPT)
	@mkdir -p $$(dir $$@)
	$$(LD) $(USER_LDFLAGS) -T $(USER_LDSCRIPT) -o $$@ $(patsubst %.c,$(BUILD)/%.o,$(2)) $(3) $(LIBA9N)
endef

# A server on the KOITO server framework: $(call koito_server,name,sources)
koito_server = $(call user_program,$(1),$(2),$(KOITO_LIB))

# A program on the C library (newlib): $(call libc_program,name,sources)
include koito/libc/newlib.mk

# A boot image: $(call boot_image,name,modules) -> $(BUILD)/images/name.img.
# Each module is a program under its own name, or module-name=program.
boot_module_name = $(firstword $(subst =, ,$(1)))
boot_module_program = $(lastword $(subst =, ,$(1)))
define boot_image
$(BUILD)/images/$(1).img: $(foreach m,$(2),$(BUILD)/programs/$(call boot_module_program,$(m)).elf) \
        $(MKBOOTARCHIVE)
	@mkdir -p $$(dir $$@)
	$(MKBOOTARCHIVE) $$@ $(foreach m,$(2),$(call boot_module_name,$(m))=$(BUILD)/programs/$(call boot_module_program,$(m)).elf)
IMAGES += $(BUILD)/images/$(1).img
endef

# Programs and images are declared next to their sources.
include $(wildcard koito/*/program.mk tests/system/*/program.mk tests/bench/program.mk)
# The boot file tree, from what those fragments add to ROOTFS_FILES.
include koito/ramfs/rootfs.mk

images: $(IMAGES)

# ---- host tools and host tests --------------------------------------------

# -iquote: kernel/string.h must not shadow libc <string.h> in host builds.
HOST_CFLAGS := -std=c17 $(WARNINGS) -O1 -g -Iabi -Iabi/x86_64 -iquote kernel -Ihal/include

$(MKBOOTARCHIVE): loader/archive/mkbootarchive.c abi/a9n/boot_info.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $<

# Each tests/host/<area>/test.mk adds names to HOST_TESTS and sets
# <name>_SRCS; every test binary links cmocka.
# Every test binary runs under AddressSanitizer and UndefinedBehaviorSanitizer
# (clang's own): an out-of-bounds access, use after free, leak, overflow or
# misaligned access in the code under test ends the binary with a report and
# a non-zero status, which tests/run.sh records as a failure. No recovery:
# a report that lets the test carry on would count as a pass.
HOST_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_TESTS :=
include $(wildcard tests/host/*/test.mk)
include $(wildcard tests/fuzz/fuzz.mk)

# The Makefile is a prerequisite so that a change of these flags rebuilds
# binaries built without them.
define host_test
$(HOST_BUILD)/tests/$(1): $$($(1)_SRCS) $$(wildcard abi/a9n/*.h kernel/*.h tests/host/*.h) Makefile
	@mkdir -p $$(dir $$@)
	$(HOST_CC) $(HOST_CFLAGS) $(HOST_SANITIZE) -DA9N_HOST_TEST -Itests/host $$($(1)_CFLAGS) \
	    -o $$@ $$($(1)_SRCS) -lcmocka
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_test,$(t))))

host-tests: $(addprefix $(HOST_BUILD)/tests/,$(HOST_TESTS))

# ---- running ---------------------------------------------------------------

# The image `make run` boots: KOITO init, ULMM, the console driver and the
# POSIX server, which starts the shell (koito/init/program.mk).
RUN_IMAGE ?= koito

# `make image`: the image for real machines (docs/hardware.md). x86_64: a
# GPT disk with an EFI system partition holding the UEFI loader.
# riscv64: the kernel as a booti Image, the modules and boot.scr on a disk
# image for U-Boot (SD card on a VisionFive 2, virtio disk in QEMU).
include loader/uefi/loader.mk
include loader/riscv/image.mk
IMAGE_x86_64 := $(BUILD)/disk.img
IMAGE_riscv64 := $(RISCV_IMAGE_DISK)
image: deps $(IMAGE_$(ARCH))

deps:
	@bash ci/deps.sh

run: deps $(RELEASE_KERNEL_ELF) $(BUILD)/images/$(RUN_IMAGE).img
	bash ci/qemu.sh $(ARCH) run $(RELEASE_KERNEL_ELF) $(BUILD)/images/$(RUN_IMAGE).img

debug: deps $(KERNEL_ELF) $(BUILD)/images/$(RUN_IMAGE).img
	bash ci/qemu.sh $(ARCH) debug $(KERNEL_ELF) $(BUILD)/images/$(RUN_IMAGE).img

test: deps
	bash tests/run.sh

bench: deps $(KERNEL_ELF) $(BUILD)/images/bench.img
	bash ci/bench.sh $(ARCH) $(KERNEL_ELF) $(BUILD)/images/bench.img


clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
