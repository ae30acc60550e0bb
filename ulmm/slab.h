/*
 * The slab allocator for kernel objects. A slab is a block from the buddy
 * allocator cut into *cells*: child Generics of exactly the object size,
 * made one at a time as they are first needed. An object is converted
 * from a free cell; freeing it revokes the cell, which destroys the object
 * and every copy of it any client holds, and leaves the cell a childless
 * Generic that the next allocation converts again. A slab whose cells are
 * all free is given back to the buddy allocator at once.
 *
 * Why cells: the kernel reuses a Generic's memory only when nothing
 * derived from it is left, so objects converted straight from a slab
 * block could not be replaced one by one. A cell is the smallest unit the
 * kernel lets ULMM reclaim on its own.
 *
 * Slabs are kept per object size, not per type: a cell is a Generic, and
 * any type of its size can be converted from it (IPC and notification
 * ports share a size, so do frames, page tables and address spaces, a
 * Process and a Node of the right radix), so types of one size share slabs
 * and fewer slabs sit half empty.
 *
 * Cost: allocate is O(1) kernel calls (at most a cell convert and the
 * object convert) plus, when no slab of the size has room, one buddy
 * allocation (O(log n)); free is one revoke plus, when the slab becomes
 * empty, one buddy free and O(cells of that slab) bookkeeping, which is
 * paid for by the allocations that made those cells.
 */
#ifndef ULMM_SLAB_H
#define ULMM_SLAB_H

#include <a9n/capability.h>
#include <a9n/types.h>

#include "buddy.h"
#include "error.h"

enum ulmm_slab_entry_kind {
    ULMM_SLAB_ENTRY_NONE = 0, /* the slot is not the slab allocator's */
    ULMM_SLAB_ENTRY_SLAB,     /* a buddy block the slab allocator cuts into cells */
    ULMM_SLAB_ENTRY_FREE_CELL,
    ULMM_SLAB_ENTRY_OBJECT,   /* a cell an object was converted from */
};

/* One entry per slot of ULMM's node, like the buddy allocator's blocks. */
struct ulmm_slab_entry {
    uint8_t kind;        /* enum ulmm_slab_entry_kind */
    uint8_t object_bits; /* SLAB: size of its cells */
    /*
     * SLAB: next and previous slab of its size with a cell to spare.
     * FREE_CELL: next free cell of its slab (prev unused).
     */
    uint32_t next, prev;
    uint32_t slab;       /* cells: the slab they belong to */
    uint32_t free_cells; /* SLAB: first free cell */
    uint32_t cells_made; /* SLAB: cells converted so far (they are made in address order) */
    uint32_t in_use;     /* SLAB: cells holding an object */
};

struct ulmm_slab {
    struct ulmm_buddy *buddy;
    struct ulmm_slab_entry *entries; /* ulmm_slot_count(radix) entries */
    unsigned slab_bits;     /* a slab is 2^max(slab_bits, object size) bytes */
    unsigned paging_levels; /* from the init info: page-table depths are 1 .. levels - 1 */
    uint32_t partial[ULMM_ORDER_COUNT]; /* per object size: slabs with a cell to spare */
};

/*
 * `entries` has ulmm_slot_count(radix) entries of the buddy allocator's
 * slot allocator. slab_bits: size of a slab for small objects (a tuning
 * choice: larger slabs mean fewer buddy calls, more memory held per size).
 * paging_levels: the init info's paging_levels.
 */
enum ulmm_error ulmm_slab_init(struct ulmm_slab *slab, struct ulmm_buddy *buddy,
                               struct ulmm_slab_entry *entries, unsigned slab_bits,
                               unsigned paging_levels);

/*
 * Convert one object of `type` (with the convert `parameter`) into the
 * empty slot `index` of the node named `node` (ULMM's own node, or a node
 * of a client ULMM holds). `*object` is the handle to free it with.
 * ULMM_ERROR_KERNEL_REFUSED: the destination is not an empty slot of a node.
 */
enum ulmm_error ulmm_slab_allocate(struct ulmm_slab *slab, enum a9n_capability_type type,
                                   a9n_word_t parameter, a9n_word_t node, a9n_word_t index,
                                   uint32_t *object);

/*
 * Destroy the object (every copy of it, wherever it is) and take back its
 * cell; the destination slot it was converted into is empty afterwards.
 * ULMM_ERROR_KERNEL_REFUSED: the cell could not be revoked (its capability
 * was moved away); the object stays allocated.
 */
enum ulmm_error ulmm_slab_free(struct ulmm_slab *slab, uint32_t object);

#endif
