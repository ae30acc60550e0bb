# Host tests of KOITO init's pure parts: the user-level ELF loader.
HOST_TESTS += koito_elf_loader
koito_elf_loader_SRCS := tests/host/koito/test_elf_loader.c koito/init/elf_loader.c
koito_elf_loader_CFLAGS := -I.
$(HOST_BUILD)/tests/koito_elf_loader: koito/init/elf_loader.h
