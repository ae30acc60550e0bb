# Sourced by tests/run.sh: a bounded run of the capability-core fuzzer
# (tests/fuzz/, about 30 seconds from the seed corpus). One pass or fail.
fuzz_check() {
    local log="$LOG_DIR/fuzz-check.log"
    if $MAKE fuzz-check >"$log" 2>&1; then
        record pass fuzz-check
    else
        tail -40 "$log"
        record fail fuzz-check "see $log"
    fi
}
fuzz_check
