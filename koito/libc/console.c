/*
 * The console the standard descriptors (0, 1, 2) reach: for now output
 * goes to the kernel's debug console and there is no input. The POSIX
 * server's terminal replaces this file (koito/posix/).
 */
#include <errno.h>

#include <liba9n/debug.h>

#include "glue.h"

long console_write(const void *bytes, size_t length)
{
    a9n_debug_write(bytes, length);
    return (long)length;
}

long console_read(void *bytes, size_t length)
{
    (void)bytes;
    (void)length;
    errno = ENOSYS;
    return -1;
}
