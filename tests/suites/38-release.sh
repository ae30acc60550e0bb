# The release kernel (DEBUG=0: no Debug capability, docs/abi.md section 16),
# the one `make run` uses, built at least once per architecture: it boots
# the koito image to the shell prompt. Init holds no Debug capability
# there, so its own lines ("koito: init starting ULMM") must not appear:
# the capability really is compiled out. QEMU is stopped at the prompt
# (a release kernel cannot stop the machine for a test).
# Sourced by tests/run.sh (record, $MAKE and $LOG_DIR come from there).

release_suite() { # release_suite ARCH
    local arch=$1 prefix="release/$arch" log="$LOG_DIR/release-$arch.log" pid
    QEMU_TIMEOUT=${RELEASE_TIMEOUT:-60} bash ci/qemu.sh "$arch" test \
        "build/$arch/release/kernel.elf" "build/$arch/images/koito.img" >"$log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null && ! grep -a -q 'koito:/\$ ' "$log"; do
        sleep 0.2
    done
    kill "$pid" 2>/dev/null # timeout passes the signal on to QEMU
    wait "$pid" 2>/dev/null
    if grep -a -q 'koito:/\$ ' "$log"; then
        record pass "$prefix/boots_to_the_shell_prompt"
    else
        tail -n 20 "$log"
        record fail "$prefix/boots_to_the_shell_prompt"
    fi
    if grep -a -q -F 'koito: init starting ULMM' "$log"; then
        record fail "$prefix/init_prints_nothing_without_the_debug_capability"
    else
        record pass "$prefix/init_prints_nothing_without_the_debug_capability"
    fi
}

for arch in x86_64 riscv64; do
    if ! $MAKE ARCH=$arch build/$arch/release/kernel.elf build/$arch/images/koito.img \
        >"$LOG_DIR/build-release-$arch.log" 2>&1; then
        tail -n 40 "$LOG_DIR/build-release-$arch.log"
        record fail "release/build/$arch"
        continue
    fi
    release_suite "$arch"
done
