/*
 * Slots of ULMM's own capability node. Every Generic the buddy allocator
 * holds and every child Generic of a slab occupies one slot, so the node's
 * radix bounds all of ULMM's bookkeeping: the per-slot tables of the buddy
 * and slab allocators have ulmm_slot_count(radix) entries each.
 *
 * Allocation and free are O(1): a free list threaded through a
 * caller-provided array, one entry per slot of the node.
 */
#ifndef ULMM_SLOT_ALLOCATOR_H
#define ULMM_SLOT_ALLOCATOR_H

#include <a9n/capability.h>
#include <a9n/object.h>
#include <a9n/types.h>

#include "error.h"

/* "No slot": ends lists, marks missing parents. */
#define ULMM_NO_SLOT UINT32_MAX

/*
 * A node of radix above this would need more bookkeeping than a server
 * should keep in static arrays (2^20 slots: 64 MiB of node, tens of MiB of
 * tables); it also keeps every index below ULMM_NO_SLOT.
 */
#define ULMM_SLOT_RADIX_MAX 20

struct ulmm_slot_allocator {
    a9n_word_t node; /* descriptor of the node, from ULMM's root node */
    unsigned radix;
    /*
     * links[i]: for a free slot, the next free slot (ULMM_NO_SLOT ends the
     * list); for an allocated one, ULMM_SLOT_ALLOCATED; for the slots below
     * `first`, which the allocator never hands out, ULMM_SLOT_RESERVED.
     */
    uint32_t *links;
    uint32_t first_free;
    uint32_t free_count;
};

#define ULMM_SLOT_ALLOCATED (UINT32_MAX - 1)
#define ULMM_SLOT_RESERVED (UINT32_MAX - 2)

static inline uint32_t ulmm_slot_count(unsigned radix)
{
    return (uint32_t)1 << radix;
}

/*
 * Manage slots first .. 2^radix - 1 of the node named by `node` (slots
 * below `first` are the caller's, e.g. a root node's fixed slots). `links`
 * has ulmm_slot_count(radix) entries. The managed slots must be empty.
 */
enum ulmm_error ulmm_slot_allocator_init(struct ulmm_slot_allocator *slots, a9n_word_t node,
                                         unsigned radix, uint32_t first, uint32_t *links);

enum ulmm_error ulmm_slot_allocate(struct ulmm_slot_allocator *slots, uint32_t *index);

/* The slot must have been allocated; it must be empty again in the kernel. */
enum ulmm_error ulmm_slot_free(struct ulmm_slot_allocator *slots, uint32_t index);

bool ulmm_slot_is_allocated(const struct ulmm_slot_allocator *slots, uint32_t index);

/* Descriptor of slot `index` of the node, for operations that name a slot by descriptor. */
static inline a9n_word_t ulmm_slot_descriptor(const struct ulmm_slot_allocator *slots,
                                              uint32_t index)
{
    return a9n_descriptor_child(slots->node, slots->radix, index);
}

#endif
