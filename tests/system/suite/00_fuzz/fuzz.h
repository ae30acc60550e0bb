/*
 * The kernel-call fuzzers (SPEC §8): what the supervising tests (fuzz.c,
 * processes.c), the worlds they build (world.c) and the fuzzer threads
 * (fuzzer.c) agree on — the fuzzer's root-node layout, where things are
 * mapped in its address space, and the pages it shares with init.
 */
#ifndef SYSTEM_TEST_FUZZ_H
#define SYSTEM_TEST_FUZZ_H

#include <stdint.h>

#include <a9n/capability.h>
#include <a9n/error.h>
#include <a9n/types.h>
#include <a9n_arch.h>

/* Fuzz processes running at once in processes.c, each in a world of its own. */
#define FUZZ_PROCESSES 4

/*
 * The fuzzer's root node. Every slot below its layout's count starts with
 * the capability named; the rest are scratch space for what the fuzzer
 * makes. The capabilities its own PCB runs on (root node, address space,
 * IPC buffer, resolver) are held by the supervisor; the slots here hold
 * copies, so the fuzzer can remove or revoke them without losing the
 * ground under its feet (it still can, rarely: by suspending or
 * reconfiguring itself).
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
    FUZZ_SLOT_GENERIC,              /* the fuzzer's own Generic (fuzz_shared.generic_bits) */
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
    /* The lone fuzzer's layout ends here. */
    FUZZ_SLOT_COUNT,
    /*
     * A fuzz process's layout goes on: its peer is the next process (in a
     * ring), "shared" objects are the supervisor's and every process holds
     * a copy, "own" objects are converted from the process's own Generic
     * and its predecessor in the ring holds copies of them as "peer" ones.
     */
    FUZZ_SLOT_PEER_PROCESS = FUZZ_SLOT_COUNT,
    FUZZ_SLOT_PEER_ADDRESS_SPACE,
    FUZZ_SLOT_SHARED_PORT,
    FUZZ_SLOT_SHARED_PORT_BADGED,   /* badge: the process's number + 1 */
    FUZZ_SLOT_SHARED_NOTIFICATION,
    FUZZ_SLOT_SHARED_NOTIFICATION_BADGED, /* badge: 1 << the process's number */
    FUZZ_SLOT_SHARED_FRAME,
    FUZZ_SLOT_OWN_PORT,
    FUZZ_SLOT_OWN_NOTIFICATION,
    FUZZ_SLOT_OWN_FRAME,
    FUZZ_SLOT_PEER_PORT,
    FUZZ_SLOT_PEER_NOTIFICATION,
    FUZZ_SLOT_PEER_FRAME,
    FUZZ_PROCESS_SLOT_COUNT,
};

/* The lone fuzzer's own Generic, and a fuzz process's (smaller: four worlds share the test's). */
#define FUZZ_GENERIC_BITS 20
#define FUZZ_PROCESS_GENERIC_BITS 17

/*
 * Addresses in the fuzzer's address space. Init's code and read-only data
 * are mapped where they are in init, and so are the shared pages and the
 * stacks (pages of init's data set aside for the fuzzer); nothing else of
 * init is. FUZZ_PLAYGROUND is where the fuzzer maps what it likes.
 */
#define FUZZ_IPC_BUFFER_ADDRESS 0x10000000ul
#define FUZZ_PARTNER_IPC_BUFFER_ADDRESS 0x10001000ul
#define FUZZ_PLAYGROUND 0x20000000ul
#define FUZZ_PLAYGROUND_PAGES 64

/*
 * The coverage tally: capability calls by (type the target slot starts
 * with, operation, error returned). Operation 0 counts every number the
 * type does not define; type NONE every target that is not a layout slot.
 */
#define FUZZ_OPERATIONS 16
typedef uint32_t fuzz_coverage_t[A9N_CAPABILITY_TYPE_COUNT][FUZZ_OPERATIONS][A9N_ERROR_COUNT];

/*
 * The pages the supervisor and a fuzzer share. The fuzzer is untrusted:
 * the supervisor only reads what it wrote after the fuzzer is gone, and
 * bounds what it believes.
 */
struct fuzz_shared {
    /* Supervisor → fuzzer, before it starts. */
    a9n_word_t seed;
    a9n_word_t paging_levels;
    a9n_word_t interrupt_lines;
    a9n_word_t io_port;         /* the port FUZZ_SLOT_IO_PORT covers */
    a9n_word_t slot_count;      /* FUZZ_SLOT_COUNT, or FUZZ_PROCESS_SLOT_COUNT for a fuzz process */
    a9n_word_t generic_bits;    /* of FUZZ_SLOT_GENERIC */
    /* Fuzzer → supervisor. */
    volatile a9n_word_t calls;
    volatile a9n_word_t gave_up;
    /* Capability calls that returned an error code outside enum a9n_error. */
    a9n_word_t unknown_errors;
    fuzz_coverage_t coverage;
};

/* The type a slot of the layout starts with (NONE for scratch slots). */
unsigned fuzz_layout_type(unsigned slot);

/* The fuzzer thread: `shared` is the address of the struct fuzz_shared. */
void fuzzer_main(a9n_word_t shared);

/* Its IPC partner, a server on FUZZ_SLOT_SERVED_PORT: `seed` drives its replies. */
void fuzzer_partner_main(a9n_word_t seed);

#endif
