/*
 * The derivation tree, and removal of capabilities with it.
 *
 * Every slot has explicit parent / first-child / sibling links (32 bytes of
 * the slot). Copy and mint make the new capability the first child of its
 * source; convert makes each new object's capability the first child of the
 * Generic. Boot-time capabilities have no parent.
 *
 * Removing a capability splices its children into its place among its
 * siblings (keeping their order), so nothing derived from it is lost and
 * what they were derived from is still an ancestor. This keeps one rule
 * that finality rests on: all capabilities to one object (other than a
 * Generic, which cannot be copied) are a run of consecutive siblings and
 * their subtrees, and the children of a non-Generic are copies of it. So a
 * capability is the last one to its object exactly when it has no children
 * and neither its parent nor its two neighbouring siblings name the object.
 * Insertions never split such a run: copies go below their source, new
 * objects at the head of the Generic's children.
 *
 * Revoke walks the subtree iteratively, removing leaves and climbing back
 * up. An object that holds slots itself (a Node, a Process) cannot be
 * emptied inside that walk without recursion, so when its last capability
 * goes the slot that held it becomes a "dying" record on a stack linked
 * through those records, and is emptied slot by slot afterwards, pushing
 * further records as more containers die. Every step is bounded; nothing
 * recurses, however deep the tree or the nesting of nodes.
 */
#include "derivation.h"

#include "object.h"

void derivation_insert_child(struct slot *parent, struct slot *child)
{
    child->parent = parent;
    child->first_child = NULL;
    child->prev_sibling = NULL;
    child->next_sibling = parent->first_child;
    if (parent->first_child != NULL)
        parent->first_child->prev_sibling = child;
    parent->first_child = child;
}

void derivation_move(struct slot *destination, struct slot *source)
{
    *destination = *source;
    if (destination->prev_sibling != NULL)
        destination->prev_sibling->next_sibling = destination;
    else if (destination->parent != NULL)
        destination->parent->first_child = destination;
    if (destination->next_sibling != NULL)
        destination->next_sibling->prev_sibling = destination;
    for (struct slot *child = destination->first_child; child != NULL; child = child->next_sibling)
        child->parent = destination;
    slot_clear(source);
}

bool derivation_is_final(const struct slot *slot)
{
    /* Generics are never copied; their children are other objects. */
    if (slot->type == A9N_CAPABILITY_GENERIC)
        return true;
    if (slot->first_child != NULL)
        return false;
    if (slot->parent != NULL && slot_same_object(slot->parent, slot))
        return false;
    if (slot->prev_sibling != NULL && slot_same_object(slot->prev_sibling, slot))
        return false;
    if (slot->next_sibling != NULL && slot_same_object(slot->next_sibling, slot))
        return false;
    return true;
}

/* Take `slot` out of the tree, its children taking its place. */
static void derivation_unlink(struct slot *slot)
{
    struct slot *before = slot->prev_sibling;
    struct slot *after = slot->next_sibling;
    struct slot *head = after; /* what follows `before` afterwards */
    struct slot *tail = before; /* what precedes `after` afterwards */

    if (slot->first_child != NULL) {
        struct slot *last = slot->first_child;
        for (;;) {
            last->parent = slot->parent;
            if (last->next_sibling == NULL)
                break;
            last = last->next_sibling;
        }
        slot->first_child->prev_sibling = before;
        last->next_sibling = after;
        head = slot->first_child;
        tail = last;
    }
    if (before != NULL)
        before->next_sibling = head;
    else if (slot->parent != NULL)
        slot->parent->first_child = head;
    if (after != NULL)
        after->prev_sibling = tail;

    slot->parent = NULL;
    slot->first_child = NULL;
    slot->prev_sibling = NULL;
    slot->next_sibling = NULL;
}

/*
 * Remove one capability. If it was the last one to an object that holds
 * slots, the slot becomes a dying record (object identity kept, scan
 * position in local.words[0]) pushed on `dying`; otherwise it is emptied.
 */
static void delete_capability(struct slot *slot, struct slot **dying)
{
    bool last = derivation_is_final(slot);
    derivation_unlink(slot);
    object_teardown(slot, last);
    if (last && object_holds_slots(slot)) {
        slot->flags |= SLOT_FLAG_DYING;
        slot->local.words[0] = 0;
        slot->local.words[1] = 0;
        slot->next_sibling = *dying;
        *dying = slot;
        return;
    }
    if (last)
        object_destroy(slot);
    slot_clear(slot);
}

/* The next slot of a dying object that still holds a capability, or NULL. */
static struct slot *next_contained_capability(struct slot *record)
{
    for (;;) {
        struct slot *contained = object_contained_slot(record, record->local.words[0]);
        if (contained == NULL)
            return NULL;
        record->local.words[0]++;
        /* Records (possibly this one) sit in slots whose capability is gone. */
        if (!slot_is_empty(contained) && !(contained->flags & SLOT_FLAG_DYING))
            return contained;
    }
}

/*
 * Empty the dying objects, most recent first, and destroy each when it holds
 * nothing any more. A record can live inside an object destroyed before it
 * is popped (two containers holding each other's last capability); that is
 * harmless because destroyed memory is only reused after its Generic is
 * converted again, which cannot happen inside this kernel call.
 */
static void empty_dying_objects(struct slot **dying)
{
    while (*dying != NULL) {
        struct slot *record = *dying;
        struct slot *contained = next_contained_capability(record);
        if (contained != NULL) {
            delete_capability(contained, dying);
            continue;
        }
        *dying = record->next_sibling;
        record->next_sibling = NULL;
        object_destroy(record);
        slot_clear(record);
    }
}

void derivation_remove(struct slot *slot)
{
    struct slot *dying = NULL;
    delete_capability(slot, &dying);
    empty_dying_objects(&dying);
}

void derivation_revoke(struct slot *slot)
{
    struct slot *dying = NULL;
    struct slot *current = slot->first_child;

    /*
     * Post-order walk: go down to a leaf, remove it, go back to its parent.
     * Removals here never cascade (containers are only recorded), so the
     * parent is still in place.
     */
    while (current != NULL) {
        if (current->first_child != NULL) {
            current = current->first_child;
            continue;
        }
        struct slot *parent = current->parent;
        delete_capability(current, &dying);
        current = parent == slot ? slot->first_child : parent;
    }
    empty_dying_objects(&dying);
}
