#!/bin/bash
# Check the RISC-V Linux image header (hal/riscv64/entry.S) at the start of
# a raw kernel Image before it is packaged: U-Boot's booti trusts these
# fields, and a wrong one shows up only as a board that never prints.
#   loader/riscv/check-image.sh IMAGE
set -eu
image=$1

# field OFFSET BYTES: the little-endian unsigned value there.
field() { od -An -t "u$2" -j "$1" -N "$2" "$image" | tr -d ' '; }
fail() { echo "check-image.sh: $image: $*" >&2; exit 1; }

code0=$(field 0 4) code1=$(field 4 4) text_offset=$(field 8 8)
image_size=$(field 16 8) flags=$(field 24 8) version=$(field 32 4)
magics=$(od -An -t x1 -j 48 -N 12 "$image" | tr -s ' \n' ' ')
file_size=$(stat -c %s "$image")

# code0 is where booti jumps: a jal with rd = x0 (opcode 0x6f, rd bits zero).
[ $((code0 & 0xfff)) -eq $((0x6f)) ] || fail "code0 $code0 is not a jump"
[ "$code1" -eq $((0x13)) ] || fail "code1 $code1 is not a nop"
# The early boot maps the kernel with megapages: booti's RAM base + text_offset must stay 2 MiB aligned.
if [ "$text_offset" -eq 0 ] || [ $((text_offset % 0x200000)) -ne 0 ]; then
    fail "text_offset $text_offset is not a non-zero multiple of 2 MiB"
fi
# booti copies and reserves image_size bytes: it must cover the file and .bss.
[ "$image_size" -ge "$file_size" ] || fail "image_size $image_size is smaller than the file ($file_size)"
[ "$flags" -eq 0 ] || fail "flags $flags: bit 0 would say big endian"
[ "$version" -ge 2 ] || fail "header version $version predates magic2 (0.2)"
[ "$magics" = " 52 49 53 43 56 00 00 00 52 53 43 05 " ] ||
    fail "magic/magic2 are not \"RISCV\\0\\0\\0\" and \"RSC\\x05\" (got$magics)"
