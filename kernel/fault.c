/*
 * Fault reporting. The kernel never panics because of user behaviour: a
 * fault is always charged to the thread that caused it.
 */
#include "fault.h"

#include <hal.h>

#include "scheduler.h"

static const char *const fault_names[A9N_FAULT_COUNT] = {
    [A9N_FAULT_NONE] = "no fault",
    [A9N_FAULT_PAGE] = "page fault",
    [A9N_FAULT_ILLEGAL_INSTRUCTION] = "illegal instruction",
    [A9N_FAULT_MISALIGNED_ACCESS] = "misaligned access",
    [A9N_FAULT_UNKNOWN_KERNEL_CALL] = "unknown kernel call",
    [A9N_FAULT_ARITHMETIC] = "arithmetic fault",
    [A9N_FAULT_BREAKPOINT] = "breakpoint",
    [A9N_FAULT_PROTECTION] = "protection fault",
};

void fault_raise(struct process *process, enum a9n_fault_kind kind, a9n_word_t address,
                 unsigned flags)
{
    const char *name = kind < A9N_FAULT_COUNT ? fault_names[kind] : "unknown fault";
    kernel_printf("fault: process %p: %s, address %p, flags %x, ip %p; stopped\n",
                  (void *)(uintptr_t)hal_virt_to_phys(process), name, (void *)address, flags,
                  (void *)*a9n_arch_context_ip(&process->context));
    scheduler_suspend(process);
}

_Noreturn void kernel_handle_fault(enum a9n_fault_kind kind, a9n_word_t address, unsigned flags)
{
    fault_raise(scheduler_current(), kind, address, flags);
    scheduler_exit_to_user();
}
