/*
 * Frame capabilities: map with attributes limited by the capability's
 * rights, unmap, physical address.
 *
 * Every mapping is readable on every port (x86 cannot express otherwise;
 * Sv39 reserves write-without-read), so READ is required and needs the READ
 * right; WRITE needs WRITE, EXECUTE needs EXECUTE, and the two together are
 * refused (W^X). Device frames are always mapped uncached whatever the
 * caller asked: a cached MMIO mapping would reorder or merge device
 * accesses. RAM frames may not ask for DEVICE (it could only disagree with
 * the cached direct map the kernel keeps of the same memory).
 */
#include "frame.h"

#include <a9n/memory.h>

#include "address_space.h"
#include "capability_call.h"
#include "mapping.h"

#define KNOWN_ATTRIBUTES (A9N_MAP_READ | A9N_MAP_WRITE | A9N_MAP_EXECUTE | A9N_MAP_DEVICE)

struct frame_map {
    struct slot *frame;
    const struct slot *address_space;
    a9n_word_t address;
    unsigned attributes;
};

static enum a9n_error decode_attributes(const struct slot *frame, a9n_word_t attributes)
{
    if ((attributes & ~(a9n_word_t)KNOWN_ATTRIBUTES) != 0 || !(attributes & A9N_MAP_READ))
        return A9N_ERROR_INVALID_ARGUMENT;
    if ((attributes & A9N_MAP_WRITE) && (attributes & A9N_MAP_EXECUTE))
        return A9N_ERROR_INVALID_ARGUMENT;
    if ((attributes & A9N_MAP_DEVICE) && !(frame->flags & SLOT_FLAG_DEVICE))
        return A9N_ERROR_INVALID_ARGUMENT;

    unsigned needed = A9N_RIGHT_READ;
    if (attributes & A9N_MAP_WRITE)
        needed |= A9N_RIGHT_WRITE;
    if (attributes & A9N_MAP_EXECUTE)
        needed |= A9N_RIGHT_EXECUTE;
    if ((frame->rights & needed) != needed)
        return A9N_ERROR_MISSING_RIGHTS;
    return A9N_ERROR_NONE;
}

static enum a9n_error frame_decode_map(const struct slot *root, struct slot *frame,
                                       const struct capability_message *message,
                                       struct frame_map *map)
{
    a9n_word_t attributes = message->mr[A9N_FRAME_ARG_ATTRIBUTES];
    enum a9n_error error = decode_attributes(frame, attributes);
    if (error != A9N_ERROR_NONE)
        return error;
    if (mapping_root(frame) != 0)
        return A9N_ERROR_INVALID_STATE;
    map->address = message->mr[A9N_FRAME_ARG_ADDRESS];
    error = address_space_decode_target(root, message->mr[A9N_FRAME_ARG_ADDRESS_SPACE],
                                        map->address, &map->address_space);
    if (error != A9N_ERROR_NONE)
        return error;

    a9n_paddr_t address_space = map->address_space->object;
    a9n_paddr_t installed;
    if (hal_missing_depth(address_space, map->address) != 0)
        return A9N_ERROR_NOT_MAPPED;
    if (hal_lookup(address_space, map->address, 0, &installed))
        return A9N_ERROR_ALREADY_MAPPED;

    map->frame = frame;
    map->attributes = (unsigned)attributes;
    if (frame->flags & SLOT_FLAG_DEVICE)
        map->attributes |= A9N_MAP_DEVICE;
    return A9N_ERROR_NONE;
}

static void frame_perform_map(const struct frame_map *map)
{
    a9n_paddr_t root = map->address_space->object;
    /* Cannot fail: decode saw the lowest table present and the entry empty. */
    hal_map_frame(root, map->address, map->frame->object, map->attributes);
    mapping_record(map->frame, root, map->address);
}

void frame_derive(struct slot *copy)
{
    /* The copy is a different capability: the source's mapping is not its own. */
    mapping_clear(copy);
}

void frame_teardown(struct slot *capability, bool last)
{
    (void)last; /* each capability undoes only its own mapping */
    mapping_remove(capability, 0);
}

enum a9n_error frame_invoke(const struct slot *root, struct slot *frame,
                            struct capability_message *message)
{
    switch (message->mr[1]) {
    case A9N_FRAME_MAP: {
        struct frame_map map;
        enum a9n_error error = frame_decode_map(root, frame, message, &map);
        if (error == A9N_ERROR_NONE)
            frame_perform_map(&map);
        return error;
    }
    case A9N_FRAME_UNMAP:
        if (mapping_root(frame) == 0)
            return A9N_ERROR_NOT_MAPPED;
        mapping_remove(frame, 0);
        return A9N_ERROR_NONE;
    case A9N_FRAME_PHYSICAL_ADDRESS:
        message->mr[A9N_FRAME_RESULT_PHYSICAL_ADDRESS] = frame->object;
        return A9N_ERROR_NONE;
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}
