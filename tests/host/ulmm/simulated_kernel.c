/* ULMM's kernel interface as capability calls into the host universe. */
#include "simulated_kernel.h"

#include <stdlib.h>

#include "node.h"
#include "ulmm/kernel_interface.h"

struct simulated_kernel simulated_kernel;

void simulated_kernel_setup(void)
{
    universe_setup();
    enum a9n_error error =
        CALL(universe_root_slot(UNIVERSE_SMALL_GENERIC), A9N_GENERIC_CONVERT, A9N_CAPABILITY_NODE,
             SIMULATED_ULMM_RADIX, 1, 0, SIMULATED_ULMM_NODE);
    if (error != A9N_ERROR_NONE)
        abort();
    simulated_kernel = (struct simulated_kernel){ 0 };
}

a9n_word_t simulated_ulmm_node(void)
{
    return universe_root_slot(SIMULATED_ULMM_NODE);
}

struct slot *simulated_ulmm_slot(uint32_t index)
{
    return node_slot(universe_slot(simulated_ulmm_node()), index);
}

/* Counts the call; true when the test asked this one to fail. */
static bool count_and_fail(unsigned *counter)
{
    (*counter)++;
    return simulated_kernel.fail_call != 0 &&
           simulated_kernel_calls() == simulated_kernel.fail_call;
}

enum a9n_error ulmm_kernel_convert(a9n_word_t generic, enum a9n_capability_type type,
                                   a9n_word_t parameter, a9n_word_t count, a9n_word_t node,
                                   a9n_word_t index)
{
    if (count_and_fail(&simulated_kernel.converts))
        return simulated_kernel.fail_error;
    return CALL(generic, A9N_GENERIC_CONVERT, type, parameter, count, node, index);
}

enum a9n_error ulmm_kernel_revoke(a9n_word_t node, a9n_word_t index)
{
    if (count_and_fail(&simulated_kernel.revokes))
        return simulated_kernel.fail_error;
    return CALL(node, A9N_NODE_REVOKE, index);
}

enum a9n_error ulmm_kernel_move(a9n_word_t node, a9n_word_t index, a9n_word_t source)
{
    if (count_and_fail(&simulated_kernel.moves))
        return simulated_kernel.fail_error;
    return CALL(node, A9N_NODE_MOVE, index, source);
}
