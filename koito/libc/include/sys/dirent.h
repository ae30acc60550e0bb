/*
 * Directory entries for newlib's <dirent.h> (which includes this file; a
 * target without one gets an #error). KOITO's directories are the POSIX
 * server's (READDIR, docs/posix.md); a DIR is an fd open on one.
 */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8

/* Room for any name: the ramfs's are at most 59 bytes (koito/ramfs). */
#define KOITO_NAME_MAX 255

struct dirent {
    ino_t d_ino;
    unsigned char d_type;
    char d_name[KOITO_NAME_MAX + 1];
};

typedef struct {
    int fd;
    struct dirent entry;
} DIR;

#endif
