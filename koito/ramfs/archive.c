/*
 * Reading the boot-tree archive (archive.h). Fields are decoded byte by
 * byte: the image may sit at any alignment, and the format stays
 * little-endian whatever the machine. Every range is checked with 64-bit
 * arithmetic so that offset + length cannot wrap around.
 */
#include "archive.h"

static uint16_t read_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t read_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool inside(uint64_t offset, uint64_t length, uint64_t size)
{
    return offset <= size && length <= size - offset;
}

struct entry_fields {
    uint32_t path_offset;
    uint16_t path_length;
    uint8_t type;
    uint8_t reserved;
    uint32_t data_offset;
    uint32_t data_size;
};

static struct entry_fields read_entry(const uint8_t *image, uint32_t index)
{
    const uint8_t *e = image + RAMFS_ARCHIVE_HEADER_SIZE + (size_t)index * RAMFS_ARCHIVE_ENTRY_SIZE;
    return (struct entry_fields){
        .path_offset = read_u32(e), .path_length = read_u16(e + 4), .type = e[6],
        .reserved = e[7], .data_offset = read_u32(e + 8), .data_size = read_u32(e + 12),
    };
}

static enum ramfs_archive_error check_entry(const uint8_t *image, uint32_t size,
                                            const struct entry_fields *e)
{
    if (!inside(e->path_offset, e->path_length, size) || !inside(e->data_offset, e->data_size, size))
        return RAMFS_ARCHIVE_TRUNCATED;
    if ((e->type != RAMFS_ARCHIVE_FILE && e->type != RAMFS_ARCHIVE_DIRECTORY) || e->reserved != 0)
        return RAMFS_ARCHIVE_BAD_ENTRY;
    if (e->type == RAMFS_ARCHIVE_DIRECTORY && (e->data_offset != 0 || e->data_size != 0))
        return RAMFS_ARCHIVE_BAD_ENTRY;
    const uint8_t *path = image + e->path_offset;
    if (e->path_length == 0 || path[0] != '/')
        return RAMFS_ARCHIVE_BAD_ENTRY;
    for (uint32_t i = 0; i < e->path_length; i++) {
        if (path[i] == '\0')
            return RAMFS_ARCHIVE_BAD_ENTRY;
    }
    return RAMFS_ARCHIVE_OK;
}

enum ramfs_archive_error ramfs_archive_open(struct ramfs_archive *archive, const void *image,
                                            size_t size)
{
    const uint8_t *bytes = image;
    if (size < RAMFS_ARCHIVE_HEADER_SIZE)
        return RAMFS_ARCHIVE_TRUNCATED;
    if (read_u32(bytes) != RAMFS_ARCHIVE_MAGIC)
        return RAMFS_ARCHIVE_BAD_MAGIC;
    if (read_u16(bytes + 4) != RAMFS_ARCHIVE_VERSION || read_u16(bytes + 6) != 0)
        return RAMFS_ARCHIVE_BAD_VERSION;
    uint32_t count = read_u32(bytes + 8);
    uint32_t total = read_u32(bytes + 12);
    /* From here on only the archive's own `total` bytes count. */
    if (total > size || total < RAMFS_ARCHIVE_HEADER_SIZE ||
        !inside(RAMFS_ARCHIVE_HEADER_SIZE, (uint64_t)count * RAMFS_ARCHIVE_ENTRY_SIZE, total))
        return RAMFS_ARCHIVE_TRUNCATED;
    for (uint32_t i = 0; i < count; i++) {
        struct entry_fields e = read_entry(bytes, i);
        enum ramfs_archive_error error = check_entry(bytes, total, &e);
        if (error != RAMFS_ARCHIVE_OK)
            return error;
    }
    *archive = (struct ramfs_archive){ bytes, total, count };
    return RAMFS_ARCHIVE_OK;
}

bool ramfs_archive_member(const struct ramfs_archive *archive, uint32_t index,
                          struct ramfs_archive_member *member)
{
    if (index >= archive->count)
        return false;
    struct entry_fields e = read_entry(archive->image, index);
    bool file = e.type == RAMFS_ARCHIVE_FILE;
    *member = (struct ramfs_archive_member){
        .type = e.type,
        .path = (const char *)archive->image + e.path_offset,
        .path_length = e.path_length,
        .data = file ? archive->image + e.data_offset : NULL,
        .size = e.data_size,
    };
    return true;
}

const char *ramfs_archive_error_name(enum ramfs_archive_error error)
{
    switch (error) {
    case RAMFS_ARCHIVE_OK:
        return "ok";
    case RAMFS_ARCHIVE_TRUNCATED:
        return "truncated (a part lies outside the archive)";
    case RAMFS_ARCHIVE_BAD_MAGIC:
        return "not a ramfs archive (bad magic)";
    case RAMFS_ARCHIVE_BAD_VERSION:
        return "unknown version";
    case RAMFS_ARCHIVE_BAD_ENTRY:
        return "bad entry";
    }
    return "unknown error";
}
