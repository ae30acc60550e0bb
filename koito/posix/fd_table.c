/*
 * Descriptor tables and the open-file pool (fd_table.h). The pool is a
 * fixed array: open files live as long as the server, never in a
 * per-process allocation that a process's exit could pull from under a
 * descriptor another process inherited.
 */
#include "fd_table.h"

#include <stddef.h>

void open_file_pool_init(struct open_file_pool *pool, open_file_release_fn *release,
                         void *context)
{
    pool->release = release;
    pool->context = context;
    for (unsigned i = 0; i < OPEN_FILE_POOL_SIZE; i++)
        pool->files[i] = (struct open_file){ .references = 0 };
}

int open_file_new(struct open_file_pool *pool, enum open_file_kind kind, uint32_t flags,
                  struct open_file **file)
{
    if ((flags & KOITO_O_ACCMODE) == KOITO_O_ACCMODE)
        return -KOITO_EINVAL;
    for (unsigned i = 0; i < OPEN_FILE_POOL_SIZE; i++) {
        struct open_file *f = &pool->files[i];
        if (f->references != 0)
            continue;
        *f = (struct open_file){
            .references = 1, .kind = kind, .flags = flags & (KOITO_O_ACCMODE | KOITO_O_APPEND),
        };
        *file = f;
        return 0;
    }
    return -KOITO_ENFILE;
}

void open_file_drop(struct open_file_pool *pool, struct open_file *file)
{
    if (--file->references == 0)
        pool->release(pool->context, file);
}

bool open_file_readable(const struct open_file *file)
{
    return (file->flags & KOITO_O_ACCMODE) != KOITO_O_WRONLY;
}

bool open_file_writable(const struct open_file *file)
{
    return (file->flags & KOITO_O_ACCMODE) != KOITO_O_RDONLY;
}

void fd_table_init(struct fd_table *table, struct open_file_pool *pool)
{
    table->pool = pool;
    for (unsigned i = 0; i < FD_TABLE_SIZE; i++)
        table->fds[i] = NULL;
}

static bool in_range(int fd)
{
    return fd >= 0 && fd < FD_TABLE_SIZE;
}

int fd_install(struct fd_table *table, struct open_file *file)
{
    for (int fd = 0; fd < FD_TABLE_SIZE; fd++) {
        if (table->fds[fd] == NULL) {
            table->fds[fd] = file;
            return fd;
        }
    }
    return -KOITO_EMFILE;
}

int fd_get(const struct fd_table *table, int fd, struct open_file **file)
{
    if (!in_range(fd) || table->fds[fd] == NULL)
        return -KOITO_EBADF;
    *file = table->fds[fd];
    return 0;
}

int fd_close(struct fd_table *table, int fd)
{
    struct open_file *file;
    int error = fd_get(table, fd, &file);
    if (error != 0)
        return error;
    table->fds[fd] = NULL;
    open_file_drop(table->pool, file);
    return 0;
}

int fd_dup(struct fd_table *table, int fd)
{
    struct open_file *file;
    int error = fd_get(table, fd, &file);
    if (error != 0)
        return error;
    int copy = fd_install(table, file);
    if (copy >= 0)
        file->references++;
    return copy;
}

int fd_dup2(struct fd_table *table, int fd, int target)
{
    struct open_file *file;
    int error = fd_get(table, fd, &file);
    if (error != 0)
        return error;
    if (!in_range(target))
        return -KOITO_EBADF;
    /* The reference is taken before the old one goes: dup2(fd, fd) then
     * leaves all as it was, and the target names the new file before the
     * old one may be released, so the release callback never finds a
     * descriptor naming a freed file. */
    file->references++;
    struct open_file *old = table->fds[target];
    table->fds[target] = file;
    if (old != NULL)
        open_file_drop(table->pool, old);
    return target;
}

int fd_table_spawn(const struct fd_table *parent, struct fd_table *child, const int map[3])
{
    fd_table_init(child, parent->pool);
    for (int i = 0; i < 3; i++) {
        struct open_file *file;
        if (map[i] != -1 && fd_get(parent, map[i], &file) != 0)
            return -KOITO_EBADF;
    }
    for (int i = 0; i < 3; i++) {
        if (map[i] == -1)
            continue;
        child->fds[i] = parent->fds[map[i]];
        child->fds[i]->references++;
    }
    return 0;
}

void fd_table_close_all(struct fd_table *table)
{
    for (int fd = 0; fd < FD_TABLE_SIZE; fd++) {
        if (table->fds[fd] != NULL)
            fd_close(table, fd);
    }
}
