# Host tests of KOITO init's pure parts: the user-level ELF loader.
HOST_TESTS += koito_elf_loader
koito_elf_loader_SRCS := tests/host/koito/test_elf_loader.c koito/lib/elf_loader.c
koito_elf_loader_CFLAGS := -Ikoito/include
$(HOST_BUILD)/tests/koito_elf_loader: koito/include/koito/elf_loader.h

# The server framework's message helpers and dispatch.
HOST_TESTS += koito_server
koito_server_SRCS := tests/host/koito/test_server.c koito/lib/server.c
koito_server_CFLAGS := -Ikoito/include -Iliba9n/include -Iliba9n/x86_64/include
$(HOST_BUILD)/tests/koito_server: koito/include/koito/server.h

# The POSIX server's start-up page layout.
HOST_TESTS += posix_start_page
posix_start_page_SRCS := tests/host/koito/test_start_page.c koito/posix/start_page.c
posix_start_page_CFLAGS := -I. -Ikoito/include
$(HOST_BUILD)/tests/posix_start_page: koito/posix/start_page.h koito/include/koito/posix.h
