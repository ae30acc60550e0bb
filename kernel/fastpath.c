/*
 * The IPC fast path's counter, shared with the architectures' assembly
 * (see fastpath.h).
 */
#include "fastpath.h"

a9n_word_t fastpath_hits;
