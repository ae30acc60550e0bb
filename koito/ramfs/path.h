/*
 * Path resolution on the ramfs: absolute paths from the root, relative ones
 * from a working directory; ".", ".." (at the root: the root), repeated and
 * trailing slashes. Also the split into parent directory and last name that
 * create, mkdir, unlink, rmdir and rename need, and the canonical absolute
 * path of a directory (getcwd). Errors are negative KOITO_E* values.
 *
 * A path is `length` bytes, no NUL needed: EINVAL if it holds a NUL byte,
 * ENOENT if empty, ENAMETOOLONG if length >= RAMFS_PATH_MAX or a component
 * is longer than RAMFS_NAME_MAX, ENOTDIR if a file is used as a directory
 * (a component before the last, or a last one followed by '/'). `cwd` must
 * be a directory in use (ENOENT, ENOTDIR), also for an absolute path.
 */
#ifndef KOITO_RAMFS_PATH_H
#define KOITO_RAMFS_PATH_H

#include "ramfs.h"

/* POSIX PATH_MAX: bytes with the terminating NUL, so a path has at most 255. */
#define RAMFS_PATH_MAX 256

/* The node `path` names, in *node. */
int ramfs_path_lookup(struct ramfs *fs, uint32_t cwd, const char *path, size_t length,
                      uint32_t *node);

struct ramfs_path_last {
    uint32_t parent;        /* the directory that holds (or would hold) the name */
    const char *name;       /* the last component, inside the caller's path (or ".") */
    size_t length;
    bool trailing_slash;    /* the path ended in '/': the name must be a directory */
};

/*
 * Resolve all of `path` but its last component, which need not exist. The
 * root ("/", "//") splits into the root and ".", so that creating it is
 * EEXIST and removing it EINVAL or EISDIR, as for any ".". The parent's
 * errors are ramfs_path_lookup's.
 */
int ramfs_path_split(struct ramfs *fs, uint32_t cwd, const char *path, size_t length,
                     struct ramfs_path_last *last);

/*
 * The canonical absolute path of directory `dir` ("/" for the root, no
 * trailing slash otherwise) into `buffer`, NUL-terminated. Returns its
 * length without the NUL; ERANGE if `size` bytes cannot hold it, ENOTDIR,
 * ENOENT (not in use, or removed while a process kept it as its cwd).
 */
int ramfs_path_of(struct ramfs *fs, uint32_t dir, char *buffer, size_t size);

#endif
