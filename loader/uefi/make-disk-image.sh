#!/bin/bash
# Build a raw disk image with a GPT and one FAT32 EFI system partition
# holding the UEFI loader, its configuration, the kernel and the boot
# modules. No root, no loop devices: sgdisk partitions the image file and
# mtools formats and fills the partition at its byte offset.
#   loader/uefi/make-disk-image.sh OUTPUT BOOTX64.EFI KERNEL_ELF [NAME=FILE...]
# Modules are loaded and reported in the order given.
set -eu

if [ $# -lt 3 ]; then
    echo "usage: $0 OUTPUT BOOTX64.EFI KERNEL_ELF [NAME=FILE...]" >&2
    exit 2
fi
output=$1 loader=$2 kernel=$3
shift 3

SECTOR=512
# The partition starts at 1 MiB, the alignment every flash medium likes.
PARTITION_START=2048
# FAT32 needs at least 65525 clusters; one-sector clusters on 64 MiB give
# about 128k, and UEFI firmware is only required to read FAT32 on disks.
MINIMUM_MIB=64

bytes=$(stat -c %s "$loader" "$kernel" | awk '{ s += $1 } END { print s }')
for module in "$@"; do
    name=${module%%=*} file=${module#*=}
    if ! [[ $name =~ ^[A-Za-z0-9_.-]{1,47}$ ]]; then
        echo "$0: bad module name '$name' (letters, digits, _ . - and at most 47)" >&2
        exit 2
    fi
    bytes=$((bytes + $(stat -c %s "$file")))
done
size_mib=$(((bytes >> 20) + 16))
[ "$size_mib" -ge "$MINIMUM_MIB" ] || size_mib=$MINIMUM_MIB

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
disk=$work/disk.img
truncate -s "${size_mib}M" "$disk"

# Fixed GUIDs keep the image reproducible.
sgdisk --clear \
    --disk-guid=a9a9a9a9-0000-4000-8000-000000000001 \
    --new=1:$PARTITION_START:0 --typecode=1:ef00 --change-name=1:"EFI system partition" \
    --partition-guid=1:a9a9a9a9-0000-4000-8000-000000000002 \
    "$disk" >/dev/null
last=$(sgdisk --info=1 "$disk" | sed -n 's/^Last sector: \([0-9]*\).*/\1/p')
sectors=$((last - PARTITION_START + 1))

export MTOOLS_SKIP_CHECK=1
esp="$disk@@$((PARTITION_START * SECTOR))"
mformat -i "$esp" -F -c 1 -T "$sectors" -h 64 -s 32 -H "$PARTITION_START" -N a9a90001 -v A9N-ESP ::
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/A9N ::/A9N/MODULES
mcopy -i "$esp" "$loader" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" "$kernel" ::/A9N/KERNEL.ELF

config=$work/BOOT.CFG
{
    echo "# A9N UEFI loader configuration (see docs/hardware.md)"
    echo 'kernel=\A9N\KERNEL.ELF'
    for module in "$@"; do
        name=${module%%=*} file=${module#*=}
        mcopy -i "$esp" "$file" "::/A9N/MODULES/$name"
        echo "module=$name \\A9N\\MODULES\\$name"
    done
} >"$config"
mcopy -i "$esp" "$config" ::/A9N/BOOT.CFG

mv "$disk" "$output"
