# UEFI boot tests (x86_64): a GPT disk image built like `make image`,
# booted by OVMF under TCG from its EFI system partition. An OVMF run takes
# seconds, so there are only two: the boot tests' modules booted to user
# mode, and a missing boot module that the loader must report before it
# returns to the firmware. Sourced by tests/run.sh after 30-system.sh
# (record, $MAKE, $LOG_DIR, expect_in_order).

UEFI_OVMF_CODE=/usr/share/OVMF/OVMF_CODE.fd
UEFI_OVMF_VARS=/usr/share/OVMF/OVMF_VARS.fd
UEFI_TIMEOUT=60

# uefi_boot DISK LOG [STOP_PATTERN]: boot DISK in QEMU q35 with OVMF (fresh
# variables), serial to LOG, no stdin, under a timeout; stop QEMU as soon
# as STOP_PATTERN shows up in LOG. Returns QEMU's exit status.
uefi_boot() {
    local disk=$1 log=$2 stop=${3:-} vars pid status
    vars=$(mktemp)
    cp "$UEFI_OVMF_VARS" "$vars"
    timeout "$UEFI_TIMEOUT" qemu-system-x86_64 -M q35 -cpu max -m 256M -net none \
        -drive if=pflash,format=raw,unit=0,readonly=on,file="$UEFI_OVMF_CODE" \
        -drive if=pflash,format=raw,unit=1,file="$vars" \
        -drive format=raw,snapshot=on,file="$disk" \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot \
        -display none -monitor none -serial stdio </dev/null >"$log" 2>&1 &
    pid=$!
    while [ -n "$stop" ] && kill -0 "$pid" 2>/dev/null; do
        if grep -q -- "$stop" "$log"; then
            kill "$pid" # timeout passes the signal on to QEMU
            break
        fi
        sleep 0.2
    done
    wait "$pid"
    status=$?
    rm -f "$vars"
    return $status
}

# uefi_boot_checked DISK LOG [STOP_PATTERN]: uefi_boot, run a second time
# when the firmware never reached its boot manager (no "BdsDxe" line) or hit
# the timeout. Under heavy host load OVMF under TCG has been seen to produce
# no output at all or to stall before the boot manager; that says nothing
# about the loader, whose own lines the checks below still require.
uefi_boot_checked() {
    local status
    uefi_boot "$@"
    status=$?
    if [ "$status" = 124 ] || ! grep -q "BdsDxe" "$2"; then
        echo "$(basename "$2" .log): OVMF did not reach its boot manager (status $status), retrying once"
        uefi_boot "$@"
        status=$?
    fi
    return $status
}

uefi_tests() {
    local disk=build/x86_64/uefi-boot-test.img log raw status start
    if ! $MAKE ARCH=x86_64 "$disk" >"$LOG_DIR/build-uefi.log" 2>&1; then
        tail -n 40 "$LOG_DIR/build-uefi.log"
        record fail build/uefi
        return
    fi

    log=$LOG_DIR/uefi-boot.log
    start=$(date +%s%N)
    uefi_boot_checked "$disk" "$log"
    raw=$?
    echo "uefi/boot: $((($(date +%s%N) - start) / 1000000)) ms in OVMF"
    # shellcheck source=/dev/null
    status=$(. ci/qemu-x86_64.sh; qemu_exit_to_status "$raw")
    if [ "$status" != 0 ]; then
        tail -n 30 "$log"
        record fail uefi/boot "guest status $status (QEMU exit $raw)"
    elif ! grep -q "^A9N loader: kernel .* boot modules" "$log"; then
        tail -n 30 "$log"
        record fail uefi/boot "the loader did not report the kernel"
    elif ! detail=$(expect_in_order "$log" tests/system/boot/boot-test.expect); then
        tail -n 30 "$log"
        record fail uefi/boot "$detail"
    else
        record pass uefi/boot
    fi

    # The configuration names a module the partition no longer has.
    local broken=build/x86_64/uefi-missing-module.img
    cp "$disk" "$broken"
    MTOOLS_SKIP_CHECK=1 mdel -i "$broken@@1M" ::/A9N/MODULES/boot-test
    log=$LOG_DIR/uefi-missing-module.log
    uefi_boot_checked "$broken" "$log" "BdsDxe: failed to start"
    if ! grep -q "A9N loader: boot module boot-test is missing" "$log" ||
        ! grep -q "A9N loader: boot failed, returning to the firmware" "$log"; then
        tail -n 30 "$log"
        record fail uefi/missing-module "no loader error line"
    elif grep -q "A9N microkernel" "$log"; then
        tail -n 30 "$log"
        record fail uefi/missing-module "the kernel started anyway"
    elif ! grep -A3 "returning to the firmware" "$log" | grep -q "BdsDxe: failed to start"; then
        tail -n 30 "$log"
        record fail uefi/missing-module "the firmware did not take over again"
    else
        record pass uefi/missing-module
    fi
    rm -f "$broken"
}

uefi_tests
