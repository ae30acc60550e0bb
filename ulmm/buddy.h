/*
 * The buddy allocator over Generics. A block is a Generic capability in a
 * slot of ULMM's node; a free block is a childless Generic. Splitting a
 * block converts it into its two half-size child Generics (the block stays,
 * with two children); merging two free buddies revokes their parent, which
 * removes both and leaves the parent a childless, whole Generic again.
 *
 * The kernel cannot be asked a Generic's size or base, so every block's
 * base, size and place in the split tree is kept here, indexed by slot.
 *
 * Cost, with R = A9N_GENERIC_MAX_BITS - A9N_GENERIC_MIN_BITS + 1 orders:
 * allocate scans at most R free lists and splits at most R - 1 times (two
 * converts each); free revokes the block and merges at most R - 1 times
 * (one revoke each). Both are O(log n) in the range of block sizes and
 * independent of how many blocks exist.
 */
#ifndef ULMM_BUDDY_H
#define ULMM_BUDDY_H

#include <a9n/object.h>
#include <a9n/types.h>

#include "error.h"
#include "slot_allocator.h"

#define ULMM_ORDER_MIN A9N_GENERIC_MIN_BITS
#define ULMM_ORDER_MAX A9N_GENERIC_MAX_BITS
#define ULMM_ORDER_COUNT (ULMM_ORDER_MAX - ULMM_ORDER_MIN + 1)

/* As many whole Generics as the init info can list. */
#define ULMM_BUDDY_MAX_ROOTS 256

enum ulmm_block_state {
    ULMM_BLOCK_NONE = 0, /* the slot holds no block of this allocator */
    ULMM_BLOCK_FREE,     /* childless Generic on the free list of its order */
    ULMM_BLOCK_ALLOCATED,
    ULMM_BLOCK_SPLIT,    /* its two halves are blocks of their own */
};

/* One entry per slot of ULMM's node; meaningful where state != NONE. */
struct ulmm_buddy_block {
    a9n_paddr_t base;
    uint32_t parent;      /* the block this is a half of; ULMM_NO_SLOT for a root */
    uint32_t halves[2];   /* SPLIT: lower and upper half */
    uint32_t prev, next;  /* FREE: neighbours on the free list of its order */
    uint8_t size_bits;
    uint8_t state;        /* enum ulmm_block_state */
};

struct ulmm_buddy {
    struct ulmm_slot_allocator *slots;
    struct ulmm_buddy_block *blocks; /* ulmm_slot_count(slots->radix) entries */
    uint32_t free_lists[ULMM_ORDER_COUNT]; /* first free block of each order */
    uint32_t roots[ULMM_BUDDY_MAX_ROOTS];  /* slots of the Generics added */
    uint32_t root_count;
    uint64_t total_bytes; /* of every Generic added */
    uint64_t free_bytes;  /* of the free blocks */
};

/* `blocks` has ulmm_slot_count(slots->radix) entries. */
void ulmm_buddy_init(struct ulmm_buddy *buddy, struct ulmm_slot_allocator *slots,
                     struct ulmm_buddy_block *blocks);

/*
 * Take over the Generic named by `source` (ULMM's descriptor of it), which
 * covers [base, base + 2^size_bits) as the init info says: it is moved into
 * a slot of ULMM's node and revoked, so nothing made from it before
 * survives and its first split starts at its base.
 */
enum ulmm_error ulmm_buddy_add_generic(struct ulmm_buddy *buddy, a9n_word_t source,
                                       a9n_paddr_t base, unsigned size_bits);

/* A childless Generic of exactly 2^size_bits bytes: its slot in ULMM's node. */
enum ulmm_error ulmm_buddy_allocate(struct ulmm_buddy *buddy, unsigned size_bits, uint32_t *block);

/*
 * Give back an allocated block. It is revoked first, so whatever was made
 * from it (objects, and every copy of them anywhere) is destroyed, then
 * merged with its buddy as far as possible. The block's capability must
 * be in its slot; ULMM_ERROR_KERNEL_REFUSED when it is not, and the block
 * stays allocated.
 */
enum ulmm_error ulmm_buddy_free(struct ulmm_buddy *buddy, uint32_t block);

#endif
