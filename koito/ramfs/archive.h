/*
 * The boot file tree's archive: the format mkrootfs writes (rootfs_builder.h)
 * and ramfs_load_archive reads. Reading checks every offset and length
 * against the archive's bounds before anything is used, so a corrupt or
 * truncated image is refused, never read outside. docs/ramfs.md.
 *
 * All numbers are little-endian; offsets count from the archive's first
 * byte. Layout:
 *
 *   header, 16 bytes:  u32 magic "KRFS" (RAMFS_ARCHIVE_MAGIC), u16 version
 *                      (1), u16 reserved (0), u32 entry count, u32 size
 *                      (the archive's bytes; a larger image is padding)
 *   entries, 16 bytes each, right after the header:
 *                      u32 path offset, u16 path length, u8 type (1 file,
 *                      2 directory), u8 reserved (0), u32 data offset,
 *                      u32 data size (a directory: 0 and 0)
 *   paths and data anywhere after the entries, inside `size`.
 *
 * A path is absolute ('/' first), without NUL bytes; entries come in an
 * order where each one's parent directory comes before it. mkrootfs aligns
 * file data to RAMFS_ARCHIVE_DATA_ALIGNMENT bytes; the reader does not
 * depend on it.
 */
#ifndef KOITO_RAMFS_ARCHIVE_H
#define KOITO_RAMFS_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RAMFS_ARCHIVE_MAGIC 0x5346524bu /* "KRFS" as little-endian bytes */
#define RAMFS_ARCHIVE_VERSION 1
#define RAMFS_ARCHIVE_HEADER_SIZE 16
#define RAMFS_ARCHIVE_ENTRY_SIZE 16
#define RAMFS_ARCHIVE_DATA_ALIGNMENT 16

enum ramfs_archive_type {
    RAMFS_ARCHIVE_FILE = 1,
    RAMFS_ARCHIVE_DIRECTORY = 2,
};

enum ramfs_archive_error {
    RAMFS_ARCHIVE_OK = 0,
    RAMFS_ARCHIVE_TRUNCATED,    /* the header, the entries, a path or data lie outside */
    RAMFS_ARCHIVE_BAD_MAGIC,
    RAMFS_ARCHIVE_BAD_VERSION,  /* or reserved header bits set */
    RAMFS_ARCHIVE_BAD_ENTRY,    /* type, reserved byte, directory with data, path not absolute or with NUL */
};

/* A checked archive (ramfs_archive_open). */
struct ramfs_archive {
    const uint8_t *image;
    uint32_t size;
    uint32_t count;
};

struct ramfs_archive_member {
    enum ramfs_archive_type type;
    const char *path;       /* inside the image, not NUL-terminated */
    size_t path_length;
    const uint8_t *data;    /* inside the image; a directory: NULL */
    uint32_t size;
};

/* Check the whole archive at `image` (`size` bytes available there). */
enum ramfs_archive_error ramfs_archive_open(struct ramfs_archive *archive, const void *image,
                                            size_t size);

/* Member `index` of an opened archive; false if index >= count. */
bool ramfs_archive_member(const struct ramfs_archive *archive, uint32_t index,
                          struct ramfs_archive_member *member);

const char *ramfs_archive_error_name(enum ramfs_archive_error error);

#endif
