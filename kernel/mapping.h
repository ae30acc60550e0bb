/*
 * Where a Page Table or Frame capability is mapped. One capability maps
 * once (map a frame twice by copying its capability first); the record
 * lives in the capability's slot-local words so that removing or revoking
 * the capability can undo exactly that mapping.
 */
#ifndef KERNEL_MAPPING_H
#define KERNEL_MAPPING_H

#include "slot.h"

/* local.words[0]: virtual address | MAPPING_MAPPED; local.words[1]: address-space object. */
#define MAPPING_MAPPED 1u

static inline bool mapping_is_mapped(const struct slot *slot)
{
    return (slot->local.words[0] & MAPPING_MAPPED) != 0;
}

static inline a9n_word_t mapping_address(const struct slot *slot)
{
    return (a9n_word_t)(slot->local.words[0] & ~(uint64_t)MAPPING_MAPPED);
}

static inline a9n_paddr_t mapping_address_space(const struct slot *slot)
{
    return slot->local.words[1];
}

static inline void mapping_record(struct slot *slot, a9n_paddr_t address_space, a9n_word_t address)
{
    slot->local.words[0] = (uint64_t)address | MAPPING_MAPPED;
    slot->local.words[1] = address_space;
}

static inline void mapping_clear(struct slot *slot)
{
    slot->local.words[0] = 0;
    slot->local.words[1] = 0;
}

#endif
