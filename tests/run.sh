#!/bin/bash
# Runs every test suite: host unit tests (cmocka), the bounded fuzz run and
# the QEMU system tests on both architectures. Each suite adds its counts to
# the tally; the last line is "N passed, N failed" and the exit status is 0
# only when nothing failed.
set -u
cd "$(dirname "$0")/.."

PASSED=0
FAILED=0
MAKE="make --no-print-directory -j$(nproc)"
LOG_DIR=build/test-logs
mkdir -p "$LOG_DIR"

record() { # record pass|fail NAME [DETAIL]
    if [ "$1" = pass ]; then
        PASSED=$((PASSED + 1)); echo "PASS $2"
    else
        FAILED=$((FAILED + 1)); echo "FAIL $2${3:+: $3}"
    fi
}

# ---- host unit tests: every cmocka case counts once ------------------------
# The binaries are built with ASan and UBSan (HOST_SANITIZE in the Makefile):
# a report ends the binary with status 1, counted as a failure below. Stack
# traces for UBSan's reports; leak checking explicit (it is ASan's default).
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
host_tests() {
    if ! $MAKE host-tests >"$LOG_DIR/host-build.log" 2>&1; then
        cat "$LOG_DIR/host-build.log"
        record fail host-tests-build
        return
    fi
    local binary log ran failed
    for binary in build/host/tests/*; do
        [ -x "$binary" ] || continue
        log="$LOG_DIR/host-$(basename "$binary").log"
        timeout 300 "$binary" >"$log" 2>&1
        local status=$?
        ran=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' "$log" | tail -1)
        failed=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s).*/\1/p' "$log" | tail -1)
        ran=${ran:-0}; failed=${failed:-0}
        # A sanitizer report: no summary line (the binary ended inside a
        # case) or, for a leak found at exit, a clean summary and status 1.
        if [ "$ran" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
            cat "$log"
            local detail="exit status $status, $ran cases ran"
            grep -a -q -E 'ERROR: [A-Za-z]+Sanitizer|runtime error:' "$log" &&
                detail="$detail, sanitizer report"
            record fail "host/$(basename "$binary")" "$detail"
            continue
        fi
        PASSED=$((PASSED + ran - failed))
        FAILED=$((FAILED + failed))
        echo "host/$(basename "$binary"): $((ran - failed)) passed, $failed failed"
        [ "$failed" -eq 0 ] || grep -E '^\[  (FAILED|ERROR)|Failure|error' "$log"
    done
}

host_tests
for suite in tests/suites/*.sh; do
    [ -f "$suite" ] || continue
    # shellcheck source=/dev/null
    . "$suite"
done

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
