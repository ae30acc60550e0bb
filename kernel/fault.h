/*
 * What happens when a thread faults. Until resolver ports exist the kernel
 * reports the fault on the console and stops the thread; the rest of the
 * system keeps running.
 */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <a9n/fault.h>

#include "process.h"

void fault_raise(struct process *process, enum a9n_fault_kind kind, a9n_word_t address,
                 unsigned flags);

#endif
