/*
 * Fixed-priority preemptive scheduler: SCHEDULER_PRIORITIES levels, FIFO
 * round robin with a time quantum inside a level. The running process is
 * not in a ready queue.
 */
#ifndef KERNEL_SCHEDULER_H
#define KERNEL_SCHEDULER_H

#include "process.h"

#define SCHEDULER_PRIORITIES 256
#define SCHEDULER_TIMER_HZ 100
#define SCHEDULER_QUANTUM_TICKS 2

/* The running process, or NULL while idle. */
struct process *scheduler_current(void);

/* Make an inactive process runnable (it runs when its priority allows). */
void scheduler_resume(struct process *process);

/* Stop a process: it is taken off the CPU or out of its queue. */
void scheduler_suspend(struct process *process);

/* The current process gives up the rest of its quantum. */
void scheduler_yield(void);

/* One timer tick: charge the current process, rotate when its quantum ends. */
void scheduler_tick(void);

/*
 * Leave the kernel: pick the highest-priority runnable process, switch to
 * its address space and enter it, or idle when there is none.
 */
_Noreturn void scheduler_exit_to_user(void);

#endif
