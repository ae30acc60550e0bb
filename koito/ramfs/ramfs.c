/*
 * The ramfs node table and file data (ramfs.h). A directory's entries are
 * the nodes whose parent it is: with 512 nodes a scan of the table is cheap
 * and a directory needs no storage of its own. File data lives in pages
 * reached through the file's map pages.
 */
#include "ramfs.h"

#include <koito/bytes.h>

/*
 * Invariant: bytes of an allocated data page past the file's size are zero,
 * so growing a file (write past the end, truncate up) shows zeros without
 * touching the pages. Fresh pages are zeroed; shrinking zeroes the tail.
 */

struct ramfs_node *ramfs_node(struct ramfs *fs, uint32_t node)
{
    if (node == 0 || node > RAMFS_NODE_COUNT)
        return NULL;
    struct ramfs_node *n = &fs->nodes[node - 1];
    return n->type == RAMFS_FREE ? NULL : n;
}

/* The root is its own parent but not its own entry. */
static bool is_entry_of(const struct ramfs *fs, uint32_t index, uint32_t dir)
{
    const struct ramfs_node *n = &fs->nodes[index];
    return n->type != RAMFS_FREE && n->parent == dir && index + 1 != dir;
}

static bool is_dot(const char *name, size_t length)
{
    return length == 1 && name[0] == '.';
}

static bool is_dot_dot(const char *name, size_t length)
{
    return length == 2 && name[0] == '.' && name[1] == '.';
}

static bool name_is(const struct ramfs_node *n, const char *name, size_t length)
{
    if (n->name_length != length)
        return false;
    for (size_t i = 0; i < length; i++) {
        if (n->name[i] != name[i])
            return false;
    }
    return true;
}

static int check_name(const char *name, size_t length)
{
    if (length == 0)
        return -KOITO_EINVAL;
    if (length > RAMFS_NAME_MAX)
        return -KOITO_ENAMETOOLONG;
    for (size_t i = 0; i < length; i++) {
        if (name[i] == '/' || name[i] == '\0')
            return -KOITO_EINVAL;
    }
    return 0;
}

static int directory_at(struct ramfs *fs, uint32_t dir, struct ramfs_node **out)
{
    struct ramfs_node *d = ramfs_node(fs, dir);
    if (d == NULL)
        return -KOITO_ENOENT;
    if (d->type != RAMFS_DIRECTORY)
        return -KOITO_ENOTDIR;
    *out = d;
    return 0;
}

static int find_entry(const struct ramfs *fs, uint32_t dir, const char *name, size_t length,
                      uint32_t *node)
{
    for (uint32_t i = 0; i < RAMFS_NODE_COUNT; i++) {
        if (is_entry_of(fs, i, dir) && name_is(&fs->nodes[i], name, length)) {
            *node = i + 1;
            return 0;
        }
    }
    return -KOITO_ENOENT;
}

static bool is_empty(const struct ramfs *fs, uint32_t dir)
{
    for (uint32_t i = 0; i < RAMFS_NODE_COUNT; i++) {
        if (is_entry_of(fs, i, dir))
            return false;
    }
    return true;
}

static void set_name(struct ramfs_node *n, const char *name, size_t length)
{
    memcpy(n->name, name, length);
    n->name_length = (uint8_t)length;
}

/* ---- pages ---------------------------------------------------------------- */

static void *zeroed_page(struct ramfs *fs)
{
    void *page = fs->pages.alloc_page(fs->pages.context);
    if (page != NULL)
        memset(page, 0, RAMFS_PAGE_SIZE);
    return page;
}

static void free_page(struct ramfs *fs, void *page)
{
    fs->pages.free_page(fs->pages.context, page);
}

static uint8_t *block_of(const struct ramfs_node *n, uint64_t block)
{
    void **map = n->maps[block / RAMFS_BLOCKS_PER_MAP];
    return map == NULL ? NULL : map[block % RAMFS_BLOCKS_PER_MAP];
}

/* The data page of `block`, allocated (with its map page) if it is a hole;
 * NULL when pages ran out, with no map page left behind empty. */
static uint8_t *block_for_write(struct ramfs *fs, struct ramfs_node *n, uint64_t block)
{
    void ***map = &n->maps[block / RAMFS_BLOCKS_PER_MAP];
    bool fresh_map = *map == NULL;
    if (fresh_map) {
        *map = zeroed_page(fs);
        if (*map == NULL)
            return NULL;
    }
    void **slot = &(*map)[block % RAMFS_BLOCKS_PER_MAP];
    if (*slot == NULL)
        *slot = zeroed_page(fs);
    if (*slot == NULL && fresh_map) {
        free_page(fs, *map);
        *map = NULL;
        return NULL;
    }
    return *slot;
}

/* Free the data pages from block `first` on, and map pages left with none below it. */
static void free_blocks_from(struct ramfs *fs, struct ramfs_node *n, uint64_t first)
{
    for (uint64_t m = 0; m < RAMFS_MAPS_PER_FILE; m++) {
        void **map = n->maps[m];
        if (map == NULL)
            continue;
        uint64_t base = m * RAMFS_BLOCKS_PER_MAP;
        for (uint64_t b = 0; b < RAMFS_BLOCKS_PER_MAP; b++) {
            if (base + b >= first && map[b] != NULL) {
                free_page(fs, map[b]);
                map[b] = NULL;
            }
        }
        if (base >= first) {
            free_page(fs, map);
            n->maps[m] = NULL;
        }
    }
}

/* Drop the bytes from `size` on, keeping the zero-tail invariant. */
static void drop_data_past(struct ramfs *fs, struct ramfs_node *n, uint64_t size)
{
    free_blocks_from(fs, n, (size + RAMFS_PAGE_SIZE - 1) / RAMFS_PAGE_SIZE);
    uint64_t within = size % RAMFS_PAGE_SIZE;
    if (within == 0)
        return;
    uint8_t *last = block_of(n, size / RAMFS_PAGE_SIZE);
    if (last != NULL)
        memset(last + within, 0, RAMFS_PAGE_SIZE - within);
}

/* The first change to an archive file copies its bytes into pages, all or none. */
static int copy_from_archive(struct ramfs *fs, struct ramfs_node *n)
{
    if (n->archive_data == NULL)
        return 0;
    for (uint64_t start = 0; start < n->size; start += RAMFS_PAGE_SIZE) {
        uint8_t *page = block_for_write(fs, n, start / RAMFS_PAGE_SIZE);
        if (page == NULL) {
            free_blocks_from(fs, n, 0);
            return -KOITO_ENOSPC;
        }
        uint64_t left = n->size - start;
        memcpy(page, n->archive_data + start, left < RAMFS_PAGE_SIZE ? left : RAMFS_PAGE_SIZE);
    }
    n->archive_data = NULL;
    return 0;
}

/* ---- nodes ---------------------------------------------------------------- */

static void free_node(struct ramfs *fs, struct ramfs_node *n)
{
    free_blocks_from(fs, n, 0);
    *n = (struct ramfs_node){ .type = RAMFS_FREE };
}

/* The node loses its name; it is freed now unless something holds it. */
static void remove_name(struct ramfs *fs, struct ramfs_node *n)
{
    if (n->type == RAMFS_DIRECTORY)
        ramfs_node(fs, n->parent)->links--;
    n->parent = 0;
    n->links = 0;
    if (n->holds == 0)
        free_node(fs, n);
}

void ramfs_init(struct ramfs *fs, const struct ramfs_page_provider *pages)
{
    fs->pages = *pages;
    for (uint32_t i = 0; i < RAMFS_NODE_COUNT; i++)
        fs->nodes[i] = (struct ramfs_node){ .type = RAMFS_FREE };
    fs->nodes[RAMFS_ROOT - 1] =
        (struct ramfs_node){ .type = RAMFS_DIRECTORY, .parent = RAMFS_ROOT, .links = 2 };
}

int ramfs_lookup(struct ramfs *fs, uint32_t dir, const char *name, size_t length, uint32_t *node)
{
    struct ramfs_node *d;
    int error = directory_at(fs, dir, &d);
    if (error == 0)
        error = check_name(name, length);
    if (error != 0)
        return error;
    if (is_dot(name, length)) {
        *node = dir;
        return 0;
    }
    if (d->links == 0) /* removed: it has no entries and no parent left */
        return -KOITO_ENOENT;
    if (is_dot_dot(name, length)) {
        *node = d->parent;
        return 0;
    }
    return find_entry(fs, dir, name, length, node);
}

static int make_node(struct ramfs *fs, uint32_t dir, const char *name, size_t length,
                     enum ramfs_node_type type, uint32_t *node)
{
    struct ramfs_node *d;
    int error = directory_at(fs, dir, &d);
    if (error != 0)
        return error;
    uint32_t existing;
    error = ramfs_lookup(fs, dir, name, length, &existing);
    if (error == 0)
        return -KOITO_EEXIST;
    if (error != -KOITO_ENOENT)
        return error;
    if (d->links == 0)
        return -KOITO_ENOENT;
    for (uint32_t i = 0; i < RAMFS_NODE_COUNT; i++) {
        struct ramfs_node *n = &fs->nodes[i];
        if (n->type != RAMFS_FREE)
            continue;
        *n = (struct ramfs_node){
            .type = type, .parent = dir, .links = type == RAMFS_DIRECTORY ? 2 : 1
        };
        set_name(n, name, length);
        if (type == RAMFS_DIRECTORY)
            d->links++;
        *node = i + 1;
        return 0;
    }
    return -KOITO_ENOSPC;
}

int ramfs_create(struct ramfs *fs, uint32_t dir, const char *name, size_t length, uint32_t *node)
{
    return make_node(fs, dir, name, length, RAMFS_FILE, node);
}

int ramfs_mkdir(struct ramfs *fs, uint32_t dir, const char *name, size_t length, uint32_t *node)
{
    return make_node(fs, dir, name, length, RAMFS_DIRECTORY, node);
}

int ramfs_unlink(struct ramfs *fs, uint32_t dir, const char *name, size_t length)
{
    uint32_t number;
    int error = ramfs_lookup(fs, dir, name, length, &number);
    if (error != 0)
        return error;
    struct ramfs_node *n = ramfs_node(fs, number);
    if (n->type == RAMFS_DIRECTORY)
        return -KOITO_EISDIR;
    remove_name(fs, n);
    return 0;
}

int ramfs_rmdir(struct ramfs *fs, uint32_t dir, const char *name, size_t length)
{
    uint32_t number;
    int error = ramfs_lookup(fs, dir, name, length, &number);
    if (error != 0)
        return error;
    /* "." and ".." name a directory by another name (the root only so). */
    if (is_dot(name, length) || is_dot_dot(name, length))
        return -KOITO_EINVAL;
    struct ramfs_node *n = ramfs_node(fs, number);
    if (n->type != RAMFS_DIRECTORY)
        return -KOITO_ENOTDIR;
    if (!is_empty(fs, number))
        return -KOITO_ENOTEMPTY;
    remove_name(fs, n);
    return 0;
}

/*
 * Whether live directory `dir` is `ancestor` or lies below it. The parents
 * of a live directory lead up to the root: directories are only made in,
 * and moved into, live directories not below themselves (ramfs_rename).
 */
static bool is_within(const struct ramfs *fs, uint32_t dir, uint32_t ancestor)
{
    while (dir != ancestor) {
        if (dir == RAMFS_ROOT)
            return false;
        dir = fs->nodes[dir - 1].parent;
    }
    return true;
}

int ramfs_rename(struct ramfs *fs, uint32_t from_dir, const char *from_name, size_t from_length,
                 uint32_t to_dir, const char *to_name, size_t to_length)
{
    uint32_t source;
    int error = ramfs_lookup(fs, from_dir, from_name, from_length, &source);
    if (error != 0)
        return error;
    struct ramfs_node *to;
    error = directory_at(fs, to_dir, &to);
    if (error == 0)
        error = check_name(to_name, to_length);
    if (error != 0)
        return error;
    if (is_dot(from_name, from_length) || is_dot_dot(from_name, from_length) ||
        is_dot(to_name, to_length) || is_dot_dot(to_name, to_length))
        return -KOITO_EINVAL;
    if (to->links == 0)
        return -KOITO_ENOENT;
    struct ramfs_node *s = ramfs_node(fs, source);
    if (s->type == RAMFS_DIRECTORY && is_within(fs, to_dir, source))
        return -KOITO_EINVAL;

    uint32_t target;
    if (find_entry(fs, to_dir, to_name, to_length, &target) == 0) {
        if (target == source)
            return 0;
        struct ramfs_node *t = ramfs_node(fs, target);
        if (s->type == RAMFS_FILE && t->type == RAMFS_DIRECTORY)
            return -KOITO_EISDIR;
        if (s->type == RAMFS_DIRECTORY && t->type == RAMFS_FILE)
            return -KOITO_ENOTDIR;
        if (t->type == RAMFS_DIRECTORY && !is_empty(fs, target))
            return -KOITO_ENOTEMPTY;
        remove_name(fs, t);
    }
    if (s->type == RAMFS_DIRECTORY) {
        ramfs_node(fs, s->parent)->links--;
        to->links++;
    }
    s->parent = to_dir;
    set_name(s, to_name, to_length);
    return 0;
}

/* ---- file data ------------------------------------------------------------ */

static int file_at(struct ramfs *fs, uint32_t node, struct ramfs_node **out)
{
    struct ramfs_node *n = ramfs_node(fs, node);
    if (n == NULL)
        return -KOITO_ENOENT;
    if (n->type != RAMFS_FILE)
        return -KOITO_EISDIR;
    *out = n;
    return 0;
}

int64_t ramfs_read(struct ramfs *fs, uint32_t node, uint64_t offset, void *buffer, size_t count)
{
    struct ramfs_node *n;
    int error = file_at(fs, node, &n);
    if (error != 0)
        return error;
    if (offset >= n->size)
        return 0;
    uint64_t available = n->size - offset;
    size_t total = count < available ? count : (size_t)available;
    if (n->archive_data != NULL) {
        memcpy(buffer, n->archive_data + offset, total);
        return (int64_t)total;
    }
    uint8_t *out = buffer;
    for (size_t done = 0; done < total;) {
        uint64_t position = offset + done;
        size_t within = position % RAMFS_PAGE_SIZE;
        size_t chunk = RAMFS_PAGE_SIZE - within;
        if (chunk > total - done)
            chunk = total - done;
        const uint8_t *page = block_of(n, position / RAMFS_PAGE_SIZE);
        if (page != NULL)
            memcpy(out + done, page + within, chunk);
        else
            memset(out + done, 0, chunk);
        done += chunk;
    }
    return (int64_t)total;
}

int64_t ramfs_write(struct ramfs *fs, uint32_t node, uint64_t offset, const void *data,
                    size_t count)
{
    struct ramfs_node *n;
    int error = file_at(fs, node, &n);
    if (error != 0)
        return error;
    if (count == 0)
        return 0;
    if (offset >= RAMFS_FILE_SIZE_MAX)
        return -KOITO_EFBIG;
    error = copy_from_archive(fs, n);
    if (error != 0)
        return error;
    uint64_t room = RAMFS_FILE_SIZE_MAX - offset;
    size_t total = count < room ? count : (size_t)room;
    const uint8_t *in = data;
    size_t done = 0;
    while (done < total) {
        uint64_t position = offset + done;
        size_t within = position % RAMFS_PAGE_SIZE;
        size_t chunk = RAMFS_PAGE_SIZE - within;
        if (chunk > total - done)
            chunk = total - done;
        uint8_t *page = block_for_write(fs, n, position / RAMFS_PAGE_SIZE);
        if (page == NULL)
            break;
        memcpy(page + within, in + done, chunk);
        done += chunk;
    }
    if (done == 0)
        return -KOITO_ENOSPC;
    if (offset + done > n->size)
        n->size = offset + done;
    return (int64_t)done;
}

int ramfs_truncate(struct ramfs *fs, uint32_t node, uint64_t size)
{
    struct ramfs_node *n;
    int error = file_at(fs, node, &n);
    if (error != 0)
        return error;
    if (size > RAMFS_FILE_SIZE_MAX)
        return -KOITO_EFBIG;
    if (size <= n->size) {
        /* An archive file's bytes stay valid for any shorter size. */
        if (n->archive_data == NULL)
            drop_data_past(fs, n, size);
        n->size = size;
        return 0;
    }
    error = copy_from_archive(fs, n);
    if (error != 0)
        return error;
    n->size = size;
    return 0;
}

/* ---- directories, stat, holds --------------------------------------------- */

static void fill_entry(struct ramfs_dirent *entry, uint32_t node, enum ramfs_node_type type,
                       const char *name, size_t length)
{
    entry->node = node;
    entry->type = type;
    entry->name_length = (uint8_t)length;
    memcpy(entry->name, name, length);
    entry->name[length] = '\0';
}

int ramfs_readdir(struct ramfs *fs, uint32_t dir, uint64_t *position, struct ramfs_dirent *entry)
{
    struct ramfs_node *d;
    int error = directory_at(fs, dir, &d);
    if (error != 0)
        return error;
    if (d->links == 0)
        return 0;
    /* Positions: 0 ".", 1 "..", 2 + i the node at table index i. A table
     * index never moves, so removals cannot shift the entries after it. */
    if (*position == 0) {
        fill_entry(entry, dir, RAMFS_DIRECTORY, ".", 1);
        *position = 1;
        return 1;
    }
    if (*position == 1) {
        fill_entry(entry, d->parent, RAMFS_DIRECTORY, "..", 2);
        *position = 2;
        return 1;
    }
    for (uint64_t i = *position - 2; i < RAMFS_NODE_COUNT; i++) {
        if (is_entry_of(fs, (uint32_t)i, dir)) {
            const struct ramfs_node *n = &fs->nodes[i];
            fill_entry(entry, (uint32_t)i + 1, n->type, n->name, n->name_length);
            *position = i + 3;
            return 1;
        }
    }
    *position = RAMFS_NODE_COUNT + 2;
    return 0;
}

int ramfs_stat(struct ramfs *fs, uint32_t node, struct ramfs_stat *stat)
{
    struct ramfs_node *n = ramfs_node(fs, node);
    if (n == NULL)
        return -KOITO_ENOENT;
    *stat = (struct ramfs_stat){
        .type = n->type, .node = node, .links = n->links,
        .size = n->type == RAMFS_FILE ? n->size : 0,
    };
    return 0;
}

int ramfs_hold(struct ramfs *fs, uint32_t node)
{
    struct ramfs_node *n = ramfs_node(fs, node);
    if (n == NULL)
        return -KOITO_ENOENT;
    n->holds++;
    return 0;
}

int ramfs_release(struct ramfs *fs, uint32_t node)
{
    struct ramfs_node *n = ramfs_node(fs, node);
    if (n == NULL)
        return -KOITO_ENOENT;
    if (n->holds == 0)
        return -KOITO_EINVAL;
    n->holds--;
    if (n->holds == 0 && n->links == 0)
        free_node(fs, n);
    return 0;
}
