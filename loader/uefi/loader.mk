# The x86_64 UEFI loader and the bootable disk images (included by the top
# Makefile). The loader is compiled by clang for the UEFI x86_64 target
# (Microsoft x64 ABI, PE/COFF objects) against gnu-efi's headers and linked
# by lld-link straight into a PE32+ EFI application: llvm-objcopy cannot
# turn gnu-efi's ELF output into PE, so that route would need binutils.

LOADER_EFI := $(BUILD)/loader/uefi/BOOTX64.EFI
# kernel/string.c: the memory primitives the compiler may call.
LOADER_C_SRCS := $(wildcard loader/uefi/*.c)
LOADER_OBJS := $(patsubst loader/uefi/%.c,$(BUILD)/loader/uefi/%.obj,$(LOADER_C_SRCS)) \
    $(BUILD)/loader/uefi/kernel_string.obj
GNU_EFI_INCLUDES := -I/usr/include/efi -I/usr/include/efi/x86_64
# No stack probes (there is no __chkstk), no red zone (firmware interrupts
# run on our stack), no SSE (nothing here needs it).
LOADER_CFLAGS := --target=x86_64-unknown-windows -std=c17 $(WARNINGS) -O2 -g0 \
    -ffreestanding -fno-builtin -fno-stack-protector -mno-stack-arg-probe -mno-red-zone \
    -mgeneral-regs-only -Iabi -Iabi/x86_64 -iquote kernel $(GNU_EFI_INCLUDES)
LOADER_LDFLAGS := /subsystem:efi_application /entry:efi_main /nodefaultlib /machine:x64

$(BUILD)/loader/uefi/%.obj: loader/uefi/%.c
	@mkdir -p $(dir $@)
	$(CC) $(LOADER_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/loader/uefi/kernel_string.obj: kernel/string.c
	@mkdir -p $(dir $@)
	$(CC) $(LOADER_CFLAGS) -MMD -MP -c $< -o $@

$(LOADER_EFI): $(LOADER_OBJS)
	lld-link $(LOADER_LDFLAGS) /out:$@ $^

# A GPT disk image with an EFI system partition:
# $(call uefi_disk_image,OUTPUT,KERNEL,NAME=FILE...) boots KERNEL with those modules.
define uefi_disk_image
$(1): $(LOADER_EFI) $(2) $(foreach m,$(3),$(lastword $(subst =, ,$(m)))) \
      loader/uefi/make-disk-image.sh loader/uefi/loader.mk
	bash loader/uefi/make-disk-image.sh $$@ $(LOADER_EFI) $(2) $(3)
endef

# `make image`: what `make run` boots, the release kernel too, for a USB stick (docs/hardware.md).
$(eval $(call uefi_disk_image,$(BUILD)/disk.img,$(RELEASE_KERNEL_ELF),\
    $(RUN_IMAGE)=$(BUILD)/images/$(RUN_IMAGE).img))
# The UEFI boot test (tests/suites/40-uefi.sh): the direct-boot test's modules.
$(eval $(call uefi_disk_image,$(BUILD)/uefi-boot-test.img,$(KERNEL_ELF),\
    boot-test=$(BUILD)/images/boot-test.img))
