/*
 * The Debug capability (docs/abi.md §16): console output, stopping the
 * machine and kernel counters, for bring-up and tests. The kernel makes
 * exactly one, in init's slot A9N_INIT_SLOT_DEBUG, and only when it is
 * built with DEBUG=1; a release kernel (DEBUG=0) has none.
 */
#ifndef A9N_DEBUG_H
#define A9N_DEBUG_H

enum a9n_debug_operation {
    /* Needs write: MR2 = byte count, MR3.. = bytes packed little-endian, 8 per word. */
    A9N_DEBUG_PUT_CHARS = 1,
    /* Needs write: MR2 = status 0..255; stops the machine (QEMU exit device). 0 means pass. */
    A9N_DEBUG_EXIT,
    /* Needs read: MR2 (result) = IPC operations the fast path has completed since boot. */
    A9N_DEBUG_FASTPATH_HITS,
};

enum a9n_debug_argument {
    A9N_DEBUG_ARG_COUNT = 2,
    A9N_DEBUG_ARG_BYTES = 3,
    A9N_DEBUG_ARG_STATUS = 2,
    A9N_DEBUG_RESULT_HITS = 2,
};

/* Bytes one PUT_CHARS carries: MR3..MR9, the capability call's last argument registers. */
#define A9N_DEBUG_PUT_CHARS_MAX 56
/* The largest EXIT status: what every port's exit device can report. */
#define A9N_DEBUG_EXIT_STATUS_MAX 255

#endif
