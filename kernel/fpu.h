/*
 * Lazy FP/SIMD switching. A thread's FP registers stay in the FPU when it
 * stops running and move to its PCB only when another thread uses FP, so
 * threads without FP never pay for it. The FPU's owner is the thread whose
 * registers it holds; only the owner, and only while it runs, has FPU
 * access (hal_fpu_access); any other thread's first FP instruction traps
 * to kernel_handle_fpu_unavailable, which makes it the owner.
 *
 * Invariant (process.fpu_role): the owner is ACCESS while it runs and
 * IDLE otherwise, every other process is NONE, and FPU access is on
 * exactly while the owner runs. Whoever switches threads keeps it:
 * fpu_enter on the general path, the out-of-line branch of the IPC fast
 * paths' priority check on theirs (fastpath.h).
 */
#ifndef KERNEL_FPU_H
#define KERNEL_FPU_H

#include <hal.h>

#include "process.h"

/*
 * The thread whose registers this CPU's FPU holds, or NULL. Per CPU: with
 * SMP each CPU gets its own (next to its running thread), and fpu_forget
 * must clear every CPU's that names the dying thread. Owned by fpu.c;
 * visible here only for fpu_enter, which every kernel exit runs.
 */
extern struct process *fpu_owner;

/* fpu_enter when the FPU has an owner. */
void fpu_enter_owned(const struct process *next);

/*
 * The CPU leaves the kernel into `next`: FPU access for the owner only.
 * Always inline (the compiler keeps calls on the way to a _Noreturn one
 * out of line), so that while nobody uses FP an exit pays one test.
 */
__attribute__((always_inline)) static inline void fpu_enter(const struct process *next)
{
    if (fpu_owner != NULL)
        fpu_enter_owned(next);
}

/*
 * `process` is being destroyed: the FPU's registers, if they are its,
 * belong to nobody now (dropped, not saved: its memory is about to be
 * reused). No pointer to it remains.
 */
void fpu_forget(const struct process *process);

#ifdef A9N_HOST_TEST
/* Host tests start every universe without an owner. */
void fpu_reset(void);
#endif

#endif
