/*
 * Flattened device tree reader (Devicetree Specification v0.4, chapter 5).
 * Every offset is checked against the block it lies in before it is read,
 * so a corrupt or truncated blob yields an error, never a wild read.
 */
#include "fdt.h"

enum fdt_token {
    FDT_TOKEN_BEGIN_NODE = 1,
    FDT_TOKEN_END_NODE = 2,
    FDT_TOKEN_PROP = 3,
    FDT_TOKEN_NOP = 4,
    FDT_TOKEN_END = 9,
};

enum {
    FDT_HEADER_SIZE = 40,
    FDT_FIRST_VERSION_WITHOUT_PATH_NAMES = 16,
    FDT_DEFAULT_ADDRESS_CELLS = 2,
    FDT_DEFAULT_SIZE_CELLS = 1,
};

/* All multi-byte values in a DTB are big-endian. */
static uint32_t read_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t read_be64(const uint8_t *p)
{
    return (uint64_t)read_be32(p) << 32 | read_be32(p + 4);
}

static uint32_t align4(uint32_t value)
{
    return (value + 3u) & ~3u;
}

bool fdt_string_equal(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* Length of the string at block[offset], or -1 if not terminated inside the block. */
static int64_t terminated_length(const uint8_t *block, uint32_t block_size, uint32_t offset)
{
    for (uint32_t i = offset; i < block_size; i++)
        if (block[i] == '\0')
            return i - offset;
    return -1;
}

/* Does [offset, offset + size) fit in [0, limit)? Written to avoid overflow. */
static bool fits(uint32_t offset, uint32_t size, uint32_t limit)
{
    return offset <= limit && size <= limit - offset;
}

enum fdt_status fdt_open(struct fdt *fdt, const void *blob, size_t available)
{
    const uint8_t *header = blob;
    if (available < FDT_HEADER_SIZE)
        return FDT_ERROR_TRUNCATED;
    if (read_be32(header) != FDT_MAGIC)
        return FDT_ERROR_BAD_MAGIC;

    uint32_t total_size = read_be32(header + 4);
    uint32_t structure_offset = read_be32(header + 8);
    uint32_t strings_offset = read_be32(header + 12);
    uint32_t reservation_offset = read_be32(header + 16);
    uint32_t version = read_be32(header + 20);
    uint32_t last_compatible_version = read_be32(header + 24);
    uint32_t strings_size = read_be32(header + 32);
    uint32_t structure_size = read_be32(header + 36);

    if (total_size > available)
        return FDT_ERROR_TRUNCATED;
    if (version < FDT_FIRST_VERSION_WITHOUT_PATH_NAMES ||
        last_compatible_version > FDT_FIRST_VERSION_WITHOUT_PATH_NAMES + 1)
        return FDT_ERROR_BAD_VERSION;
    if (total_size < FDT_HEADER_SIZE || structure_offset % 4 || reservation_offset % 8 ||
        structure_size % 4 || reservation_offset < FDT_HEADER_SIZE ||
        !fits(structure_offset, structure_size, total_size) ||
        !fits(strings_offset, strings_size, total_size) ||
        !fits(reservation_offset, 16, total_size))
        return FDT_ERROR_BAD_LAYOUT;

    fdt->blob = header;
    fdt->total_size = total_size;
    fdt->structure_offset = structure_offset;
    fdt->structure_size = structure_size;
    fdt->strings_offset = strings_offset;
    fdt->strings_size = strings_size;
    fdt->reservation_offset = reservation_offset;
    return FDT_OK;
}

/*
 * Decode the token at structure offset `offset`: its kind, where the next
 * token starts and, for properties, the name and value. Returns false on a
 * malformed token.
 */
struct fdt_token_info {
    uint32_t token;
    uint32_t next;
    const char *name;     /* BEGIN_NODE: node name; PROP: property name */
    const uint8_t *value; /* PROP */
    uint32_t length;      /* PROP */
};

static bool read_token(const struct fdt *fdt, uint32_t offset, struct fdt_token_info *info)
{
    const uint8_t *structure = fdt->blob + fdt->structure_offset;
    uint32_t size = fdt->structure_size;
    if (!fits(offset, 4, size))
        return false;
    info->token = read_be32(structure + offset);
    switch (info->token) {
    case FDT_TOKEN_BEGIN_NODE: {
        int64_t length = terminated_length(structure, size, offset + 4);
        if (length < 0)
            return false;
        info->name = (const char *)structure + offset + 4;
        info->next = offset + 4 + align4((uint32_t)length + 1);
        return info->next <= size;
    }
    case FDT_TOKEN_PROP: {
        if (!fits(offset, 12, size))
            return false;
        uint32_t length = read_be32(structure + offset + 4);
        uint32_t name_offset = read_be32(structure + offset + 8);
        /* size and offset are multiples of 4, so the padding fits too. */
        if (!fits(offset + 12, length, size))
            return false;
        const uint8_t *strings = fdt->blob + fdt->strings_offset;
        if (terminated_length(strings, fdt->strings_size, name_offset) < 0)
            return false;
        info->name = (const char *)strings + name_offset;
        info->value = structure + offset + 12;
        info->length = length;
        info->next = offset + 12 + align4(length);
        return true;
    }
    case FDT_TOKEN_END_NODE:
    case FDT_TOKEN_NOP:
    case FDT_TOKEN_END:
        info->next = offset + 4;
        return true;
    default:
        return false;
    }
}

bool fdt_property(const struct fdt *fdt, const struct fdt_node *node, const char *name,
                  const void **value, uint32_t *length)
{
    /* Properties come before the first subnode (spec 5.4.2). */
    struct fdt_token_info info;
    uint32_t offset = node->properties_offset;
    while (read_token(fdt, offset, &info)) {
        if (info.token == FDT_TOKEN_PROP) {
            if (fdt_string_equal(info.name, name)) {
                *value = info.value;
                *length = info.length;
                return true;
            }
        } else if (info.token != FDT_TOKEN_NOP) {
            return false;
        }
        offset = info.next;
    }
    return false;
}

bool fdt_property_number(const struct fdt *fdt, const struct fdt_node *node, const char *name,
                         uint64_t *number)
{
    const void *value;
    uint32_t length;
    if (!fdt_property(fdt, node, name, &value, &length))
        return false;
    if (length == 4)
        *number = read_be32(value);
    else if (length == 8)
        *number = read_be64(value);
    else
        return false;
    return true;
}

bool fdt_property_has_string(const struct fdt *fdt, const struct fdt_node *node,
                             const char *name, const char *string)
{
    const void *value;
    uint32_t length;
    if (!fdt_property(fdt, node, name, &value, &length))
        return false;
    /* A string list: consecutive NUL-terminated strings filling the value. */
    const char *list = value;
    uint32_t start = 0;
    while (start < length) {
        int64_t item = terminated_length(value, length, start);
        if (item < 0)
            return false;
        if (fdt_string_equal(list + start, string))
            return true;
        start += (uint32_t)item + 1;
    }
    return false;
}

const char *fdt_property_string(const struct fdt *fdt, const struct fdt_node *node,
                                const char *name)
{
    const void *value;
    uint32_t length;
    if (!fdt_property(fdt, node, name, &value, &length) ||
        terminated_length(value, length, 0) < 0)
        return NULL;
    return value;
}

bool fdt_property_is_string(const struct fdt *fdt, const struct fdt_node *node,
                            const char *name, const char *string)
{
    const char *value = fdt_property_string(fdt, node, name);
    return value && fdt_string_equal(value, string);
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
    return cells == 2 ? read_be64(p) : cells == 1 ? read_be32(p) : 0;
}

bool fdt_reg(const struct fdt *fdt, const struct fdt_node *node, unsigned index,
             uint64_t *base, uint64_t *size)
{
    const void *value;
    uint32_t length;
    /* Addresses wider than 64 bits (e.g. PCI's 3 cells) are not CPU addresses. */
    if (node->address_cells < 1 || node->address_cells > 2 || node->size_cells > 2)
        return false;
    if (!fdt_property(fdt, node, "reg", &value, &length))
        return false;
    uint32_t entry = 4 * (node->address_cells + node->size_cells);
    if (index >= length / entry)
        return false;
    const uint8_t *p = (const uint8_t *)value + index * entry;
    *base = read_cells(p, node->address_cells);
    *size = read_cells(p + 4 * node->address_cells, node->size_cells);
    return true;
}

bool fdt_reservation(const struct fdt *fdt, unsigned index, uint64_t *base, uint64_t *size)
{
    /* 16-byte (address, size) pairs ending with a zero pair. */
    uint32_t limit = fdt->total_size - fdt->reservation_offset;
    for (unsigned i = 0; i <= index; i++) {
        uint32_t offset = i * 16;
        if (!fits(offset, 16, limit))
            return false;
        const uint8_t *p = fdt->blob + fdt->reservation_offset + offset;
        *base = read_be64(p);
        *size = read_be64(p + 8);
        if (*base == 0 && *size == 0)
            return false;
    }
    return true;
}

bool fdt_node_is_enabled(const struct fdt *fdt, const struct fdt_node *node)
{
    const void *value;
    uint32_t length;
    if (!fdt_property(fdt, node, "status", &value, &length))
        return true;
    /* "okay" is the spec's word; "ok" is still found in older trees. */
    return fdt_property_is_string(fdt, node, "status", "okay") ||
           fdt_property_is_string(fdt, node, "status", "ok");
}

void fdt_walk_begin(struct fdt_walk *walk, const struct fdt *fdt)
{
    walk->fdt = fdt;
    walk->offset = 0;
    walk->depth = 0;
    walk->status = FDT_OK;
    walk->level[0].address_cells = FDT_DEFAULT_ADDRESS_CELLS;
    walk->level[0].size_cells = FDT_DEFAULT_SIZE_CELLS;
    walk->level[0].reg_is_physical = true;
    walk->level[0].path_length = 0;
    walk->path[0] = '\0';
}

/* Sentinel path length: the path did not fit, so it must match nothing. */
#define FDT_PATH_UNKNOWN UINT32_MAX

/*
 * Build the path of the node named `name` at walk->depth by appending to its
 * parent's path, which is still the prefix of walk->path. Returns the path,
 * or "" when it does not fit (the buffer prefix is left intact for siblings).
 */
static const char *build_path(struct fdt_walk *walk, const char *name)
{
    uint32_t length = walk->level[walk->depth].path_length;
    if (length == FDT_PATH_UNKNOWN)
        goto unknown;
    if (walk->depth == 0)
        name = "/";
    else if (length > 1)
        walk->path[length++] = '/'; /* fits: length < FDT_MAX_PATH - 1 */
    for (; *name; name++) {
        if (length >= FDT_MAX_PATH - 2)
            goto unknown;
        walk->path[length++] = *name;
    }
    walk->path[length] = '\0';
    walk->level[walk->depth + 1].path_length = length;
    return walk->path;
unknown:
    walk->level[walk->depth + 1].path_length = FDT_PATH_UNKNOWN;
    return "";
}

/* Settle the cells and address translation this node sets for its children. */
static void enter_node(struct fdt_walk *walk, const struct fdt_node *node)
{
    struct fdt_walk_level *child = &walk->level[walk->depth + 1];
    uint64_t cells;
    const void *ranges;
    uint32_t ranges_length;

    child->address_cells = FDT_DEFAULT_ADDRESS_CELLS;
    child->size_cells = FDT_DEFAULT_SIZE_CELLS;
    if (fdt_property_number(walk->fdt, node, "#address-cells", &cells) && cells <= 4)
        child->address_cells = (uint32_t)cells;
    if (fdt_property_number(walk->fdt, node, "#size-cells", &cells) && cells <= 4)
        child->size_cells = (uint32_t)cells;
    /*
     * The root's children sit on the CPU's physical address space. Below
     * that, reg is physical only through buses with an empty "ranges"
     * (identity); a bus that translates is not followed.
     */
    child->reg_is_physical =
        walk->depth == 0 ||
        (node->reg_is_physical &&
         fdt_property(walk->fdt, node, "ranges", &ranges, &ranges_length) && ranges_length == 0);
}

bool fdt_walk_next(struct fdt_walk *walk, struct fdt_node *node)
{
    struct fdt_token_info info;
    if (walk->status != FDT_OK)
        return false;
    for (;;) {
        if (!read_token(walk->fdt, walk->offset, &info)) {
            walk->status = FDT_ERROR_BAD_STRUCTURE;
            return false;
        }
        walk->offset = info.next;
        switch (info.token) {
        case FDT_TOKEN_BEGIN_NODE: {
            if (walk->depth >= FDT_MAX_DEPTH) {
                walk->status = FDT_ERROR_TOO_DEEP;
                return false;
            }
            struct fdt_walk_level *level = &walk->level[walk->depth];
            node->properties_offset = info.next;
            node->name = info.name;
            node->path = build_path(walk, info.name);
            node->depth = walk->depth;
            node->address_cells = level->address_cells;
            node->size_cells = level->size_cells;
            node->reg_is_physical = level->reg_is_physical;
            enter_node(walk, node);
            walk->depth++;
            return true;
        }
        case FDT_TOKEN_END_NODE:
            if (walk->depth == 0) {
                walk->status = FDT_ERROR_BAD_STRUCTURE;
                return false;
            }
            walk->depth--;
            break;
        case FDT_TOKEN_END:
            if (walk->depth != 0)
                walk->status = FDT_ERROR_BAD_STRUCTURE;
            return false;
        default: /* PROP and NOP between nodes */
            break;
        }
    }
}
