/*
 * The table of object types. Sizes are in abi/a9n/object.h; what convert
 * and copy may do, and the lifetime hooks, are here.
 */
#include "object.h"

#include "address_space.h"
#include "frame.h"
#include "interrupt.h"
#include "ipc_port.h"
#include "node.h"
#include "notification_port.h"
#include "process.h"
#include "page_table.h"
#include "timer.h"

const struct object_type object_types[A9N_CAPABILITY_TYPE_COUNT] = {
    [A9N_CAPABILITY_NODE] = {
        .convertible = true,
        .copyable = true,
        .contained_slot = node_contained_slot,
    },
    [A9N_CAPABILITY_GENERIC] = {
        /* Smaller Generics, device or not. */
        .convertible = true,
        .from_device = true,
        /* Two capabilities converting from one range would hand it out twice. */
        .copyable = false,
    },
    [A9N_CAPABILITY_PROCESS] = {
        .convertible = true,
        .copyable = true,
        /* Leaves every queue before its slots (root node, address space, ...) are emptied. */
        .teardown = process_teardown,
        .contained_slot = process_contained_slot,
    },
    [A9N_CAPABILITY_IPC_PORT] = {
        .convertible = true,
        .copyable = true,
        .badged = true,
        .destroy = ipc_port_destroy, /* waiters get A9N_ERROR_DESTROYED */
    },
    [A9N_CAPABILITY_NOTIFICATION_PORT] = {
        .convertible = true,
        .copyable = true,
        .badged = true,
        .destroy = notification_port_destroy, /* waiters get A9N_ERROR_DESTROYED */
    },
    [A9N_CAPABILITY_ADDRESS_SPACE] = {
        .convertible = true,
        .copyable = true,
        .init = address_space_init,
        .destroy = address_space_destroy,
    },
    [A9N_CAPABILITY_PAGE_TABLE] = {
        .convertible = true,
        /* One capability per table keeps its one mapping record authoritative (page_table.c). */
        .copyable = false,
        .teardown = page_table_teardown,
    },
    [A9N_CAPABILITY_FRAME] = {
        .convertible = true,
        .from_device = true,
        .copyable = true,
        .derive = frame_derive,
        .teardown = frame_teardown,
    },
    /* Made at boot only; the region is handed around, never created. */
    [A9N_CAPABILITY_INTERRUPT_REGION] = { .copyable = true },
    [A9N_CAPABILITY_INTERRUPT_PORT] = {
        .convertible = true,
        .copyable = true,
        /* Its notification slot; destroying the port frees (and masks) its line. */
        .destroy = interrupt_port_destroy,
        .contained_slot = interrupt_port_contained_slot,
    },
    /* Made at boot only: its port range comes from the capability it is minted from. */
    [A9N_CAPABILITY_IO_PORT] = { .copyable = true },
    [A9N_CAPABILITY_VIRTUAL_CPU] = { .copyable = true },
    [A9N_CAPABILITY_TIMER] = {
        .convertible = true,
        .copyable = true,
        /* Its notification slot; destroying the timer takes it out of the armed list. */
        .destroy = timer_destroy,
        .contained_slot = timer_contained_slot,
    },
#ifdef A9N_KERNEL_DEBUG
    /* Made at boot only, for init: who may print and stop the machine is init's choice. */
    [A9N_CAPABILITY_DEBUG] = { .copyable = true },
#endif
};

#ifdef A9N_HOST_TEST
void (*object_observer)(enum object_event event, const struct slot *capability, bool last);
#define OBSERVE(event, capability, last)                                         \
    do {                                                                         \
        if (object_observer != NULL)                                             \
            object_observer(event, capability, last);                            \
    } while (0)
#else
#define OBSERVE(event, capability, last) ((void)0)
#endif

void object_init(const struct slot *capability)
{
    const struct object_type *type = object_type_of(capability->type);
    if (type->init != NULL)
        type->init(capability);
    OBSERVE(OBJECT_CREATED, capability, false);
}

void object_teardown(struct slot *capability, bool last)
{
    const struct object_type *type = object_type_of(capability->type);
    if (type->teardown != NULL)
        type->teardown(capability, last);
    OBSERVE(OBJECT_TORN_DOWN, capability, last);
}

void object_destroy(const struct slot *capability)
{
    const struct object_type *type = object_type_of(capability->type);
    if (type->destroy != NULL)
        type->destroy(capability);
    OBSERVE(OBJECT_DESTROYED, capability, true);
}
