/*
 * Per-type facts and hooks of kernel objects: what convert and copy may do
 * with a type, and what the core calls when capabilities and objects go
 * away. The owners of the other object types plug their hooks into the
 * table in object.c.
 */
#ifndef KERNEL_OBJECT_H
#define KERNEL_OBJECT_H

#include "slot.h"

struct object_type {
    /* Convert may create it from a Generic. */
    bool convertible;
    /* Convert may create it from a device Generic (MMIO is never kernel memory). */
    bool from_device;
    /* Copy, mint and capability transfer may duplicate it. */
    bool copyable;
    /* Mint may set a badge on it. */
    bool badged;
    /* After convert zeroed the memory and filled `capability`; may be NULL. */
    void (*init)(const struct slot *capability);
    /*
     * slot_derive has just made `copy` from its source: reset slot-local
     * data that belongs to one capability only (a frame's mapping). May be
     * NULL.
     */
    void (*derive)(struct slot *copy);
    /*
     * A capability is being removed (remove, revoke, or the object holding
     * the slot died); `last` says no other capability to the object remains.
     * The slot is already out of the derivation tree. Hooks must not remove
     * or move capabilities themselves: slots inside an object are emptied by
     * the core through `contained_slot`. May be NULL.
     */
    void (*teardown)(struct slot *capability, bool last);
    /*
     * The last capability is gone and every slot inside the object is
     * empty. Only the object identity of `capability` (type, object,
     * size_bits, parameter) is meaningful. May be NULL.
     */
    void (*destroy)(const struct slot *capability);
    /*
     * Objects that hold slots (Node, Process): slot number `index` of the
     * object, NULL past the last one. NULL for every other type.
     */
    struct slot *(*contained_slot)(const struct slot *capability, a9n_word_t index);
};

extern const struct object_type object_types[A9N_CAPABILITY_TYPE_COUNT];

static inline const struct object_type *object_type_of(unsigned type)
{
    return &object_types[type];
}

static inline bool object_holds_slots(const struct slot *capability)
{
    return object_types[capability->type].contained_slot != NULL;
}

static inline struct slot *object_contained_slot(const struct slot *capability, a9n_word_t index)
{
    return object_types[capability->type].contained_slot(capability, index);
}

void object_init(const struct slot *capability);
void object_teardown(struct slot *capability, bool last);
void object_destroy(const struct slot *capability);

#ifdef A9N_HOST_TEST
/* Host tests and the fuzzer watch object lifetimes through this. */
enum object_event { OBJECT_CREATED, OBJECT_TORN_DOWN, OBJECT_DESTROYED };
extern void (*object_observer)(enum object_event event, const struct slot *capability, bool last);
#endif

#endif
