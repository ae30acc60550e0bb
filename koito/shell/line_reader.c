/* Whole lines from a file descriptor (line_reader.h). */
#define _POSIX_C_SOURCE 200809L
#include "line_reader.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void line_reader_init(struct line_reader *reader, int fd, bool byte_at_a_time)
{
    reader->fd = fd;
    reader->byte_at_a_time = byte_at_a_time;
    reader->skipping = false;
    reader->length = 0;
}

/* Hands out the first `length` buffered bytes as a line and drops them and the newline after them. */
static void take_line(struct line_reader *reader, size_t length, size_t consumed,
                      char line[SHELL_LINE_MAX + 1])
{
    memcpy(line, reader->buffer, length);
    line[length] = '\0';
    reader->length -= consumed;
    memmove(reader->buffer, reader->buffer + consumed, reader->length);
}

enum line_status line_reader_next(struct line_reader *reader, char line[SHELL_LINE_MAX + 1])
{
    for (;;) {
        char *newline = memchr(reader->buffer, '\n', reader->length);
        if (newline != NULL) {
            size_t length = (size_t)(newline - reader->buffer);
            if (reader->skipping) {
                reader->skipping = false;
                take_line(reader, 0, length + 1, line);
                return LINE_TOO_LONG;
            }
            take_line(reader, length, length + 1, line);
            return LINE_READ;
        }
        if (reader->length == sizeof(reader->buffer)) {
            /* No newline in a full buffer: the line is too long; forget it up to its end. */
            reader->skipping = true;
            reader->length = 0;
        }
        size_t room = sizeof(reader->buffer) - reader->length;
        ssize_t got = read(reader->fd, reader->buffer + reader->length,
                           reader->byte_at_a_time ? 1 : room);
        if (got < 0) {
            if (errno != EINTR)
                return LINE_ERROR;
            reader->length = 0;
            reader->skipping = false;
            return LINE_INTERRUPTED;
        }
        if (got == 0) {
            if (reader->skipping) {
                reader->skipping = false;
                reader->length = 0;
                return LINE_TOO_LONG;
            }
            if (reader->length == 0)
                return LINE_END;
            /* A last line without a newline still counts. */
            take_line(reader, reader->length, reader->length, line);
            return LINE_READ;
        }
        reader->length += (size_t)got;
    }
}
