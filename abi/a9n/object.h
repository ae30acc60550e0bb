/*
 * Sizes of kernel objects. Every object is a naturally aligned power of two
 * bytes carved from a Generic by convert; user level (ULMM's slab allocator)
 * uses these to plan its Generics. The kernel static-asserts that its
 * structures fit.
 */
#ifndef A9N_OBJECT_H
#define A9N_OBJECT_H

#include <a9n/capability.h>
#include <a9n/paging.h>
#include <a9n/types.h>
#include <a9n_arch.h>

/* A capability slot: a node of radix r is 2^(A9N_SLOT_BITS + r) bytes. */
#define A9N_SLOT_BITS 6
#define A9N_NODE_RADIX_MIN 1 /* radix 0 would let a lookup consume no bits */
#define A9N_NODE_RADIX_MAX 24

#define A9N_PROCESS_BITS 11
#define A9N_IPC_PORT_BITS 6
#define A9N_NOTIFICATION_PORT_BITS 6
#define A9N_INTERRUPT_PORT_BITS 7 /* an embedded slot (64 bytes) and the line state */
#define A9N_TIMER_BITS 7 /* an embedded slot (64 bytes), badge, deadline, list links */
/* The root table and a page of kernel bookkeeping (kernel/address_space.c). */
#define A9N_ADDRESS_SPACE_BITS (A9N_ARCH_PAGE_BITS + 1)
#define A9N_PAGE_TABLE_BITS A9N_ARCH_PAGE_BITS
#define A9N_FRAME_BITS A9N_ARCH_PAGE_BITS

/* A Generic is any power of two in this range (and naturally aligned). */
#define A9N_GENERIC_MIN_BITS 6
#define A9N_GENERIC_MAX_BITS 52

/*
 * log2 of the size in bytes of an object of `type` created with `parameter`
 * (the convert parameter: Generic size bits, Node radix, Page Table depth;
 * 0 for every other type), or 0 when no such object can be created from a
 * Generic. A Page Table depth must also be below the paging levels reported
 * in the init info; only that static bound is checked here.
 */
static inline unsigned a9n_object_size_bits(unsigned type, a9n_word_t parameter)
{
    switch (type) {
    case A9N_CAPABILITY_NODE:
        if (parameter < A9N_NODE_RADIX_MIN || parameter > A9N_NODE_RADIX_MAX)
            return 0;
        return A9N_SLOT_BITS + (unsigned)parameter;
    case A9N_CAPABILITY_GENERIC:
        if (parameter < A9N_GENERIC_MIN_BITS || parameter > A9N_GENERIC_MAX_BITS)
            return 0;
        return (unsigned)parameter;
    case A9N_CAPABILITY_PAGE_TABLE:
        if (parameter < 1 || parameter >= A9N_PAGING_MAX_LEVELS)
            return 0;
        return A9N_PAGE_TABLE_BITS;
    case A9N_CAPABILITY_PROCESS:
        return parameter == 0 ? A9N_PROCESS_BITS : 0;
    case A9N_CAPABILITY_IPC_PORT:
        return parameter == 0 ? A9N_IPC_PORT_BITS : 0;
    case A9N_CAPABILITY_NOTIFICATION_PORT:
        return parameter == 0 ? A9N_NOTIFICATION_PORT_BITS : 0;
    case A9N_CAPABILITY_INTERRUPT_PORT:
        return parameter == 0 ? A9N_INTERRUPT_PORT_BITS : 0;
    case A9N_CAPABILITY_TIMER:
        return parameter == 0 ? A9N_TIMER_BITS : 0;
    case A9N_CAPABILITY_ADDRESS_SPACE:
        return parameter == 0 ? A9N_ADDRESS_SPACE_BITS : 0;
    case A9N_CAPABILITY_FRAME:
        return parameter == 0 ? A9N_FRAME_BITS : 0;
    default:
        /* Interrupt Region and I/O Port exist only from boot; Virtual CPU is reserved. */
        return 0;
    }
}

#endif
