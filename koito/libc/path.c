/*
 * Calls that name files by path (open, stat, link, unlink, mkdir): there
 * is no file system yet, so each fails with ENOSYS. The POSIX server's
 * ramfs replaces this file.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glue.h"

int open(const char *path, int flags, ...)
{
    (void)path;
    (void)flags;
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(open);

int stat(const char *restrict path, struct stat *restrict status)
{
    (void)path;
    (void)status;
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(stat);

int link(const char *existing, const char *new_path)
{
    (void)existing;
    (void)new_path;
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(link);

int unlink(const char *path)
{
    (void)path;
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(unlink);

int mkdir(const char *path, mode_t mode)
{
    (void)path;
    (void)mode;
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(mkdir);
