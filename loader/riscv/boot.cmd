# A9N boot script for U-Boot on riscv64 (QEMU virt, StarFive VisionFive 2).
# Distro boot sources it from the partition it found it on and sets devtype,
# devnum, distro_bootpart and prefix; mkimage compiles it to boot.scr.

echo "A9N: loading Image and modules.img from ${devtype} ${devnum}:${distro_bootpart}"
# Standard variables only, so the board's own addresses apply: kernel_addr_r
# is 2 MiB aligned on both (booti moves the Image to RAM base + text_offset).
load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} ${prefix}Image
# The archive is the initrd; filesize, set by this load, gives booti its size.
load ${devtype} ${devnum}:${distro_bootpart} ${ramdisk_addr_r} ${prefix}modules.img
# The firmware's own device tree: it describes this board and carries
# OpenSBI's reserved memory; booti adds /chosen linux,initrd-start/end.
booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} ${fdtcontroladdr}
