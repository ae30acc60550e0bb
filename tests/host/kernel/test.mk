# Host tests of the kernel's pure helpers.
HOST_TESTS += format elf_loader
format_SRCS := tests/host/kernel/test_format.c kernel/format.c
elf_loader_SRCS := tests/host/kernel/test_elf.c kernel/elf.c
