/*
 * One line of any length from a stdio stream, for grep and sort: the
 * C library (newlib 3.3) has no getline.
 */
#ifndef KOITO_BIN_READ_LINE_H
#define KOITO_BIN_READ_LINE_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * The next line of `file` without its newline into *line, a malloc'ed
 * buffer of *capacity bytes that grows as needed. Returns its length, -1
 * at the end of the file (or on a read error: ferror tells), -2 with
 * errno ENOMEM.
 */
static inline long read_line(FILE *file, char **line, size_t *capacity)
{
    size_t length = 0;
    int c;
    for (;;) {
        c = getc(file);
        if (c == EOF && length == 0)
            return -1;
        if (length + 1 >= *capacity) {
            size_t grown = *capacity ? 2 * *capacity : 128;
            char *bigger = realloc(*line, grown);
            if (bigger == NULL) {
                errno = ENOMEM;
                return -2;
            }
            *line = bigger;
            *capacity = grown;
        }
        if (c == EOF || c == '\n')
            break;
        (*line)[length++] = (char)c;
    }
    (*line)[length] = '\0';
    return (long)length;
}

#endif
