/*
 * Interrupt Region and Interrupt Port, and what a fired line means (the
 * upcall that notifies is interrupt_upcall.c, kept apart so that this file
 * runs in the host tests without a scheduler).
 *
 * A line is in one of these states (the HAL starts every line masked):
 *   no port            masked; interrupts cannot be taken
 *   port, unbound      masked: nobody would hear it
 *   port, bound        unmasked, waiting for the device
 *   port, pending      masked: fired, notified, waiting for the driver's ack
 * The kernel masks a line the moment it fires (the HAL does so before the
 * upcall), so a level-triggered device that keeps its line asserted until
 * the driver services it cannot storm the CPU; ack unmasks it again.
 */
#include "interrupt.h"

#include <hal.h>

#include "capability_call.h"
#include "derivation.h"
#include "node.h"

struct interrupt_port {
    /* A copy of the bound notification capability, derived from the
       caller's: revoking or destroying the notification empties it. */
    struct slot notification;
    uint32_t line;
    uint8_t has_line;
    uint8_t pending; /* fired and not acked yet: the line is masked */
};

_Static_assert(sizeof(struct interrupt_port) <= (1u << A9N_INTERRUPT_PORT_BITS),
               "an interrupt port fits its object size");

/* The port each line is assigned to; NULL when the line is free. */
static struct interrupt_port *line_ports[INTERRUPT_MAX_LINES];

unsigned interrupt_line_count(void)
{
    unsigned count = hal_interrupt_count();
    return count < INTERRUPT_MAX_LINES ? count : INTERRUPT_MAX_LINES;
}

static struct interrupt_port *port_object(const struct slot *port)
{
    return slot_object(port);
}

/* ---- Interrupt Region: make port --------------------------------------------- */

struct interrupt_make_port {
    unsigned line;
    struct interrupt_port *port;
};

static enum a9n_error interrupt_region_decode_make_port(const struct slot *root,
                                                        const struct capability_message *message,
                                                        struct interrupt_make_port *make)
{
    a9n_word_t line = message->mr[A9N_INTERRUPT_REGION_ARG_LINE];
    if (line >= interrupt_line_count())
        return A9N_ERROR_INVALID_ARGUMENT;

    struct slot *slot;
    enum a9n_error error = node_lookup(root, message->mr[A9N_INTERRUPT_REGION_ARG_PORT], &slot);
    if (error != A9N_ERROR_NONE)
        return error;
    if (slot_is_empty(slot))
        return A9N_ERROR_EMPTY_SLOT;
    if (slot->type != A9N_CAPABILITY_INTERRUPT_PORT)
        return A9N_ERROR_WRONG_TYPE;
    struct interrupt_port *port = port_object(slot);
    /* A port serves one line for its whole life: its notifications mean that line. */
    if (port->has_line)
        return A9N_ERROR_INVALID_STATE;
    /* Two ports on one line would let two drivers race for one device. */
    if (line_ports[line] != NULL)
        return A9N_ERROR_ALREADY_MAPPED;

    make->line = (unsigned)line;
    make->port = port;
    return A9N_ERROR_NONE;
}

static void interrupt_region_perform_make_port(const struct interrupt_make_port *make)
{
    make->port->line = make->line;
    make->port->has_line = 1;
    line_ports[make->line] = make->port;
    /* The line stays masked until a notification is bound. */
}

enum a9n_error interrupt_region_invoke(const struct slot *root, struct slot *region,
                                       struct capability_message *message)
{
    (void)region; /* the region covers every line; it has no state of its own */
    switch (message->mr[1]) {
    case A9N_INTERRUPT_REGION_MAKE_PORT: {
        struct interrupt_make_port make;
        enum a9n_error error = interrupt_region_decode_make_port(root, message, &make);
        if (error == A9N_ERROR_NONE)
            interrupt_region_perform_make_port(&make);
        return error;
    }
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}

/* ---- Interrupt Port: bind, unbind, ack ---------------------------------------- */

static enum a9n_error interrupt_port_decode_bind(const struct slot *root,
                                                 const struct interrupt_port *port,
                                                 const struct capability_message *message,
                                                 struct slot **notification)
{
    /* Without a line there is nothing to deliver. */
    if (!port->has_line)
        return A9N_ERROR_INVALID_STATE;
    if (!slot_is_empty(&port->notification))
        return A9N_ERROR_ALREADY_MAPPED;
    enum a9n_error error =
        node_lookup(root, message->mr[A9N_INTERRUPT_PORT_ARG_NOTIFICATION], notification);
    if (error != A9N_ERROR_NONE)
        return error;
    if (slot_is_empty(*notification))
        return A9N_ERROR_EMPTY_SLOT;
    if ((*notification)->type != A9N_CAPABILITY_NOTIFICATION_PORT)
        return A9N_ERROR_WRONG_TYPE;
    /* The kernel will notify through this capability on the driver's behalf. */
    if (((*notification)->rights & A9N_RIGHT_WRITE) == 0)
        return A9N_ERROR_MISSING_RIGHTS;
    /* Its badge is the bits the interrupt sets: without one it would wake nobody. */
    if ((*notification)->local.badge == 0)
        return A9N_ERROR_INVALID_ARGUMENT;
    return A9N_ERROR_NONE;
}

static void interrupt_port_perform_bind(struct interrupt_port *port, struct slot *notification)
{
    /* Same rights and badge: the port notifies exactly as the driver's capability would. */
    slot_derive(&port->notification, notification, notification->rights, 0);
    if (!port->pending)
        hal_interrupt_unmask(port->line);
}

static void interrupt_port_perform_unbind(struct interrupt_port *port)
{
    hal_interrupt_mask(port->line);
    /* The next binding starts afresh: if the device still asserts, it fires then. */
    port->pending = 0;
    derivation_remove(&port->notification);
}

static void interrupt_port_perform_ack(struct interrupt_port *port)
{
    port->pending = 0;
    /* The notification may have been revoked since: then nobody listens. */
    if (!slot_is_empty(&port->notification))
        hal_interrupt_unmask(port->line);
}

enum a9n_error interrupt_port_invoke(const struct slot *root, struct slot *slot,
                                     struct capability_message *message)
{
    struct interrupt_port *port = port_object(slot);

    switch (message->mr[1]) {
    case A9N_INTERRUPT_PORT_BIND: {
        struct slot *notification;
        enum a9n_error error = interrupt_port_decode_bind(root, port, message, &notification);
        if (error == A9N_ERROR_NONE)
            interrupt_port_perform_bind(port, notification);
        return error;
    }
    case A9N_INTERRUPT_PORT_UNBIND:
        if (slot_is_empty(&port->notification))
            return A9N_ERROR_NOT_MAPPED;
        interrupt_port_perform_unbind(port);
        return A9N_ERROR_NONE;
    case A9N_INTERRUPT_PORT_ACK:
        /* Unmasking a line nobody was told about would hide a lost interrupt. */
        if (!port->pending)
            return A9N_ERROR_INVALID_STATE;
        interrupt_port_perform_ack(port);
        return A9N_ERROR_NONE;
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}

struct slot *interrupt_port_contained_slot(const struct slot *port, a9n_word_t index)
{
    return index == 0 ? &port_object(port)->notification : NULL;
}

/* The last capability is gone and the notification slot is empty: free the line. */
void interrupt_port_destroy(const struct slot *slot)
{
    struct interrupt_port *port = port_object(slot);
    if (!port->has_line)
        return;
    hal_interrupt_mask(port->line);
    line_ports[port->line] = NULL;
}

/* ---- delivery --------------------------------------------------------------------- */

const struct slot *interrupt_line_fired(unsigned line)
{
    /*
     * The HAL masked the line. A line without a bound port stays masked
     * (it can only fire after its port lost the notification, or as a
     * hardware glitch); a bound one waits for the driver's ack.
     */
    struct interrupt_port *port = line < interrupt_line_count() ? line_ports[line] : NULL;
    if (port == NULL || slot_is_empty(&port->notification))
        return NULL;
    port->pending = 1;
    return &port->notification;
}
