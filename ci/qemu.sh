#!/bin/bash
# Boot a kernel and a boot-module archive in QEMU.
#   ci/qemu.sh ARCH run|debug|test KERNEL_ELF IMAGE
# The per-arch machines live in ci/qemu-<arch>.sh; the console and debug
# options of each mode are the same everywhere and are added here.
# QEMU_EXTRA_ARGS is appended, split on spaces (e.g. "-icount shift=0,sleep=off").
# Test mode reads no input, unless QEMU_INPUT is set: then those bytes reach
# the guest's serial console QEMU_INPUT_DELAY seconds (default 1) after
# QEMU starts, late enough that the kernel's UART set-up cannot drop them
# (a driver that starts later finds them waiting in the receiver). With
# QEMU_STDIN=1 the serial console reads this script's standard input (a
# test driver typing into the shell, tests/shell/drive.py).
set -eu
cd "$(dirname "$0")/.."
arch=$1 mode=$2 kernel=$3 image=$4
# shellcheck source=/dev/null
. "ci/qemu-$arch.sh"
qemu_machine "$kernel" "$image"

case $mode in
run | debug) QEMU_ARGV+=(-nographic) ;;
test) QEMU_ARGV+=(-display none -monitor none -serial stdio) ;;
esac
[ "$mode" != debug ] || QEMU_ARGV+=(-s -S)
# shellcheck disable=SC2206
[ -z "${QEMU_EXTRA_ARGS:-}" ] || QEMU_ARGV+=(${QEMU_EXTRA_ARGS})

case $mode in
run)
    # Quitting QEMU (Ctrl-A X) and the guest powering off with success both
    # end `make run` with 0; a guest failure status is passed on.
    echo "Booting $arch in QEMU (quit: Ctrl-A then X)" >&2
    set +e
    "${QEMU_ARGV[@]}"
    raw=$?
    set -e
    status=$(qemu_exit_to_status "$raw")
    case $status in
    none | 0) exit 0 ;;
    *)
        echo "QEMU: the guest stopped with status $status" >&2
        exit "$status"
        ;;
    esac
    ;;
debug)
    echo "QEMU is paused with a GDB stub on localhost:1234. In another terminal:" >&2
    echo "  gdb-multiarch $kernel -ex 'target remote localhost:1234'" >&2
    exec "${QEMU_ARGV[@]}"
    ;;
test)
    if [ -n "${QEMU_STDIN:-}" ]; then
        exec timeout --foreground "${QEMU_TIMEOUT:-60}" "${QEMU_ARGV[@]}"
    fi
    if [ -n "${QEMU_INPUT:-}" ]; then
        exec timeout --foreground "${QEMU_TIMEOUT:-60}" "${QEMU_ARGV[@]}" \
            < <({ sleep "${QEMU_INPUT_DELAY:-1}"; printf '%s' "$QEMU_INPUT"; } 2>/dev/null)
    fi
    exec timeout --foreground "${QEMU_TIMEOUT:-60}" "${QEMU_ARGV[@]}" </dev/null
    ;;
*)
    echo "ci/qemu.sh: unknown mode $mode" >&2
    exit 2
    ;;
esac
