# The console driver's system test: image console-test boots init, ULMM,
# the driver (koito/console) as the "console" service and
# tests/system/console/peer.c as the "posix" service, which sends output
# requests and receives what the harness types. Every "test NAME:" line
# counts; so do the peer's closing line (as many results as tests run),
# guest status 0 (the peer powers off through init), the output lines
# whole in the console log and nothing of a refused request in it.
# Twice per architecture: input typed before the driver runs (it waits in
# the receiver) and long after it waits for its interrupt.
# Sourced by tests/run.sh (record, $MAKE and $LOG_DIR come from there;
# record_test_lines from 30-system.sh).

# The peer's CONSOLE_TEST_INPUT and REFUSED_MARKER (tests/system/console/peer.c).
CONSOLE_TEST_INPUT='koito-console-input:0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-the-end.'
CONSOLE_REFUSED_MARKER='REFUSED!'

# console_pattern_line HEAD LENGTH ALPHABET: HEAD, then byte i (from HEAD's
# length to LENGTH - 2) = ALPHABET[i % its length], then a newline: the
# peer's long lines.
console_pattern_line() {
    local head=$1 length=$2 alphabet=$3 repeated=""
    while [ ${#repeated} -lt $((length + ${#alphabet})) ]; do repeated+=$alphabet; done
    printf '%s%s\n' "$head" \
        "${repeated:$((${#head} % ${#alphabet})):$((length - 1 - ${#head}))}"
}

console_suite() { # console_suite ARCH NAME INPUT_DELAY
    local arch=$1 name=$2 delay=$3
    local log="$LOG_DIR/console-$arch-$name.log" raw status prefix="console/$arch/$name"
    QEMU_TIMEOUT=${CONSOLE_TIMEOUT:-120} QEMU_INPUT="$CONSOLE_TEST_INPUT" \
        QEMU_INPUT_DELAY=$delay bash ci/qemu.sh "$arch" test \
        "build/$arch/kernel.elf" "build/$arch/images/console-test.img" >"$log" 2>&1
    raw=$?
    # shellcheck source=/dev/null
    status=$(. "ci/qemu-$arch.sh"; qemu_exit_to_status "$raw")
    record_test_lines "$log" "$prefix"

    local ran lines
    ran=$(sed -n -E 's/^console test: ([0-9]+) tests run.*/\1/p' "$log" | tail -n 1)
    lines=$(grep -a -c -E '^test console_[A-Za-z0-9_]+: ' "$log")
    if [ -z "$ran" ] || [ "$ran" != "$lines" ] || [ "$status" != 0 ]; then
        tail -n 30 "$log"
        record fail "$prefix/completed" \
            "${ran:-no} tests run, $lines result lines, guest status $status (QEMU exit $raw)"
    else
        record pass "$prefix/completed"
    fi

    local clean="$log.lines" missing=""
    tr -d '\r' <"$log" >"$clean"
    grep -a -q -x -F 'console: written through the driver' "$clean" || missing+=" short"
    grep -a -q -x -F "$(console_pattern_line 'console long: ' 300 abcdefghijklmnopqrstuvwxyz)" "$clean" ||
        missing+=" long"
    grep -a -q -x -F "$(console_pattern_line 'console max: ' 2008 0123456789)" "$clean" ||
        missing+=" largest"
    if [ -n "$missing" ]; then
        record fail "$prefix/output_printed_whole" "missing or broken:$missing"
    else
        record pass "$prefix/output_printed_whole"
    fi
    if grep -a -q -F "$CONSOLE_REFUSED_MARKER" "$clean"; then
        record fail "$prefix/refused_output_not_printed" "$CONSOLE_REFUSED_MARKER in the log"
    else
        record pass "$prefix/refused_output_not_printed"
    fi
    rm -f "$clean"
}

for arch in x86_64 riscv64; do
    if ! $MAKE ARCH=$arch kernel build/$arch/images/console-test.img \
        >"$LOG_DIR/build-console-$arch.log" 2>&1; then
        tail -n 40 "$LOG_DIR/build-console-$arch.log"
        record fail "console/build/$arch"
        continue
    fi
    # ci/qemu.sh's default: typed about 1 s in, before the driver has started.
    console_suite "$arch" early-input 1
    # Long after the driver waits for its interrupt (it runs within ~5 s on both).
    console_suite "$arch" late-input "${CONSOLE_LATE_INPUT_DELAY:-10}"
done
