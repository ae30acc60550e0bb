# riscv64 QEMU command line, sourced by ci/qemu.sh.
# QEMU virt with OpenSBI 1.1 (fw_dynamic, -bios default) entering the kernel
# in S-mode; the boot-module archive is the initrd, found by the kernel
# through the device tree. sifive_test at 0x100000 is the exit device.
# Environment:
#   QEMU_MEMORY (default 256M): e.g. 128M, 1G, 3G; moves the device tree
#     (QEMU puts it near the end of RAM, below 3 GiB) and free memory.
#   QEMU_KERNEL_ADDRESS (e.g. 0x80400000, 2 MiB aligned, default unset):
#     boot the raw image at that physical address instead of the ELF at
#     0x80200000, to show the kernel is position independent. QEMU places a
#     raw -kernel image at the end of the firmware rounded up to 2 MiB, so
#     the firmware is OpenSBI's fw_dynamic.bin padded to reach that address.
#   QEMU_BOOT=uboot: boot the board's way instead. OpenSBI starts Debian's
#     S-mode U-Boot (u-boot-qemu), whose distro boot finds boot.scr on a
#     virtio disk; the image argument is then that disk (make riscv-image)
#     and the kernel argument is unused: the kernel comes from the disk.

RISCV_QEMU_RAM_BASE=0x80000000
RISCV_OPENSBI_FW_DYNAMIC=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
RISCV_UBOOT_SMODE=/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin

# riscv_relocated_boot KERNEL_ELF ADDRESS: print "FIRMWARE RAW_KERNEL" for
# a boot at ADDRESS, building both next to the kernel ELF.
riscv_relocated_boot() {
    local kernel=$1 address=$2 dir firmware image
    dir=$(dirname "$kernel")
    if [ $((address % 0x200000)) -ne 0 ] || [ $((address)) -le $((RISCV_QEMU_RAM_BASE)) ]; then
        echo "qemu-riscv64.sh: QEMU_KERNEL_ADDRESS=$address must be 2 MiB aligned above $RISCV_QEMU_RAM_BASE" >&2
        return 2
    fi
    firmware="$dir/fw_dynamic-until-$address.bin"
    image="${kernel%.elf}.bin"
    cp "$RISCV_OPENSBI_FW_DYNAMIC" "$firmware.tmp" &&
        truncate -s $((address - RISCV_QEMU_RAM_BASE)) "$firmware.tmp" &&
        mv "$firmware.tmp" "$firmware" &&
        llvm-objcopy -O binary "$kernel" "$image" || return 2
    echo "$firmware $image"
}

# qemu_machine KERNEL_ELF IMAGE: fill QEMU_ARGV with the machine; ci/qemu.sh
# adds the console and debug options of the mode. IMAGE is the initrd (the
# boot-module archive), or the disk with QEMU_BOOT=uboot.
qemu_machine() {
    local kernel=$1 image=$2 firmware=default boot boot_args
    if [ "${QEMU_BOOT:-}" = uboot ]; then
        if [ -n "${QEMU_KERNEL_ADDRESS:-}" ]; then
            echo "qemu-riscv64.sh: U-Boot chooses the load address; unset QEMU_KERNEL_ADDRESS" >&2
            return 2
        fi
        # shellcheck disable=SC2054 # the commas are QEMU's option syntax
        boot_args=(-kernel "$RISCV_UBOOT_SMODE"
            -drive "file=$image,format=raw,if=none,id=hd0" -device virtio-blk-device,drive=hd0)
    else
        if [ -n "${QEMU_KERNEL_ADDRESS:-}" ]; then
            boot=$(riscv_relocated_boot "$kernel" "$QEMU_KERNEL_ADDRESS") || return 2
            read -r firmware kernel <<<"$boot"
        fi
        boot_args=(-kernel "$kernel" -initrd "$image")
    fi
    QEMU_ARGV=(
        qemu-system-riscv64
        -M virt
        -m "${QEMU_MEMORY:-256M}"
        -bios "$firmware"
        "${boot_args[@]}"
        -no-reboot
    )
}

# qemu_exit_to_status RAW_EXIT_CODE: the status the guest gave
# hal_debug_exit, or "none". sifive_test exits QEMU with 0 for a pass and
# with the status (clamped to 1..255 by the HAL; 126 after a kernel panic)
# for a failure. timeout's 124 and deaths by signal (128 + n) are "none".
# The kernel never powers off through SBI while sifive_test exists, so a 0
# is a pass; QEMU's own startup errors (1) read as a failure.
qemu_exit_to_status() {
    local raw=$1
    if [ "$raw" -eq 124 ] || [ "$raw" -ge 128 ]; then
        echo none
    else
        echo "$raw"
    fi
}
