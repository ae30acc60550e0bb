/*
 * The process control block (PCB): one thread of execution with its
 * register context, the capabilities it runs with and its scheduling state.
 * A PCB is a kernel object of 2^A9N_PROCESS_BITS bytes converted from a
 * Generic (or built by the kernel for init).
 */
#ifndef KERNEL_PROCESS_H
#define KERNEL_PROCESS_H

#include <a9n/object.h>
#include <a9n/types.h>
#include <a9n_arch.h>

#include "slot.h"

enum process_state {
    /* Not scheduled: new, suspended, or stopped after an unresolved fault. */
    PROCESS_STATE_INACTIVE,
    /* In a ready queue or running. */
    PROCESS_STATE_READY,
};

/*
 * Capabilities a process runs with. They are slots like any other: they
 * take part in the derivation tree and are emptied when the PCB dies.
 */
enum process_slot {
    PROCESS_SLOT_ROOT_NODE,    /* descriptors are looked up from here */
    PROCESS_SLOT_ADDRESS_SPACE,
    PROCESS_SLOT_IPC_BUFFER,   /* frame holding struct a9n_ipc_buffer */
    PROCESS_SLOT_RESOLVER,     /* IPC port that receives this process's faults */
    PROCESS_SLOT_COUNT,
};

struct process {
    /* Saved user registers; the HAL restores and saves them. */
    struct a9n_arch_context context;
    struct slot slots[PROCESS_SLOT_COUNT];

    enum process_state state;
    unsigned priority;      /* 0 (lowest) .. SCHEDULER_PRIORITIES - 1 */
    unsigned quantum_ticks; /* ticks left before round-robin moves on */
    struct process *queue_next;
    struct process *queue_previous;
};

_Static_assert(sizeof(struct process) <= (1u << A9N_PROCESS_BITS), "a PCB fits its object size");

/* The address-space root table the process runs in (0: none yet). */
a9n_paddr_t process_address_space_root(const struct process *process);

#endif
