/*
 * Fault kinds a thread can raise. Delivered to the thread's resolver port
 * (later issues); for now the kernel prints them and stops the thread.
 */
#ifndef A9N_FAULT_H
#define A9N_FAULT_H

enum a9n_fault_kind {
    A9N_FAULT_NONE = 0,
    A9N_FAULT_PAGE,                /* address: faulting address */
    A9N_FAULT_ILLEGAL_INSTRUCTION,
    A9N_FAULT_MISALIGNED_ACCESS,
    A9N_FAULT_UNKNOWN_KERNEL_CALL, /* address: the call number */
    A9N_FAULT_ARITHMETIC,          /* divide error, FPU/SIMD exception */
    A9N_FAULT_BREAKPOINT,
    A9N_FAULT_PROTECTION,          /* general protection, privileged op */
    A9N_FAULT_COUNT,
};

/* Access that caused a page fault, OR-ed into the fault's flags. */
enum a9n_fault_access {
    A9N_FAULT_ACCESS_READ = 1u << 0,
    A9N_FAULT_ACCESS_WRITE = 1u << 1,
    A9N_FAULT_ACCESS_EXECUTE = 1u << 2,
    A9N_FAULT_ACCESS_PRESENT = 1u << 3, /* the page was mapped (rights fault) */
};

#endif
