/*
 * Errors of ULMM's allocator cores, returned by value. Separate from
 * enum a9n_error: these describe the allocator's own bookkeeping (a free
 * of something not allocated, no memory left), which the kernel never
 * sees. When a kernel call fails, the allocator reports
 * ULMM_ERROR_KERNEL_REFUSED and its bookkeeping is as before the call.
 */
#ifndef ULMM_ERROR_H
#define ULMM_ERROR_H

enum ulmm_error {
    ULMM_ERROR_NONE = 0,
    /* A size, type, parameter, index or alignment outside its documented range. */
    ULMM_ERROR_INVALID_ARGUMENT,
    /* No free block is large enough. */
    ULMM_ERROR_OUT_OF_MEMORY,
    /* Every slot of ULMM's capability node is in use. */
    ULMM_ERROR_OUT_OF_SLOTS,
    /* Freeing a slot, block or object that is not allocated (double free included). */
    ULMM_ERROR_NOT_ALLOCATED,
    /* A Generic added to the buddy allocator overlaps one it already has. */
    ULMM_ERROR_OVERLAP,
    /* A fixed-size table (documented limit) is full. */
    ULMM_ERROR_LIMIT,
    /* The allocation would take a client past the quota init gave it. */
    ULMM_ERROR_QUOTA_EXCEEDED,
    /*
     * The kernel refused a call. For slab allocation: the destination node
     * or slot the caller named is unusable. Otherwise the capabilities ULMM
     * manages were changed behind its back (moved away, revoked).
     */
    ULMM_ERROR_KERNEL_REFUSED,
};

#endif
