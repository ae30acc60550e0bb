# The system suite once more on the checked kernel (docs/checked-build.md):
# the invariant checker at every kernel entry and exit, the fuzzer with
# fewer calls. Sourced by tests/run.sh after 30-system.sh (system_suite).

for arch in x86_64 riscv64; do
    # The suite's image only: the checked build needs no C library.
    if ! $MAKE ARCH=$arch CHECKED=1 kernel "build/$arch-checked/images/system-test.img" \
        >"$LOG_DIR/build-$arch-checked.log" 2>&1; then
        tail -n 40 "$LOG_DIR/build-$arch-checked.log"
        record fail "build/$arch-checked"
        continue
    fi
    SUITE_BUILD=build/$arch-checked SUITE_NAME=checked SUITE_TIMEOUT=1200 \
        system_suite $arch QEMU_INPUT=K
done
