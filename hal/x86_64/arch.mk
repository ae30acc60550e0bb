# x86_64 build fragment, included by the top Makefile.

ARCH_TARGET := --target=x86_64-unknown-none-elf
# The kernel lives in the top 2 GiB (mcmodel=kernel), takes interrupts on
# its own stack without a red zone, and never touches FPU/SIMD state. Leaf
# functions skip the frame-pointer set-up (3 instructions each, several on
# the IPC fast path); the rbp chain through every caller stays intact.
KERNEL_ARCH_CFLAGS := -mcmodel=kernel -mno-red-zone -mgeneral-regs-only -momit-leaf-frame-pointer
# User code follows the System V ABI with SSE (doubles in XMM registers):
# each thread has its own x87/SSE state (hal/x86_64/fpu.c). No implicit
# float: the compiler would otherwise zero and copy every struct through
# XMM registers, so every thread would use the FPU and each switch between
# two of them would hand it over (#NM, XSAVE, XRSTOR; ~450 instructions
# more per notification round trip). Code that computes with floats still
# uses SSE.
USER_ARCH_CFLAGS := -mno-implicit-float
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=4096
USER_LDFLAGS := -static -nostdlib -z max-page-size=4096
KERNEL_LDSCRIPT := hal/x86_64/kernel.ld

HAL_C_SRCS := $(wildcard hal/x86_64/*.c)
HAL_ASM_SRCS := $(wildcard hal/x86_64/*.asm)
LIBA9N_ARCH_ASM_SRCS := $(wildcard liba9n/x86_64/*.asm)

NASMFLAGS := -f elf64 -g -F dwarf -w+all -w-reloc-rel-dword $(CHECKED_FLAGS)

ASM_OFFSETS_FILE := asm_offsets.inc
ASM_OFFSETS_FORMAT := %define
ASM_OFFSETS_COMMENT := ;

$(BUILD)/hal/x86_64/%.asm.o: hal/x86_64/%.asm $(BUILD)/generated/asm_offsets.inc
	@mkdir -p $(dir $@)
	$(NASM) $(NASMFLAGS) -I$(BUILD)/generated/ -MD $(@:.o=.d) -MP -o $@ $<

$(BUILD)/liba9n/x86_64/%.asm.o: liba9n/x86_64/%.asm
	@mkdir -p $(dir $@)
	$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP -o $@ $<
