/*
 * Flattened device tree (DTB) reader: validates a blob and walks its nodes
 * and properties. Pure C over a byte buffer with no hardware access, so the
 * same code runs in host tests against corrupt and truncated blobs.
 */
#ifndef HAL_RISCV64_FDT_H
#define HAL_RISCV64_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu
/* Deepest node nesting the walker follows (QEMU and boards use about 5). */
#define FDT_MAX_DEPTH 16
#define FDT_MAX_PATH 256

enum fdt_status {
    FDT_OK = 0,
    FDT_ERROR_TRUNCATED,   /* header or a block reaches past the buffer */
    FDT_ERROR_BAD_MAGIC,
    FDT_ERROR_BAD_VERSION, /* older than version 16, the first without paths in names */
    FDT_ERROR_BAD_LAYOUT,  /* blocks misaligned or outside totalsize */
    FDT_ERROR_BAD_STRUCTURE, /* bad token, unterminated name, unbalanced nodes */
    FDT_ERROR_TOO_DEEP,
    FDT_ERROR_TOO_MANY,    /* more entries than a caller's fixed table holds */
};

/* A validated blob: every block lies inside blob[0, total_size). */
struct fdt {
    const uint8_t *blob;
    uint32_t total_size;
    uint32_t structure_offset, structure_size;
    uint32_t strings_offset, strings_size;
    uint32_t reservation_offset;
};

/* A node met by the walker. */
struct fdt_node {
    uint32_t properties_offset; /* first token after the name, in the structure block */
    const char *name;           /* "" for the root, "serial@10000000" otherwise */
    const char *path;           /* full path; valid until the next fdt_walk_next() */
    unsigned depth;             /* 0 for the root */
    /* How to read this node's reg: the parent's #address-cells / #size-cells. */
    uint32_t address_cells, size_cells;
    /* reg is a CPU physical address: every ancestor bus has an empty "ranges". */
    bool reg_is_physical;
};

struct fdt_walk_level {
    uint32_t address_cells, size_cells;
    bool reg_is_physical;
    uint32_t path_length; /* of the parent of the nodes at this depth */
};

/* Document-order iteration over all nodes. */
struct fdt_walk {
    const struct fdt *fdt;
    uint32_t offset;
    unsigned depth;
    enum fdt_status status; /* FDT_OK unless the walk stopped on a malformed block */
    struct fdt_walk_level level[FDT_MAX_DEPTH + 1];
    char path[FDT_MAX_PATH];
};

/*
 * Validate the header and block layout of the blob at `blob`, of which
 * `available` bytes may be read. Only the header is read before totalsize is
 * known to fit.
 */
enum fdt_status fdt_open(struct fdt *fdt, const void *blob, size_t available);

void fdt_walk_begin(struct fdt_walk *walk, const struct fdt *fdt);

/* Next node in document order; false at the end or on error (walk->status). */
bool fdt_walk_next(struct fdt_walk *walk, struct fdt_node *node);

/* A property of `node`; false if absent. The value lies inside the blob. */
bool fdt_property(const struct fdt *fdt, const struct fdt_node *node, const char *name,
                  const void **value, uint32_t *length);

/* A one-cell (u32) or two-cell (u64) numeric property. */
bool fdt_property_number(const struct fdt *fdt, const struct fdt_node *node, const char *name,
                         uint64_t *number);

/* Whether a string-list property (e.g. "compatible") contains `string`. */
bool fdt_property_has_string(const struct fdt *fdt, const struct fdt_node *node,
                             const char *name, const char *string);

/* A property holding a NUL-terminated string (first of a list), or NULL. */
const char *fdt_property_string(const struct fdt *fdt, const struct fdt_node *node,
                                const char *name);

/* Whether a property is a terminated string equal to `string`. */
bool fdt_property_is_string(const struct fdt *fdt, const struct fdt_node *node,
                            const char *name, const char *string);

/* Entry `index` of the node's reg, or false (absent, index too large, cells unsupported). */
bool fdt_reg(const struct fdt *fdt, const struct fdt_node *node, unsigned index,
             uint64_t *base, uint64_t *size);

/* Entry `index` of the memory reservation block (/memreserve/), or false at its end. */
bool fdt_reservation(const struct fdt *fdt, unsigned index, uint64_t *base, uint64_t *size);

/* Whether the status property says the device is usable (absent means yes). */
bool fdt_node_is_enabled(const struct fdt *fdt, const struct fdt_node *node);

/* NUL-terminated string comparison without libc (shared with devicetree.c). */
bool fdt_string_equal(const char *a, const char *b);

#endif
