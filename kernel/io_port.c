/*
 * I/O Port capabilities: mint a sub-range, read and write ports inside the
 * range. The range is slot-local (local.words[0] = first, [1] = last,
 * inclusive): it belongs to the capability, and every capability to the
 * port space names the same (memory-less) object.
 */
#include "io_port.h"

#include <hal.h>

#include "capability_call.h"
#include "node.h"

static a9n_word_t range_first(const struct slot *io_port)
{
    return io_port->local.words[0];
}

static a9n_word_t range_last(const struct slot *io_port)
{
    return io_port->local.words[1];
}

void io_port_make_root(struct slot *slot, a9n_word_t first, a9n_word_t last)
{
    slot_make_root(slot, A9N_CAPABILITY_IO_PORT, 0, 0);
    slot->local.words[0] = first;
    slot->local.words[1] = last;
}

/* ---- mint ------------------------------------------------------------------------- */

struct io_port_mint {
    struct slot *destination;
    a9n_word_t first, last;
};

static enum a9n_error io_port_decode_mint(const struct slot *root, const struct slot *io_port,
                                          const struct capability_message *message,
                                          struct io_port_mint *mint)
{
    /* A narrower capability is still a copy of this one's authority. */
    if ((io_port->rights & A9N_RIGHT_COPY) == 0)
        return A9N_ERROR_MISSING_RIGHTS;
    a9n_word_t first = message->mr[A9N_IO_PORT_ARG_FIRST];
    a9n_word_t last = message->mr[A9N_IO_PORT_ARG_LAST];
    /* Ranges only ever shrink: a driver cannot widen what it was given. */
    if (first > last || first < range_first(io_port) || last > range_last(io_port))
        return A9N_ERROR_INVALID_ARGUMENT;

    const struct slot *node;
    enum a9n_error error = node_lookup_node(root, message->mr[A9N_IO_PORT_ARG_NODE], &node);
    if (error != A9N_ERROR_NONE)
        return error;
    a9n_word_t index = message->mr[A9N_IO_PORT_ARG_INDEX];
    if (index >= node_slot_count(node))
        return A9N_ERROR_INDEX_OUT_OF_RANGE;
    if (!slot_is_empty(node_slot(node, index)))
        return A9N_ERROR_SLOT_OCCUPIED;

    mint->destination = node_slot(node, index);
    mint->first = first;
    mint->last = last;
    return A9N_ERROR_NONE;
}

static void io_port_perform_mint(struct slot *io_port, const struct io_port_mint *mint)
{
    slot_derive(mint->destination, io_port, io_port->rights, 0);
    mint->destination->local.words[0] = mint->first;
    mint->destination->local.words[1] = mint->last;
}

/* ---- read and write ------------------------------------------------------------------ */

/* The access port .. port + width - 1 lies inside the capability's range. */
static enum a9n_error decode_access(const struct slot *io_port,
                                    const struct capability_message *message, unsigned right,
                                    unsigned *port, unsigned *width)
{
    if ((io_port->rights & right) == 0)
        return A9N_ERROR_MISSING_RIGHTS;
    a9n_word_t first = message->mr[A9N_IO_PORT_ARG_PORT];
    a9n_word_t bytes = message->mr[A9N_IO_PORT_ARG_WIDTH];
    if (bytes != A9N_IO_PORT_WIDTH_8 && bytes != A9N_IO_PORT_WIDTH_16 &&
        bytes != A9N_IO_PORT_WIDTH_32)
        return A9N_ERROR_INVALID_ARGUMENT;
    /* Written so that no port value can overflow the sum. */
    if (first < range_first(io_port) || first > range_last(io_port) ||
        bytes - 1 > range_last(io_port) - first)
        return A9N_ERROR_INVALID_ARGUMENT;
    *port = (unsigned)first;
    *width = (unsigned)bytes;
    return A9N_ERROR_NONE;
}

static enum a9n_error io_port_read(const struct slot *io_port, struct capability_message *message)
{
    unsigned port, width;
    enum a9n_error error = decode_access(io_port, message, A9N_RIGHT_READ, &port, &width);
    if (error != A9N_ERROR_NONE)
        return error;
    message->mr[A9N_IO_PORT_RESULT_VALUE] = hal_io_port_read(port, width);
    return A9N_ERROR_NONE;
}

static enum a9n_error io_port_write(const struct slot *io_port,
                                    const struct capability_message *message)
{
    unsigned port, width;
    enum a9n_error error = decode_access(io_port, message, A9N_RIGHT_WRITE, &port, &width);
    if (error != A9N_ERROR_NONE)
        return error;
    a9n_word_t value = message->mr[A9N_IO_PORT_ARG_VALUE];
    /* Bits the access cannot carry would be dropped silently: refuse them. */
    if ((value >> (8 * width)) != 0)
        return A9N_ERROR_INVALID_ARGUMENT;
    hal_io_port_write(port, width, (uint32_t)value);
    return A9N_ERROR_NONE;
}

enum a9n_error io_port_invoke(const struct slot *root, struct slot *io_port,
                              struct capability_message *message)
{
    switch (message->mr[1]) {
    case A9N_IO_PORT_MINT: {
        struct io_port_mint mint;
        enum a9n_error error = io_port_decode_mint(root, io_port, message, &mint);
        if (error == A9N_ERROR_NONE)
            io_port_perform_mint(io_port, &mint);
        return error;
    }
    case A9N_IO_PORT_READ:
        return io_port_read(io_port, message);
    case A9N_IO_PORT_WRITE:
        return io_port_write(io_port, message);
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}
