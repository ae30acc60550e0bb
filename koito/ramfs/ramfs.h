/*
 * KOITO's in-memory file system: directories and regular files in a fixed
 * table of nodes, file data in 4096-byte pages from a page provider the
 * owner supplies (ULMM frames in the POSIX server, malloc in host tests).
 * Pure code: no IPC, no kernel calls. Paths are path.h's; the boot tree
 * comes from an archive (archive.h, ramfs_load_archive). docs/ramfs.md.
 *
 * Nodes are named by number (1 .. RAMFS_NODE_COUNT, the root is RAMFS_ROOT;
 * the number is the inode number stat reports). Names are byte strings
 * with a length, not NUL-terminated. Every int-returning call gives 0 (or
 * a count) on success and a negative KOITO_E* (koito/errno.h) on failure;
 * a call that fails has changed nothing a caller can observe. A node
 * number that is not in use is -KOITO_ENOENT, never a crash.
 */
#ifndef KOITO_RAMFS_H
#define KOITO_RAMFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <koito/errno.h>

#define RAMFS_NAME_MAX 59                  /* bytes in one name; longer: ENAMETOOLONG */
#define RAMFS_NODE_COUNT 512               /* nodes, the root included; more: ENOSPC */
#define RAMFS_PAGE_SIZE 4096               /* what the page provider hands out */
#define RAMFS_FILE_SIZE_MAX (8u << 20)     /* bytes in one file; beyond: EFBIG */
#define RAMFS_ROOT 1u                      /* the root directory's node number */

/* A file's data pages are found through map pages of block pointers. */
#define RAMFS_BLOCKS_PER_MAP (RAMFS_PAGE_SIZE / sizeof(void *))
#define RAMFS_MAPS_PER_FILE (RAMFS_FILE_SIZE_MAX / RAMFS_PAGE_SIZE / RAMFS_BLOCKS_PER_MAP)

enum ramfs_node_type {
    RAMFS_FREE = 0,     /* a table slot no node uses */
    RAMFS_FILE,
    RAMFS_DIRECTORY,
};

struct ramfs_page_provider {
    void *(*alloc_page)(void *context);              /* a page (any contents), NULL if none left */
    void (*free_page)(void *context, void *page);
    void *context;
};

struct ramfs_node {
    enum ramfs_node_type type;
    uint32_t parent;    /* directory holding its name (the root: itself); 0 once removed */
    uint32_t links;     /* file 1, directory 2 + subdirectories; 0 once removed */
    uint32_t holds;     /* open files and working directories using it (ramfs_hold) */
    uint64_t size;
    /* Non-NULL: the first `size` bytes are these archive bytes, not yet copied. */
    const uint8_t *archive_data;
    /* Map pages, each RAMFS_BLOCKS_PER_MAP data pages; NULL: a hole, reads as zeros. */
    void **maps[RAMFS_MAPS_PER_FILE];
    uint8_t name_length;
    char name[RAMFS_NAME_MAX];
};

struct ramfs {
    struct ramfs_page_provider pages;
    struct ramfs_node nodes[RAMFS_NODE_COUNT];
};

struct ramfs_stat {
    enum ramfs_node_type type;
    uint32_t node;      /* inode number */
    uint32_t links;
    uint64_t size;      /* bytes; a directory: 0 */
};

struct ramfs_dirent {
    uint32_t node;
    enum ramfs_node_type type;
    uint8_t name_length;
    char name[RAMFS_NAME_MAX + 1];  /* NUL-terminated for the caller's convenience */
};

/* An empty file system (the root alone) using `pages` for file data. */
void ramfs_init(struct ramfs *fs, const struct ramfs_page_provider *pages);

/*
 * Add the members of the archive at `image` (archive.h) in their order. The
 * image must stay in memory, unchanged, as long as the file system: file
 * contents stay there until first written. -KOITO_EINVAL for an image that
 * is not a well-formed archive (nothing added); a member the tree refuses
 * (parent missing: ENOENT, duplicate: EEXIST, a file's path ending in '/':
 * EISDIR, over the limits: ENOSPC, EFBIG, ENAMETOOLONG) stops the load with
 * that error, the members before it added.
 */
int ramfs_load_archive(struct ramfs *fs, const void *image, size_t size);

/*
 * The node named `name` in directory `dir`; "." is dir and ".." its parent
 * (the root's is the root). ENOTDIR if dir is a file; ENOENT if the name
 * is not there or dir was removed (".." too); ENAMETOOLONG; EINVAL for an
 * empty name or one holding '/' or NUL.
 */
int ramfs_lookup(struct ramfs *fs, uint32_t dir, const char *name, size_t length,
                 uint32_t *node);

/* A new empty file / directory `name` in `dir`: its number in *node. EEXIST,
 * ENOSPC (no node left), and ramfs_lookup's errors for dir and name. */
int ramfs_create(struct ramfs *fs, uint32_t dir, const char *name, size_t length,
                 uint32_t *node);
int ramfs_mkdir(struct ramfs *fs, uint32_t dir, const char *name, size_t length,
                uint32_t *node);

/*
 * Remove the name of a file (EISDIR for a directory) / an empty directory
 * (ENOTDIR for a file, ENOTEMPTY, EINVAL for "." and ".."). A node still
 * held keeps its data until its last ramfs_release.
 */
int ramfs_unlink(struct ramfs *fs, uint32_t dir, const char *name, size_t length);
int ramfs_rmdir(struct ramfs *fs, uint32_t dir, const char *name, size_t length);

/*
 * Move a name, replacing what the new name held: a file by a file, an empty
 * directory by a directory (EISDIR, ENOTDIR, ENOTEMPTY otherwise). EINVAL
 * for "." or ".." either side and for moving a directory into itself.
 * Renaming a node onto itself does nothing.
 */
int ramfs_rename(struct ramfs *fs, uint32_t from_dir, const char *from_name, size_t from_length,
                 uint32_t to_dir, const char *to_name, size_t to_length);

/* Up to `count` bytes from `offset` into `buffer`: how many (0 at or past
 * the end), or EISDIR. */
int64_t ramfs_read(struct ramfs *fs, uint32_t node, uint64_t offset, void *buffer, size_t count);

/*
 * `count` bytes at `offset`, growing the file; a hole before offset reads
 * as zeros. Returns how many were written: fewer than count when the file
 * would pass RAMFS_FILE_SIZE_MAX or pages ran out after some were written;
 * EFBIG (offset at or past the limit), ENOSPC (no page for the first
 * byte), EISDIR.
 */
int64_t ramfs_write(struct ramfs *fs, uint32_t node, uint64_t offset, const void *data,
                    size_t count);

/* Set the file's size: bytes past it are dropped, growth reads as zeros.
 * EFBIG, EISDIR, ENOSPC (an archive file's first copy needs pages). */
int ramfs_truncate(struct ramfs *fs, uint32_t node, uint64_t size);

/*
 * The directory entry at *position (start at 0): ".", "..", then the
 * entries; *position moves past it. Returns 1 with an entry, 0 at the end
 * (at once for a removed directory), ENOTDIR. Removing or adding other
 * entries between calls never repeats or skips one that stays.
 */
int ramfs_readdir(struct ramfs *fs, uint32_t dir, uint64_t *position, struct ramfs_dirent *entry);

int ramfs_stat(struct ramfs *fs, uint32_t node, struct ramfs_stat *stat);

/*
 * Open files and working directories hold their node so that removing its
 * name does not free it under them; the last release of a removed node
 * frees it and its pages. Release without a hold: EINVAL.
 */
int ramfs_hold(struct ramfs *fs, uint32_t node);
int ramfs_release(struct ramfs *fs, uint32_t node);

/* For the file system's own parts (path.c, load_archive.c): the node in
 * use with this number, or NULL. */
struct ramfs_node *ramfs_node(struct ramfs *fs, uint32_t node);

#endif
