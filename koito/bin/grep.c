/*
 * grep [-v] [-c] STRING [FILE...]: the lines (of stdin without files)
 * that contain STRING, a fixed string; -v: those that do not; -c: only
 * how many. Several files: each line after its file's name.
 * Status (POSIX): 0 a line was selected, 1 none was, 2 an error.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_line.h"

static int invert, count_only;

/* Selected lines of `file`, or -1 with errno after a read error. */
static long search(FILE *file, const char *pattern, const char *prefix)
{
    char *line = NULL;
    size_t capacity = 0;
    long selected = 0, length;
    while ((length = read_line(file, &line, &capacity)) >= 0) {
        if ((strstr(line, pattern) != NULL) == invert)
            continue;
        selected++;
        if (!count_only)
            printf("%s%s%s\n", prefix ? prefix : "", prefix ? ":" : "", line);
    }
    free(line);
    if (length == -2 || ferror(file))
        return -1;
    if (count_only)
        printf("%s%s%ld\n", prefix ? prefix : "", prefix ? ":" : "", selected);
    return selected;
}

int main(int argc, char **argv)
{
    int next = 1, bad_option = 0;
    for (; next < argc && argv[next][0] == '-' && argv[next][1] != '\0'; next++) {
        if (strcmp(argv[next], "--") == 0) {
            next++;
            break;
        }
        for (const char *flag = argv[next] + 1; *flag != '\0'; flag++) {
            if (*flag == 'v')
                invert = 1;
            else if (*flag == 'c')
                count_only = 1;
            else
                bad_option = 1;
        }
    }
    if (bad_option || next == argc) {
        fprintf(stderr, "usage: grep [-v] [-c] STRING [FILE...]\n");
        return 2;
    }
    const char *pattern = argv[next++];
    if (next == argc) {
        long selected = search(stdin, pattern, NULL);
        if (selected < 0)
            fprintf(stderr, "grep: stdin: %s\n", strerror(errno));
        return selected < 0 ? 2 : selected == 0;
    }
    int errors = 0;
    long selected = 0;
    for (int i = next; i < argc; i++) {
        FILE *file = fopen(argv[i], "r");
        long found = file ? search(file, pattern, argc - next > 1 ? argv[i] : NULL) : -1;
        if (found < 0) {
            fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
            errors = 1;
        } else {
            selected += found;
        }
        if (file != NULL)
            fclose(file);
    }
    return errors ? 2 : selected == 0;
}
