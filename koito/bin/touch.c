/*
 * touch FILE...: create the files that do not exist. Existing files are
 * left alone: KOITO's file system keeps no times to update.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: touch FILE...\n");
        return 1;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        struct stat existing;
        if (stat(argv[i], &existing) == 0)
            continue;
        int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
        if (fd < 0) {
            fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        close(fd);
    }
    return status;
}
