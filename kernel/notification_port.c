/*
 * Notification Port operations: notify, wait, poll. Wake-up rule with
 * several waiters: one notify wakes one waiter, the one that has waited
 * longest, and gives it the whole accumulated word; the others keep
 * waiting for later notifies.
 */
#include "notification_port.h"

#include <a9n/ipc.h>

#include "message.h"
#include "scheduler.h"

struct notification_port *notification_port_of(const struct slot *capability)
{
    return slot_object(capability);
}

/* `process` gets the word in MR2 with success. */
static void deliver_word(struct process *process, a9n_word_t word)
{
    *message_register(process, A9N_NOTIFICATION_ARG_WORD) = word;
    process_set_result(process, A9N_ERROR_NONE);
}

void notification_port_signal(struct notification_port *port, a9n_word_t bits)
{
    a9n_word_t word = port->word | bits;
    struct process *waiter = port->waiters.head;
    if (waiter == NULL || word == 0) {
        port->word = word;
        return;
    }
    process_queue_remove(&port->waiters, waiter);
    waiter->waiting_on = NULL;
    port->word = 0;
    deliver_word(waiter, word);
    scheduler_make_ready(waiter);
}

/* Take the word if it is non-zero; else wait (blocking) or WOULD_BLOCK. */
static void notification_port_take(struct process *caller, struct notification_port *port,
                                   bool blocking)
{
    if (port->word != 0) {
        deliver_word(caller, port->word);
        port->word = 0;
        return;
    }
    if (!blocking) {
        process_set_result(caller, A9N_ERROR_WOULD_BLOCK);
        return;
    }
    scheduler_remove(caller);
    caller->state = PROCESS_STATE_BLOCKED_NOTIFICATION;
    caller->waiting_on = &port->waiters;
    process_queue_append(&port->waiters, caller);
}

void notification_port_invoke(struct process *caller, const struct slot *capability,
                              a9n_word_t operation)
{
    struct notification_port *port = notification_port_of(capability);
    switch (operation) {
    case A9N_NOTIFICATION_NOTIFY:
        if (!(capability->rights & A9N_RIGHT_WRITE)) {
            process_set_result(caller, A9N_ERROR_MISSING_RIGHTS);
            return;
        }
        /* Bits are what a notify says: an unbadged capability would say nothing. */
        if (capability->local.badge == 0) {
            process_set_result(caller, A9N_ERROR_INVALID_STATE);
            return;
        }
        process_set_result(caller, A9N_ERROR_NONE);
        notification_port_signal(port, capability->local.badge);
        return;
    case A9N_NOTIFICATION_WAIT:
    case A9N_NOTIFICATION_POLL:
        if (!(capability->rights & A9N_RIGHT_READ)) {
            process_set_result(caller, A9N_ERROR_MISSING_RIGHTS);
            return;
        }
        notification_port_take(caller, port, operation == A9N_NOTIFICATION_WAIT);
        return;
    default:
        process_set_result(caller, A9N_ERROR_UNKNOWN_OPERATION);
        return;
    }
}

void notification_port_destroy(const struct slot *capability)
{
    struct notification_port *port = notification_port_of(capability);
    struct process *waiter;
    while ((waiter = port->waiters.head) != NULL) {
        process_queue_remove(&port->waiters, waiter);
        waiter->waiting_on = NULL;
        process_set_result(waiter, A9N_ERROR_DESTROYED);
        scheduler_make_ready(waiter);
    }
}
