/*
 * Node: a power-of-two array of capability slots, and descriptor lookup
 * through nested nodes.
 */
#ifndef KERNEL_NODE_H
#define KERNEL_NODE_H

#include <a9n/error.h>

#include "slot.h"

struct capability_message;

static inline a9n_word_t node_slot_count(const struct slot *node)
{
    return (a9n_word_t)1 << node->parameter;
}

static inline struct slot *node_slot(const struct slot *node, a9n_word_t index)
{
    return (struct slot *)slot_object(node) + index;
}

/* Boot time: make `memory` (2^(A9N_SLOT_BITS + radix) bytes) an empty node. */
void node_init_object(void *memory, unsigned radix);

/*
 * The slot named by `descriptor` (depth >= 1) from the node capability in
 * `root`. The slot may be empty. Errors: A9N_ERROR_INVALID_DEPTH (depth 0 or
 * over 56; the path ends inside a node's index bits; a slot on the way
 * holds something other than a node), A9N_ERROR_INDEX_OUT_OF_RANGE (path
 * bits above the depth), A9N_ERROR_EMPTY_SLOT (an empty slot on the way,
 * the root included). O(depth): each node consumes at least one bit.
 */
enum a9n_error node_lookup(const struct slot *root, a9n_word_t descriptor, struct slot **slot);

/*
 * The node capability named by `descriptor`; depth 0 is `root` itself.
 * Errors as node_lookup, plus A9N_ERROR_EMPTY_SLOT and A9N_ERROR_WRONG_TYPE
 * for the slot found.
 */
enum a9n_error node_lookup_node(const struct slot *root, a9n_word_t descriptor,
                                const struct slot **node);

/* Node operations (enum a9n_node_operation) on the node capability `node`. */
enum a9n_error node_invoke(const struct slot *root, const struct slot *node,
                           struct capability_message *message);

/* object_type hook: the node's slots. */
struct slot *node_contained_slot(const struct slot *node, a9n_word_t index);

#endif
