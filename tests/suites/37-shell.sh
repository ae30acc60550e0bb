# The shell transcript test: the `make run` image (koito) boots to the
# shell, and tests/shell/drive.py types tests/shell/session.txt at its
# prompts through the serial console (QEMU's stdin). The console output
# must equal tests/shell/expected.txt, the same file for both
# architectures; ULMM's free bytes must be the same before and after
# (the `free # before` and `free # after` lines); the session ends with
# `poweroff`, so the guest must stop with success. Every
# "test libc_NAME:" line of /test/libc-test counts too.
# Sourced by tests/run.sh (record, $MAKE and $LOG_DIR come from there;
# record_test_lines from 30-system.sh).

shell_suite() { # shell_suite ARCH
    local arch=$1 prefix="shell/$arch"
    local log="$LOG_DIR/shell-$arch.log" transcript="$LOG_DIR/shell-$arch.transcript"
    QEMU_STDIN=1 QEMU_TIMEOUT=${SHELL_TIMEOUT:-300} \
        python3 tests/shell/drive.py tests/shell/session.txt tests/shell/expected.txt \
        "$transcript" -- bash ci/qemu.sh "$arch" test "build/$arch/kernel.elf" \
        "build/$arch/images/koito.img" >"$log" 2>&1
    local driven=$? raw status
    raw=$(sed -n 's/^qemu exit status: \([0-9]*\)$/\1/p' "$log")
    # shellcheck source=/dev/null
    status=$(. "ci/qemu-$arch.sh"; qemu_exit_to_status "${raw:-255}")
    record_test_lines "$transcript" "$prefix"
    if [ "$driven" != 0 ]; then
        cat "$log"
        diff tests/shell/expected.txt "$transcript" | head -n 40
        record fail "$prefix/transcript"
    else
        record pass "$prefix/transcript"
    fi
    if [ "$status" != 0 ]; then
        record fail "$prefix/poweroff" "guest status $status (QEMU exit ${raw:-none})"
    else
        record pass "$prefix/poweroff"
    fi
}

for arch in x86_64 riscv64; do
    if ! $MAKE ARCH=$arch kernel build/$arch/images/koito.img \
        >"$LOG_DIR/build-shell-$arch.log" 2>&1; then
        tail -n 40 "$LOG_DIR/build-shell-$arch.log"
        record fail "shell/build/$arch"
        continue
    fi
    shell_suite "$arch"
done
