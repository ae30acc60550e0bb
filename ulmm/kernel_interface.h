/*
 * The only kernel operations ULMM's allocator cores use. The server links
 * kernel_interface.c (liba9n's capability calls); host tests link a
 * simulated kernel instead, so the cores are tested without a machine.
 * Arguments are as in docs/abi.md §8 (node operations: the node's
 * descriptor and a slot index in it) and §9 (Generic convert).
 */
#ifndef ULMM_KERNEL_INTERFACE_H
#define ULMM_KERNEL_INTERFACE_H

#include <a9n/capability.h>
#include <a9n/error.h>
#include <a9n/types.h>

/* Generic convert: `count` objects into slots index .. index + count - 1 of `node`. */
enum a9n_error ulmm_kernel_convert(a9n_word_t generic, enum a9n_capability_type type,
                                   a9n_word_t parameter, a9n_word_t count, a9n_word_t node,
                                   a9n_word_t index);

/* Remove everything derived from the capability in slot `index` of `node`. */
enum a9n_error ulmm_kernel_revoke(a9n_word_t node, a9n_word_t index);

/* Move the capability named by `source` into the empty slot `index` of `node`. */
enum a9n_error ulmm_kernel_move(a9n_word_t node, a9n_word_t index, a9n_word_t source);

#endif
