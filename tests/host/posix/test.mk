# Host tests of the POSIX server's pure parts (koito/posix/).

# Descriptor tables and the open-file pool; pipes.
POSIX_TESTS := posix_fd_table posix_pipe
HOST_TESTS += $(POSIX_TESTS)
posix_fd_table_SRCS := tests/host/posix/test_fd_table.c koito/posix/fd_table.c
posix_pipe_SRCS := tests/host/posix/test_pipe.c koito/posix/pipe.c
$(foreach t,$(POSIX_TESTS),$(eval $(t)_CFLAGS := -I. -Ikoito/include))
$(addprefix $(HOST_BUILD)/tests/,$(POSIX_TESTS)): $(wildcard koito/posix/fd_table.h \
    koito/posix/pipe.h koito/include/koito/*.h)

# The terminal line discipline.
HOST_TESTS += posix_tty
posix_tty_SRCS := tests/host/posix/test_tty.c koito/posix/tty.c
posix_tty_CFLAGS := -I.
$(HOST_BUILD)/tests/posix_tty: koito/posix/tty.h
