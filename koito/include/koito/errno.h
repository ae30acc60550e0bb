/*
 * Error numbers of the KOITO POSIX server and the libraries it embeds
 * (ramfs, fd table, pipes). The values are newlib's (newlib/libc/include/
 * sys/errno.h): the server returns them, negated, to programs linked with
 * newlib, whose errno takes them as they are. Never renumber.
 */
#ifndef KOITO_ERRNO_H
#define KOITO_ERRNO_H

#define KOITO_EPERM 1         /* operation not permitted */
#define KOITO_ENOENT 2        /* no such file or directory */
#define KOITO_ESRCH 3         /* no such process */
#define KOITO_EINTR 4         /* interrupted call */
#define KOITO_EIO 5           /* input/output error */
#define KOITO_ENXIO 6         /* no such device or address */
#define KOITO_E2BIG 7         /* argument list too long */
#define KOITO_ENOEXEC 8       /* not an executable format */
#define KOITO_EBADF 9         /* bad file descriptor */
#define KOITO_ECHILD 10       /* no child processes */
#define KOITO_EAGAIN 11       /* try again: the call would block */
#define KOITO_ENOMEM 12       /* not enough memory */
#define KOITO_EACCES 13       /* permission denied */
#define KOITO_EFAULT 14       /* bad address */
#define KOITO_ENOTBLK 15      /* block device required */
#define KOITO_EBUSY 16        /* device or resource busy */
#define KOITO_EEXIST 17       /* file exists */
#define KOITO_EXDEV 18        /* cross-device link */
#define KOITO_ENODEV 19       /* no such device */
#define KOITO_ENOTDIR 20      /* not a directory */
#define KOITO_EISDIR 21       /* is a directory */
#define KOITO_EINVAL 22       /* invalid argument */
#define KOITO_ENFILE 23       /* too many open files in the system */
#define KOITO_EMFILE 24       /* too many open files in the process */
#define KOITO_ENOTTY 25       /* not a terminal */
#define KOITO_ETXTBSY 26      /* text file busy */
#define KOITO_EFBIG 27        /* file too large */
#define KOITO_ENOSPC 28       /* no space left on device */
#define KOITO_ESPIPE 29       /* illegal seek */
#define KOITO_EROFS 30        /* read-only file system */
#define KOITO_EMLINK 31       /* too many links */
#define KOITO_EPIPE 32        /* broken pipe */
#define KOITO_EDOM 33         /* argument out of the function's domain */
#define KOITO_ERANGE 34       /* result too large */
#define KOITO_ENOSYS 88       /* function not implemented */
#define KOITO_ENOTEMPTY 90    /* directory not empty */
#define KOITO_ENAMETOOLONG 91 /* file or path name too long */
#define KOITO_ELOOP 92        /* too many symbolic links */
#define KOITO_ENOTSUP 134     /* not supported */
#define KOITO_EOVERFLOW 139   /* value too large for its type */

#endif
