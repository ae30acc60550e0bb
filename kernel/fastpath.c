/*
 * IPC fast path (see fastpath.h for how an architecture plugs in): call and
 * reply-receive of a short message between threads that can switch to each
 * other directly. Each check below falls back to the general path
 * (kernel_handle_kernel_call) before anything has changed; after the last
 * check the operation is exactly what ipc_port_call / ipc_port_reply_receive
 * would do in that case, written out for the one situation.
 */
#include "fastpath.h"

#include <stddef.h>

#include <a9n/ipc.h>
#include <a9n/kernel_call.h>
#include <hal.h>

#include "ipc_port.h"
#include "message.h"
#include "node.h"
#include "scheduler.h"

static bool enabled = true;
static a9n_word_t hits;

/* The register MRs a payload can use. */
#define REGISTER_PAYLOAD (A9N_ARCH_REGISTER_MRS - A9N_MR_PAYLOAD)

/*
 * The IPC port capability `descriptor` names, when it names a slot of the
 * root node itself (the usual case: one level of lookup); NULL otherwise,
 * including for every case node_lookup would reject.
 */
static inline const struct slot *lookup_port(const struct process *process, a9n_word_t descriptor)
{
    const struct slot *root = &process->slots[PROCESS_SLOT_ROOT_NODE];
    unsigned depth = a9n_descriptor_depth(descriptor);
    a9n_word_t index = a9n_descriptor_path(descriptor);

    /* Not a node (or empty): node_lookup reports an error. */
    if (root->type != A9N_CAPABILITY_NODE)
        return NULL;
    /* A deeper descriptor walks further nodes: the general lookup does that. */
    if (depth != root->parameter)
        return NULL;
    /* An index wider than the node is out of range, not to be masked into it. */
    if ((index >> depth) != 0)
        return NULL;
    const struct slot *port = node_slot(root, index);
    /* Other types (and empty slots) are other operations or errors. */
    if (port->type != A9N_CAPABILITY_IPC_PORT)
        return NULL;
    return port;
}

/*
 * A message the fast path can move: payload within the register MRs (more
 * would need both IPC buffers) and no capability transfer (lookups in the
 * sender's space, slots in the receiver's). Every such message passes
 * message_decode, so the general path would not report an error either.
 */
static inline bool message_is_short(a9n_word_t info)
{
    /* Length and capability count side by side: one compare finds both small enough. */
    const a9n_word_t length_and_capabilities =
        A9N_MESSAGE_INFO_LENGTH_MASK |
        (a9n_word_t)A9N_MESSAGE_INFO_CAPABILITIES_MASK << A9N_MESSAGE_INFO_CAPABILITIES_SHIFT;
    _Static_assert(A9N_MESSAGE_INFO_CAPABILITIES_SHIFT == 9 &&
                       A9N_MESSAGE_INFO_LENGTH_MASK == 0x1ff,
                   "the capability count sits right above the length");
    return (info & length_and_capabilities) <= REGISTER_PAYLOAD;
}

/* message_transfer for a short message: payload, info as delivered, badge, success. */
static inline __attribute__((always_inline)) void transfer(struct process *sender, struct process *receiver, a9n_word_t info,
                            a9n_word_t badge)
{
    /*
     * Word by word from the last one down, each at a constant index, so
     * that every word is one load and one store at a fixed place in the
     * contexts (a loop over a9n_arch_context_mr(i) costs a switch per word
     * and, on riscv64, most of the callee-saved registers for its state).
     */
#define COPY_PAYLOAD_WORD(k)                                                  \
    case (k) + 1:                                                             \
        if (A9N_MR_PAYLOAD + (k) < A9N_ARCH_REGISTER_MRS)                     \
            *message_register(receiver, A9N_MR_PAYLOAD + (k)) =               \
                *message_register(sender, A9N_MR_PAYLOAD + (k));              \
        __attribute__((fallthrough));
    _Static_assert(REGISTER_PAYLOAD <= 10, "a case below for every register payload word");
    switch (a9n_message_info_length(info)) {
    COPY_PAYLOAD_WORD(9)
    COPY_PAYLOAD_WORD(8)
    COPY_PAYLOAD_WORD(7)
    COPY_PAYLOAD_WORD(6)
    COPY_PAYLOAD_WORD(5)
    COPY_PAYLOAD_WORD(4)
    COPY_PAYLOAD_WORD(3)
    COPY_PAYLOAD_WORD(2)
    COPY_PAYLOAD_WORD(1)
    COPY_PAYLOAD_WORD(0)
    default:
        break;
    }
#undef COPY_PAYLOAD_WORD
    *message_register(receiver, A9N_MR_INFO) =
        a9n_message_info(a9n_message_info_label(info), a9n_message_info_length(info), 0);
    *message_register(receiver, A9N_MR_BADGE) = badge;
    *message_register(receiver, A9N_MR_SUCCESS) = 1;
    *message_register(receiver, A9N_MR_ERROR) = A9N_ERROR_NONE;
}

/*
 * Whether `next` may run at once in place of the current process `from`,
 * as scheduler_switch_to decides it. The running process is never
 * outranked by a ready one when it enters the kernel (the exit path
 * preempts it otherwise), so a `next` of at least its priority is not
 * outranked either. A lower `next` may still be allowed, but finding out
 * means scanning the ready queues: left to the general path.
 */
static inline bool may_switch_directly(const struct process *from, const struct process *next)
{
    return next->priority >= from->priority;
}

/* The scheduler would stop a process without an address space instead of running it. */
static inline bool has_address_space(const struct process *process)
{
    return process->slots[PROCESS_SLOT_ADDRESS_SPACE].type == A9N_CAPABILITY_ADDRESS_SPACE;
}

static inline __attribute__((always_inline)) _Noreturn void switch_to(struct process *next)
{
    scheduler_switch_direct(next);
    hits++;
    hal_fastpath_return_to_user(&next->context);
}

/* ipc_port_call when a receiver waits and may run at once. */
static void fastpath_call(struct process *caller)
{
    a9n_word_t info = *message_register(caller, A9N_MR_INFO);
    if (!message_is_short(info))
        return;
    const struct slot *capability =
        lookup_port(caller, *message_register(caller, A9N_MR_TARGET));
    if (capability == NULL)
        return;
    /* Sending needs the write right (MISSING_RIGHTS from the general path). */
    if (!(capability->rights & A9N_RIGHT_WRITE))
        return;
    struct ipc_port *port = slot_object(capability);
    struct process *receiver = port->queue.head;
    /* No receiver waiting: the caller blocks, and senders queue in order. */
    if (receiver == NULL || receiver->state != PROCESS_STATE_BLOCKED_RECEIVE)
        return;
    /* A direct switch must be the scheduler's decision too. */
    if (!may_switch_directly(caller, receiver))
        return;
    /* Nothing to switch to: the general path stops such a receiver. */
    if (!has_address_space(receiver))
        return;

    process_queue_remove_head(&port->queue); /* the receiver */
    receiver->waiting_on = NULL;
    transfer(caller, receiver, info, capability->local.badge);
    caller->state = PROCESS_STATE_BLOCKED_REPLY;
    caller->replier = receiver;
    receiver->reply_to = caller;
    switch_to(receiver);
}

/* ipc_port_reply_receive when a caller waits for the reply and no sender for the port. */
static void fastpath_reply_receive(struct process *server)
{
    a9n_word_t info = *message_register(server, A9N_MR_INFO);
    if (!message_is_short(info))
        return;
    const struct slot *capability =
        lookup_port(server, *message_register(server, A9N_MR_TARGET));
    if (capability == NULL)
        return;
    /* Receiving needs the read right. */
    if (!(capability->rights & A9N_RIGHT_READ))
        return;
    struct process *caller = server->reply_to;
    /* No one to reply to: a plain receive. */
    if (caller == NULL)
        return;
    /* A fault report is answered by resuming the faulter with its own registers. */
    if (caller->ipc_flags & PROCESS_IPC_FAULT)
        return;
    struct ipc_port *port = slot_object(capability);
    /* A sender is waiting: the server takes its message instead of blocking. */
    if (port->queue.head != NULL && port->queue.head->state == PROCESS_STATE_BLOCKED_SEND)
        return;
    if (!may_switch_directly(server, caller))
        return;
    if (!has_address_space(caller))
        return;

    server->reply_to = NULL;
    caller->replier = NULL;
    transfer(server, caller, info, 0);
    caller->ipc_flags = 0;
    server->state = PROCESS_STATE_BLOCKED_RECEIVE;
    server->waiting_on = &port->queue;
    process_queue_append(&port->queue, server);
    switch_to(caller);
}

_Noreturn void fastpath_kernel_call(struct a9n_arch_context *context)
{
    /* The HAL saved into the context it last entered: the current process's. */
    struct process *current = (struct process *)((char *)context - offsetof(struct process, context));

    if (enabled && *a9n_arch_context_call_number(context) == (a9n_word_t)A9N_KERNEL_CALL_CAPABILITY) {
        a9n_word_t operation = *message_register(current, A9N_MR_OPERATION);
        if (operation == A9N_IPC_PORT_CALL)
            fastpath_call(current);
        else if (operation == A9N_IPC_PORT_REPLY_RECEIVE)
            fastpath_reply_receive(current);
    }
    kernel_handle_kernel_call();
}

enum a9n_error fastpath_debug(a9n_word_t request, a9n_word_t *result)
{
    switch (request) {
    case A9N_DEBUG_FASTPATH_DISABLE:
    case A9N_DEBUG_FASTPATH_ENABLE:
        enabled = request == A9N_DEBUG_FASTPATH_ENABLE;
        return A9N_ERROR_NONE;
    case A9N_DEBUG_FASTPATH_HITS:
        *result = hits;
        return A9N_ERROR_NONE;
    default:
        return A9N_ERROR_INVALID_ARGUMENT;
    }
}
