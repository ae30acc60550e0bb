/*
 * The two kernel calls. The numbers are negative so that any other number
 * (in particular a small positive one from a foreign OS's system-call ABI) is
 * reported to user level as an unknown-kernel-call fault, which lets a
 * resolver emulate other system-call interfaces.
 */
#ifndef A9N_KERNEL_CALL_H
#define A9N_KERNEL_CALL_H

enum a9n_kernel_call {
    A9N_KERNEL_CALL_CAPABILITY = -1,
    A9N_KERNEL_CALL_YIELD = -2,
};

#endif
