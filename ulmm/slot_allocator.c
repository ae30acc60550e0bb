/*
 * ULMM's slot allocator: a LIFO free list over the slots of one node.
 * The list is threaded through `links`, so freeing checks in O(1) that the
 * slot was allocated and a double free is refused instead of corrupting
 * the list.
 */
#include "slot_allocator.h"

enum ulmm_error ulmm_slot_allocator_init(struct ulmm_slot_allocator *slots, a9n_word_t node,
                                         unsigned radix, uint32_t first, uint32_t *links)
{
    if (radix < A9N_NODE_RADIX_MIN || radix > ULMM_SLOT_RADIX_MAX)
        return ULMM_ERROR_INVALID_ARGUMENT;
    /* The node's descriptor plus a slot index must still be a valid descriptor. */
    if (a9n_descriptor_depth(node) + radix > A9N_DESCRIPTOR_DEPTH_MAX)
        return ULMM_ERROR_INVALID_ARGUMENT;
    uint32_t count = ulmm_slot_count(radix);
    if (first >= count || links == NULL)
        return ULMM_ERROR_INVALID_ARGUMENT;

    slots->node = node;
    slots->radix = radix;
    slots->links = links;
    for (uint32_t i = 0; i < first; i++)
        links[i] = ULMM_SLOT_RESERVED;
    /* Ascending order, so that the first allocations take the lowest slots. */
    for (uint32_t i = first; i < count; i++)
        links[i] = i + 1 < count ? i + 1 : ULMM_NO_SLOT;
    slots->first_free = first;
    slots->free_count = count - first;
    return ULMM_ERROR_NONE;
}

enum ulmm_error ulmm_slot_allocate(struct ulmm_slot_allocator *slots, uint32_t *index)
{
    uint32_t slot = slots->first_free;
    if (slot == ULMM_NO_SLOT)
        return ULMM_ERROR_OUT_OF_SLOTS;
    slots->first_free = slots->links[slot];
    slots->links[slot] = ULMM_SLOT_ALLOCATED;
    slots->free_count--;
    *index = slot;
    return ULMM_ERROR_NONE;
}

bool ulmm_slot_is_allocated(const struct ulmm_slot_allocator *slots, uint32_t index)
{
    return index < ulmm_slot_count(slots->radix) && slots->links[index] == ULMM_SLOT_ALLOCATED;
}

enum ulmm_error ulmm_slot_free(struct ulmm_slot_allocator *slots, uint32_t index)
{
    if (!ulmm_slot_is_allocated(slots, index))
        return ULMM_ERROR_NOT_ALLOCATED;
    slots->links[index] = slots->first_free;
    slots->first_free = index;
    slots->free_count++;
    return ULMM_ERROR_NONE;
}
