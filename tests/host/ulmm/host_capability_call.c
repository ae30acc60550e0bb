/*
 * liba9n's kernel calls on the host: a capability call from ULMM's server
 * code (service.c's converts, maps and depth queries) goes straight to the
 * capability core of tests/host/cap's universe, with the root node of the
 * universe as the caller's.
 */
#include <liba9n/kernel_call.h>

#include "capability_call.h"
#include "universe.h"

enum a9n_error a9n_capability_call(a9n_word_t descriptor, a9n_word_t operation,
                                   a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    struct capability_message message = { { 0 } };
    message.mr[0] = descriptor;
    message.mr[1] = operation;
    for (unsigned i = 2; i < CAPABILITY_MESSAGE_MRS; i++)
        message.mr[i] = mr[i];
    enum a9n_error error = capability_call(&universe_root, &message);
    for (unsigned i = 2; i < CAPABILITY_MESSAGE_MRS; i++)
        mr[i] = message.mr[i];
    return error;
}
