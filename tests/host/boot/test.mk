# Host tests of the boot-time bookkeeping: module archives and free memory.
HOST_TESTS += boot_archive boot_memory
boot_archive_SRCS := tests/host/boot/test_boot_archive.c kernel/boot_archive.c
boot_memory_SRCS := tests/host/boot/test_boot_memory.c kernel/boot_memory.c
