/*
 * Notification Port: a word of bits that notifiers OR their badges into,
 * and waiters take (and clear) when it is non-zero. Also the target of
 * interrupts (kernel/interrupt.c signals the notification an interrupt
 * port is bound to).
 */
#ifndef KERNEL_NOTIFICATION_PORT_H
#define KERNEL_NOTIFICATION_PORT_H

#include <a9n/object.h>

#include "process.h"

struct notification_port {
    a9n_word_t word;
    /* Waiters, in arrival order; only while `word` is 0. */
    struct process_queue waiters;
};

_Static_assert(sizeof(struct notification_port) <= (1u << A9N_NOTIFICATION_PORT_BITS),
               "a notification port fits its object");

/* The port a Notification Port capability names. */
struct notification_port *notification_port_of(const struct slot *capability);

/*
 * OR `bits` into the word; if a process waits, the one waiting longest
 * takes the whole word (which is cleared) and becomes runnable. Usable
 * from any kernel entry (interrupts included); never blocks.
 */
void notification_port_signal(struct notification_port *port, a9n_word_t bits);

/*
 * Notification operations (enum a9n_notification_operation) by `caller`
 * (the current process); like IPC they may block and set results directly.
 */
void notification_port_invoke(struct process *caller, const struct slot *port,
                              a9n_word_t operation);

/* object_type hook: wake every waiter with A9N_ERROR_DESTROYED. */
void notification_port_destroy(const struct slot *capability);

#endif
