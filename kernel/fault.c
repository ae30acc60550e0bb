/*
 * Fault delivery. The kernel never panics because of user behaviour: a
 * fault is always charged to the thread that caused it, and costs it
 * either a round trip to its resolver or being suspended.
 */
#include "fault.h"

#include <hal.h>

#include "checked.h"
#include "ipc_port.h"
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
    const struct slot *resolver = &process->slots[PROCESS_SLOT_RESOLVER];

    /* The resolver slot only ever receives IPC ports; it is empty once the port is gone. */
    if (resolver->type == A9N_CAPABILITY_IPC_PORT) {
        process->fault_kind = kind;
        process->fault_address = address;
        process->fault_flags = flags;
        ipc_port_send_fault(process, resolver);
        return;
    }

    const char *name = kind < A9N_FAULT_COUNT ? fault_names[kind] : "unknown fault";
    /* On a line of its own, whatever user output it interrupts. */
    kernel_printf("\nfault: process %p: %s, address %p, flags %x, ip %p; no resolver, suspended\n",
                  (void *)(uintptr_t)hal_virt_to_phys(process), name, (void *)address, flags,
                  (void *)*a9n_arch_context_ip(&process->context));
    process_suspend(process);
}

_Noreturn void kernel_handle_fault(enum a9n_fault_kind kind, a9n_word_t address, unsigned flags)
{
    checked_kernel_entry();
    fault_raise(scheduler_current(), kind, address, flags);
    scheduler_exit_to_user();
}
