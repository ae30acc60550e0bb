# x86_64 QEMU command line, sourced by ci/qemu.sh.
# microvm boots the kernel ELF directly through its PVH note (~0.1 s under
# TCG); the boot-module archive is the PVH module (-initrd). `-cpu max` is
# every feature TCG emulates: syscall, NX, 1 GiB pages, SMEP, SMAP, UMIP.
# Environment: QEMU_MEMORY (default 256M).

# qemu_machine KERNEL_ELF INITRD_IMAGE: fill QEMU_ARGV with the machine;
# ci/qemu.sh adds the console and debug options of the mode.
qemu_machine() {
    local kernel=$1 initrd=$2
    QEMU_ARGV=(
        qemu-system-x86_64
        -M microvm,pit=on,pic=off,rtc=off,auto-kernel-cmdline=off
        -cpu max
        -m "${QEMU_MEMORY:-256M}"
        -kernel "$kernel"
        -initrd "$initrd"
        -device isa-debug-exit,iobase=0xf4,iosize=0x04
        -no-reboot
    )
}

# qemu_exit_to_status RAW_EXIT_CODE: the status the guest gave
# hal_debug_exit, or "none". isa-debug-exit makes QEMU exit with
# (status << 1) | 1; QEMU's own exits (quit, triple fault with -no-reboot,
# timeout's 124) are even.
qemu_exit_to_status() {
    local raw=$1
    if [ $((raw & 1)) -eq 1 ]; then
        echo $((raw >> 1))
    else
        echo none
    fi
}
