# Host tests of the KOITO shell's pure parts: the parser, $? and signal
# messages, the line reader. (tests/host/shell/smoke.sh runs the whole
# shell and /bin programs on the host; it is run by hand, not here.)
HOST_TESTS += shell_parse shell_status shell_line_reader
shell_parse_SRCS := tests/host/shell/test_parse.c koito/shell/parse.c
shell_parse_CFLAGS := -I.
shell_status_SRCS := tests/host/shell/test_status.c koito/shell/status.c
shell_status_CFLAGS := -I.
shell_line_reader_SRCS := tests/host/shell/test_line_reader.c koito/shell/line_reader.c
shell_line_reader_CFLAGS := -I.
$(HOST_BUILD)/tests/shell_parse: koito/shell/parse.h
$(HOST_BUILD)/tests/shell_status: koito/shell/status.h
$(HOST_BUILD)/tests/shell_line_reader: koito/shell/line_reader.h koito/shell/parse.h
