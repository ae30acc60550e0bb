/*
 * Ready queues and the choice of what runs next. A bitmap of non-empty
 * levels makes picking the highest priority O(1).
 */
#include "scheduler.h"

#include <hal.h>

#include "address_space.h"
#include "checked.h"
#include "fpu.h"
#include "timer.h"

#define BITMAP_WORDS (SCHEDULER_PRIORITIES / 64)

static struct process_queue ready_queues[SCHEDULER_PRIORITIES];
static uint64_t ready_bitmap[BITMAP_WORDS];
struct process *scheduler_running;
a9n_paddr_t scheduler_active_address_space;

static void queue_append(struct process *process)
{
    process_queue_append(&ready_queues[process->priority], process);
    ready_bitmap[process->priority / 64] |= 1ull << (process->priority % 64);
}

static void queue_remove(struct process *process)
{
    struct process_queue *queue = &ready_queues[process->priority];
    process_queue_remove(queue, process);
    if (process_queue_is_empty(queue))
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
    return scheduler_running;
}

void scheduler_make_ready(struct process *process)
{
    process->state = PROCESS_STATE_READY;
    process->quantum_ticks = SCHEDULER_QUANTUM_TICKS;
    queue_append(process);
}

void scheduler_resume(struct process *process)
{
    if (process->state == PROCESS_STATE_INACTIVE)
        scheduler_make_ready(process);
}

void scheduler_remove(struct process *process)
{
    if (process->state != PROCESS_STATE_READY)
        return;
    if (process == scheduler_running)
        scheduler_running = NULL;
    else
        queue_remove(process);
}

void scheduler_switch_to(struct process *next, const struct process *donor)
{
    struct process *ready = highest_ready();
    if (scheduler_running != NULL || (ready != NULL && ready->priority > next->priority)) {
        scheduler_make_ready(next);
        return;
    }
    next->state = PROCESS_STATE_READY;
    next->quantum_ticks = donor->quantum_ticks;
    scheduler_running = next;
}

void scheduler_set_priority(struct process *process, unsigned priority)
{
    bool queued = process->state == PROCESS_STATE_READY && process != scheduler_running;
    if (queued)
        queue_remove(process);
    process->priority = priority;
    if (queued)
        queue_append(process);
}

void scheduler_forget_address_space(a9n_paddr_t root)
{
    if (scheduler_active_address_space == root)
        scheduler_active_address_space = 0;
}

/* Put the running process at the back of its level. */
static void rotate_current(void)
{
    if (scheduler_running == NULL)
        return;
    scheduler_running->quantum_ticks = SCHEDULER_QUANTUM_TICKS;
    queue_append(scheduler_running);
    scheduler_running = NULL;
}

void scheduler_yield(void)
{
    rotate_current();
}

void scheduler_tick(void)
{
    if (scheduler_running == NULL)
        return;
    if (scheduler_running->quantum_ticks > 1) {
        scheduler_running->quantum_ticks--;
        return;
    }
    rotate_current();
}

/*
 * A process whose address space capability was removed while it was
 * runnable cannot run: activating "no address space" would run it on
 * whatever tables are loaded. It is stopped like a thread that faulted
 * without a resolver.
 */
static bool can_run(struct process *process)
{
    if (process_address_space_root(process) != 0)
        return true;
    kernel_printf("\nscheduler: process %p has no address space; suspended\n",
                  (void *)(uintptr_t)hal_virt_to_phys(process));
    scheduler_remove(process);
    process->state = PROCESS_STATE_INACTIVE;
    return false;
}

_Noreturn void scheduler_exit_to_user(void)
{
    for (;;) {
        struct process *next = highest_ready();

        /* A higher-priority process that became ready preempts the current one. */
        if (scheduler_running != NULL &&
            (next == NULL || next->priority <= scheduler_running->priority))
            next = scheduler_running;
        else if (scheduler_running != NULL)
            rotate_current();

        if (next == NULL)
            hal_idle();
        if (next != scheduler_running) {
            queue_remove(next);
            scheduler_running = next;
        }
        if (!can_run(next))
            continue;
        scheduler_activate(process_address_space_root(next));
        fpu_enter(next);
        checked_kernel_exit();
        hal_return_to_user(&next->context);
    }
}

#if defined(A9N_CHECKED) || defined(A9N_HOST_TEST)
const struct process_queue *scheduler_ready_queue(unsigned priority)
{
    return &ready_queues[priority];
}

bool scheduler_level_marked(unsigned priority)
{
    return (ready_bitmap[priority / 64] >> (priority % 64)) & 1;
}
#endif

#ifdef A9N_HOST_TEST
void scheduler_reset(void)
{
    for (unsigned i = 0; i < SCHEDULER_PRIORITIES; i++)
        ready_queues[i] = (struct process_queue){ NULL, NULL };
    for (unsigned i = 0; i < BITMAP_WORDS; i++)
        ready_bitmap[i] = 0;
    scheduler_running = NULL;
    scheduler_active_address_space = 0;
}
#endif

_Noreturn void kernel_handle_timer(void)
{
    checked_kernel_entry();
    /* Expired timers first: a woken waiter of higher priority runs on this exit. */
    timer_expire(hal_clock_ns());
    scheduler_tick();
    scheduler_exit_to_user();
}
