/*
 * File-descriptor calls (read, write, close, lseek, fstat, isatty, fcntl).
 * Descriptors 0, 1 and 2 are the console, always open; there are no
 * others yet (EBADF). The console is a character device and a terminal,
 * so newlib line-buffers stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glue.h"

static int is_console(int descriptor)
{
    return descriptor >= STDIN_FILENO && descriptor <= STDERR_FILENO;
}

/* newlib declares read and write as returning _READ_WRITE_RETURN_TYPE (int here). */
_READ_WRITE_RETURN_TYPE read(int descriptor, void *buffer, size_t length)
{
    if (descriptor != STDIN_FILENO) {
        errno = EBADF;
        return -1;
    }
    return (_READ_WRITE_RETURN_TYPE)console_read(buffer, length);
}
GLUE_ALSO_UNDERSCORED(read);

_READ_WRITE_RETURN_TYPE write(int descriptor, const void *buffer, size_t length)
{
    if (descriptor != STDOUT_FILENO && descriptor != STDERR_FILENO) {
        errno = EBADF;
        return -1;
    }
    return (_READ_WRITE_RETURN_TYPE)console_write(buffer, length);
}
GLUE_ALSO_UNDERSCORED(write);

int close(int descriptor)
{
    if (!is_console(descriptor)) {
        errno = EBADF;
        return -1;
    }
    return 0; /* the console stays: nothing else would reopen it */
}
GLUE_ALSO_UNDERSCORED(close);

off_t lseek(int descriptor, off_t offset, int whence)
{
    (void)offset;
    (void)whence;
    errno = is_console(descriptor) ? ESPIPE : EBADF;
    return -1;
}
GLUE_ALSO_UNDERSCORED(lseek);

int fstat(int descriptor, struct stat *status)
{
    if (!is_console(descriptor)) {
        errno = EBADF;
        return -1;
    }
    *status = (struct stat){ .st_mode = S_IFCHR | 0620, .st_blksize = 0 };
    return 0;
}
GLUE_ALSO_UNDERSCORED(fstat);

int isatty(int descriptor)
{
    if (!is_console(descriptor)) {
        errno = EBADF;
        return 0;
    }
    return 1;
}
GLUE_ALSO_UNDERSCORED(isatty);

int fcntl(int descriptor, int command, ...)
{
    (void)command;
    errno = is_console(descriptor) ? ENOSYS : EBADF;
    return -1;
}
GLUE_ALSO_UNDERSCORED(fcntl);
