/*
 * The IPC fast path's state shared with the architectures' assembly (see
 * fastpath.h): whether it is enabled, how often it completed, and the
 * debug kernel call that tests use to compare it with the general path.
 */
#include "fastpath.h"

bool fastpath_enabled = true;
a9n_word_t fastpath_hits;

enum a9n_error fastpath_debug(a9n_word_t request, a9n_word_t *result)
{
    switch (request) {
    case A9N_DEBUG_FASTPATH_DISABLE:
    case A9N_DEBUG_FASTPATH_ENABLE:
        fastpath_enabled = request == A9N_DEBUG_FASTPATH_ENABLE;
        return A9N_ERROR_NONE;
    case A9N_DEBUG_FASTPATH_HITS:
        *result = fastpath_hits;
        return A9N_ERROR_NONE;
    default:
        return A9N_ERROR_INVALID_ARGUMENT;
    }
}
