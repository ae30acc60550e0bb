# x86_64 QEMU command line, sourced by ci/qemu.sh.
# microvm boots the kernel ELF directly through its PVH note (~0.1 s under
# TCG); the boot-module archive is the PVH module (-initrd). `-cpu max` is
# every feature TCG emulates: syscall, NX, 1 GiB pages, SMEP, SMAP, UMIP.
# Environment: QEMU_MEMORY (default 256M), QEMU_EXTRA_ARGS (appended, split
# on spaces, e.g. "-icount shift=0,sleep=off").

# qemu_command MODE KERNEL_ELF INITRD_IMAGE: fill QEMU_ARGV.
qemu_command() {
    local mode=$1 kernel=$2 initrd=$3
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
    case $mode in
    run | debug) QEMU_ARGV+=(-nographic) ;;
    test) QEMU_ARGV+=(-display none -monitor none -serial stdio) ;;
    *)
        echo "qemu-x86_64.sh: unknown mode $mode" >&2
        return 2
        ;;
    esac
    [ "$mode" != debug ] || QEMU_ARGV+=(-s -S)
    # shellcheck disable=SC2206
    [ -z "${QEMU_EXTRA_ARGS:-}" ] || QEMU_ARGV+=(${QEMU_EXTRA_ARGS})
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
