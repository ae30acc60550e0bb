/*
 * Where a Page Table or Frame capability is mapped. One capability maps
 * once (map a frame twice by copying its capability first: a copy starts
 * unmapped, see frame_derive); the record lives in the capability's
 * slot-local words so that removing or revoking the capability can undo
 * exactly that mapping.
 *
 * The record names the address space by its tag (identifier and
 * generation, address_space.c), not by its memory: an address space can be
 * destroyed while records naming it survive, and its memory can become
 * anything afterwards. A record whose tag no longer resolves is stale and
 * means "not mapped".
 */
#ifndef KERNEL_MAPPING_H
#define KERNEL_MAPPING_H

#include "slot.h"

/* local.words[0]: virtual address | MAPPING_MAPPED; local.words[1]: address-space tag. */
#define MAPPING_MAPPED 1u

static inline bool mapping_is_recorded(const struct slot *slot)
{
    return (slot->local.words[0] & MAPPING_MAPPED) != 0;
}

/* The virtual address: the frame's page, or the first address a table covers. */
static inline a9n_word_t mapping_address(const struct slot *slot)
{
    return (a9n_word_t)(slot->local.words[0] & ~(uint64_t)MAPPING_MAPPED);
}

static inline a9n_word_t mapping_tag(const struct slot *slot)
{
    return (a9n_word_t)slot->local.words[1];
}

static inline void mapping_clear(struct slot *slot)
{
    slot->local.words[0] = 0;
    slot->local.words[1] = 0;
}

/*
 * Record that `slot` is mapped at `address` in the address-space object at
 * `address_space` (its physical address), giving the address space its
 * identifier if it has none yet. At run time the map decode has checked
 * that one is free (address_space_decode_target); at boot the table is
 * empty. Defined in address_space.c.
 */
void mapping_record(struct slot *slot, a9n_paddr_t address_space, a9n_word_t address);

/* The root table of the live address space `slot` is mapped in, or 0 (unmapped or stale). */
a9n_paddr_t mapping_root(const struct slot *slot);

/*
 * Remove `slot`'s mapping (depth 0 for a frame, the table's depth for a
 * table) if it is live and the entry still installs this object, flushing
 * the TLB; clear the record in any case.
 */
void mapping_remove(struct slot *slot, unsigned depth);

#endif
