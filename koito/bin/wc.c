/*
 * wc [-l] [-w] [-c] [FILE...]: lines, words and bytes of each file (none:
 * stdin), and their total for several; without options all three.
 * Output: the chosen numbers, then the file's name.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct counts {
    long long lines, words, bytes;
};

static int want_lines, want_words, want_bytes;

static void print_counts(const struct counts *counts, const char *name)
{
    const char *separator = "";
    if (want_lines) {
        printf("%lld", counts->lines);
        separator = " ";
    }
    if (want_words) {
        printf("%s%lld", separator, counts->words);
        separator = " ";
    }
    if (want_bytes)
        printf("%s%lld", separator, counts->bytes);
    if (name != NULL)
        printf(" %s", name);
    putchar('\n');
}

static int count(FILE *file, struct counts *counts)
{
    int c, in_word = 0;
    while ((c = getc(file)) != EOF) {
        counts->bytes++;
        if (c == '\n')
            counts->lines++;
        int blank = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
        if (!blank && !in_word)
            counts->words++;
        in_word = !blank;
    }
    return ferror(file) ? -1 : 0;
}

int main(int argc, char **argv)
{
    int next = 1;
    for (; next < argc && argv[next][0] == '-' && argv[next][1] != '\0'; next++) {
        for (const char *flag = argv[next] + 1; *flag != '\0'; flag++) {
            if (*flag == 'l')
                want_lines = 1;
            else if (*flag == 'w')
                want_words = 1;
            else if (*flag == 'c')
                want_bytes = 1;
            else {
                fprintf(stderr, "usage: wc [-l] [-w] [-c] [FILE...]\n");
                return 1;
            }
        }
    }
    if (!want_lines && !want_words && !want_bytes)
        want_lines = want_words = want_bytes = 1;

    if (next == argc) {
        struct counts counts = { 0 };
        if (count(stdin, &counts) != 0) {
            fprintf(stderr, "wc: stdin: %s\n", strerror(errno));
            return 1;
        }
        print_counts(&counts, NULL);
        return 0;
    }
    int status = 0;
    struct counts total = { 0 };
    for (int i = next; i < argc; i++) {
        FILE *file = fopen(argv[i], "r");
        struct counts counts = { 0 };
        if (file == NULL || count(file, &counts) != 0) {
            fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        } else {
            print_counts(&counts, argv[i]);
            total.lines += counts.lines;
            total.words += counts.words;
            total.bytes += counts.bytes;
        }
        if (file != NULL)
            fclose(file);
    }
    if (argc - next > 1)
        print_counts(&total, "total");
    return status;
}
