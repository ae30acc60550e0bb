# Host tests of the POSIX server's pure parts (koito/posix/).

# The terminal line discipline.
HOST_TESTS += posix_tty
posix_tty_SRCS := tests/host/posix/test_tty.c koito/posix/tty.c
posix_tty_CFLAGS := -I.
$(HOST_BUILD)/tests/posix_tty: koito/posix/tty.h
