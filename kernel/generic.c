/*
 * Generic convert: create `count` objects of one type into consecutive
 * empty slots of a node. Decode checks everything (and computes where the
 * objects go); perform zeroes the memory and fills the slots, and cannot
 * fail, so convert is all-or-nothing.
 *
 * The watermark is the offset of the first free byte. Objects are
 * naturally aligned (a Generic's base is aligned to its own size, so
 * aligning the offset aligns the address). Space is reused only when the
 * Generic has no children left: every object converted from it, and every
 * copy of those, is in its subtree, so no children means nothing lives in
 * its memory any more, and the next convert starts again from the base.
 */
#include "generic.h"

#include "capability_call.h"
#include "derivation.h"
#include "node.h"
#include "object.h"
#include "string.h"

struct generic_convert {
    struct slot *generic;
    unsigned type;
    a9n_word_t parameter;
    unsigned size_bits;
    a9n_word_t count;
    struct slot *destination; /* first of `count` consecutive slots */
    uint64_t offset;          /* of the first object from the Generic's base */
};

static uint64_t align_up(uint64_t value, unsigned bits)
{
    uint64_t mask = ((uint64_t)1 << bits) - 1;
    return (value + mask) & ~mask;
}

static enum a9n_error decode_object(const struct slot *generic,
                                    const struct capability_message *message,
                                    struct generic_convert *convert)
{
    a9n_word_t type = message->mr[A9N_GENERIC_ARG_TYPE];
    a9n_word_t parameter = message->mr[A9N_GENERIC_ARG_PARAMETER];

    if (type >= A9N_CAPABILITY_TYPE_COUNT || !object_type_of((unsigned)type)->convertible)
        return A9N_ERROR_INVALID_ARGUMENT;
    unsigned size_bits = a9n_object_size_bits((unsigned)type, parameter);
    if (size_bits == 0)
        return A9N_ERROR_INVALID_ARGUMENT;
    /* The static bound is the ABI's; the levels this machine has are the HAL's. */
    if (type == A9N_CAPABILITY_PAGE_TABLE && parameter >= hal_paging_geometry()->levels)
        return A9N_ERROR_INVALID_ARGUMENT;
    /* Device memory has side effects when touched and is never kernel memory. */
    if ((generic->flags & SLOT_FLAG_DEVICE) && !object_type_of((unsigned)type)->from_device)
        return A9N_ERROR_INVALID_ARGUMENT;

    convert->type = (unsigned)type;
    convert->parameter = parameter;
    convert->size_bits = size_bits;
    return A9N_ERROR_NONE;
}

static enum a9n_error decode_destination(const struct slot *root,
                                         const struct capability_message *message,
                                         struct generic_convert *convert)
{
    const struct slot *node;
    enum a9n_error error = node_lookup_node(root, message->mr[A9N_GENERIC_ARG_NODE], &node);
    if (error != A9N_ERROR_NONE)
        return error;

    a9n_word_t index = message->mr[A9N_GENERIC_ARG_INDEX];
    a9n_word_t count = message->mr[A9N_GENERIC_ARG_COUNT];
    a9n_word_t slots = node_slot_count(node);
    if (index >= slots)
        return A9N_ERROR_INDEX_OUT_OF_RANGE;
    if (count == 0 || count > slots - index)
        return A9N_ERROR_INVALID_ARGUMENT;
    for (a9n_word_t i = 0; i < count; i++) {
        if (!slot_is_empty(node_slot(node, index + i)))
            return A9N_ERROR_SLOT_OCCUPIED;
    }
    convert->destination = node_slot(node, index);
    convert->count = count;
    return A9N_ERROR_NONE;
}

static enum a9n_error decode_space(const struct slot *generic, struct generic_convert *convert)
{
    uint64_t size = (uint64_t)1 << generic->size_bits;
    uint64_t used = derivation_has_children(generic) ? generic->local.watermark : 0;
    uint64_t offset = align_up(used, convert->size_bits);

    /* Written as a division so that no count can overflow the product. */
    if (offset > size || convert->count > (size - offset) >> convert->size_bits)
        return A9N_ERROR_INSUFFICIENT_MEMORY;
    convert->offset = offset;
    return A9N_ERROR_NONE;
}

static enum a9n_error generic_decode_convert(const struct slot *root, struct slot *generic,
                                             const struct capability_message *message,
                                             struct generic_convert *convert)
{
    convert->generic = generic;
    enum a9n_error error = decode_object(generic, message, convert);
    if (error != A9N_ERROR_NONE)
        return error;
    error = decode_destination(root, message, convert);
    if (error != A9N_ERROR_NONE)
        return error;
    return decode_space(generic, convert);
}

static void generic_perform_convert(const struct generic_convert *convert)
{
    struct slot *generic = convert->generic;
    uint64_t size = (uint64_t)1 << convert->size_bits;
    bool device = (generic->flags & SLOT_FLAG_DEVICE) != 0;

    for (a9n_word_t i = 0; i < convert->count; i++) {
        a9n_paddr_t object = generic->object + convert->offset + i * size;
        /*
         * Nothing of a previous object may show through. A child Generic
         * needs no zeroing (its own converts zero), and device memory must
         * not be written at all.
         */
        if (convert->type != A9N_CAPABILITY_GENERIC && !device)
            memset(hal_phys_to_virt(object), 0, (size_t)size);

        struct slot *slot = convert->destination + i;
        slot->object = object;
        slot->type = (uint8_t)convert->type;
        slot->rights = A9N_RIGHTS_ALL;
        slot->size_bits = (uint8_t)convert->size_bits;
        slot->flags = device ? SLOT_FLAG_DEVICE : 0;
        slot->parameter = (uint32_t)convert->parameter;
        slot->local.words[0] = 0;
        slot->local.words[1] = 0;
        derivation_insert_child(generic, slot);
        object_init(slot);
    }
    generic->local.watermark = convert->offset + convert->count * size;
}

enum a9n_error generic_invoke(const struct slot *root, struct slot *generic,
                              struct capability_message *message)
{
    switch (message->mr[1]) {
    case A9N_GENERIC_CONVERT: {
        struct generic_convert convert;
        enum a9n_error error = generic_decode_convert(root, generic, message, &convert);
        if (error == A9N_ERROR_NONE)
            generic_perform_convert(&convert);
        return error;
    }
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}
