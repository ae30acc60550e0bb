/*
 * Fault kinds a thread can raise, and the message that reports them. A
 * fault is sent to the thread's resolver port as a kernel-originated call
 * (docs/abi-ipc.md): the resolver receives the message below and its reply
 * resumes the thread. A thread without a resolver is suspended.
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

/*
 * The fault message: label A9N_FAULT_LABEL, A9N_FAULT_MESSAGE_LENGTH payload
 * words, badge (MR3) of the resolver capability in the faulting PCB.
 */
#define A9N_FAULT_LABEL 0xfa17u
#define A9N_FAULT_MESSAGE_LENGTH 4

enum a9n_fault_message_register {
    A9N_FAULT_MR_KIND = 4,    /* enum a9n_fault_kind */
    A9N_FAULT_MR_ADDRESS = 5, /* faulting address; unknown kernel call: the call number */
    /* Instruction pointer: of the faulting instruction; for an unknown kernel
       call, of the instruction after the call (where a reply resumes). */
    A9N_FAULT_MR_IP = 6,
    A9N_FAULT_MR_FLAGS = 7,   /* enum a9n_fault_access bits */
};

#endif
