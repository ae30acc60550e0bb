/*
 * head [-n N] [FILE...]: the first N lines (default 10) of each file, or
 * of stdin; several files each under a "==> NAME <==" line.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int head(FILE *file, long lines)
{
    int c;
    while (lines > 0 && (c = getc(file)) != EOF) {
        putchar(c);
        if (c == '\n')
            lines--;
    }
    return ferror(file) ? -1 : 0;
}

int main(int argc, char **argv)
{
    long lines = 10;
    int next = 1;
    if (next < argc && strcmp(argv[next], "-n") == 0) {
        char *end;
        lines = next + 1 < argc ? strtol(argv[next + 1], &end, 10) : -1;
        if (lines < 0 || argv[next + 1][0] == '\0' || *end != '\0') {
            fprintf(stderr, "usage: head [-n N] [FILE...]\n");
            return 1;
        }
        next += 2;
    }
    if (next == argc) {
        if (head(stdin, lines) == 0)
            return 0;
        fprintf(stderr, "head: stdin: %s\n", strerror(errno));
        return 1;
    }
    int status = 0;
    for (int i = next; i < argc; i++) {
        FILE *file = fopen(argv[i], "r");
        if (argc - next > 1)
            printf("%s==> %s <==\n", i > next ? "\n" : "", argv[i]);
        if (file == NULL || head(file, lines) != 0) {
            fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
        if (file != NULL)
            fclose(file);
    }
    return status;
}
