/*
 * The shell's input: whole lines from a file descriptor, however read()
 * splits them (a console delivers a line per read; pipes and files do
 * not), with overlong lines reported and skipped.
 */
#ifndef KOITO_SHELL_LINE_READER_H
#define KOITO_SHELL_LINE_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "parse.h"

enum line_status {
    LINE_READ,        /* a line, without its newline (the last one may have had none) */
    LINE_TOO_LONG,    /* a line over SHELL_LINE_MAX characters, now skipped */
    LINE_INTERRUPTED, /* read failed with EINTR (Ctrl-C): the partial line is dropped */
    LINE_END,         /* end of file (Ctrl-D at an empty console line) */
    LINE_ERROR,       /* read failed: errno says why */
};

struct line_reader {
    int fd;
    bool byte_at_a_time;                /* see line_reader_init */
    bool skipping;                      /* inside an overlong line, up to its newline */
    size_t length;                      /* bytes read and not yet returned */
    char buffer[SHELL_LINE_MAX + 1];    /* a longest line and its newline */
};

/*
 * byte_at_a_time: the shell shares `fd` with the programs it starts
 * (standard input that is not a console): reading past the current line
 * would take input away from them.
 */
void line_reader_init(struct line_reader *reader, int fd, bool byte_at_a_time);

/* The next line into `line` (NUL-terminated) when LINE_READ is returned. */
enum line_status line_reader_next(struct line_reader *reader, char line[SHELL_LINE_MAX + 1]);

#endif
