/*
 * File descriptors of the KOITO POSIX server: per process a table of
 * FD_TABLE_SIZE descriptors, each naming an open file from a pool shared by
 * every process. Several descriptors (dup, inherited by spawn) share one
 * open file, its offset and flags. Pure code, host-tested.
 *
 * References: every descriptor holds one reference to its open file. When
 * the last goes, the pool's release callback tells the owner (the server:
 * close a pipe end, ramfs_release a node) and the slot is free again.
 * Errors are negative KOITO_E* values (koito/errno.h).
 */
#ifndef KOITO_POSIX_FD_TABLE_H
#define KOITO_POSIX_FD_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include <koito/errno.h>
#include <koito/fcntl.h>

#define FD_TABLE_SIZE 32            /* descriptors 0..31 per process; more: EMFILE */
#define OPEN_FILE_POOL_SIZE 256     /* open files in the whole system; more: ENFILE */

struct pipe;

enum open_file_kind {
    OPEN_FILE_RAMFS_FILE,
    OPEN_FILE_RAMFS_DIRECTORY,
    OPEN_FILE_PIPE_READ,
    OPEN_FILE_PIPE_WRITE,
    OPEN_FILE_CONSOLE,
};

struct open_file {
    uint32_t references;        /* descriptors naming it; 0: a free slot */
    enum open_file_kind kind;
    uint32_t flags;             /* KOITO_O_ACCMODE bits and KOITO_O_APPEND */
    uint64_t offset;            /* ramfs file: byte offset; directory: readdir position */
    uint32_t node;              /* the ramfs kinds: their node */
    struct pipe *pipe;          /* the pipe kinds: their pipe */
};

typedef void open_file_release_fn(void *context, struct open_file *file);

struct open_file_pool {
    open_file_release_fn *release;
    void *context;
    struct open_file files[OPEN_FILE_POOL_SIZE];
};

struct fd_table {
    struct open_file_pool *pool;
    struct open_file *fds[FD_TABLE_SIZE];   /* NULL: closed */
};

/* All slots free; `release` is called with `context` for each open file
 * whose last reference goes. */
void open_file_pool_init(struct open_file_pool *pool, open_file_release_fn *release,
                         void *context);

/*
 * A new open file with one reference, owned by the caller until fd_install
 * takes it (the caller sets node or pipe). Only the access mode and
 * KOITO_O_APPEND of `flags` are kept. EINVAL for access mode 3, ENFILE
 * when the pool is full.
 */
int open_file_new(struct open_file_pool *pool, enum open_file_kind kind, uint32_t flags,
                  struct open_file **file);

/* Give up one reference the caller owns (one fd_install refused). */
void open_file_drop(struct open_file_pool *pool, struct open_file *file);

bool open_file_readable(const struct open_file *file);
bool open_file_writable(const struct open_file *file);

/* A table with every descriptor closed, using `pool`. */
void fd_table_init(struct fd_table *table, struct open_file_pool *pool);

/* The lowest closed descriptor now names `file`, taking over the caller's
 * reference. Returns the descriptor, or EMFILE (the reference stays the
 * caller's). */
int fd_install(struct fd_table *table, struct open_file *file);

/* The open file of descriptor `fd` in *file: 0, or EBADF (out of range, closed). */
int fd_get(const struct fd_table *table, int fd, struct open_file **file);

/* Close `fd`: 0 or EBADF. */
int fd_close(struct fd_table *table, int fd);

/* The lowest closed descriptor names fd's open file too: it, EBADF or EMFILE. */
int fd_dup(struct fd_table *table, int fd);

/*
 * Descriptor `target` names fd's open file, closing what target named
 * first. Returns target; fd == target (open) does nothing. EBADF if fd is
 * not open or target is out of range.
 */
int fd_dup2(struct fd_table *table, int fd, int target);

/*
 * Build `child` (any contents before; its pool becomes parent's) for a new
 * process: child descriptor i (0, 1, 2) names the open file of parent
 * descriptor map[i], or stays closed for -1; all others are closed. EBADF
 * if a map entry other than -1 is not an open parent descriptor: the child
 * table is then all closed.
 */
int fd_table_spawn(const struct fd_table *parent, struct fd_table *child, const int map[3]);

/* Close every descriptor (process exit). */
void fd_table_close_all(struct fd_table *table);

#endif
