/*
 * Error codes returned by kernel calls (in MR1 on return, with MR0 = 0 on
 * failure). One enum shared by kernel and user level; never bare numbers.
 */
#ifndef A9N_ERROR_H
#define A9N_ERROR_H

enum a9n_error {
    A9N_ERROR_NONE = 0,
    /* The kernel call or operation number is not known. */
    A9N_ERROR_UNKNOWN_OPERATION,
    /* The operation exists but is not available in this kernel build. */
    A9N_ERROR_NOT_SUPPORTED,
    /* An argument is out of its documented range. */
    A9N_ERROR_INVALID_ARGUMENT,
    /*
     * Descriptor depth is over 56, ends inside a node's index bits, passes
     * through a slot that is not a node, or is 0 where a slot is needed.
     */
    A9N_ERROR_INVALID_DEPTH,
    /*
     * An index is beyond its node: a slot index argument >= 2^radix, or a
     * descriptor path with bits set above its depth.
     */
    A9N_ERROR_INDEX_OUT_OF_RANGE,
    /* The slot named holds no capability. */
    A9N_ERROR_EMPTY_SLOT,
    /* The destination slot is already in use. */
    A9N_ERROR_SLOT_OCCUPIED,
    /* The capability is of the wrong type for the operation. */
    A9N_ERROR_WRONG_TYPE,
    /* The capability lacks a right the operation needs. */
    A9N_ERROR_MISSING_RIGHTS,
    /* A Generic has not enough room left. */
    A9N_ERROR_INSUFFICIENT_MEMORY,
    /* The object is in a state that does not allow the operation. */
    A9N_ERROR_INVALID_STATE,
    /* An address is misaligned, not canonical or outside user space. */
    A9N_ERROR_INVALID_ADDRESS,
    /* Something is already mapped / present where it should not be. */
    A9N_ERROR_ALREADY_MAPPED,
    /* Something needed is not mapped / present. */
    A9N_ERROR_NOT_MAPPED,
    /* The object was destroyed while the caller waited on it. */
    A9N_ERROR_DESTROYED,
    /* A non-blocking operation would have blocked. */
    A9N_ERROR_WOULD_BLOCK,
    /* The capability still has derived capabilities. */
    A9N_ERROR_HAS_CHILDREN,
    /*
     * A blocked IPC was cancelled: the waiting thread was suspended, or the
     * thread that was to reply lost its reply right (destroyed, suspended,
     * or it received again).
     */
    A9N_ERROR_CANCELLED,
    A9N_ERROR_COUNT,
};

#endif
