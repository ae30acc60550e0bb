/*
 * rm [-r] [-f] PATH...: remove files; -r: directories too, with all they
 * hold; -f: a missing path is no error.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RM_PATH_MAX 1024

static int recursive, force;

static int remove_path(const char *path);

/*
 * The first entry other than . and .. into `name`: 1, 0 when the
 * directory is empty, -1 with errno. The directory is opened anew for
 * each entry because removing entries while reading a directory may
 * make readdir skip others (POSIX leaves it open).
 */
static int first_entry(const char *path, char name[RM_PATH_MAX])
{
    DIR *directory = opendir(path);
    if (directory == NULL)
        return -1;
    struct dirent *entry;
    int found = 0;
    errno = 0;
    while ((entry = readdir(directory)) != NULL) {
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
            snprintf(name, RM_PATH_MAX, "%s", entry->d_name);
            found = 1;
            break;
        }
    }
    int error = errno;
    closedir(directory);
    if (!found && error != 0) {
        errno = error;
        return -1;
    }
    return found;
}

static int remove_directory(const char *path)
{
    char name[RM_PATH_MAX], child[RM_PATH_MAX];
    int found;
    while ((found = first_entry(path, name)) > 0) {
        int length = snprintf(child, sizeof(child), "%s/%s", path, name);
        if (length < 0 || (size_t)length >= sizeof(child)) {
            fprintf(stderr, "rm: %s/%s: %s\n", path, name, strerror(ENAMETOOLONG));
            return 1;
        }
        if (remove_path(child) != 0)
            return 1; /* it would be found first again */
    }
    if (found < 0 || rmdir(path) != 0) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

static int remove_path(const char *path)
{
    struct stat status;
    if (stat(path, &status) != 0) {
        if (force && errno == ENOENT)
            return 0;
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return 1;
    }
    if (S_ISDIR(status.st_mode)) {
        if (recursive)
            return remove_directory(path);
        fprintf(stderr, "rm: %s: %s\n", path, strerror(EISDIR));
        return 1;
    }
    if (unlink(path) != 0) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int next = 1, bad_option = 0;
    for (; next < argc && argv[next][0] == '-' && argv[next][1] != '\0'; next++) {
        for (const char *flag = argv[next] + 1; *flag != '\0'; flag++) {
            if (*flag == 'r')
                recursive = 1;
            else if (*flag == 'f')
                force = 1;
            else
                bad_option = 1;
        }
    }
    if (bad_option || (next == argc && !force)) {
        fprintf(stderr, "usage: rm [-r] [-f] PATH...\n");
        return 1;
    }
    int status = 0;
    for (int i = next; i < argc; i++)
        status |= remove_path(argv[i]);
    return status;
}
