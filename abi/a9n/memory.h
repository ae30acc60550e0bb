/*
 * Memory capabilities: operations and argument registers of Address Space,
 * Page Table and Frame (docs/abi.md, "Address Space, Page Table, Frame").
 * The paging vocabulary (depths, map attributes) is in paging.h.
 */
#ifndef A9N_MEMORY_H
#define A9N_MEMORY_H

#include <a9n/paging.h>
#include <a9n/types.h>

/*
 * Mapping is done on the thing being mapped (seL4 style): the Page Table or
 * Frame capability is the target and the Address Space an argument. The
 * Address Space itself only answers the depth query.
 */
enum a9n_address_space_operation {
    /* Depth of the first page table missing on the way to an address's frame entry. */
    A9N_ADDRESS_SPACE_MISSING_DEPTH = 1,
};

enum a9n_page_table_operation {
    A9N_PAGE_TABLE_MAP = 1, /* install the table in an address space */
    A9N_PAGE_TABLE_UNMAP,   /* take it out again */
};

enum a9n_frame_operation {
    A9N_FRAME_MAP = 1,          /* map the frame with attributes */
    A9N_FRAME_UNMAP,            /* remove this capability's mapping */
    A9N_FRAME_PHYSICAL_ADDRESS, /* the frame's physical address (for DMA) */
};

/* Message registers of the arguments and results (MR0 target, MR1 operation). */
enum a9n_address_space_argument {
    A9N_ADDRESS_SPACE_ARG_ADDRESS = 2, /* missing depth: the virtual address asked about */
    A9N_ADDRESS_SPACE_RESULT_DEPTH = 2, /* missing depth: 0 .. levels - 1 */
};

enum a9n_page_table_argument {
    A9N_PAGE_TABLE_ARG_ADDRESS_SPACE = 2, /* map: descriptor of the Address Space */
    A9N_PAGE_TABLE_ARG_ADDRESS = 3,       /* map: any page-aligned address the table will cover */
};

enum a9n_frame_argument {
    A9N_FRAME_ARG_ADDRESS_SPACE = 2, /* map: descriptor of the Address Space */
    A9N_FRAME_ARG_ADDRESS = 3,       /* map: page-aligned user virtual address */
    A9N_FRAME_ARG_ATTRIBUTES = 4,    /* map: enum a9n_map_attribute bits */
    A9N_FRAME_RESULT_PHYSICAL_ADDRESS = 2, /* physical address: the result */
};

/*
 * How many address spaces can hold mappings at the same time. An address
 * space takes one of these kernel identifiers at its first mapping and
 * gives it back when it is destroyed; mapping records name it, so a record
 * that outlives its address space is recognised and never applied to a new
 * one (docs/abi.md). Identifier 0 is never handed out.
 */
#define A9N_ADDRESS_SPACE_ID_BITS 12
#define A9N_ADDRESS_SPACE_IDS (1u << A9N_ADDRESS_SPACE_ID_BITS)

#endif
