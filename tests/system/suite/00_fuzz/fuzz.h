/*
 * The kernel-call fuzzer (SPEC §8): what the supervising test (fuzz.c)
 * and the fuzzer threads (fuzzer.c) agree on — the fuzzer's root-node
 * layout, where things are mapped in its address space, and the page
 * they share.
 */
#ifndef SYSTEM_TEST_FUZZ_H
#define SYSTEM_TEST_FUZZ_H

#include <a9n/capability.h>
#include <a9n/types.h>
#include <a9n_arch.h>

/*
 * The fuzzer's root node. Every slot below FUZZ_SLOT_COUNT starts with the
 * capability named; the rest are scratch space for what the fuzzer makes.
 * The capabilities its own PCB runs on (root node, address space, IPC
 * buffer, resolver) are held by the supervisor; the slots here hold copies,
 * so the fuzzer can remove or revoke them without losing the ground under
 * its feet (it still can, rarely: by suspending or reconfiguring itself).
 */
#define FUZZ_ROOT_RADIX 6
#define FUZZ_NODE_RADIX 4
#define FUZZ_SMALL_NODE_RADIX 1

enum fuzz_slot {
    FUZZ_SLOT_NONE = 0,
    FUZZ_SLOT_ROOT,                 /* the root node itself */
    FUZZ_SLOT_PROCESS,              /* the fuzzer's own PCB */
    FUZZ_SLOT_ADDRESS_SPACE,        /* its own address space */
    FUZZ_SLOT_IPC_BUFFER,           /* its own IPC buffer frame */
    FUZZ_SLOT_GENERIC,              /* FUZZ_GENERIC_BITS of memory */
    FUZZ_SLOT_NODE,                 /* radix FUZZ_NODE_RADIX; the partner receives here */
    FUZZ_SLOT_SMALL_NODE,           /* radix FUZZ_SMALL_NODE_RADIX */
    FUZZ_SLOT_SERVED_PORT,          /* the partner receives on it */
    FUZZ_SLOT_SERVED_PORT_BADGED,   /* a badged copy of it */
    FUZZ_SLOT_PORT,                 /* nobody receives here but the fuzzer */
    FUZZ_SLOT_PARTNER_RESOLVER,     /* the partner's faults arrive here */
    FUZZ_SLOT_NOTIFICATION,
    FUZZ_SLOT_NOTIFICATION_BADGED,
    FUZZ_SLOT_FRAME,
    FUZZ_SLOT_FRAME_SPARE,
    FUZZ_SLOT_FRAME_READ_ONLY,      /* minted: read only */
    FUZZ_SLOT_CODE_FRAME,           /* a page of init's code: read and execute only */
    FUZZ_SLOT_PAGE_TABLE_LOW,       /* depth 1 */
    FUZZ_SLOT_PAGE_TABLE_HIGH,      /* depth levels - 1 */
    FUZZ_SLOT_SPARE_ADDRESS_SPACE,
    FUZZ_SLOT_INTERRUPT_PORT,       /* on a spare line */
    FUZZ_SLOT_INTERRUPT_PORT_UNUSED, /* without a line */
    FUZZ_SLOT_PARTNER,              /* the partner's PCB */
    FUZZ_SLOT_PARTNER_IPC_BUFFER,
    FUZZ_SLOT_IO_PORT,              /* one harmless port where the machine has I/O ports */
    FUZZ_SLOT_TIMER,                /* bound to the badged notification */
    FUZZ_SLOT_COUNT,
};

/* The fuzzer's own Generic. */
#define FUZZ_GENERIC_BITS 20

/*
 * Addresses in the fuzzer's address space. Init's code and read-only data
 * are mapped where they are in init, and so are the shared page and the
 * stacks (pages of init's data set aside for the fuzzer); nothing else of
 * init is. FUZZ_PLAYGROUND is where the fuzzer maps what it likes.
 */
#define FUZZ_IPC_BUFFER_ADDRESS 0x10000000ul
#define FUZZ_PARTNER_IPC_BUFFER_ADDRESS 0x10001000ul
#define FUZZ_PLAYGROUND 0x20000000ul
#define FUZZ_PLAYGROUND_PAGES 64

/*
 * The page the supervisor and a fuzzer share. The fuzzer is untrusted: the
 * supervisor only reads `calls` and `gave_up`, and bounds what it believes.
 */
struct fuzz_shared {
    /* Supervisor → fuzzer, before it starts. */
    a9n_word_t seed;
    a9n_word_t paging_levels;
    a9n_word_t interrupt_lines;
    a9n_word_t io_port; /* the port FUZZ_SLOT_IO_PORT covers */
    /* Fuzzer → supervisor. */
    volatile a9n_word_t calls;
    volatile a9n_word_t gave_up;
};

/* The fuzzer thread: `shared` is the address of the struct fuzz_shared. */
void fuzzer_main(a9n_word_t shared);

/* Its IPC partner, a server on FUZZ_SLOT_SERVED_PORT: `seed` drives its replies. */
void fuzzer_partner_main(a9n_word_t seed);

#endif
