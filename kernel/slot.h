/*
 * A capability slot: what a capability is inside the kernel. Slots live in
 * Node objects or embedded in other objects (a Process's root node, address
 * space, ...); wherever they are, they take part in the derivation tree.
 */
#ifndef KERNEL_SLOT_H
#define KERNEL_SLOT_H

#include <a9n/capability.h>
#include <a9n/object.h>
#include <a9n/types.h>
#include <hal.h>

enum slot_flag {
    /* Generic or Frame over device memory (MMIO): never zeroed, never a kernel object. */
    SLOT_FLAG_DEVICE = 1u << 0,
    /*
     * Internal to derivation.c while a remove or revoke runs: the slot no
     * longer holds a capability but records an object whose own slots are
     * still being emptied. Never seen outside one kernel call.
     */
    SLOT_FLAG_DYING = 1u << 1,
};

/*
 * Fixed-width fields so that the slot is 64 bytes on every 64-bit port: a
 * node's size, and so its place in a Generic, does not depend on the arch.
 * Copying a capability copies this structure and links it into the tree;
 * nothing is allocated.
 */
struct slot {
    a9n_paddr_t object; /* physical address of the object (Generic: its base) */
    uint8_t type;       /* enum a9n_capability_type; A9N_CAPABILITY_NONE = empty */
    uint8_t rights;     /* enum a9n_right bits */
    uint8_t size_bits;  /* log2 of the object's size; 0 for objects without memory */
    uint8_t flags;      /* enum slot_flag bits */
    uint32_t parameter; /* the convert parameter: Node radix, Generic size bits, Page Table depth */
    /* Slot-local data: belongs to this capability, not to the object. */
    union {
        uint64_t badge;     /* IPC Port, Notification Port: set once by mint */
        uint64_t watermark; /* Generic: bytes from base already handed out */
        uint64_t words[2];  /* other types: mapping, port range, ... */
    } local;
    /*
     * Derivation tree (see derivation.c): the capability this one was
     * derived from, the first capability derived from it, and its siblings.
     */
    struct slot *parent;
    struct slot *first_child;
    struct slot *prev_sibling;
    struct slot *next_sibling;
};

_Static_assert(sizeof(struct slot) == (1u << A9N_SLOT_BITS), "slot size is part of the ABI");

static inline bool slot_is_empty(const struct slot *slot)
{
    return slot->type == A9N_CAPABILITY_NONE;
}

/* The kernel's view of the object: through the direct map. */
static inline void *slot_object(const struct slot *slot)
{
    return hal_phys_to_virt(slot->object);
}

/* Two capabilities to one object (copies of each other, whatever the badge). */
static inline bool slot_same_object(const struct slot *a, const struct slot *b)
{
    return a->type == b->type && a->object == b->object;
}

void slot_clear(struct slot *slot);

/*
 * Boot-time creation (the init-process builder): a capability with all
 * rights and no parent in the derivation tree, for an object the kernel set
 * up itself. `parameter` is as for convert (Node radix, Page Table depth,
 * else 0). The slot must be empty; nothing is checked, the caller is the
 * kernel. A Node's memory must have been prepared with node_init_object().
 */
void slot_make_root(struct slot *slot, enum a9n_capability_type type, a9n_paddr_t object,
                    a9n_word_t parameter);

/*
 * Boot-time Generic over [base, base + 2^size_bits): base must be aligned
 * to the size, size_bits within A9N_GENERIC_MIN_BITS..A9N_GENERIC_MAX_BITS.
 * Device Generics cover MMIO and can only become frames and smaller Generics.
 */
void slot_make_generic(struct slot *slot, a9n_paddr_t base, unsigned size_bits, bool device);

/*
 * Make `destination` (empty) a copy of `source` with `rights` (a subset of
 * the source's) and `badge` (0 keeps the source's), derived from it. The
 * caller has checked rights, copyability and badge rules (node copy and
 * mint decode, or capability transfer).
 */
void slot_derive(struct slot *destination, struct slot *source, unsigned rights, a9n_word_t badge);

#endif
