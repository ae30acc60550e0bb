/*
 * Building a boot-tree archive (archive.h) from files and directories: the
 * part of the host tool mkrootfs that knows the format, host-tested against
 * the reader. Directories that paths imply are added, before their
 * contents, so that the archive lists every parent before its children.
 */
#ifndef KOITO_RAMFS_ROOTFS_BUILDER_H
#define KOITO_RAMFS_ROOTFS_BUILDER_H

#include "archive.h"
#include "path.h"
#include "ramfs.h"

#define ROOTFS_MAX_ENTRIES (RAMFS_NODE_COUNT - 1) /* the root needs no entry */

enum rootfs_error {
    ROOTFS_OK = 0,
    ROOTFS_BAD_PATH,            /* not absolute, empty component ("//"), ".", "..", NUL; a file's ends in '/' */
    ROOTFS_NAME_TOO_LONG,       /* a component over RAMFS_NAME_MAX */
    ROOTFS_PATH_TOO_LONG,       /* RAMFS_PATH_MAX bytes or more */
    ROOTFS_FILE_TOO_LARGE,      /* over RAMFS_FILE_SIZE_MAX */
    ROOTFS_DUPLICATE,           /* a file added twice, or where a directory is */
    ROOTFS_NOT_A_DIRECTORY,     /* a file's path used as a directory */
    ROOTFS_TOO_MANY_ENTRIES,    /* more than ROOTFS_MAX_ENTRIES with the implied directories */
};

struct rootfs_entry {
    enum ramfs_archive_type type;
    size_t path_length;
    char path[RAMFS_PATH_MAX];  /* normalised: no trailing '/' */
    const void *data;           /* a file's contents, the caller's */
    uint32_t size;
};

struct rootfs_builder {
    uint32_t count;
    struct rootfs_entry entries[ROOTFS_MAX_ENTRIES];
};

void rootfs_builder_init(struct rootfs_builder *builder);

/*
 * Add file `path` (NUL-terminated, "/bin/ls") with `size` bytes at `data`,
 * which must stay valid until rootfs_builder_write. A failed add adds
 * nothing, not even parent directories.
 */
enum rootfs_error rootfs_builder_add_file(struct rootfs_builder *builder, const char *path,
                                          const void *data, size_t size);

/* Add directory `path` ("/tmp/" or "/tmp"); a directory already there is no error. */
enum rootfs_error rootfs_builder_add_directory(struct rootfs_builder *builder, const char *path);

/* The archive's size in bytes, and the archive itself into `image` (that many bytes). */
size_t rootfs_builder_size(const struct rootfs_builder *builder);
void rootfs_builder_write(const struct rootfs_builder *builder, uint8_t *image);

const char *rootfs_error_name(enum rootfs_error error);

#endif
