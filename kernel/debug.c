/*
 * Debug capabilities: one memory-less object that the kernel makes at boot
 * for init; every capability to it names the same authority, narrowed
 * only by its rights (write: print and exit; read: counters).
 */
#include "debug.h"

#include <a9n/debug.h>
#include <hal.h>

#include "capability_call.h"
#include "fastpath.h"

_Static_assert(A9N_DEBUG_ARG_BYTES + A9N_DEBUG_PUT_CHARS_MAX / sizeof(a9n_word_t) <=
                   CAPABILITY_MESSAGE_MRS,
               "PUT_CHARS bytes fit the capability call's MRs");

void debug_make_root(struct slot *slot)
{
    slot_make_root(slot, A9N_CAPABILITY_DEBUG, 0, 0);
}

static enum a9n_error debug_put_chars(const struct slot *debug,
                                      const struct capability_message *message)
{
    if ((debug->rights & A9N_RIGHT_WRITE) == 0)
        return A9N_ERROR_MISSING_RIGHTS;
    a9n_word_t count = message->mr[A9N_DEBUG_ARG_COUNT];
    if (count > A9N_DEBUG_PUT_CHARS_MAX)
        return A9N_ERROR_INVALID_ARGUMENT;
    for (a9n_word_t i = 0; i < count; i++) {
        a9n_word_t word = message->mr[A9N_DEBUG_ARG_BYTES + i / sizeof(a9n_word_t)];
        char c = (char)(word >> (8 * (i % sizeof(a9n_word_t))));
        /* The console is a serial terminal: a line ends with CR LF there. */
        if (c == '\n')
            hal_console_putc('\r');
        hal_console_putc(c);
    }
    return A9N_ERROR_NONE;
}

static enum a9n_error debug_exit(const struct slot *debug, const struct capability_message *message)
{
    if ((debug->rights & A9N_RIGHT_WRITE) == 0)
        return A9N_ERROR_MISSING_RIGHTS;
    a9n_word_t status = message->mr[A9N_DEBUG_ARG_STATUS];
    /* A wider status would be cut to its low bits by the exit device: 256 would read as a pass. */
    if (status > A9N_DEBUG_EXIT_STATUS_MAX)
        return A9N_ERROR_INVALID_ARGUMENT;
    hal_debug_exit((unsigned)status);
}

static enum a9n_error debug_fastpath_hits(const struct slot *debug,
                                          struct capability_message *message)
{
    if ((debug->rights & A9N_RIGHT_READ) == 0)
        return A9N_ERROR_MISSING_RIGHTS;
    message->mr[A9N_DEBUG_RESULT_HITS] = fastpath_hits;
    return A9N_ERROR_NONE;
}

enum a9n_error debug_invoke(const struct slot *debug, struct capability_message *message)
{
    switch (message->mr[1]) {
    case A9N_DEBUG_PUT_CHARS:
        return debug_put_chars(debug, message);
    case A9N_DEBUG_EXIT:
        return debug_exit(debug, message);
    case A9N_DEBUG_FASTPATH_HITS:
        return debug_fastpath_hits(debug, message);
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}
