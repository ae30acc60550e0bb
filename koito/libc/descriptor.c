/*
 * File-descriptor calls: read, write, close, lseek, fstat, isatty, dup,
 * dup2, pipe, ftruncate and fcntl's descriptor commands. The POSIX server
 * keeps the descriptors (docs/posix.md); a read or write moves at most
 * KOITO_POSIX_DATA_MAX bytes per request, so larger ones are split here.
 */
#include "glue.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>


_READ_WRITE_RETURN_TYPE read(int fd, void *buffer, size_t length)
{
    if (length > KOITO_POSIX_DATA_MAX)
        length = KOITO_POSIX_DATA_MAX; /* a short read, as from a pipe */
    posix_set_word(0, (a9n_word_t)fd);
    posix_set_word(1, length);
    long count = posix_call(KOITO_POSIX_READ, 2);
    if (count > 0 && (size_t)count <= length &&
        !koito_message_read_bytes(&posix_message, koito_message_length(&posix_message), 1,
                                  buffer, (size_t)count))
        count = -EIO;
    return (_READ_WRITE_RETURN_TYPE)posix_result(count);
}
GLUE_ALSO_UNDERSCORED(read);

/* All of `length`, unless an error comes first (then what was written, or -1). */
_READ_WRITE_RETURN_TYPE write(int fd, const void *buffer, size_t length)
{
    const char *bytes = buffer;
    size_t done = 0;
    do {
        size_t chunk = length - done < KOITO_POSIX_DATA_MAX ? length - done : KOITO_POSIX_DATA_MAX;
        posix_set_word(0, (a9n_word_t)fd);
        posix_set_word(1, chunk);
        unsigned words = koito_message_write_bytes(&posix_message, 2, bytes + done, chunk);
        long count = posix_call(KOITO_POSIX_WRITE, 2 + words);
        if (count < 0)
            return done > 0 ? (_READ_WRITE_RETURN_TYPE)done : (_READ_WRITE_RETURN_TYPE)posix_result(count);
        if (count == 0)
            break;
        done += (size_t)count;
    } while (done < length);
    return (_READ_WRITE_RETURN_TYPE)done;
}
GLUE_ALSO_UNDERSCORED(write);

/* A request with one word, the fd, and a plain result. */
static long fd_request(a9n_word_t label, int fd)
{
    posix_set_word(0, (a9n_word_t)fd);
    return posix_result(posix_call(label, 1));
}

int close(int fd)
{
    return (int)fd_request(KOITO_POSIX_CLOSE, fd);
}
GLUE_ALSO_UNDERSCORED(close);

off_t lseek(int fd, off_t offset, int whence)
{
    posix_set_word(0, (a9n_word_t)fd);
    posix_set_word(1, (a9n_word_t)offset);
    posix_set_word(2, (a9n_word_t)whence);
    return (off_t)posix_result(posix_call(KOITO_POSIX_LSEEK, 3));
}
GLUE_ALSO_UNDERSCORED(lseek);

int dup(int fd)
{
    return (int)fd_request(KOITO_POSIX_DUP, fd);
}
GLUE_ALSO_UNDERSCORED(dup);

int dup2(int fd, int target)
{
    posix_set_word(0, (a9n_word_t)fd);
    posix_set_word(1, (a9n_word_t)target);
    return (int)posix_result(posix_call(KOITO_POSIX_DUP2, 2));
}
GLUE_ALSO_UNDERSCORED(dup2);

int pipe(int fds[2])
{
    if (posix_result(posix_call(KOITO_POSIX_PIPE, 0)) < 0)
        return -1;
    fds[0] = (int)posix_reply_word(1);
    fds[1] = (int)posix_reply_word(2);
    return 0;
}
GLUE_ALSO_UNDERSCORED(pipe);

void glue_stat_from_reply(struct stat *status)
{
    static const mode_t modes[] = {
        [KOITO_POSIX_TYPE_FILE] = S_IFREG | 0644,
        [KOITO_POSIX_TYPE_DIRECTORY] = S_IFDIR | 0755,
        [KOITO_POSIX_TYPE_PIPE] = S_IFIFO | 0600,
        [KOITO_POSIX_TYPE_TERMINAL] = S_IFCHR | 0620,
    };
    a9n_word_t type = posix_reply_word(1);
    *status = (struct stat){
        .st_mode = type < sizeof modes / sizeof modes[0] ? modes[type] : 0,
        .st_size = (off_t)posix_reply_word(2),
        .st_ino = (ino_t)posix_reply_word(3),
        .st_nlink = (nlink_t)posix_reply_word(4),
        .st_blksize = 4096,
    };
    status->st_blocks = (status->st_size + 511) / 512;
}

int fstat(int fd, struct stat *status)
{
    if (fd_request(KOITO_POSIX_FSTAT, fd) < 0)
        return -1;
    glue_stat_from_reply(status);
    return 0;
}
GLUE_ALSO_UNDERSCORED(fstat);

int isatty(int fd)
{
    return fd_request(KOITO_POSIX_ISATTY, fd) == 1;
}
GLUE_ALSO_UNDERSCORED(isatty);

int ftruncate(int fd, off_t length)
{
    if (length < 0) {
        errno = EINVAL;
        return -1;
    }
    posix_set_word(0, (a9n_word_t)fd);
    posix_set_word(1, (a9n_word_t)length);
    return (int)posix_result(posix_call(KOITO_POSIX_FTRUNCATE, 2));
}
GLUE_ALSO_UNDERSCORED(ftruncate);

/*
 * Only the descriptor flags: there is no close-on-exec to keep (spawn
 * passes a program only its 0, 1 and 2), so they read as 0 for any open
 * fd.
 */
int fcntl(int fd, int command, ...)
{
    if (command != F_GETFD && command != F_SETFD) {
        errno = EINVAL;
        return -1;
    }
    struct stat status;
    return fstat(fd, &status) == 0 ? 0 : -1;
}
GLUE_ALSO_UNDERSCORED(fcntl);
