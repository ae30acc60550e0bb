/*
 * What happens when a thread faults: the fault goes to the thread's
 * resolver port as a kernel-originated call (kernel/ipc_port.c), and the
 * resolver's reply resumes the thread. Without a resolver the kernel
 * reports the fault on the console and suspends the thread; the rest of
 * the system keeps running.
 */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <a9n/fault.h>

#include "process.h"

/* `process` (the current process) faulted; `flags` are enum a9n_fault_access bits. */
void fault_raise(struct process *process, enum a9n_fault_kind kind, a9n_word_t address,
                 unsigned flags);

#endif
