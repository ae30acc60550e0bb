/*
 * The archive writer (rootfs_builder.h). Layout: header, entries, paths in
 * entry order, then each file's data aligned to RAMFS_ARCHIVE_DATA_ALIGNMENT,
 * nothing after the last byte of data (so cutting any byte off the end
 * leaves a member outside the archive).
 */
#include "rootfs_builder.h"

#include <koito/bytes.h>

void rootfs_builder_init(struct rootfs_builder *builder)
{
    builder->count = 0;
}

/* Check `path` and copy it, without a trailing '/', into `out`. */
static enum rootfs_error normalise(const char *path, bool directory, char *out, size_t *length)
{
    size_t n = 0;
    while (path[n] != '\0') {
        if (n >= RAMFS_PATH_MAX)
            return ROOTFS_PATH_TOO_LONG;
        n++;
    }
    if (n > 1 && path[n - 1] == '/') {
        if (!directory)
            return ROOTFS_BAD_PATH;
        n--;
    }
    if (n >= RAMFS_PATH_MAX)
        return ROOTFS_PATH_TOO_LONG;
    if (n < 2 || path[0] != '/')
        return ROOTFS_BAD_PATH;
    for (size_t start = 1; start <= n;) {
        size_t end = start;
        while (end < n && path[end] != '/')
            end++;
        size_t component = end - start;
        if (component == 0 || (component == 1 && path[start] == '.') ||
            (component == 2 && path[start] == '.' && path[start + 1] == '.'))
            return ROOTFS_BAD_PATH;
        if (component > RAMFS_NAME_MAX)
            return ROOTFS_NAME_TOO_LONG;
        start = end + 1;
    }
    memcpy(out, path, n);
    out[n] = '\0';
    *length = n;
    return ROOTFS_OK;
}

static struct rootfs_entry *find(struct rootfs_builder *builder, const char *path, size_t length)
{
    for (uint32_t i = 0; i < builder->count; i++) {
        struct rootfs_entry *e = &builder->entries[i];
        if (e->path_length != length)
            continue;
        size_t j = 0;
        while (j < length && e->path[j] == path[j])
            j++;
        if (j == length)
            return e;
    }
    return NULL;
}

static enum rootfs_error append(struct rootfs_builder *builder, enum ramfs_archive_type type,
                                const char *path, size_t length, const void *data, uint32_t size)
{
    if (builder->count == ROOTFS_MAX_ENTRIES)
        return ROOTFS_TOO_MANY_ENTRIES;
    struct rootfs_entry *e = &builder->entries[builder->count++];
    e->type = type;
    e->path_length = length;
    memcpy(e->path, path, length);
    e->path[length] = '\0';
    e->data = data;
    e->size = size;
    return ROOTFS_OK;
}

/* The directories above `path`, outermost first. */
static enum rootfs_error add_parents(struct rootfs_builder *builder, const char *path,
                                     size_t length)
{
    for (size_t end = 1; end < length; end++) {
        if (path[end] != '/')
            continue;
        const struct rootfs_entry *parent = find(builder, path, end);
        if (parent != NULL && parent->type != RAMFS_ARCHIVE_DIRECTORY)
            return ROOTFS_NOT_A_DIRECTORY;
        if (parent == NULL) {
            enum rootfs_error error = append(builder, RAMFS_ARCHIVE_DIRECTORY, path, end, NULL, 0);
            if (error != ROOTFS_OK)
                return error;
        }
    }
    return ROOTFS_OK;
}

static enum rootfs_error add(struct rootfs_builder *builder, enum ramfs_archive_type type,
                             const char *path, const void *data, size_t size)
{
    char normal[RAMFS_PATH_MAX];
    size_t length;
    enum rootfs_error error = normalise(path, type == RAMFS_ARCHIVE_DIRECTORY, normal, &length);
    if (error != ROOTFS_OK)
        return error;
    if (size > RAMFS_FILE_SIZE_MAX)
        return ROOTFS_FILE_TOO_LARGE;
    uint32_t count_before = builder->count;
    error = add_parents(builder, normal, length);
    if (error == ROOTFS_OK) {
        const struct rootfs_entry *existing = find(builder, normal, length);
        if (existing == NULL)
            error = append(builder, type, normal, length, data, (uint32_t)size);
        else if (type == RAMFS_ARCHIVE_FILE)
            error = ROOTFS_DUPLICATE;
        else if (existing->type != RAMFS_ARCHIVE_DIRECTORY)
            error = ROOTFS_NOT_A_DIRECTORY;
    }
    if (error != ROOTFS_OK)
        builder->count = count_before;
    return error;
}

enum rootfs_error rootfs_builder_add_file(struct rootfs_builder *builder, const char *path,
                                          const void *data, size_t size)
{
    return add(builder, RAMFS_ARCHIVE_FILE, path, data, size);
}

enum rootfs_error rootfs_builder_add_directory(struct rootfs_builder *builder, const char *path)
{
    return add(builder, RAMFS_ARCHIVE_DIRECTORY, path, NULL, 0);
}

static void put_u16(uint8_t *p, uint16_t value)
{
    p[0] = (uint8_t)value;
    p[1] = (uint8_t)(value >> 8);
}

static void put_u32(uint8_t *p, uint32_t value)
{
    for (unsigned i = 0; i < 4; i++)
        p[i] = (uint8_t)(value >> (8 * i));
}

static size_t align_data(size_t offset)
{
    return (offset + RAMFS_ARCHIVE_DATA_ALIGNMENT - 1) / RAMFS_ARCHIVE_DATA_ALIGNMENT *
           RAMFS_ARCHIVE_DATA_ALIGNMENT;
}

static void write_entry(uint8_t *image, uint32_t index, const struct rootfs_entry *e,
                        uint32_t path_offset, uint32_t data_offset)
{
    uint8_t *entry = image + RAMFS_ARCHIVE_HEADER_SIZE + (size_t)index * RAMFS_ARCHIVE_ENTRY_SIZE;
    put_u32(entry, path_offset);
    put_u16(entry + 4, (uint16_t)e->path_length);
    entry[6] = (uint8_t)e->type;
    entry[7] = 0;
    put_u32(entry + 8, data_offset);
    put_u32(entry + 12, e->size);
    memcpy(image + path_offset, e->path, e->path_length);
}

/*
 * Lay the archive out; write it too unless `image` is NULL. Returns its
 * size, which fits the format's 32 bits: 511 files of at most 8 MiB with
 * their paths and entries stay below 4 GiB.
 */
static size_t emit(const struct rootfs_builder *builder, uint8_t *image)
{
    size_t path = RAMFS_ARCHIVE_HEADER_SIZE + (size_t)builder->count * RAMFS_ARCHIVE_ENTRY_SIZE;
    size_t end = path;
    for (uint32_t i = 0; i < builder->count; i++)
        end += builder->entries[i].path_length;
    for (uint32_t i = 0; i < builder->count; i++) {
        const struct rootfs_entry *e = &builder->entries[i];
        uint32_t data_offset = 0;
        if (e->type == RAMFS_ARCHIVE_FILE) {
            size_t aligned = align_data(end);
            if (image != NULL) {
                memset(image + end, 0, aligned - end);
                if (e->size != 0)
                    memcpy(image + aligned, e->data, e->size);
            }
            data_offset = (uint32_t)aligned;
            end = aligned + e->size;
        }
        if (image != NULL)
            write_entry(image, i, e, (uint32_t)path, data_offset);
        path += e->path_length;
    }
    if (image != NULL) {
        put_u32(image, RAMFS_ARCHIVE_MAGIC);
        put_u16(image + 4, RAMFS_ARCHIVE_VERSION);
        put_u16(image + 6, 0);
        put_u32(image + 8, builder->count);
        put_u32(image + 12, (uint32_t)end);
    }
    return end;
}

size_t rootfs_builder_size(const struct rootfs_builder *builder)
{
    return emit(builder, NULL);
}

void rootfs_builder_write(const struct rootfs_builder *builder, uint8_t *image)
{
    emit(builder, image);
}

const char *rootfs_error_name(enum rootfs_error error)
{
    switch (error) {
    case ROOTFS_OK:
        return "ok";
    case ROOTFS_BAD_PATH:
        return "not an absolute path of names (no '//', '.', '..'; a file's without trailing '/')";
    case ROOTFS_NAME_TOO_LONG:
        return "a name is too long";
    case ROOTFS_PATH_TOO_LONG:
        return "the path is too long";
    case ROOTFS_FILE_TOO_LARGE:
        return "the file is too large";
    case ROOTFS_DUPLICATE:
        return "the path is already in the archive";
    case ROOTFS_NOT_A_DIRECTORY:
        return "a file's path is used as a directory";
    case ROOTFS_TOO_MANY_ENTRIES:
        return "too many entries";
    }
    return "unknown error";
}
