/*
 * Invariant checker of ULMM's allocators, for the host tests: the
 * bookkeeping is consistent with itself and with the kernel's capabilities
 * (through the simulated kernel's universe).
 */
#ifndef TESTS_ULMM_CHECK_H
#define TESTS_ULMM_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "ulmm/buddy.h"
#include "ulmm/slab.h"

/*
 * Buddy allocator: every block reachable from a root is a Generic in its
 * slot with the recorded base and size; a split block has exactly its two
 * halves as children; a free block is childless, on the free list of its
 * order exactly once, and its buddy is not free; the free lists hold
 * nothing else; leaves do not overlap and add up to every Generic added;
 * free_bytes is the sum of the free blocks; no record outside the trees.
 */
bool ulmm_check_buddy(const struct ulmm_buddy *buddy, char *message, size_t size);

/*
 * Slab allocator: every slab is an allocated buddy block of the right size
 * holding at least one object; its cells are childless (free) or parent of
 * an object (in use) child Generics of the object size inside the slab;
 * counts match; a slab is on its partial list exactly when not full.
 */
bool ulmm_check_slab(const struct ulmm_slab *slab, char *message, size_t size);

/* Slots the allocators' bookkeeping accounts for: buddy blocks and slab cells. */
uint32_t ulmm_check_slots_accounted(const struct ulmm_buddy *buddy, const struct ulmm_slab *slab);

#endif
