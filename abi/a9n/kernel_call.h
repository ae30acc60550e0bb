/*
 * The three kernel calls. The numbers are negative so that any other number
 * (in particular a small positive one from a foreign OS's system-call ABI) is
 * reported to user level as an unknown-kernel-call fault, which lets a
 * resolver emulate other system-call interfaces.
 */
#ifndef A9N_KERNEL_CALL_H
#define A9N_KERNEL_CALL_H

enum a9n_kernel_call {
    A9N_KERNEL_CALL_CAPABILITY = -1,
    A9N_KERNEL_CALL_YIELD = -2,
    A9N_KERNEL_CALL_DEBUG = -3,
};

/*
 * Debug kernel call: MR0 selects the operation. It exists for bring-up and
 * tests and touches no user memory: text travels packed in the message
 * registers.
 */
enum a9n_debug_operation {
    /* MR1 = byte count, MR2.. = bytes packed little-endian, 8 per word. */
    A9N_DEBUG_PUT_CHARS = 0,
    /* MR1 = status; stops the machine (QEMU exit device). 0 means pass. */
    A9N_DEBUG_EXIT = 1,
    /* Tests only: MR2 = how many IPC operations the fast path has completed. */
    A9N_DEBUG_FASTPATH_HITS = 2,
};

#endif
