/*
 * opendir, readdir, closedir, dirfd: a DIR is an fd open on a directory
 * (O_DIRECTORY), and each readdir one READDIR request, which gives the
 * next entry and moves the fd's position past it.
 */
#include "glue.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>


DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return NULL;
    DIR *directory = malloc(sizeof *directory);
    if (directory == NULL) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    directory->fd = fd;
    return directory;
}

struct dirent *readdir(DIR *directory)
{
    static const unsigned char types[] = {
        [KOITO_POSIX_TYPE_FILE] = DT_REG,
        [KOITO_POSIX_TYPE_DIRECTORY] = DT_DIR,
        [KOITO_POSIX_TYPE_PIPE] = DT_FIFO,
        [KOITO_POSIX_TYPE_TERMINAL] = DT_CHR,
    };
    posix_set_word(0, (a9n_word_t)directory->fd);
    long found = posix_result(posix_call(KOITO_POSIX_READDIR, 1));
    if (found <= 0)
        return NULL; /* the end (errno unchanged), or an error */
    unsigned length = koito_message_length(&posix_message);
    struct dirent *entry = &directory->entry;
    if (length < 4 || !koito_message_read_string(&posix_message, length, 3, length - 3,
                                                 entry->d_name, sizeof entry->d_name)) {
        errno = EIO;
        return NULL;
    }
    a9n_word_t type = posix_reply_word(2);
    entry->d_ino = (ino_t)posix_reply_word(1);
    entry->d_type = type < sizeof types ? types[type] : DT_UNKNOWN;
    return entry;
}

int closedir(DIR *directory)
{
    int result = close(directory->fd);
    free(directory);
    return result;
}

int dirfd(DIR *directory)
{
    return directory->fd;
}
