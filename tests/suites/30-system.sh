# System tests: boot images in QEMU on both architectures and check the
# guest's exit status and the expected console lines, in order.
# Sourced by tests/run.sh (record, $MAKE and $LOG_DIR come from there).

# expect_in_order LOG EXPECT_FILE: every pattern matches a later line than the previous one.
expect_in_order() {
    local log=$1 expect=$2 line=0 pattern found
    while IFS= read -r pattern; do
        [ -n "$pattern" ] || continue
        found=$(tail -n +$((line + 1)) "$log" | grep -n -E -m1 -- "$pattern" | cut -d: -f1)
        if [ -z "$found" ]; then
            echo "missing (in order): $pattern"
            return 1
        fi
        line=$((line + found))
    done <"$expect"
}

# system_test ARCH NAME IMAGE EXPECT_FILE [VAR=VALUE...]: the variables
# reach ci/qemu-<arch>.sh (e.g. QEMU_MEMORY).
system_test() {
    local arch=$1 name=$2 image=$3 expect=$4
    shift 4
    local log="$LOG_DIR/system-$arch-$name.log" raw status
    env "$@" bash ci/qemu.sh "$arch" test "build/$arch/kernel.elf" "$image" >"$log" 2>&1
    raw=$?
    # shellcheck source=/dev/null
    status=$(. "ci/qemu-$arch.sh"; qemu_exit_to_status "$raw")
    if [ "$status" != 0 ]; then
        tail -n 30 "$log"
        record fail "system/$arch/$name" "guest status $status (QEMU exit $raw)"
    elif ! detail=$(expect_in_order "$log" "$expect"); then
        tail -n 30 "$log"
        record fail "system/$arch/$name" "$detail"
    else
        record pass "system/$arch/$name"
    fi
}

# record_test_lines LOG PREFIX: every "test NAME: pass" / "test NAME: FAIL
# ..." line a test init printed counts as one test, PREFIX/NAME. Shared by
# the system suite and the KOITO suite (35-koito.sh).
record_test_lines() {
    local log=$1 prefix=$2 line name result
    while IFS= read -r line; do
        line=${line%$'\r'}
        name=${line#test }
        name=${name%%:*}
        result=${line#test "$name": }
        if [ "$result" = pass ]; then
            record pass "$prefix/$name"
        else
            record fail "$prefix/$name" "$result"
        fi
    done < <(grep -a -E '^test [A-Za-z0-9_@.-]+: ' "$log")
}

# system_suite ARCH [VAR=VALUE...]: boot the test init; every "test NAME:"
# line it prints counts as one test. A crash or hang shows up as a missing
# summary line. SUITE_BUILD (default build/ARCH) is the build booted,
# SUITE_NAME (default system) names its results and log.
system_suite() {
    local arch=$1
    shift
    local build=${SUITE_BUILD:-build/$arch} name=${SUITE_NAME:-system}
    local log="$LOG_DIR/$name-$arch-suite.log" raw status
    env "$@" QEMU_TIMEOUT=${SUITE_TIMEOUT:-240} bash ci/qemu.sh "$arch" test \
        "$build/kernel.elf" "$build/images/system-test.img" >"$log" 2>&1
    raw=$?
    # shellcheck source=/dev/null
    status=$(. "ci/qemu-$arch.sh"; qemu_exit_to_status "$raw")
    record_test_lines "$log" "$name/$arch"
    if ! grep -a -q -E '^system tests: [0-9]+ passed, [0-9]+ failed' "$log" || [ "$status" = none ]; then
        tail -n 30 "$log"
        record fail "$name/$arch/suite-completed" "guest status $status (QEMU exit $raw)"
        return
    fi
    # Every test the guest ran has its result line (console output from the
    # kernel inside a line would hide a test from the count above).
    local ran lines
    ran=$(sed -n -E 's/^system tests: ([0-9]+) passed, ([0-9]+) failed.*/\1 + \2/p' "$log" | tail -n 1)
    ran=$((ran))
    lines=$(grep -a -c -E '^test [A-Za-z0-9_@.-]+: ' "$log")
    if [ "$lines" != "$ran" ]; then
        record fail "$name/$arch/every-result-reported" "the guest ran $ran tests, $lines result lines"
    fi
    # Output the kernel refused (tests/system/suite/debug/debug.c) never reaches the console.
    if grep -a -q -F 'DEBUG-REFUSED!' "$log"; then
        record fail "system/$arch/refused_debug_output_not_printed" "DEBUG-REFUSED! in the log"
    else
        record pass "system/$arch/refused_debug_output_not_printed"
    fi
}

for arch in x86_64 riscv64; do
    if ! $MAKE ARCH=$arch kernel images >"$LOG_DIR/build-$arch.log" 2>&1; then
        tail -n 40 "$LOG_DIR/build-$arch.log"
        record fail "build/$arch"
        continue
    fi
    system_test $arch boot build/$arch/images/boot-test.img tests/system/boot/boot-test.expect
    # The UART test (tests/system/suite/interrupt/uart.c) waits for this byte on the console.
    system_suite $arch QEMU_INPUT=K
done

# Memory sizes that move the firmware's tables and free memory around: on
# riscv64 the device tree lands elsewhere, on x86_64 RAM crosses 4 GiB.
for memory in 128M 1G 3G; do
    [ -f build/riscv64/kernel.elf ] &&
        system_test riscv64 "boot-memory-$memory" build/riscv64/images/boot-test.img \
            tests/system/boot/boot-test.expect QEMU_MEMORY=$memory
done
# The riscv64 early boot is position independent (RAM starts at 0x40000000
# on a VisionFive 2): load the raw kernel at other 2 MiB-aligned addresses.
for address in 0x80400000 0x90000000; do
    [ -f build/riscv64/kernel.elf ] &&
        system_test riscv64 "boot-load-address-$address" build/riscv64/images/boot-test.img \
            tests/system/boot/boot-test.expect QEMU_KERNEL_ADDRESS=$address QEMU_MEMORY=1G
done
for memory in 64M 6G; do
    [ -f build/x86_64/kernel.elf ] &&
        system_test x86_64 "boot-memory-$memory" build/x86_64/images/boot-test.img \
            tests/system/boot/boot-test.expect QEMU_MEMORY=$memory
done
