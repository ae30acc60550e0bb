/*
 * Path resolution (path.h): a walk over the components with ramfs_lookup,
 * which already knows ".", "..", and refuses to look inside a file.
 */
#include "path.h"

#include <koito/bytes.h>

static int check_path(const char *path, size_t length)
{
    if (length == 0)
        return -KOITO_ENOENT;
    if (length >= RAMFS_PATH_MAX)
        return -KOITO_ENAMETOOLONG;
    for (size_t i = 0; i < length; i++) {
        if (path[i] == '\0')
            return -KOITO_EINVAL;
    }
    return 0;
}

/* Where the walk starts. The cwd is checked for absolute paths too, so a
 * server bug passing a stale cwd shows at once rather than sometimes. */
static int start_of(struct ramfs *fs, uint32_t cwd, const char *path, uint32_t *node)
{
    const struct ramfs_node *c = ramfs_node(fs, cwd);
    if (c == NULL)
        return -KOITO_ENOENT;
    if (c->type != RAMFS_DIRECTORY)
        return -KOITO_ENOTDIR;
    *node = path[0] == '/' ? RAMFS_ROOT : cwd;
    return 0;
}

/* Follow the components of path[0, length) from `node`; a path ending in
 * '/' must name a directory. */
static int walk(struct ramfs *fs, uint32_t node, const char *path, size_t length,
                uint32_t *result)
{
    size_t i = 0;
    while (i < length) {
        if (path[i] == '/') {
            i++;
            continue;
        }
        size_t start = i;
        while (i < length && path[i] != '/')
            i++;
        int error = ramfs_lookup(fs, node, path + start, i - start, &node);
        if (error != 0)
            return error;
    }
    if (length > 0 && path[length - 1] == '/' && ramfs_node(fs, node)->type != RAMFS_DIRECTORY)
        return -KOITO_ENOTDIR;
    *result = node;
    return 0;
}

int ramfs_path_lookup(struct ramfs *fs, uint32_t cwd, const char *path, size_t length,
                      uint32_t *node)
{
    uint32_t start;
    int error = check_path(path, length);
    if (error == 0)
        error = start_of(fs, cwd, path, &start);
    if (error != 0)
        return error;
    return walk(fs, start, path, length, node);
}

int ramfs_path_split(struct ramfs *fs, uint32_t cwd, const char *path, size_t length,
                     struct ramfs_path_last *last)
{
    uint32_t start;
    int error = check_path(path, length);
    if (error == 0)
        error = start_of(fs, cwd, path, &start);
    if (error != 0)
        return error;

    size_t end = length;
    while (end > 0 && path[end - 1] == '/')
        end--;
    if (end == 0) { /* nothing but slashes: the root */
        *last = (struct ramfs_path_last){ RAMFS_ROOT, ".", 1, true };
        return 0;
    }
    size_t name = end;
    while (name > 0 && path[name - 1] != '/')
        name--;
    if (end - name > RAMFS_NAME_MAX)
        return -KOITO_ENAMETOOLONG;
    /* The prefix is empty or ends in '/': walk makes it a directory. */
    uint32_t parent;
    error = walk(fs, start, path, name, &parent);
    if (error != 0)
        return error;
    *last = (struct ramfs_path_last){ parent, path + name, end - name, end < length };
    return 0;
}

int ramfs_path_of(struct ramfs *fs, uint32_t dir, char *buffer, size_t size)
{
    const struct ramfs_node *d = ramfs_node(fs, dir);
    if (d == NULL)
        return -KOITO_ENOENT;
    if (d->type != RAMFS_DIRECTORY)
        return -KOITO_ENOTDIR;
    if (d->links == 0)
        return -KOITO_ENOENT;
    if (dir == RAMFS_ROOT) {
        if (size < 2)
            return -KOITO_ERANGE;
        buffer[0] = '/';
        buffer[1] = '\0';
        return 1;
    }
    /* A live directory's parents lead to the root (ramfs.c, is_within). */
    size_t length = 0;
    for (uint32_t n = dir; n != RAMFS_ROOT; n = ramfs_node(fs, n)->parent)
        length += 1 + ramfs_node(fs, n)->name_length;
    if (length + 1 > size)
        return -KOITO_ERANGE;
    buffer[length] = '\0';
    size_t end = length;
    for (uint32_t n = dir; n != RAMFS_ROOT; n = ramfs_node(fs, n)->parent) {
        const struct ramfs_node *node = ramfs_node(fs, n);
        end -= node->name_length;
        memcpy(buffer + end, node->name, node->name_length);
        buffer[--end] = '/';
    }
    return (int)length;
}
