#!/bin/bash
# Host smoke test of the KOITO shell and /bin programs, run by hand (not
# part of `make test`): builds them with the host's libc into
# /tmp/koito-smoke, with tests/host/shell/fake_system.c standing in for
# KOITO's process list, memory statistics and power off, feeds
# smoke.session to `sh -i -v` (prompt and echoed input, as on the console)
# and compares everything it prints with smoke.expected.
#   bash tests/host/shell/smoke.sh [--update]
set -euo pipefail
cd "$(dirname "$0")/../../.."
here=tests/host/shell
out=/tmp/koito-smoke
rm -rf "$out"
mkdir -p "$out/bin" "$out/work"

cflags=(-std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O1 -g -Ikoito/include)
clang "${cflags[@]}" -o "$out/bin/sh" koito/shell/*.c "$here/fake_system.c"
for source in koito/bin/*.c; do
    clang "${cflags[@]}" -o "$out/bin/$(basename "$source" .c)" "$source" "$here/fake_system.c" -lm
done

# Lines the session file cannot hold readably.
overlong="echo $(printf 'x%.0s' $(seq 1100))"
sixty_five="echo$(printf ' a%.0s' $(seq 65))"
sed -e "s/^@OVERLONG_LINE@\$/$overlong/" -e "s/^@SIXTY_FIVE_ARGUMENTS@\$/$sixty_five/" \
    "$here/smoke.session" > "$out/session"

# A bounded address space, so that `crash oom` sees malloc fail instead of the host's OOM killer.
status=0
(cd "$out/work" && ulimit -v 262144 &&
    env -i PATH="$out/bin" HOME="$out/work" "$out/bin/sh" -i -v < "$out/session" > "$out/transcript" 2>&1) ||
    status=$?
echo "shell exit status $status" >> "$out/transcript"
# How much memory the host lets `crash oom` have is not the shell's business.
sed -i "s/malloc failed after .* MiB/malloc failed after N MiB/" "$out/transcript"

# Ctrl-D (end of input) at an empty prompt ends an interactive shell with status 0.
(cd "$out/work" && printf 'false\n' | env -i PATH="$out/bin" "$out/bin/sh" -i > /dev/null) ||
    { echo "smoke: end of input did not end the shell with status 0"; exit 1; }

if [ "${1:-}" = --update ]; then
    cp "$out/transcript" "$here/smoke.expected"
    echo "smoke: $here/smoke.expected updated"
elif diff -u "$here/smoke.expected" "$out/transcript"; then
    echo "smoke: pass"
else
    echo "smoke: FAIL (transcript in $out/transcript)"
    exit 1
fi
