/*
 * ULMM's kernel interface on a real kernel: liba9n's capability calls.
 * Host tests replace this file with a simulated kernel.
 */
#include <liba9n/node.h>

#include "kernel_interface.h"

enum a9n_error ulmm_kernel_convert(a9n_word_t generic, enum a9n_capability_type type,
                                   a9n_word_t parameter, a9n_word_t count, a9n_word_t node,
                                   a9n_word_t index)
{
    return a9n_generic_convert(generic, type, parameter, count, node, index);
}

enum a9n_error ulmm_kernel_revoke(a9n_word_t node, a9n_word_t index)
{
    return a9n_node_revoke(node, index);
}

enum a9n_error ulmm_kernel_move(a9n_word_t node, a9n_word_t index, a9n_word_t source)
{
    return a9n_node_move(node, index, source);
}
