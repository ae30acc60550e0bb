/* The fast path's hit counter, for the tests that tell which path ran. */
#ifndef FASTPATH_TEST_HITS_H
#define FASTPATH_TEST_HITS_H

#include <liba9n/debug.h>

/* IPC operations the fast path completed since boot (A9N_DEBUG_FASTPATH_HITS); all ones on error. */
static inline a9n_word_t fastpath_hits(void)
{
    struct a9n_word_result hits = a9n_debug_fastpath_hits();
    return hits.error == A9N_ERROR_NONE ? hits.value : ~(a9n_word_t)0;
}

#endif
