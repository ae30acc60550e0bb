/*
 * The boot file tree, linked into the POSIX server's image read-only: the
 * archive koito/ramfs/mkrootfs builds (KOITO_ROOTFS_IMAGE names it). The
 * ramfs reads files in place until they are first written.
 */
    .section .rodata.rootfs, "a"
    .balign 16
    .global koito_rootfs_start
koito_rootfs_start:
    .incbin KOITO_ROOTFS_IMAGE
    .global koito_rootfs_end
koito_rootfs_end:
