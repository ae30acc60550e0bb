/*
 * Moving messages between threads: payload MRs register to register (and
 * IPC buffer to IPC buffer beyond the registers, through each thread's IPC
 * buffer frame capability, never through a user pointer), the badge, and
 * capability transfer. No kernel buffering: a message goes straight from
 * the sender's saved context into the receiver's.
 */
#ifndef KERNEL_MESSAGE_H
#define KERNEL_MESSAGE_H

#include <a9n/error.h>
#include <a9n/ipc.h>

#include "process.h"

static inline a9n_word_t *message_register(struct process *process, unsigned index)
{
    return a9n_arch_context_mr(&process->context, index);
}

/* The process's IPC buffer, through the frame capability in its PCB; NULL without one. */
struct a9n_ipc_buffer *message_ipc_buffer(const struct process *process);

/*
 * Check the message `sender` is about to send (message info in MR2,
 * transfer sources in its IPC buffer). Errors: INVALID_ARGUMENT (length
 * over A9N_MESSAGE_MAX_LENGTH, more than A9N_MESSAGE_MAX_CAPABILITIES
 * capabilities), INVALID_STATE (the message needs an IPC buffer the sender
 * does not have), lookup errors, EMPTY_SLOT, WRONG_TYPE (a type that cannot
 * be copied) and MISSING_RIGHTS (no copy right) for a transfer source.
 */
enum a9n_error message_decode(struct process *sender);

/*
 * Deliver the message of `sender` to `receiver`: payload, capabilities,
 * message info as delivered (MR2), `badge` (MR3) and success (MR0, MR1).
 * Cannot fail: what does not fit the receiver is left out, and the
 * delivered message info says what arrived (docs/abi-ipc.md).
 */
void message_transfer(struct process *sender, struct process *receiver, a9n_word_t badge);

/* Deliver the fault report of `faulter` (A9N_FAULT_LABEL message) to `receiver`. */
void message_transfer_fault(struct process *faulter, struct process *receiver, a9n_word_t badge);

#endif
