/* The fast path's hit counter, for the tests that tell which path ran. */
#ifndef FASTPATH_TEST_HITS_H
#define FASTPATH_TEST_HITS_H

#include <a9n/kernel_call.h>
#include <liba9n/kernel_call.h>

/* IPC operations the fast path completed since boot (debug call A9N_DEBUG_FASTPATH_HITS). */
static inline a9n_word_t fastpath_hits(void)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { A9N_DEBUG_FASTPATH_HITS };
    a9n_arch_kernel_call((a9n_word_t)A9N_KERNEL_CALL_DEBUG, mr);
    return mr[A9N_MR_SUCCESS] ? mr[A9N_MR_INFO] : ~(a9n_word_t)0;
}

#endif
