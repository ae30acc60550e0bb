/*
 * The capability ABI: capability types, rights, operation codes and the
 * descriptor encoding. Shared by the kernel and user level; docs/abi.md is
 * the reference that explains every value.
 */
#ifndef A9N_CAPABILITY_H
#define A9N_CAPABILITY_H

#include <a9n/types.h>

/* What a slot holds. The value is stored in a byte; 0 is an empty slot. */
enum a9n_capability_type {
    A9N_CAPABILITY_NONE = 0,
    A9N_CAPABILITY_NODE,
    A9N_CAPABILITY_GENERIC,
    A9N_CAPABILITY_PROCESS,
    A9N_CAPABILITY_IPC_PORT,
    A9N_CAPABILITY_NOTIFICATION_PORT,
    A9N_CAPABILITY_ADDRESS_SPACE,
    A9N_CAPABILITY_PAGE_TABLE,
    A9N_CAPABILITY_FRAME,
    A9N_CAPABILITY_INTERRUPT_REGION,
    A9N_CAPABILITY_INTERRUPT_PORT,
    A9N_CAPABILITY_IO_PORT,
    A9N_CAPABILITY_VIRTUAL_CPU, /* reserved: no operations, cannot be created yet */
    A9N_CAPABILITY_TIMER,
    A9N_CAPABILITY_DEBUG, /* made by a DEBUG=1 kernel at boot only (abi/a9n/debug.h) */
    A9N_CAPABILITY_TYPE_COUNT,
};

/*
 * Rights of a capability. They only ever shrink along derivation: copy keeps
 * them, mint and demote can only drop some.
 */
enum a9n_right {
    A9N_RIGHT_READ = 1u << 0,
    A9N_RIGHT_WRITE = 1u << 1,
    /* Frames: may be mapped executable (W^X: never together with write). */
    A9N_RIGHT_EXECUTE = 1u << 2,
    /* May be copied: node copy/mint, capability transfer in IPC. */
    A9N_RIGHT_COPY = 1u << 3,
    /* May be minted: derive a copy with a new badge or fewer rights. */
    A9N_RIGHT_MODIFY = 1u << 4,
};

#define A9N_RIGHTS_ALL                                                           \
    (A9N_RIGHT_READ | A9N_RIGHT_WRITE | A9N_RIGHT_EXECUTE | A9N_RIGHT_COPY |      \
     A9N_RIGHT_MODIFY)

/*
 * Operations, numbered per capability type (MR1 of a capability call). The
 * kernel dispatches on (type of the target, operation); a number that the
 * target's type does not define is A9N_ERROR_UNKNOWN_OPERATION. 0 is never
 * an operation, so a forgotten MR1 fails loudly.
 */
enum a9n_node_operation {
    A9N_NODE_COPY = 1,
    A9N_NODE_MOVE,
    A9N_NODE_MINT,
    A9N_NODE_DEMOTE,
    A9N_NODE_REMOVE,
    A9N_NODE_REVOKE,
};

enum a9n_generic_operation {
    A9N_GENERIC_CONVERT = 1,
};

/*
 * Message-register indices of the operations' arguments (MR0 is always the
 * target descriptor and MR1 the operation). See docs/abi.md.
 */
enum a9n_node_argument {
    A9N_NODE_ARG_INDEX = 2,      /* slot of the target node operated on / written */
    A9N_NODE_ARG_SOURCE = 3,     /* copy, move, mint: descriptor of the source slot */
    A9N_NODE_ARG_DEMOTE_RIGHTS = 3, /* demote: rights to keep */
    A9N_NODE_ARG_MINT_RIGHTS = 4, /* mint: rights to keep */
    A9N_NODE_ARG_MINT_BADGE = 5,  /* mint: new badge, 0 keeps the source's */
};

enum a9n_generic_argument {
    A9N_GENERIC_ARG_TYPE = 2,      /* enum a9n_capability_type to create */
    A9N_GENERIC_ARG_PARAMETER = 3, /* Generic: size bits; Node: radix; Page Table: depth */
    A9N_GENERIC_ARG_COUNT = 4,     /* number of objects, >= 1 */
    A9N_GENERIC_ARG_NODE = 5,      /* descriptor of the destination node */
    A9N_GENERIC_ARG_INDEX = 6,     /* first destination slot in that node */
};

/*
 * A descriptor names a slot: one word whose top 8 bits are the depth (the
 * number of index bits to consume) and whose low `depth` bits are the path.
 * The path is consumed most-significant-first: the caller's root node takes
 * the first radix bits as an index, the node found there the next bits, and
 * so on, until exactly `depth` bits are used. Bits of the path field above
 * `depth` must be zero. Depth 0 names the caller's root node itself, which is
 * valid wherever a node is expected (the target of a node operation, the
 * destination node of convert) but names no slot to copy or move from.
 */
#define A9N_DESCRIPTOR_DEPTH_SHIFT 56
#define A9N_DESCRIPTOR_DEPTH_MAX 56
#define A9N_DESCRIPTOR_PATH_MASK ((((a9n_word_t)1) << A9N_DESCRIPTOR_DEPTH_SHIFT) - 1)

static inline a9n_word_t a9n_descriptor(unsigned depth, a9n_word_t path)
{
    return ((a9n_word_t)depth << A9N_DESCRIPTOR_DEPTH_SHIFT) | (path & A9N_DESCRIPTOR_PATH_MASK);
}

static inline unsigned a9n_descriptor_depth(a9n_word_t descriptor)
{
    return (unsigned)(descriptor >> A9N_DESCRIPTOR_DEPTH_SHIFT);
}

static inline a9n_word_t a9n_descriptor_path(a9n_word_t descriptor)
{
    return descriptor & A9N_DESCRIPTOR_PATH_MASK;
}

/* The descriptor of slot `index` inside the node (of `radix`) named by `node`. */
static inline a9n_word_t a9n_descriptor_child(a9n_word_t node, unsigned radix, a9n_word_t index)
{
    return a9n_descriptor(a9n_descriptor_depth(node) + radix,
                          (a9n_descriptor_path(node) << radix) | index);
}

#endif
