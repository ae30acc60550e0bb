/*
 * Fixed-priority preemptive scheduler: SCHEDULER_PRIORITIES levels, FIFO
 * round robin with a time quantum inside a level. Invariant: the running
 * process (`current`) is READY and in no queue; every other READY process
 * is in the ready queue of its priority; no other process is in one.
 */
#ifndef KERNEL_SCHEDULER_H
#define KERNEL_SCHEDULER_H

#include <a9n/process.h>

#include "address_space.h"
#include "process.h"

#define SCHEDULER_PRIORITIES 256
#define SCHEDULER_TIMER_HZ 100
#define SCHEDULER_QUANTUM_TICKS 2

_Static_assert(SCHEDULER_PRIORITIES == A9N_PROCESS_PRIORITIES, "the ABI's priority range");

/* The running process, or NULL while idle (or after it blocked in this kernel entry). */
struct process *scheduler_current(void);

/* Make an INACTIVE process runnable (boot: init); no effect in any other state. */
void scheduler_resume(struct process *process);

/* Make a process that is in no queue READY: it runs when its priority allows. */
void scheduler_make_ready(struct process *process);

/*
 * Take a READY process off the CPU or out of its ready queue (it is about
 * to block or stop; the caller sets the new state). No effect otherwise.
 */
void scheduler_remove(struct process *process);

/*
 * Direct switch: `next` (in no queue) wakes up and, if nothing ready
 * outranks it and nothing runs, runs at once on the rest of `donor`'s
 * quantum (the callee of a call runs on its caller's time). Otherwise it
 * is simply made ready.
 */
void scheduler_switch_to(struct process *next, const struct process *donor);

/*
 * The running process (NULL while idle) and the address space the CPU is
 * in (0: none known, the next switch loads one). Owned by scheduler.c;
 * visible here only for the inline functions below, which the IPC fast
 * path uses.
 */
extern struct process *scheduler_running;
extern a9n_paddr_t scheduler_active_address_space;

/* The CPU enters `root`'s address space, under its identifier's tag (skipped if already in it). */
static inline void scheduler_activate(a9n_paddr_t root)
{
    if (root != scheduler_active_address_space) {
        scheduler_active_address_space = root;
        hal_address_space_activate(root, address_space_tag(root));
    }
}

/*
 * The IPC fast path's direct switch: the current process has just blocked
 * and `next` (blocked, in no queue, with an address space, outranked by no
 * ready process) runs at once on the rest of the current quantum, in its
 * own address space. The state scheduler_remove, scheduler_switch_to and
 * the exit path reach in that case.
 */
static inline void scheduler_switch_direct(struct process *next)
{
    next->state = PROCESS_STATE_READY;
    next->quantum_ticks = scheduler_running->quantum_ticks;
    scheduler_running = next;
    scheduler_activate(next->slots[PROCESS_SLOT_ADDRESS_SPACE].object);
}

/* A READY process changes priority (it moves to the new level's tail). */
void scheduler_set_priority(struct process *process, unsigned priority);

/*
 * An address space is being destroyed: the next exit to user mode must
 * load a root table even if a new address space reuses the same memory
 * (the CPU's cached translations belong to the old one).
 */
void scheduler_forget_address_space(a9n_paddr_t root);

/* The current process gives up the rest of its quantum. */
void scheduler_yield(void);

/* One timer tick: charge the current process, rotate when its quantum ends. */
void scheduler_tick(void);

/*
 * Leave the kernel: pick the highest-priority runnable process, switch to
 * its address space and enter it, or idle when there is none.
 */
_Noreturn void scheduler_exit_to_user(void);

#if defined(A9N_CHECKED) || defined(A9N_HOST_TEST)
/* For the invariant checker: a level's ready queue, and whether the bitmap marks the level. */
const struct process_queue *scheduler_ready_queue(unsigned priority);
bool scheduler_level_marked(unsigned priority);
#endif

#ifdef A9N_HOST_TEST
/* Host tests start every universe with an empty scheduler (no stale queue pointers). */
void scheduler_reset(void);
#endif

#endif
