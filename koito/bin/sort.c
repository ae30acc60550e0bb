/* sort [-r] [FILE...]: all lines of the files (or stdin), in byte order; -r: reversed. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_line.h"

static char **lines;
static size_t line_count, line_capacity;
static int reverse;

/* Appends the lines of `file`. 0, or an errno value. */
static int read_lines(FILE *file)
{
    char *line = NULL;
    size_t capacity = 0;
    long length;
    while ((length = read_line(file, &line, &capacity)) >= 0) {
        if (line_count == line_capacity) {
            size_t grown_capacity = line_capacity ? 2 * line_capacity : 64;
            char **grown = realloc(lines, grown_capacity * sizeof(char *));
            if (grown == NULL) {
                free(line);
                return ENOMEM;
            }
            lines = grown;
            line_capacity = grown_capacity;
        }
        lines[line_count++] = line;
        line = NULL; /* the array owns it now; read_line allocates the next */
        capacity = 0;
    }
    int error = length == -2 ? ENOMEM : ferror(file) ? errno : 0;
    free(line);
    return error;
}

static int compare_lines(const void *a, const void *b)
{
    int order = strcmp(*(char *const *)a, *(char *const *)b);
    return reverse ? -order : order;
}

int main(int argc, char **argv)
{
    int next = 1;
    if (next < argc && strcmp(argv[next], "-r") == 0) {
        reverse = 1;
        next++;
    }
    int status = 0;
    if (next == argc) {
        int error = read_lines(stdin);
        if (error != 0) {
            fprintf(stderr, "sort: stdin: %s\n", strerror(error));
            return 1;
        }
    }
    for (int i = next; i < argc; i++) {
        FILE *file = fopen(argv[i], "r");
        int error = file ? read_lines(file) : errno;
        if (error != 0) {
            fprintf(stderr, "sort: %s: %s\n", argv[i], strerror(error));
            status = 1;
        }
        if (file != NULL)
            fclose(file);
    }
    qsort(lines, line_count, sizeof(char *), compare_lines);
    for (size_t i = 0; i < line_count; i++) {
        printf("%s\n", lines[i]);
        free(lines[i]);
    }
    free(lines);
    return status;
}
