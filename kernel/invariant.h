/*
 * Consistency checker of the capability core, for host tests and the fuzzer
 * (and a debug build of the kernel, if ever wanted: it is freestanding and
 * allocates nothing). It looks at every slot reachable from the given root
 * slots: through node capabilities and through derivation-tree links.
 */
#ifndef KERNEL_INVARIANT_H
#define KERNEL_INVARIANT_H

#include "slot.h"

/* Caller-provided room: one entry per occupied slot, one per node object. */
struct invariant_scratch {
    const struct slot **slots;
    size_t slot_capacity;
    const struct slot **nodes;
    size_t node_capacity;
    /* Out: the occupied slots found, in slots[], sorted by object address. */
    size_t slot_count;
};

struct invariant_violation {
    const char *what;         /* which rule is broken */
    const struct slot *slot;  /* where */
};

/*
 * true when everything holds. Checked: the derivation links are mutual and
 * acyclic and only lead to occupied slots; every slot
 * holds a valid, aligned, correctly sized capability; rights and badges only
 * shrink / stay along copies; an object converted from a Generic lies below
 * that Generic's watermark (so nothing refers to reused memory) and a
 * device Generic only holds frames and Generics; no two live objects
 * overlap unless a Generic contains the other; derivation_is_final() is
 * true exactly for the only capability to an object.
 */
bool invariant_check(const struct slot *const *roots, size_t root_count,
                     struct invariant_scratch *scratch,
                     struct invariant_violation *violation);

#endif
