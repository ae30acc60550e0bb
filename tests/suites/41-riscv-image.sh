# The riscv64 board image booted the board's way: OpenSBI starts Debian's
# S-mode U-Boot, whose autoboot finds boot.scr on a virtio disk and booti's
# the kernel with the boot tests as the module archive. Sourced by
# tests/run.sh after 30-system.sh, whose system_test it reuses.

riscv_image_test() {
    local name=system/riscv64/uboot-disk-image
    local disk=build/riscv64/riscv64-disk-boot-test.img
    local expect="$LOG_DIR/riscv64-uboot-disk-image.expect"
    # Its own disk name: the default riscv64-disk.img holds the run image and
    # the release kernel; the boot tests print through the Debug capability.
    if ! $MAKE ARCH=riscv64 riscv-image RISCV_IMAGE_MODULES=build/riscv64/images/boot-test.img \
        RISCV_IMAGE_ELF=build/riscv64/kernel.elf RISCV_IMAGE_DISK=$disk >"$LOG_DIR/build-riscv64-image.log" 2>&1; then
        tail -n 40 "$LOG_DIR/build-riscv64-image.log"
        record fail "$name" "make riscv-image failed"
        return
    fi
    # U-Boot's lines first: the kernel must have come through boot.scr and booti.
    {
        printf '%s\n' '^U-Boot 20' 'Found U-Boot script /boot\.scr' \
            'A9N: loading Image and modules\.img from virtio 0:1' '^Starting kernel'
        cat tests/system/boot/boot-test.expect
    } >"$expect"
    # 2 s of it is U-Boot's autoboot delay; the whole boot takes about 2.3 s under TCG.
    system_test riscv64 uboot-disk-image "$disk" "$expect" QEMU_BOOT=uboot QEMU_TIMEOUT=60
}

riscv_image_test
