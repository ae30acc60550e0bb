/*
 * The invariant checker's second half: scheduler and IPC state, for the
 * running thread, the ready queues and the threads and ports among the
 * slots invariant_check found. See invariant.h for the list of rules.
 */
#include "invariant.h"

#include "fpu.h"
#include "ipc_port.h"
#include "notification_port.h"
#include "scheduler.h"

/*
 * No queue is longer than this: every thread in one is a PCB of
 * 2^A9N_PROCESS_BITS bytes, and no machine this kernel runs on has room for
 * more. It bounds the search of a queue that a corrupt waiting_on names;
 * a queue that is itself checked cannot loop unnoticed (a thread met twice
 * has two predecessors, so its links are not mutual).
 */
#define QUEUE_LENGTH_MAX ((size_t)1 << 24)

static bool fail(struct invariant_violation *violation, const char *what, const void *object)
{
    violation->what = what;
    violation->slot = NULL;
    violation->object = object;
    return false;
}

static bool in_no_queue(const struct process *process)
{
    return process->queue_next == NULL && process->queue_previous == NULL &&
           process->waiting_on == NULL;
}

/*
 * The links of `queue` are mutual, start with no predecessor and end at
 * its tail; `member`, if not NULL, is set when that thread is in it.
 */
static bool check_queue_links(const struct process_queue *queue, const void *owner,
                              const struct process *member, bool *found,
                              struct invariant_violation *violation)
{
    const struct process *previous = NULL;
    for (const struct process *p = queue->head; p != NULL; p = p->queue_next) {
        if (p->queue_previous != previous)
            return fail(violation, "queue links not mutual", p);
        if (p == member)
            *found = true;
        previous = p;
    }
    if (queue->tail != previous)
        return fail(violation, "queue tail is not its last thread", owner);
    return true;
}

static bool queue_holds(const struct process_queue *queue, const struct process *process)
{
    size_t length = 0;
    for (const struct process *p = queue->head; p != NULL && length < QUEUE_LENGTH_MAX;
         p = p->queue_next, length++) {
        if (p == process)
            return true;
    }
    return false;
}

static bool check_running(const struct process *running, bool at_boundary,
                          struct invariant_violation *violation)
{
    if (running->state != PROCESS_STATE_READY)
        return fail(violation, "running thread not READY", running);
    if (running->priority >= SCHEDULER_PRIORITIES)
        return fail(violation, "thread priority out of range", running);
    if (!in_no_queue(running))
        return fail(violation, "running thread in a queue", running);
    if (at_boundary && scheduler_active_address_space != process_address_space_root(running))
        return fail(violation, "CPU not in the running thread's address space", running);
    return true;
}

static bool check_ready_queues(const struct process *running, bool at_boundary,
                               struct invariant_violation *violation)
{
    for (unsigned level = 0; level < SCHEDULER_PRIORITIES; level++) {
        const struct process_queue *queue = scheduler_ready_queue(level);
        if (scheduler_level_marked(level) != (queue->head != NULL))
            return fail(violation, "ready bitmap disagrees with its queue", queue);
        bool found = false;
        if (!check_queue_links(queue, queue, running, &found, violation))
            return false;
        if (found)
            return fail(violation, "running thread in a ready queue", running);
        for (const struct process *p = queue->head; p != NULL; p = p->queue_next) {
            if (p->state != PROCESS_STATE_READY)
                return fail(violation, "thread in a ready queue not READY", p);
            if (p->priority != level)
                return fail(violation, "thread in the ready queue of another priority", p);
            if (p->waiting_on != NULL)
                return fail(violation, "ready thread waits on a port", p);
            /* The IPC fast paths switch without looking at the ready queues. */
            if (at_boundary && running != NULL && level > running->priority)
                return fail(violation, "a ready thread outranks the running one", p);
        }
    }
    return true;
}

static bool is_waiting_state(enum process_state state)
{
    return state == PROCESS_STATE_BLOCKED_SEND || state == PROCESS_STATE_BLOCKED_RECEIVE ||
           state == PROCESS_STATE_BLOCKED_NOTIFICATION;
}

static bool check_queue_placement(const struct process *process, const struct process *running,
                                  struct invariant_violation *violation)
{
    if (is_waiting_state(process->state)) {
        if (process->waiting_on == NULL)
            return fail(violation, "blocked thread waits on no queue", process);
        if (!queue_holds(process->waiting_on, process))
            return fail(violation, "blocked thread not in the queue it waits on", process);
        return true;
    }
    if (process->state == PROCESS_STATE_READY && process != running) {
        if (process->priority >= SCHEDULER_PRIORITIES)
            return fail(violation, "thread priority out of range", process);
        if (!queue_holds(scheduler_ready_queue(process->priority), process))
            return fail(violation, "ready thread in no ready queue", process);
        return true;
    }
    if (!in_no_queue(process))
        return fail(violation, "thread in no queue has queue links", process);
    return true;
}

static bool check_reply_links(const struct process *process, struct invariant_violation *violation)
{
    if ((process->state == PROCESS_STATE_BLOCKED_REPLY) != (process->replier != NULL))
        return fail(violation, "replier without BLOCKED_REPLY, or BLOCKED_REPLY without one",
                    process);
    if (process->replier != NULL && process->replier->reply_to != process)
        return fail(violation, "reply link not mutual (replier)", process);
    if (process->reply_to != NULL && process->reply_to->replier != process)
        return fail(violation, "reply link not mutual (reply_to)", process);
    return true;
}

static bool check_ipc_flags(const struct process *process, struct invariant_violation *violation)
{
    unsigned flags = process->ipc_flags;
    if ((flags & ~(unsigned)(PROCESS_IPC_CALL | PROCESS_IPC_FAULT)) != 0 ||
        ((flags & PROCESS_IPC_FAULT) && !(flags & PROCESS_IPC_CALL)))
        return fail(violation, "invalid IPC flags", process);
    if (flags != 0 && process->state != PROCESS_STATE_BLOCKED_SEND &&
        process->state != PROCESS_STATE_BLOCKED_REPLY)
        return fail(violation, "IPC flags outside a send or reply wait", process);
    return true;
}

/* Inside a kernel call the owner's role follows the switch only at the exit (fpu_enter). */
static bool check_fpu_role(const struct process *process, const struct process *running,
                           bool at_boundary, struct invariant_violation *violation)
{
    bool owner_role = process->fpu_role == PROCESS_FPU_ACCESS || process->fpu_role == PROCESS_FPU_IDLE;
    if (process != fpu_owner ? process->fpu_role != PROCESS_FPU_NONE : !owner_role)
        return fail(violation, "FPU role disagrees with the FPU's owner", process);
    if (at_boundary && process == fpu_owner &&
        (process->fpu_role == PROCESS_FPU_ACCESS) != (process == running))
        return fail(violation, "FPU owner's access disagrees with whether it runs", process);
    return true;
}

static bool check_process(const struct process *process, const struct process *running,
                          bool at_boundary, struct invariant_violation *violation)
{
    if (process->state > PROCESS_STATE_BLOCKED_NOTIFICATION)
        return fail(violation, "invalid thread state", process);
    return check_queue_placement(process, running, violation) &&
           check_reply_links(process, violation) && check_ipc_flags(process, violation) &&
           check_fpu_role(process, running, at_boundary, violation);
}

static bool is_ipc_wait(enum process_state state)
{
    return state == PROCESS_STATE_BLOCKED_SEND || state == PROCESS_STATE_BLOCKED_RECEIVE;
}

/* Every waiter of `queue` names it, and is in `state`, the one its queue holds. */
static bool check_waiters(const struct process_queue *queue, const void *port,
                          enum process_state state, struct invariant_violation *violation)
{
    if (!check_queue_links(queue, port, NULL, NULL, violation))
        return false;
    for (const struct process *p = queue->head; p != NULL; p = p->queue_next) {
        if (p->waiting_on != queue)
            return fail(violation, "waiter names another queue than the one it is in", p);
        if (p->state == state)
            continue;
        /* One kind per IPC port: a sender that finds a receiver does not wait, nor the reverse. */
        if (is_ipc_wait(state) && is_ipc_wait(p->state))
            return fail(violation, "IPC port queue mixes senders and receivers", p);
        return fail(violation, "waiter in a state its queue does not hold", p);
    }
    return true;
}

static bool check_ipc_port(const struct ipc_port *port, struct invariant_violation *violation)
{
    const struct process *head = port->queue.head;
    if (head != NULL && !is_ipc_wait(head->state))
        return fail(violation, "waiter in a state its queue does not hold", head);
    return check_waiters(&port->queue, port, head != NULL ? head->state : PROCESS_STATE_BLOCKED_SEND,
                         violation);
}

static bool check_notification_port(const struct notification_port *port,
                                    struct invariant_violation *violation)
{
    if (port->waiters.head != NULL && port->word != 0)
        return fail(violation, "notification word set while threads wait", port);
    return check_waiters(&port->waiters, port, PROCESS_STATE_BLOCKED_NOTIFICATION, violation);
}

static bool check_object(const struct slot *slot, const struct process *running,
                         bool at_boundary, struct invariant_violation *violation)
{
    switch (slot->type) {
    case A9N_CAPABILITY_PROCESS:
        return check_process(process_of(slot), running, at_boundary, violation);
    case A9N_CAPABILITY_IPC_PORT:
        return check_ipc_port(slot_object(slot), violation);
    case A9N_CAPABILITY_NOTIFICATION_PORT:
        return check_notification_port(notification_port_of(slot), violation);
    default:
        return true;
    }
}

bool invariant_check_threads(const struct invariant_scratch *scratch, bool at_boundary,
                             struct invariant_violation *violation)
{
    const struct process *running = scheduler_running;
    if (running != NULL && !check_running(running, at_boundary, violation))
        return false;
    if (!check_ready_queues(running, at_boundary, violation))
        return false;
    if (fpu_owner != NULL && fpu_owner->fpu_role == PROCESS_FPU_NONE)
        return fail(violation, "FPU owner without an FPU role", fpu_owner);
    /* The slots are sorted by object: each object once, at the first of its capabilities. */
    for (size_t i = 0; i < scratch->slot_count; i++) {
        const struct slot *slot = scratch->slots[i];
        if (i > 0 && slot_same_object(slot, scratch->slots[i - 1]))
            continue;
        if (!check_object(slot, running, at_boundary, violation))
            return false;
    }
    return true;
}
