/*
 * IPC Port: a rendezvous where senders meet receivers. Nothing is buffered:
 * a sender that finds no receiver waits in the port's queue with its
 * message still in its own registers, and vice versa.
 */
#ifndef KERNEL_IPC_PORT_H
#define KERNEL_IPC_PORT_H

#include <a9n/object.h>

#include "process.h"

struct ipc_port {
    /*
     * Blocked senders or blocked receivers, in arrival order; never both
     * kinds at once, because a sender that finds a receiver does not wait.
     */
    struct process_queue queue;
};

_Static_assert(sizeof(struct ipc_port) <= (1u << A9N_IPC_PORT_BITS), "an IPC port fits its object");

/*
 * IPC Port operations (enum a9n_ipc_port_operation) by `caller` (the
 * current process) through `port`. They move registers themselves and may
 * block the caller, so they bypass the capability-message copy: results go
 * straight into the caller's (or its partner's) context.
 */
void ipc_port_invoke(struct process *caller, const struct slot *port, a9n_word_t operation);

/*
 * Report the fault recorded in `process` (the current process) through the
 * IPC port capability `resolver`: a call that blocks the process until the
 * resolver replies.
 */
void ipc_port_send_fault(struct process *process, const struct slot *resolver);

/* object_type hook: wake every waiter with A9N_ERROR_DESTROYED. */
void ipc_port_destroy(const struct slot *capability);

#endif
