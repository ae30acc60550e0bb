/*
 * ls [-a] [-l] [PATH...]: the names in each directory, sorted, one a
 * line (a file given by name: that name). -a: also names starting with
 * '.'; -l: type and permissions, size in bytes, name.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LS_PATH_MAX 1024

static int show_all, long_format;

static void print_entry(const char *name, const struct stat *status)
{
    if (!long_format) {
        printf("%s\n", name);
        return;
    }
    mode_t mode = status->st_mode;
    char type = S_ISDIR(mode) ? 'd' : S_ISCHR(mode) ? 'c' : S_ISFIFO(mode) ? 'p' : S_ISREG(mode) ? '-' : '?';
    static const char letters[] = "rwxrwxrwx";
    char permissions[10];
    for (int i = 0; i < 9; i++)
        permissions[i] = (mode & (0400 >> i)) ? letters[i] : '-';
    permissions[9] = '\0';
    printf("%c%s %10lld %s\n", type, permissions, (long long)status->st_size, name);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directory's names, sorted, into a malloc'ed array of malloc'ed strings. -1 with errno on failure. */
static int read_names(const char *path, char ***names)
{
    DIR *directory = opendir(path);
    if (directory == NULL)
        return -1;
    int count = 0, capacity = 0, error = 0;
    *names = NULL;
    struct dirent *entry;
    errno = 0;
    while ((entry = readdir(directory)) != NULL) {
        if (entry->d_name[0] == '.' && !show_all)
            continue;
        if (count == capacity) {
            capacity = capacity ? 2 * capacity : 32;
            char **grown = realloc(*names, (size_t)capacity * sizeof(char *));
            if (grown == NULL) {
                error = ENOMEM;
                break;
            }
            *names = grown;
        }
        if (((*names)[count] = strdup(entry->d_name)) == NULL) {
            error = ENOMEM;
            break;
        }
        count++;
    }
    if (error == 0)
        error = errno; /* readdir's, if it stopped on an error */
    closedir(directory);
    if (error != 0) {
        while (count > 0)
            free((*names)[--count]);
        free(*names);
        errno = error;
        return -1;
    }
    qsort(*names, (size_t)count, sizeof(char *), compare_names);
    return count;
}

/* stat() of `name` in directory `path`. */
static int stat_entry(const char *path, const char *name, struct stat *status)
{
    char entry_path[LS_PATH_MAX];
    int length = snprintf(entry_path, sizeof(entry_path), "%s/%s", path, name);
    if (length < 0 || (size_t)length >= sizeof(entry_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return stat(entry_path, status);
}

static int list_directory(const char *path)
{
    char **names;
    int count = read_names(path, &names);
    if (count < 0) {
        fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
        return 1;
    }
    int status = 0;
    for (int i = 0; i < count; i++) {
        struct stat entry_status = { 0 };
        if (long_format && stat_entry(path, names[i], &entry_status) != 0) {
            fprintf(stderr, "ls: %s/%s: %s\n", path, names[i], strerror(errno));
            status = 1;
        } else {
            print_entry(names[i], &entry_status);
        }
        free(names[i]);
    }
    free(names);
    return status;
}

int main(int argc, char **argv)
{
    int next = 1;
    for (; next < argc && argv[next][0] == '-' && argv[next][1] != '\0'; next++) {
        for (const char *flag = argv[next] + 1; *flag != '\0'; flag++) {
            if (*flag == 'a')
                show_all = 1;
            else if (*flag == 'l')
                long_format = 1;
            else {
                fprintf(stderr, "usage: ls [-a] [-l] [PATH...]\n");
                return 1;
            }
        }
    }
    if (next == argc)
        return list_directory(".");

    int status = 0;
    int paths = argc - next;
    /* Files first, then each directory under its name when there are several paths (as ls does). */
    for (int i = next; i < argc; i++) {
        struct stat path_status;
        if (stat(argv[i], &path_status) != 0) {
            fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        } else if (!S_ISDIR(path_status.st_mode)) {
            print_entry(argv[i], &path_status);
        }
    }
    int first_directory = 1;
    for (int i = next; i < argc; i++) {
        struct stat path_status;
        if (stat(argv[i], &path_status) != 0 || !S_ISDIR(path_status.st_mode))
            continue;
        if (paths > 1)
            printf("%s%s:\n", first_directory ? "" : "\n", argv[i]);
        first_directory = 0;
        status |= list_directory(argv[i]);
    }
    return status;
}
