/*
 * The process control block: one thread of execution with its register
 * context, address space and scheduling state.
 */
#ifndef KERNEL_PROCESS_H
#define KERNEL_PROCESS_H

#include <a9n/types.h>
#include <a9n_arch.h>

#define PROCESS_NAME_LENGTH 32

enum process_state {
    /* Not scheduled: new, or stopped after a fault. */
    PROCESS_STATE_INACTIVE,
    /* In a ready queue or running. */
    PROCESS_STATE_READY,
};

struct process {
    /* Saved user registers; the HAL restores and saves them. */
    struct a9n_arch_context context;
    a9n_paddr_t address_space_root;

    enum process_state state;
    unsigned priority;      /* 0 (lowest) .. SCHEDULER_PRIORITIES - 1 */
    unsigned quantum_ticks; /* ticks left before round-robin moves on */
    struct process *queue_next;
    struct process *queue_previous;

    a9n_word_t id;
    char name[PROCESS_NAME_LENGTH];
};

#endif
