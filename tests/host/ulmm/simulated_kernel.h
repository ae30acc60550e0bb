/*
 * ULMM's kernel interface (ulmm/kernel_interface.h) on the real capability
 * core compiled for the host: tests/host/cap's universe plays the kernel,
 * and the universe's root node plays ULMM's root node. Every call is
 * counted, and a call can be made to fail, to test the allocators'
 * error paths.
 *
 * After simulated_kernel_setup(), root slot SIMULATED_ULMM_NODE holds
 * ULMM's node (radix SIMULATED_ULMM_RADIX, made from the universe's small
 * Generic) and the universe's big Generic is still in UNIVERSE_GENERIC,
 * ready to be added to a buddy allocator.
 */
#ifndef TESTS_ULMM_SIMULATED_KERNEL_H
#define TESTS_ULMM_SIMULATED_KERNEL_H

#include "universe.h"

#define SIMULATED_ULMM_NODE UNIVERSE_FIRST_FREE
/* The largest node the universe's small Generic holds. */
#define SIMULATED_ULMM_RADIX (UNIVERSE_SMALL_GENERIC_BITS - A9N_SLOT_BITS)

struct simulated_kernel {
    unsigned converts, revokes, moves;
    /* Call number (counting from 1 since setup) that fails, 0 for none; and with what. */
    unsigned fail_call;
    enum a9n_error fail_error;
};

extern struct simulated_kernel simulated_kernel;

/* A fresh universe and ULMM's node; counters reset. */
void simulated_kernel_setup(void);

static inline unsigned simulated_kernel_calls(void)
{
    return simulated_kernel.converts + simulated_kernel.revokes + simulated_kernel.moves;
}

/* Descriptor of ULMM's node, and the kernel's slot `index` in it. */
a9n_word_t simulated_ulmm_node(void);
struct slot *simulated_ulmm_slot(uint32_t index);

#endif
