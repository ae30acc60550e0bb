/*
 * Calls that name files by path: open, stat, unlink, mkdir, rmdir,
 * rename, chdir, getcwd, access. Paths go to the POSIX server as they are;
 * it resolves them against the process's working directory.
 */
#include "glue.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* A request of `before` words, then `path`. */
static long path_request(a9n_word_t label, unsigned before, const char *path)
{
    unsigned words = posix_put_path(before, path);
    if (words == 0)
        return -1;
    return posix_result(posix_call(label, before + words));
}

int open(const char *path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(arguments, int) : 0;
    va_end(arguments);
    posix_set_word(0, (a9n_word_t)flags);
    posix_set_word(1, mode);
    return (int)path_request(KOITO_POSIX_OPEN, 2, path);
}
GLUE_ALSO_UNDERSCORED(open);

int stat(const char *restrict path, struct stat *restrict status)
{
    if (path_request(KOITO_POSIX_STAT, 0, path) < 0)
        return -1;
    glue_stat_from_reply(status);
    return 0;
}
GLUE_ALSO_UNDERSCORED(stat);

/* The ramfs has no symbolic links. */
int lstat(const char *restrict path, struct stat *restrict status)
{
    return stat(path, status);
}
GLUE_ALSO_UNDERSCORED(lstat);

/* Everything exists for everyone: the ramfs keeps no owners or permissions. */
int access(const char *path, int mode)
{
    (void)mode;
    struct stat status;
    return stat(path, &status);
}

/* The ramfs has no hard links (a node has one name). */
int link(const char *existing, const char *new_path)
{
    (void)existing;
    (void)new_path;
    errno = EMLINK;
    return -1;
}
GLUE_ALSO_UNDERSCORED(link);

int unlink(const char *path)
{
    return (int)path_request(KOITO_POSIX_UNLINK, 0, path);
}
GLUE_ALSO_UNDERSCORED(unlink);

int mkdir(const char *path, mode_t mode)
{
    posix_set_word(0, mode);
    return (int)path_request(KOITO_POSIX_MKDIR, 1, path);
}
GLUE_ALSO_UNDERSCORED(mkdir);

int rmdir(const char *path)
{
    return (int)path_request(KOITO_POSIX_RMDIR, 0, path);
}

int chdir(const char *path)
{
    return (int)path_request(KOITO_POSIX_CHDIR, 0, path);
}

/* w0: words of the old path, then the old and the new path. */
int rename(const char *from, const char *to)
{
    unsigned from_words = posix_put_path(1, from);
    if (from_words == 0)
        return -1;
    posix_set_word(0, from_words);
    return (int)path_request(KOITO_POSIX_RENAME, 1 + from_words, to);
}
GLUE_ALSO_UNDERSCORED(rename);

char *getcwd(char *buffer, size_t size)
{
    long length = posix_result(posix_call(KOITO_POSIX_GETCWD, 0));
    if (length < 0)
        return NULL;
    if (buffer == NULL || size < (size_t)length + 1) {
        errno = buffer == NULL ? EINVAL : ERANGE;
        return NULL;
    }
    if (!koito_message_read_bytes(&posix_message, koito_message_length(&posix_message), 1,
                                  buffer, (size_t)length + 1)) {
        errno = EIO;
        return NULL;
    }
    buffer[length] = '\0';
    return buffer;
}
