/*
 * The derivation tree: which capability was derived from which, so that
 * revoke can find every descendant and removing the last capability to an
 * object can be recognised. See derivation.c for the rules it keeps.
 */
#ifndef KERNEL_DERIVATION_H
#define KERNEL_DERIVATION_H

#include "slot.h"

static inline bool derivation_has_children(const struct slot *slot)
{
    return slot->first_child != NULL;
}

/* Link the filled, unlinked `child` as the first child of `parent`. */
void derivation_insert_child(struct slot *parent, struct slot *child);

/*
 * Put the capability in `source` into the empty `destination`, in the same
 * place in the tree; `source` ends empty. O(number of children).
 */
void derivation_move(struct slot *destination, struct slot *source);

/* Is this the only capability to its object (the object dies with it)? */
bool derivation_is_final(const struct slot *slot);

/*
 * Empty `slot`: its children (if any) take its place in the tree; the type's
 * teardown hook runs, and if it was the last capability the object is
 * destroyed, after every slot the object itself holds has been removed.
 */
void derivation_remove(struct slot *slot);

/* Remove every capability derived from `slot`, recursively; `slot` stays. */
void derivation_revoke(struct slot *slot);

#endif
