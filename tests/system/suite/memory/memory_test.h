/* Helpers shared by the memory system tests (Address Space, Page Table, Frame). */
#ifndef MEMORY_TEST_H
#define MEMORY_TEST_H

#include <a9n_arch.h>
#include <liba9n/kernel_call.h>
#include <liba9n/memory.h>

#include "../framework/system_test.h"

/* Init's own address space. */
static inline a9n_word_t memory_test_own_space(void)
{
    return a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE);
}

/*
 * A page-aligned user address nothing of init uses: test `n` gets its own
 * GiB in the upper half of the user range (init's image, info, IPC buffer
 * and modules are low, its stack is one GiB under the top).
 */
a9n_word_t memory_test_address(unsigned n);

/* A fresh Frame from the test's Generic; its root-slot index. */
a9n_word_t memory_test_frame(void);

/*
 * Map the frame in root slot `frame` at `address` in `space`, converting the
 * missing page tables from the test's Generic into fresh root slots.
 */
enum a9n_error memory_test_map(a9n_word_t space, a9n_word_t frame, a9n_word_t address,
                               unsigned attributes);

/*
 * Build the tables `address` needs in `space` until the missing depth is
 * `depth` (0: every table; 1: all but the lowest). The number made.
 */
unsigned memory_test_build_tables(a9n_word_t space, a9n_word_t address, unsigned depth);

#endif
