# KOITO system tests: the kernel boots KOITO init, which starts ULMM and
# the test programs of tests/system/koito (image koito-test). Every
# "test NAME: pass|FAIL" line counts once; init's closing line
# "koito: N passed, M failed" and guest status 0 must be there too, or a
# crash or hang is recorded. The `make run` image (koito), which boots to
# the shell, has its own suite (37-shell.sh).
# Sourced by tests/run.sh (record, $MAKE and $LOG_DIR come from there;
# record_test_lines from 30-system.sh).

koito_suite() { # koito_suite ARCH IMAGE_NAME
    local arch=$1 image=$2
    local log="$LOG_DIR/koito-$arch-$image.log" raw status
    QEMU_TIMEOUT=${KOITO_TIMEOUT:-180} bash ci/qemu.sh "$arch" test \
        "build/$arch/kernel.elf" "build/$arch/images/$image.img" >"$log" 2>&1
    raw=$?
    # shellcheck source=/dev/null
    status=$(. "ci/qemu-$arch.sh"; qemu_exit_to_status "$raw")
    record_test_lines "$log" "koito/$arch/$image"
    if ! grep -a -q -E '^koito: [0-9]+ passed, 0 failed' "$log" || [ "$status" != 0 ]; then
        tail -n 30 "$log"
        record fail "koito/$arch/$image/completed" "guest status $status (QEMU exit $raw)"
    fi
}

for arch in x86_64 riscv64; do
    if ! $MAKE ARCH=$arch kernel build/$arch/images/koito-test.img \
        >"$LOG_DIR/build-koito-$arch.log" 2>&1; then
        tail -n 40 "$LOG_DIR/build-koito-$arch.log"
        record fail "koito/build/$arch"
        continue
    fi
    koito_suite "$arch" koito-test
done
