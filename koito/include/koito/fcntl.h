/*
 * open() flags as the KOITO POSIX server receives them: newlib's values
 * (newlib/libc/include/sys/_default_fcntl.h), since programs pass their
 * own O_* constants through unchanged. Never renumber.
 */
#ifndef KOITO_FCNTL_H
#define KOITO_FCNTL_H

#define KOITO_O_RDONLY 0
#define KOITO_O_WRONLY 1
#define KOITO_O_RDWR 2
#define KOITO_O_ACCMODE 3        /* the access-mode bits; the value 3 is no mode */
#define KOITO_O_APPEND 0x0008    /* every write goes to the end of the file */
#define KOITO_O_CREAT 0x0200
#define KOITO_O_TRUNC 0x0400
#define KOITO_O_EXCL 0x0800
#define KOITO_O_NONBLOCK 0x4000
#define KOITO_O_DIRECTORY 0x200000

#endif
