/*
 * Lazy FP/SIMD switching (fpu.h): access for the owner at every kernel
 * exit, handing the FPU to the next thread that uses it, and the owner's
 * end.
 */
#include "fpu.h"

#include <hal.h>

#include "checked.h"
#include "scheduler.h"

struct process *fpu_owner;

void fpu_enter_owned(const struct process *next)
{
    /* A thread that is not the owner must not see, nor change, its registers. */
    int role = fpu_owner == next ? PROCESS_FPU_ACCESS : PROCESS_FPU_IDLE;
    if (fpu_owner->fpu_role != role) {
        fpu_owner->fpu_role = role;
        hal_fpu_access(role == PROCESS_FPU_ACCESS);
    }
}

void fpu_forget(const struct process *process)
{
    if (fpu_owner != process)
        return;
    if (fpu_owner->fpu_role == PROCESS_FPU_ACCESS)
        hal_fpu_access(false);
    fpu_owner->fpu_role = PROCESS_FPU_NONE;
    fpu_owner = NULL;
}

/*
 * The running thread used FP without access, so it is not the owner (the
 * owner runs with access). The owner's registers go to its PCB, the
 * thread's own come back; it then runs the instruction again. Nothing
 * else changed, so it goes straight back (it is what
 * scheduler_exit_to_user would pick, with fpu_enter's work done).
 */
_Noreturn void kernel_handle_fpu_unavailable(void)
{
    checked_kernel_entry();
    struct process *current = scheduler_current();
    struct process *previous = fpu_owner;
    if (previous != NULL)
        previous->fpu_role = PROCESS_FPU_NONE;
    hal_fpu_switch(previous != NULL ? &previous->fpu : NULL, &current->fpu);
    fpu_owner = current;
    current->fpu_role = PROCESS_FPU_ACCESS;
    checked_kernel_exit();
    hal_return_to_user(&current->context);
}

#ifdef A9N_HOST_TEST
void fpu_reset(void)
{
    fpu_owner = NULL;
}
#endif
