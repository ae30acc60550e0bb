/*
 * Typed wrappers for Node and Generic operations (docs/abi.md §8, §9).
 * Each returns the kernel's error code; A9N_ERROR_NONE is success.
 */
#ifndef LIBA9N_NODE_H
#define LIBA9N_NODE_H

#include <a9n/capability.h>
#include <a9n/error.h>
#include <a9n/types.h>

enum a9n_error a9n_node_copy(a9n_word_t node, a9n_word_t index, a9n_word_t source);
enum a9n_error a9n_node_move(a9n_word_t node, a9n_word_t index, a9n_word_t source);
enum a9n_error a9n_node_mint(a9n_word_t node, a9n_word_t index, a9n_word_t source,
                             unsigned rights, a9n_word_t badge);
enum a9n_error a9n_node_demote(a9n_word_t node, a9n_word_t index, unsigned rights);
enum a9n_error a9n_node_remove(a9n_word_t node, a9n_word_t index);
enum a9n_error a9n_node_revoke(a9n_word_t node, a9n_word_t index);

/* Convert `count` objects of `type` into node slots index .. index + count - 1. */
enum a9n_error a9n_generic_convert(a9n_word_t generic, enum a9n_capability_type type,
                                   a9n_word_t parameter, a9n_word_t count, a9n_word_t node,
                                   a9n_word_t index);

#endif
