/*
 * Ready queues and the choice of what runs next. A bitmap of non-empty
 * levels makes picking the highest priority O(1).
 */
#include "scheduler.h"

#include <hal.h>

#define BITMAP_WORDS (SCHEDULER_PRIORITIES / 64)

struct ready_queue {
    struct process *head;
    struct process *tail;
};

static struct ready_queue ready_queues[SCHEDULER_PRIORITIES];
static uint64_t ready_bitmap[BITMAP_WORDS];
static struct process *current;
/* The address space the CPU is in, to skip needless switches (and flushes). */
static a9n_paddr_t active_address_space;

static void queue_append(struct process *process)
{
    struct ready_queue *queue = &ready_queues[process->priority];
    process->queue_next = NULL;
    process->queue_previous = queue->tail;
    if (queue->tail != NULL)
        queue->tail->queue_next = process;
    else
        queue->head = process;
    queue->tail = process;
    ready_bitmap[process->priority / 64] |= 1ull << (process->priority % 64);
}

static void queue_remove(struct process *process)
{
    struct ready_queue *queue = &ready_queues[process->priority];
    if (process->queue_previous != NULL)
        process->queue_previous->queue_next = process->queue_next;
    else
        queue->head = process->queue_next;
    if (process->queue_next != NULL)
        process->queue_next->queue_previous = process->queue_previous;
    else
        queue->tail = process->queue_previous;
    process->queue_next = process->queue_previous = NULL;
    if (queue->head == NULL)
        ready_bitmap[process->priority / 64] &= ~(1ull << (process->priority % 64));
}

static struct process *highest_ready(void)
{
    for (unsigned word = BITMAP_WORDS; word-- > 0;) {
        if (ready_bitmap[word] != 0) {
            unsigned bit = 63 - (unsigned)__builtin_clzll(ready_bitmap[word]);
            return ready_queues[word * 64 + bit].head;
        }
    }
    return NULL;
}

struct process *scheduler_current(void)
{
    return current;
}

void scheduler_resume(struct process *process)
{
    if (process->state == PROCESS_STATE_READY)
        return;
    process->state = PROCESS_STATE_READY;
    process->quantum_ticks = SCHEDULER_QUANTUM_TICKS;
    queue_append(process);
}

void scheduler_suspend(struct process *process)
{
    if (process->state != PROCESS_STATE_READY)
        return;
    process->state = PROCESS_STATE_INACTIVE;
    if (process == current)
        current = NULL;
    else
        queue_remove(process);
}

/* Put the running process at the back of its level. */
static void rotate_current(void)
{
    if (current == NULL)
        return;
    current->quantum_ticks = SCHEDULER_QUANTUM_TICKS;
    queue_append(current);
    current = NULL;
}

void scheduler_yield(void)
{
    rotate_current();
}

void scheduler_tick(void)
{
    if (current == NULL)
        return;
    if (current->quantum_ticks > 1) {
        current->quantum_ticks--;
        return;
    }
    rotate_current();
}

_Noreturn void scheduler_exit_to_user(void)
{
    struct process *next = highest_ready();

    /* A higher-priority process that became ready preempts the current one. */
    if (current != NULL && (next == NULL || next->priority <= current->priority))
        next = current;
    else if (current != NULL)
        rotate_current();

    if (next == NULL)
        hal_idle();
    if (next != current) {
        queue_remove(next);
        current = next;
    }
    a9n_paddr_t address_space = process_address_space_root(next);
    if (address_space != active_address_space) {
        hal_address_space_activate(address_space);
        active_address_space = address_space;
    }
    hal_return_to_user(&next->context);
}

_Noreturn void kernel_handle_timer(void)
{
    scheduler_tick();
    scheduler_exit_to_user();
}
