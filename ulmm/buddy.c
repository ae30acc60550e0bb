/*
 * The buddy allocator over Generics (see buddy.h for the model).
 *
 * Rules kept here, which the kernel's own rules make necessary:
 * - A block is split only while childless, so its first convert lands at
 *   its base and the second right after: the halves' bases are known
 *   without asking the kernel.
 * - The halves are converted one at a time into any two free slots, which
 *   costs one more kernel call per split than a single convert of two but
 *   needs no run of consecutive slots.
 * - Two free buddies never stay side by side: freeing merges at once, so
 *   a free block's parent is never mergeable and the free lists hold the
 *   largest blocks possible.
 */
#include "buddy.h"

#include "kernel_interface.h"

static uint32_t *free_list(struct ulmm_buddy *buddy, unsigned size_bits)
{
    return &buddy->free_lists[size_bits - ULMM_ORDER_MIN];
}

static void free_list_push(struct ulmm_buddy *buddy, uint32_t block)
{
    struct ulmm_buddy_block *record = &buddy->blocks[block];
    uint32_t *head = free_list(buddy, record->size_bits);

    record->state = ULMM_BLOCK_FREE;
    record->prev = ULMM_NO_SLOT;
    record->next = *head;
    if (*head != ULMM_NO_SLOT)
        buddy->blocks[*head].prev = block;
    *head = block;
    buddy->free_bytes += (uint64_t)1 << record->size_bits;
}

/* Unlink a free block; the caller sets its new state. */
static void free_list_remove(struct ulmm_buddy *buddy, uint32_t block)
{
    struct ulmm_buddy_block *record = &buddy->blocks[block];

    if (record->prev != ULMM_NO_SLOT)
        buddy->blocks[record->prev].next = record->next;
    else
        *free_list(buddy, record->size_bits) = record->next;
    if (record->next != ULMM_NO_SLOT)
        buddy->blocks[record->next].prev = record->prev;
    buddy->free_bytes -= (uint64_t)1 << record->size_bits;
}

static void block_set(struct ulmm_buddy *buddy, uint32_t block, a9n_paddr_t base,
                      unsigned size_bits, uint32_t parent, enum ulmm_block_state state)
{
    struct ulmm_buddy_block *record = &buddy->blocks[block];

    record->base = base;
    record->size_bits = (uint8_t)size_bits;
    record->parent = parent;
    record->halves[0] = record->halves[1] = ULMM_NO_SLOT;
    record->prev = record->next = ULMM_NO_SLOT;
    record->state = (uint8_t)state;
}

void ulmm_buddy_init(struct ulmm_buddy *buddy, struct ulmm_slot_allocator *slots,
                     struct ulmm_buddy_block *blocks)
{
    buddy->slots = slots;
    buddy->blocks = blocks;
    for (uint32_t i = 0; i < ulmm_slot_count(slots->radix); i++)
        blocks[i].state = ULMM_BLOCK_NONE;
    for (unsigned i = 0; i < ULMM_ORDER_COUNT; i++)
        buddy->free_lists[i] = ULMM_NO_SLOT;
    buddy->root_count = 0;
    buddy->total_bytes = 0;
    buddy->free_bytes = 0;
}

static bool overlaps_a_root(const struct ulmm_buddy *buddy, a9n_paddr_t base, unsigned size_bits)
{
    a9n_paddr_t end = base + ((a9n_paddr_t)1 << size_bits);

    for (uint32_t i = 0; i < buddy->root_count; i++) {
        const struct ulmm_buddy_block *root = &buddy->blocks[buddy->roots[i]];
        a9n_paddr_t root_end = root->base + ((a9n_paddr_t)1 << root->size_bits);
        if (base < root_end && root->base < end)
            return true;
    }
    return false;
}

enum ulmm_error ulmm_buddy_add_generic(struct ulmm_buddy *buddy, a9n_word_t source,
                                       a9n_paddr_t base, unsigned size_bits)
{
    struct ulmm_slot_allocator *slots = buddy->slots;

    if (size_bits < ULMM_ORDER_MIN || size_bits > ULMM_ORDER_MAX)
        return ULMM_ERROR_INVALID_ARGUMENT;
    /* The kernel only makes naturally aligned Generics; anything else is a wrong base. */
    if ((base & (((a9n_paddr_t)1 << size_bits) - 1)) != 0)
        return ULMM_ERROR_INVALID_ARGUMENT;
    if (buddy->root_count == ULMM_BUDDY_MAX_ROOTS)
        return ULMM_ERROR_LIMIT;
    if (overlaps_a_root(buddy, base, size_bits))
        return ULMM_ERROR_OVERLAP;

    uint32_t block;
    enum ulmm_error error = ulmm_slot_allocate(slots, &block);
    if (error != ULMM_ERROR_NONE)
        return error;
    if (ulmm_kernel_move(slots->node, block, source) != A9N_ERROR_NONE) {
        ulmm_slot_free(slots, block);
        return ULMM_ERROR_KERNEL_REFUSED;
    }
    /*
     * Only fails if ULMM's node itself was taken away; the slot then stays
     * allocated, as the kernel may still hold the Generic in it.
     */
    if (ulmm_kernel_revoke(slots->node, block) != A9N_ERROR_NONE)
        return ULMM_ERROR_KERNEL_REFUSED;

    block_set(buddy, block, base, size_bits, ULMM_NO_SLOT, ULMM_BLOCK_FREE);
    free_list_push(buddy, block);
    buddy->roots[buddy->root_count++] = block;
    buddy->total_bytes += (uint64_t)1 << size_bits;
    return ULMM_ERROR_NONE;
}

/*
 * Convert the childless `block` into its two halves; the upper one goes on
 * its free list, the lower one (allocated) is returned. On failure the
 * block is childless and unchanged.
 */
static enum ulmm_error split(struct ulmm_buddy *buddy, uint32_t block, uint32_t *lower)
{
    struct ulmm_slot_allocator *slots = buddy->slots;
    struct ulmm_buddy_block *record = &buddy->blocks[block];
    unsigned half_bits = record->size_bits - 1u;
    a9n_word_t generic = ulmm_slot_descriptor(slots, block);
    uint32_t halves[2];

    if (ulmm_slot_allocate(slots, &halves[0]) != ULMM_ERROR_NONE)
        return ULMM_ERROR_OUT_OF_SLOTS;
    if (ulmm_slot_allocate(slots, &halves[1]) != ULMM_ERROR_NONE) {
        ulmm_slot_free(slots, halves[0]);
        return ULMM_ERROR_OUT_OF_SLOTS;
    }
    for (unsigned i = 0; i < 2; i++) {
        if (ulmm_kernel_convert(generic, A9N_CAPABILITY_GENERIC, half_bits, 1, slots->node,
                                halves[i]) != A9N_ERROR_NONE) {
            /* Undo the lower half if it was made: the block is whole again. */
            if (i == 1)
                ulmm_kernel_revoke(slots->node, block);
            ulmm_slot_free(slots, halves[0]);
            ulmm_slot_free(slots, halves[1]);
            return ULMM_ERROR_KERNEL_REFUSED;
        }
    }

    a9n_paddr_t half_size = (a9n_paddr_t)1 << half_bits;
    block_set(buddy, halves[0], record->base, half_bits, block, ULMM_BLOCK_ALLOCATED);
    block_set(buddy, halves[1], record->base + half_size, half_bits, block, ULMM_BLOCK_FREE);
    free_list_push(buddy, halves[1]);
    record->state = ULMM_BLOCK_SPLIT;
    record->halves[0] = halves[0];
    record->halves[1] = halves[1];
    *lower = halves[0];
    return ULMM_ERROR_NONE;
}

/*
 * The childless `block`, on no list, becomes free: merged with its buddy
 * while the buddy is free too (revoking the parent removes both halves),
 * and the largest block so formed goes on its free list. A revoke the
 * kernel refuses (only possible if ULMM's capabilities were changed
 * behind its back) stops the merging there: the block is free all the
 * same, next to a free buddy; that costs fragmentation, not consistency.
 */
static void release(struct ulmm_buddy *buddy, uint32_t block)
{
    struct ulmm_slot_allocator *slots = buddy->slots;

    for (;;) {
        uint32_t parent = buddy->blocks[block].parent;
        if (parent == ULMM_NO_SLOT)
            break;
        const struct ulmm_buddy_block *parent_record = &buddy->blocks[parent];
        uint32_t other = parent_record->halves[parent_record->halves[0] == block ? 1 : 0];
        if (buddy->blocks[other].state != ULMM_BLOCK_FREE)
            break;
        if (ulmm_kernel_revoke(slots->node, parent) != A9N_ERROR_NONE)
            break;
        free_list_remove(buddy, other);
        buddy->blocks[block].state = ULMM_BLOCK_NONE;
        buddy->blocks[other].state = ULMM_BLOCK_NONE;
        ulmm_slot_free(slots, block);
        ulmm_slot_free(slots, other);
        block = parent;
    }
    free_list_push(buddy, block);
}

enum ulmm_error ulmm_buddy_allocate(struct ulmm_buddy *buddy, unsigned size_bits, uint32_t *block)
{
    if (size_bits < ULMM_ORDER_MIN || size_bits > ULMM_ORDER_MAX)
        return ULMM_ERROR_INVALID_ARGUMENT;

    unsigned order = size_bits;
    while (order <= ULMM_ORDER_MAX && *free_list(buddy, order) == ULMM_NO_SLOT)
        order++;
    if (order > ULMM_ORDER_MAX)
        return ULMM_ERROR_OUT_OF_MEMORY;
    /* Check before splitting anything, so that a lack of slots changes nothing. */
    if (buddy->slots->free_count < 2 * (order - size_bits))
        return ULMM_ERROR_OUT_OF_SLOTS;

    uint32_t found = *free_list(buddy, order);
    free_list_remove(buddy, found);
    buddy->blocks[found].state = ULMM_BLOCK_ALLOCATED;
    while (buddy->blocks[found].size_bits > size_bits) {
        enum ulmm_error error = split(buddy, found, &found);
        if (error != ULMM_ERROR_NONE) {
            /* Merge back what was split so far. */
            release(buddy, found);
            return error;
        }
    }
    *block = found;
    return ULMM_ERROR_NONE;
}

enum ulmm_error ulmm_buddy_free(struct ulmm_buddy *buddy, uint32_t block)
{
    if (block >= ulmm_slot_count(buddy->slots->radix) ||
        buddy->blocks[block].state != ULMM_BLOCK_ALLOCATED)
        return ULMM_ERROR_NOT_ALLOCATED;
    /* Nothing made from the block may outlive it, wherever its copies went. */
    if (ulmm_kernel_revoke(buddy->slots->node, block) != A9N_ERROR_NONE)
        return ULMM_ERROR_KERNEL_REFUSED;
    release(buddy, block);
    return ULMM_ERROR_NONE;
}
