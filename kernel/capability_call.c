/*
 * Dispatch of capability calls on (type of the target, operation). Each
 * type's file decodes its operations (no side effects) and then performs
 * them (cannot fail).
 */
#include "capability_call.h"

#include "address_space.h"
#include "debug.h"
#include "frame.h"
#include "generic.h"
#include "interrupt.h"
#include "io_port.h"
#include "node.h"
#include "process.h"
#include "page_table.h"
#include "timer.h"

enum a9n_error capability_call(const struct slot *root, struct capability_message *message)
{
    a9n_word_t descriptor = message->mr[0];

    /* Depth 0 is the root node itself, which only node operations take. */
    if (a9n_descriptor_depth(descriptor) == 0) {
        const struct slot *node;
        enum a9n_error error = node_lookup_node(root, descriptor, &node);
        if (error != A9N_ERROR_NONE)
            return error;
        return node_invoke(root, node, message);
    }

    struct slot *target;
    enum a9n_error error = node_lookup(root, descriptor, &target);
    if (error != A9N_ERROR_NONE)
        return error;
    return capability_invoke(root, target, message);
}

enum a9n_error capability_invoke(const struct slot *root, struct slot *target,
                                 struct capability_message *message)
{
    switch (target->type) {
    case A9N_CAPABILITY_NONE:
        return A9N_ERROR_EMPTY_SLOT;
    case A9N_CAPABILITY_NODE:
        return node_invoke(root, target, message);
    case A9N_CAPABILITY_GENERIC:
        return generic_invoke(root, target, message);
    case A9N_CAPABILITY_PROCESS:
        return process_invoke(root, target, message);
    case A9N_CAPABILITY_ADDRESS_SPACE:
        return address_space_invoke(target, message);
    case A9N_CAPABILITY_PAGE_TABLE:
        return page_table_invoke(root, target, message);
    case A9N_CAPABILITY_FRAME:
        return frame_invoke(root, target, message);
    case A9N_CAPABILITY_INTERRUPT_REGION:
        return interrupt_region_invoke(root, target, message);
    case A9N_CAPABILITY_INTERRUPT_PORT:
        return interrupt_port_invoke(root, target, message);
    case A9N_CAPABILITY_IO_PORT:
        return io_port_invoke(root, target, message);
    case A9N_CAPABILITY_TIMER:
        return timer_invoke(root, target, message);
#ifdef A9N_KERNEL_DEBUG
    case A9N_CAPABILITY_DEBUG:
        return debug_invoke(target, message);
#endif
    default:
        /* IPC and notification ports are invoked from the kernel-call entry
         * (they move MRs between threads); Virtual CPU has no operations; a
         * DEBUG=0 kernel makes no Debug capability, so none reaches here. */
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}
