/*
 * Slot contents: clearing, boot-time capabilities and deriving copies.
 * The derivation-tree mechanics are in derivation.c.
 */
#include "slot.h"

#include "derivation.h"
#include "object.h"
#include "string.h"

void slot_clear(struct slot *slot)
{
    memset(slot, 0, sizeof(*slot));
}

void slot_make_root(struct slot *slot, enum a9n_capability_type type, a9n_paddr_t object,
                    a9n_word_t parameter)
{
    slot_clear(slot);
    slot->object = object;
    slot->type = (uint8_t)type;
    slot->rights = A9N_RIGHTS_ALL;
    slot->size_bits = (uint8_t)a9n_object_size_bits(type, parameter);
    slot->parameter = (uint32_t)parameter;
}

void slot_make_generic(struct slot *slot, a9n_paddr_t base, unsigned size_bits, bool device)
{
    slot_make_root(slot, A9N_CAPABILITY_GENERIC, base, size_bits);
    if (device)
        slot->flags = SLOT_FLAG_DEVICE;
}

void slot_derive(struct slot *destination, struct slot *source, unsigned rights, a9n_word_t badge)
{
    destination->object = source->object;
    destination->type = source->type;
    destination->rights = (uint8_t)rights;
    destination->size_bits = source->size_bits;
    destination->flags = source->flags;
    destination->parameter = source->parameter;
    /* Slot-local data travels with the copy; mint may set the badge once. */
    destination->local = source->local;
    if (badge != 0)
        destination->local.badge = badge;
    derivation_insert_child(source, destination);
    if (object_type_of(destination->type)->derive != NULL)
        object_type_of(destination->type)->derive(destination);
}
