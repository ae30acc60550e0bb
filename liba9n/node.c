/* Node and Generic operations: arguments placed in the MRs docs/abi.md names. */
#include <liba9n/kernel_call.h>
#include <liba9n/node.h>

static enum a9n_error node_call(a9n_word_t node, enum a9n_node_operation operation,
                                a9n_word_t index, a9n_word_t argument3, a9n_word_t argument4,
                                a9n_word_t argument5)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_NODE_ARG_INDEX] = index;
    mr[3] = argument3;
    mr[4] = argument4;
    mr[5] = argument5;
    return a9n_capability_call(node, operation, mr);
}

enum a9n_error a9n_node_copy(a9n_word_t node, a9n_word_t index, a9n_word_t source)
{
    return node_call(node, A9N_NODE_COPY, index, source, 0, 0);
}

enum a9n_error a9n_node_move(a9n_word_t node, a9n_word_t index, a9n_word_t source)
{
    return node_call(node, A9N_NODE_MOVE, index, source, 0, 0);
}

enum a9n_error a9n_node_mint(a9n_word_t node, a9n_word_t index, a9n_word_t source,
                             unsigned rights, a9n_word_t badge)
{
    return node_call(node, A9N_NODE_MINT, index, source, rights, badge);
}

enum a9n_error a9n_node_demote(a9n_word_t node, a9n_word_t index, unsigned rights)
{
    return node_call(node, A9N_NODE_DEMOTE, index, rights, 0, 0);
}

enum a9n_error a9n_node_remove(a9n_word_t node, a9n_word_t index)
{
    return node_call(node, A9N_NODE_REMOVE, index, 0, 0, 0);
}

enum a9n_error a9n_node_revoke(a9n_word_t node, a9n_word_t index)
{
    return node_call(node, A9N_NODE_REVOKE, index, 0, 0, 0);
}

enum a9n_error a9n_generic_convert(a9n_word_t generic, enum a9n_capability_type type,
                                   a9n_word_t parameter, a9n_word_t count, a9n_word_t node,
                                   a9n_word_t index)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_GENERIC_ARG_TYPE] = (a9n_word_t)type;
    mr[A9N_GENERIC_ARG_PARAMETER] = parameter;
    mr[A9N_GENERIC_ARG_COUNT] = count;
    mr[A9N_GENERIC_ARG_NODE] = node;
    mr[A9N_GENERIC_ARG_INDEX] = index;
    return a9n_capability_call(generic, A9N_GENERIC_CONVERT, mr);
}
