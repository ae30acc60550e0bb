# riscv64 build fragment for the top Makefile: the kernel RV64IMAC, LP64
# (it never uses FP), user programs RV64IMAFDC, LP64D (each thread has its
# own F/D state, hal/riscv64/fpu.S); medany code model, no linker
# relaxation (lld 14 cannot relax RISC-V). Leaf functions keep no frame
# record: the frame chain stays intact through every caller, and a leaf's
# record would cost 7 of the 11 instructions of a call like
# hal_phys_to_virt (ra and s0 saved and restored, s0 set up).
ARCH_TARGET := --target=riscv64-unknown-elf
RISCV_COMMON_FLAGS := -mcmodel=medany -mno-relax -momit-leaf-frame-pointer
KERNEL_ARCH_CFLAGS := -march=rv64imac -mabi=lp64 $(RISCV_COMMON_FLAGS)
USER_ARCH_CFLAGS := -march=rv64imafdc -mabi=lp64d $(RISCV_COMMON_FLAGS)
KERNEL_LDFLAGS := -static -nostdlib --no-relax -z max-page-size=4096
USER_LDFLAGS := -static -nostdlib --no-relax
KERNEL_LDSCRIPT := hal/riscv64/kernel.ld

HAL_C_SRCS := $(addprefix hal/riscv64/,boot.c console.c context.c devicetree.c fdt.c \
    interrupt.c kernel_memory.c machine.c memory_map.c paging.c sbi.c timer.c trap.c)
# fastpath.S right after trap.S: their branches to each other are short.
HAL_ASM_SRCS := hal/riscv64/entry.S hal/riscv64/trap.S hal/riscv64/fastpath.S hal/riscv64/fpu.S
LIBA9N_ARCH_ASM_SRCS := $(wildcard liba9n/riscv64/*.S)

# Assembly goes through the C preprocessor (for riscv.h); -std= means nothing to it.
RISCV_ASM_FLAGS = $(filter-out -std=%,$(1))

ASM_OFFSETS_FILE := asm_offsets.h
ASM_OFFSETS_FORMAT := \#define
ASM_OFFSETS_COMMENT :=

$(BUILD)/hal/riscv64/%.S.o: hal/riscv64/%.S $(BUILD)/generated/asm_offsets.h
	@mkdir -p $(dir $@)
	$(CC) $(call RISCV_ASM_FLAGS,$(KERNEL_CFLAGS)) $(RISCV_ASM_EXTRA_FLAGS) -I$(BUILD)/generated \
	    -MMD -MP -c $< -o $@

# The save and load of user FP registers is the kernel's only FP code: that
# one file is assembled with F and D (still LP64: no floats cross a call).
$(BUILD)/hal/riscv64/fpu.S.o: RISCV_ASM_EXTRA_FLAGS := -march=rv64imafdc

$(BUILD)/liba9n/riscv64/%.S.o: liba9n/riscv64/%.S
	@mkdir -p $(dir $@)
	$(CC) $(call RISCV_ASM_FLAGS,$(USER_CFLAGS)) -MMD -MP -c $< -o $@

