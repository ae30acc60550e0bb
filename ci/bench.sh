#!/bin/bash
# `make bench`: boot the benchmark init under QEMU with instruction counting
# (-icount shift=0,sleep=off: the guest's rdtsc / rdinstret then advance by
# exactly one per retired instruction) and print the results as a table,
# followed by the kernel's size.
#   ci/bench.sh ARCH KERNEL_ELF BENCH_IMAGE
set -eu
cd "$(dirname "$0")/.."
arch=$1 kernel=$2 image=$3
log=$(dirname "$kernel")/bench.log

QEMU_EXTRA_ARGS="-icount shift=0,sleep=off" QEMU_TIMEOUT=600 \
    bash ci/qemu.sh "$arch" test "$kernel" "$image" >"$log" 2>&1 || true
if ! grep -q '^bench: done' "$log"; then
    echo "benchmark run did not finish; log: $log" >&2
    tail -n 20 "$log" >&2
    exit 1
fi

# ULMM's benchmarks run as a KOITO program in a second image (tests/bench/koito/).
koito_image=$(dirname "$image")/koito-bench.img
koito_log=$(dirname "$kernel")/bench-koito.log
if [ -f "$koito_image" ]; then
    QEMU_EXTRA_ARGS="-icount shift=0,sleep=off" QEMU_TIMEOUT=600 \
        bash ci/qemu.sh "$arch" test "$kernel" "$koito_image" >"$koito_log" 2>&1 || true
    grep -q '^koito: [0-9]* passed, 0 failed' "$koito_log" ||
        echo "KOITO benchmark run did not finish; log: $koito_log" >&2
fi

# The POSIX environment's benchmarks: the `make run` image with
# /test/posix-bench typed before the system is up (a newline first: the
# UART's set-up may drop the first byte), so that no idle time separates
# the first prompt from the command (docs/benchmarks.md).
run_image=$(dirname "$image")/koito.img
posix_log=$(dirname "$kernel")/bench-posix.log
if [ -f "$run_image" ]; then
    QEMU_EXTRA_ARGS="-icount shift=0,sleep=off" QEMU_TIMEOUT=600 QEMU_INPUT=$'\n/test/posix-bench\n' \
        QEMU_INPUT_DELAY=0 bash ci/qemu.sh "$arch" test "$kernel" "$run_image" >"$posix_log" 2>&1 || true
    grep -a -q '^bench: done' "$posix_log" ||
        echo "POSIX benchmark run did not finish; log: $posix_log" >&2
fi

overhead=$(sed -n 's/^bench: counter overhead \([0-9]*\).*/\1/p' "$log")
echo "A9N benchmarks, $arch, QEMU TCG -icount shift=0,sleep=off"
echo "instructions per operation; counter-read overhead ($overhead) already subtracted"
echo
printf '| %-40s | %8s | %8s | %8s | %7s |\n' benchmark median min max samples
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "----------" "----------" "----------" "---------"
cat "$log" $([ -f "$koito_image" ] && echo "$koito_log") $([ -f "$run_image" ] && echo "$posix_log") | grep -a '^bench: .*|' | sed 's/^bench: //; s/\r$//' |
    while IFS='|' read -r name median min max count; do
        printf '| %-40s | %8s | %8s | %8s | %7s |\n' "$name" "$median" "$min" "$max" "$count"
    done

# Wall time from QEMU's start to the first shell prompt, plain TCG (no
# -icount), best of three.
if [ -f "$run_image" ]; then
    best=""
    for _ in 1 2 3; do
        seconds=$(python3 - "$arch" "$kernel" "$run_image" <<'PROMPT'
import os, subprocess, sys, time
arch, kernel, image = sys.argv[1:]
env = dict(os.environ, QEMU_STDIN="1", QEMU_TIMEOUT="60")
start = time.monotonic()
qemu = subprocess.Popen(["bash", "ci/qemu.sh", arch, "test", kernel, image], env=env,
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
seen = b""
while b"koito:/$ " not in seen:
    data = os.read(qemu.stdout.fileno(), 4096)
    if not data:
        break
    seen += data
elapsed = time.monotonic() - start
qemu.stdin.write(b"poweroff\n")
qemu.stdin.flush()
qemu.wait()
print("%.2f" % elapsed if b"koito:/$ " in seen else "none")
PROMPT
)
        if [ "$seconds" != none ] && { [ -z "$best" ] || awk "BEGIN { exit !($seconds < $best) }"; }; then
            best=$seconds
        fi
    done
    echo
    echo "wall time from QEMU's start to the first shell prompt (TCG, no -icount, best of 3): ${best:-none} s"
fi

# Kernel size: the image's loaded bytes and the source lines behind it.
echo
sections=$(llvm-size -A "$kernel" | awk '$1 ~ /^\.(text|rodata|data|bss)/ { sum += $2 } END { print sum }')
# The invariant checker is only in the checked kernel (docs/checked-build.md).
kernel_sources=$(ls kernel/*.c kernel/*.h | grep -v -E 'kernel/(invariant|invariant_threads|checked)\.')
hal_sources=$(ls hal/include/*.h hal/"$arch"/*.c hal/"$arch"/*.h hal/"$arch"/*.asm hal/"$arch"/*.S 2>/dev/null || true)
kernel_lines=$(cat $kernel_sources | wc -l)
hal_lines=$(cat $hal_sources | wc -l)
echo "kernel image: $sections bytes loaded (text+rodata+data+bss)"
echo "source lines: kernel/ $kernel_lines + hal ($arch + interface) $hal_lines = $((kernel_lines + hal_lines))"
