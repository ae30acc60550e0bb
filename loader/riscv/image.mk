# The riscv64 board image (`make riscv-image ARCH=riscv64`): the kernel as a
# booti Image, a boot-module archive and boot.scr on a partitioned disk
# image that U-Boot boots from an SD card or, in QEMU, a virtio disk.

# The archive on the disk. Another archive needs another disk name too (tests
# use their own): make compares only times, not which archive a disk holds.
RISCV_IMAGE_MODULES ?= $(BUILD)/images/$(RUN_IMAGE).img
RISCV_IMAGE_DISK ?= $(BUILD)/riscv64-disk.img
# What `make run` boots, the release kernel; tests that need the test kernel say so.
RISCV_IMAGE_ELF ?= $(RELEASE_KERNEL_ELF)
# Beside its ELF: a release Image and a test Image never pass for each other.
RISCV_IMAGE_KERNEL := $(dir $(RISCV_IMAGE_ELF))Image
RISCV_IMAGE_SCRIPT := $(BUILD)/boot.scr

.PHONY: riscv-image

ifeq ($(ARCH),riscv64)
riscv-image: $(RISCV_IMAGE_DISK)

# objcopy -O binary keeps the header entry.S puts first; check it is still there.
$(RISCV_IMAGE_KERNEL): $(RISCV_IMAGE_ELF) loader/riscv/check-image.sh
	$(OBJCOPY) -O binary $< $@.tmp
	bash loader/riscv/check-image.sh $@.tmp
	mv $@.tmp $@

$(RISCV_IMAGE_SCRIPT): loader/riscv/boot.cmd
	mkimage -A riscv -O linux -T script -C none -n "A9N boot script" -d $< $@ >/dev/null

$(RISCV_IMAGE_DISK): $(RISCV_IMAGE_KERNEL) $(RISCV_IMAGE_MODULES) $(RISCV_IMAGE_SCRIPT) loader/riscv/mkdisk.sh
	bash loader/riscv/mkdisk.sh $@ $(RISCV_IMAGE_KERNEL) $(RISCV_IMAGE_MODULES) $(RISCV_IMAGE_SCRIPT)
else
riscv-image:
	@echo "riscv-image needs ARCH=riscv64" >&2; exit 1
endif
