/*
 * IPC Port operations: send, receive, call, reply, reply-receive and the
 * non-blocking send and receive. Each operation checks its arguments first
 * (rights, then the message through message_decode) and returns an error
 * without side effects; then it performs, which cannot fail.
 *
 * Call and reply-receive are the client/server path and are written as
 * straight lines (check, meet the partner or wait, transfer, switch): the
 * hand-tuned fast path of a later issue must behave exactly like them.
 */
#include "ipc_port.h"

#include "message.h"
#include "scheduler.h"

static struct ipc_port *port_object(const struct slot *capability)
{
    return slot_object(capability);
}

/* The first waiter if it is in `state` (the queue holds one kind only). */
static struct process *take_waiter(struct ipc_port *port, enum process_state state)
{
    struct process *waiter = port->queue.head;
    if (waiter == NULL || waiter->state != state)
        return NULL;
    process_queue_remove(&port->queue, waiter);
    waiter->waiting_on = NULL;
    return waiter;
}

/* The running `process` waits in the port's queue (its message stays in its registers). */
static void block_on(struct ipc_port *port, struct process *process, enum process_state state)
{
    scheduler_remove(process);
    process->state = state;
    process->waiting_on = &port->queue;
    process_queue_append(&port->queue, process);
}

static void block_sender(struct ipc_port *port, struct process *sender, a9n_word_t badge,
                         unsigned flags)
{
    sender->ipc_badge = badge;
    sender->ipc_flags = flags;
    block_on(port, sender, PROCESS_STATE_BLOCKED_SEND);
}

/* `receiver` took the call of `caller`: it now holds the one-shot reply right. */
static void link_reply(struct process *receiver, struct process *caller)
{
    caller->state = PROCESS_STATE_BLOCKED_REPLY;
    caller->replier = receiver;
    receiver->reply_to = caller;
}

/* A blocked sender's message (or fault report) goes to `receiver`; the sender goes on. */
static void receive_from(struct process *sender, struct process *receiver)
{
    if (sender->ipc_flags & PROCESS_IPC_FAULT)
        message_transfer_fault(sender, receiver, sender->ipc_badge);
    else
        message_transfer(sender, receiver, sender->ipc_badge);

    if (sender->ipc_flags & PROCESS_IPC_CALL) {
        link_reply(receiver, sender);
        return;
    }
    sender->ipc_flags = 0;
    process_set_result(sender, A9N_ERROR_NONE);
    scheduler_make_ready(sender);
}

/*
 * The reply of `replier` reaches `caller` (linked to it): the reply message,
 * or nothing for a fault report (the faulting thread resumes with its own
 * registers, as the resolver left them). The caller becomes runnable; the
 * switch to it is the caller's choice (scheduler_switch_to or make_ready).
 */
static struct process *take_reply(struct process *replier)
{
    struct process *caller = replier->reply_to;
    replier->reply_to = NULL;
    caller->replier = NULL;
    if (!(caller->ipc_flags & PROCESS_IPC_FAULT))
        message_transfer(replier, caller, 0);
    caller->ipc_flags = 0;
    return caller;
}

/* ---- send, call --------------------------------------------------------------- */

static void ipc_port_send(struct process *sender, const struct slot *capability, bool blocking)
{
    struct ipc_port *port = port_object(capability);
    enum a9n_error error = message_decode(sender);
    if (error != A9N_ERROR_NONE) {
        process_set_result(sender, error);
        return;
    }

    struct process *receiver = take_waiter(port, PROCESS_STATE_BLOCKED_RECEIVE);
    if (receiver == NULL) {
        if (blocking)
            block_sender(port, sender, capability->local.badge, 0);
        else
            process_set_result(sender, A9N_ERROR_WOULD_BLOCK);
        return;
    }
    message_transfer(sender, receiver, capability->local.badge);
    process_set_result(sender, A9N_ERROR_NONE);
    scheduler_make_ready(receiver);
}

static void ipc_port_call(struct process *caller, const struct slot *capability)
{
    struct ipc_port *port = port_object(capability);
    enum a9n_error error = message_decode(caller);
    if (error != A9N_ERROR_NONE) {
        process_set_result(caller, error);
        return;
    }

    struct process *receiver = take_waiter(port, PROCESS_STATE_BLOCKED_RECEIVE);
    if (receiver == NULL) {
        block_sender(port, caller, capability->local.badge, PROCESS_IPC_CALL);
        return;
    }
    message_transfer(caller, receiver, capability->local.badge);
    scheduler_remove(caller);
    link_reply(receiver, caller);
    /* The server runs at once, on the client's time. */
    scheduler_switch_to(receiver, caller);
}

void ipc_port_send_fault(struct process *process, const struct slot *resolver)
{
    struct ipc_port *port = port_object(resolver);
    process->ipc_flags = PROCESS_IPC_CALL | PROCESS_IPC_FAULT;

    struct process *receiver = take_waiter(port, PROCESS_STATE_BLOCKED_RECEIVE);
    if (receiver == NULL) {
        block_sender(port, process, resolver->local.badge, process->ipc_flags);
        return;
    }
    message_transfer_fault(process, receiver, resolver->local.badge);
    scheduler_remove(process);
    link_reply(receiver, process);
    scheduler_switch_to(receiver, process);
}

/* ---- receive, reply, reply-receive -------------------------------------------- */

static void ipc_port_receive(struct process *receiver, const struct slot *capability,
                             bool blocking)
{
    struct ipc_port *port = port_object(capability);
    struct process *sender = take_waiter(port, PROCESS_STATE_BLOCKED_SEND);
    if (sender == NULL && !blocking) {
        process_set_result(receiver, A9N_ERROR_WOULD_BLOCK);
        return;
    }
    /* One reply right at a time: taking a new message gives up the old one. */
    process_drop_reply(receiver);
    if (sender == NULL) {
        block_on(port, receiver, PROCESS_STATE_BLOCKED_RECEIVE);
        return;
    }
    receive_from(sender, receiver);
}

static void ipc_port_reply(struct process *replier)
{
    if (replier->reply_to == NULL) {
        process_set_result(replier, A9N_ERROR_INVALID_STATE);
        return;
    }
    enum a9n_error error = message_decode(replier);
    if (error != A9N_ERROR_NONE) {
        process_set_result(replier, error);
        return;
    }
    struct process *caller = take_reply(replier);
    process_set_result(replier, A9N_ERROR_NONE);
    scheduler_make_ready(caller);
}

/*
 * Reply to the pending caller, if any (a caller that was destroyed or
 * suspended in the meantime left nothing to reply to, and a server loop
 * must not break on that), then receive the next message.
 */
static void ipc_port_reply_receive(struct process *server, const struct slot *capability)
{
    struct ipc_port *port = port_object(capability);
    struct process *caller = NULL;

    if (server->reply_to != NULL) {
        enum a9n_error error = message_decode(server);
        if (error != A9N_ERROR_NONE) {
            process_set_result(server, error);
            return;
        }
        caller = take_reply(server);
    }

    struct process *sender = take_waiter(port, PROCESS_STATE_BLOCKED_SEND);
    if (sender == NULL) {
        block_on(port, server, PROCESS_STATE_BLOCKED_RECEIVE);
        /* The client continues at once, on the server's time. */
        if (caller != NULL)
            scheduler_switch_to(caller, server);
        return;
    }
    receive_from(sender, server);
    if (caller != NULL)
        scheduler_make_ready(caller);
}

/* ---- dispatch and lifetime ------------------------------------------------------- */

void ipc_port_invoke(struct process *caller, const struct slot *port, a9n_word_t operation)
{
    unsigned needed;
    switch (operation) {
    case A9N_IPC_PORT_SEND:
    case A9N_IPC_PORT_CALL:
    case A9N_IPC_PORT_SEND_NON_BLOCKING:
        needed = A9N_RIGHT_WRITE;
        break;
    case A9N_IPC_PORT_RECEIVE:
    case A9N_IPC_PORT_REPLY:
    case A9N_IPC_PORT_REPLY_RECEIVE:
    case A9N_IPC_PORT_RECEIVE_NON_BLOCKING:
        needed = A9N_RIGHT_READ;
        break;
    default:
        process_set_result(caller, A9N_ERROR_UNKNOWN_OPERATION);
        return;
    }
    if ((port->rights & needed) != needed) {
        process_set_result(caller, A9N_ERROR_MISSING_RIGHTS);
        return;
    }

    switch (operation) {
    case A9N_IPC_PORT_SEND:
        ipc_port_send(caller, port, true);
        break;
    case A9N_IPC_PORT_SEND_NON_BLOCKING:
        ipc_port_send(caller, port, false);
        break;
    case A9N_IPC_PORT_CALL:
        ipc_port_call(caller, port);
        break;
    case A9N_IPC_PORT_RECEIVE:
        ipc_port_receive(caller, port, true);
        break;
    case A9N_IPC_PORT_RECEIVE_NON_BLOCKING:
        ipc_port_receive(caller, port, false);
        break;
    case A9N_IPC_PORT_REPLY:
        ipc_port_reply(caller);
        break;
    default:
        ipc_port_reply_receive(caller, port);
        break;
    }
}

void ipc_port_destroy(const struct slot *capability)
{
    struct ipc_port *port = port_object(capability);
    struct process *waiter;
    while ((waiter = port->queue.head) != NULL) {
        process_queue_remove(&port->queue, waiter);
        waiter->waiting_on = NULL;
        /* A fault report just runs the faulting instruction again (and finds no resolver). */
        if (!(waiter->ipc_flags & PROCESS_IPC_FAULT))
            process_set_result(waiter, A9N_ERROR_DESTROYED);
        waiter->ipc_flags = 0;
        scheduler_make_ready(waiter);
    }
}
