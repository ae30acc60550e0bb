/*
 * The process control block (PCB): one thread of execution with its
 * register context, the capabilities it runs with, its scheduling state and
 * the IPC it is part of. A PCB is a kernel object of 2^A9N_PROCESS_BITS
 * bytes converted from a Generic (or built by the kernel for init).
 */
#ifndef KERNEL_PROCESS_H
#define KERNEL_PROCESS_H

#include <a9n/error.h>
#include <a9n/object.h>
#include <a9n/types.h>
#include <a9n_arch.h>
#include <hal.h>

#include "slot.h"

enum process_state {
    /* Not scheduled: new, suspended, or stopped after an unresolved fault. */
    PROCESS_STATE_INACTIVE,
    /* In a ready queue or running. */
    PROCESS_STATE_READY,
    /* In an IPC port's queue with a message to deliver (send, call or fault). */
    PROCESS_STATE_BLOCKED_SEND,
    /* In an IPC port's queue, waiting for a message. */
    PROCESS_STATE_BLOCKED_RECEIVE,
    /* Its call was received; waits for the reply of `replier`. */
    PROCESS_STATE_BLOCKED_REPLY,
    /* In a notification port's queue, waiting for its word to become non-zero. */
    PROCESS_STATE_BLOCKED_NOTIFICATION,
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

/*
 * What the process is to the FPU (process.fpu_role, fpu.h). Signed: the
 * IPC fast paths compare the word (fpu_role << 32 | priority) of partner
 * and sender as signed numbers, so ACCESS on the sender's side and IDLE on
 * the partner's fail their priority check (fastpath.h).
 */
enum process_fpu_role {
    /* The FPU's owner, not running: access is off, its registers stay in the FPU. */
    PROCESS_FPU_IDLE = -1,
    /* Not the owner: its registers, if it ever used FP, are in `fpu`. */
    PROCESS_FPU_NONE = 0,
    /* The FPU's owner, running, with FPU access. */
    PROCESS_FPU_ACCESS = 1,
};

/* What a blocked sender's message is (process.ipc_flags). */
enum process_ipc_flag {
    /* The sender waits for a reply once its message is received. */
    PROCESS_IPC_CALL = 1u << 0,
    /* The message is the kernel's fault report, not the sender's MRs. */
    PROCESS_IPC_FAULT = 1u << 1,
};

struct process;

/* A FIFO of processes linked through queue_next / queue_previous. */
struct process_queue {
    struct process *head;
    struct process *tail;
};

struct process {
    /* Saved user registers; the HAL restores and saves them. */
    struct a9n_arch_context context;
    struct slot slots[PROCESS_SLOT_COUNT];

    enum process_state state;
    unsigned quantum_ticks; /* ticks left before round-robin moves on */
    _Alignas(8) unsigned priority; /* 0 (lowest) .. SCHEDULER_PRIORITIES - 1 */
    /*
     * enum process_fpu_role, right above `priority`: the IPC fast paths read
     * both as one 64-bit word, so that a hand-over of FPU access costs
     * threads that never use FP nothing (fastpath.h).
     */
    int fpu_role;
    /*
     * Links of the one queue the process is in: a ready queue while READY
     * and not running, the queue of `waiting_on` while BLOCKED_SEND,
     * BLOCKED_RECEIVE or BLOCKED_NOTIFICATION. A process in no queue (the
     * running one among them) has both links NULL: the queue functions
     * clear them on removal, and the IPC fast paths rely on it.
     */
    struct process *queue_next;
    struct process *queue_previous;
    struct process_queue *waiting_on;

    /* A blocked sender: the badge of the capability it sent through, and what it sent. */
    a9n_word_t ipc_badge;
    unsigned ipc_flags;
    /*
     * The one-shot reply right: `reply_to` is the caller this process must
     * answer; the caller (BLOCKED_REPLY) points back through `replier`.
     * Both links are cleared together.
     */
    struct process *reply_to;
    struct process *replier;

    /* The fault being reported (PROCESS_IPC_FAULT), as the HAL gave it. */
    a9n_word_t fault_kind;
    a9n_word_t fault_address;
    a9n_word_t fault_flags;

    /* Its FP/SIMD registers while the FPU does not hold them (fpu.h). */
    struct hal_fpu_state fpu;
};

_Static_assert(sizeof(struct process) <= (1u << A9N_PROCESS_BITS), "a PCB fits its object size");

static inline struct process *process_of(const struct slot *capability)
{
    return slot_object(capability);
}

/* The address-space root table the process runs in (0: none). */
a9n_paddr_t process_address_space_root(const struct process *process);

/* Queues of processes (ready queues, port queues); inline for the IPC paths. */
static inline void process_queue_append(struct process_queue *queue, struct process *process)
{
    process->queue_next = NULL;
    process->queue_previous = queue->tail;
    if (queue->tail != NULL)
        queue->tail->queue_next = process;
    else
        queue->head = process;
    queue->tail = process;
}

static inline void process_queue_remove(struct process_queue *queue, struct process *process)
{
    if (process->queue_previous != NULL)
        process->queue_previous->queue_next = process->queue_next;
    else
        queue->head = process->queue_next;
    if (process->queue_next != NULL)
        process->queue_next->queue_previous = process->queue_previous;
    else
        queue->tail = process->queue_previous;
    process->queue_next = process->queue_previous = NULL;
}

/* process_queue_remove of the head (its queue_previous is NULL), in fewer steps for the IPC fast path. */
static inline void process_queue_remove_head(struct process_queue *queue)
{
    struct process *head = queue->head;
    queue->head = head->queue_next;
    if (head->queue_next != NULL)
        head->queue_next->queue_previous = NULL;
    else
        queue->tail = NULL;
    head->queue_next = NULL;
}

static inline bool process_queue_is_empty(const struct process_queue *queue)
{
    return queue->head == NULL;
}

/* MR0/MR1 of a kernel call's result: success flag and error code. */
void process_set_result(struct process *process, enum a9n_error error);

/*
 * Take the process out of whatever it waits for (a port queue, a reply) and
 * drop the reply right it holds, so that it is in no IPC at all. A
 * cancelled IPC returns `error` to the process (not for a fault report:
 * the faulting instruction simply runs again when the process is resumed).
 * The state is INACTIVE afterwards unless it was READY (left as it is).
 */
void process_cancel_ipc(struct process *process, enum a9n_error error);

/*
 * Out of every queue and IPC (cancelled with A9N_ERROR_CANCELLED), off the
 * CPU: the process is INACTIVE and does nothing until resumed.
 */
void process_suspend(struct process *process);

/*
 * Give up the reply right `process` holds, if any: the caller waiting on it
 * is woken with A9N_ERROR_CANCELLED (a faulting caller just runs again).
 */
void process_drop_reply(struct process *process);

/*
 * Process operations (enum a9n_process_operation) on `process`, called by
 * the current process, whose root node is `root`.
 */
struct capability_message;
enum a9n_error process_invoke(const struct slot *root, const struct slot *process,
                              struct capability_message *message);

/* object_type hooks. */
void process_teardown(struct slot *capability, bool last);
struct slot *process_contained_slot(const struct slot *capability, a9n_word_t index);

#endif
