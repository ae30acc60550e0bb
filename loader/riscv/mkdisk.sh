#!/bin/bash
# Build the riscv64 boot disk (SD card or QEMU virtio disk): an MBR with one
# bootable FAT partition holding Image, modules.img and boot.scr at its root,
# where U-Boot's distro boot looks. No root needed: sfdisk and mtools write
# into the file.   loader/riscv/mkdisk.sh DISK IMAGE MODULES BOOT_SCR
set -eu
disk=$1 kernel=$2 modules=$3 script=$4

# The partition starts at 1 MiB (SD cards' erase-block alignment) and is
# 32 MiB of FAT16: room for a kernel and archives many times today's size.
start_sectors=2048
size_sectors=$((32 * 2048))
# sfdisk is in /usr/sbin, which a non-root PATH on Debian leaves out.
PATH=$PATH:/usr/sbin
export MTOOLS_SKIP_CHECK=1

tmp="$disk.tmp"
rm -f "$tmp"
truncate -s $(((start_sectors + size_sectors) * 512)) "$tmp"
# Type 0x0e is FAT16 (LBA); the bootable flag is what distro boot's
# "part list -bootable" picks (without one it tries partition 1 anyway).
sfdisk --quiet "$tmp" <<PARTITIONS
label: dos
start=$start_sectors, size=$size_sectors, type=e, bootable
PARTITIONS
# -H: the BPB's hidden-sector count is the partition's offset on the disk.
fat="$tmp@@$((start_sectors * 512))"
# 2 KiB clusters keep the cluster count well inside FAT16's range (4085..65524).
mformat -i "$fat" -T "$size_sectors" -H "$start_sectors" -h 64 -s 32 -c 4 -v A9NBOOT ::
mcopy -i "$fat" "$kernel" ::/Image
mcopy -i "$fat" "$modules" ::/modules.img
mcopy -i "$fat" "$script" ::/boot.scr
mv "$tmp" "$disk"
