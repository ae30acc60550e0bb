/*
 * A fuzzer's world (world.c): its root node filled as enum fuzz_slot says,
 * its address space with init's image and a set of lent pages, a keep
 * node of what it must not reach, and its two threads. Built by the lone
 * fuzzer's test (fuzz.c) and, several at once, by the fuzz processes'
 * (processes.c); also the kernel health check both end with.
 */
#ifndef SYSTEM_TEST_FUZZ_WORLD_H
#define SYSTEM_TEST_FUZZ_WORLD_H

#include <stdbool.h>

#include <liba9n/memory.h>

#include "fuzz.h"

/*
 * The supervisor's node for one fuzzer: the capabilities the fuzzer's PCB
 * runs on and the mapping capabilities of its address space, out of its
 * reach. Frames mapped there take slots from FUZZ_KEEP_FIRST_FRAME, their
 * page tables the upper half.
 */
#define FUZZ_KEEP_RADIX 8
enum fuzz_keep_slot {
    FUZZ_KEEP_ROOT,
    FUZZ_KEEP_PROCESS,
    FUZZ_KEEP_ADDRESS_SPACE,
    FUZZ_KEEP_IPC_BUFFER,
    FUZZ_KEEP_RESOLVER,
    FUZZ_KEEP_RESOLVER_BADGED,
    FUZZ_KEEP_FIRST_FRAME,
};

struct fuzz_world {
    /* Set by the caller. */
    unsigned lent;           /* which set of lent pages: 0 .. FUZZ_PROCESSES - 1 */
    a9n_word_t generic;      /* descriptor of the Generic the world is made from */
    a9n_word_t generic_bits; /* of the fuzzer's own Generic */
    a9n_word_t slot_count;   /* of its layout: FUZZ_SLOT_COUNT or FUZZ_PROCESS_SLOT_COUNT */
    a9n_word_t keep_slot;    /* root slot of the keep node */
    /* Set by fuzz_world_build. */
    a9n_word_t keep_node;
    a9n_word_t root;         /* the fuzzer's root node, seen from init */
    a9n_word_t next_frame;
    struct a9n_page_table_supply tables;
};

/*
 * Build the world from w->generic: every slot of the lone fuzzer's layout
 * (a fuzz process's further slots are the caller's), the address space,
 * the shared page with `seed`. Threads are not started.
 */
enum a9n_error fuzz_world_build(struct fuzz_world *w, a9n_word_t seed);

/* Start the partner and the fuzzer, at init's priority. */
enum a9n_error fuzz_world_start(const struct fuzz_world *w);

/* Where the step that failed is, after an error of fuzz_world_build or fuzz_world_start. */
const char *fuzz_world_failed_file(void);
int fuzz_world_failed_line(void);

/* Descriptor of slot `slot` of the keep node, and of the fuzzer's root node. */
a9n_word_t fuzz_world_keep(const struct fuzz_world *w, a9n_word_t slot);
a9n_word_t fuzz_world_slot(const struct fuzz_world *w, a9n_word_t slot);

/* The pages the world's fuzzer writes its count and coverage into. */
volatile struct fuzz_shared *fuzz_world_shared(const struct fuzz_world *w);

/*
 * Take one fault report off the fuzzer's resolver, if there is one: an
 * unknown kernel call is answered (the fuzzer resumes after it), any other
 * fault means the fuzzer is stuck.
 */
enum fuzz_fault { FUZZ_NO_FAULT, FUZZ_UNKNOWN_CALL_ANSWERED, FUZZ_FAULTED };
enum fuzz_fault fuzz_world_take_fault(const struct fuzz_world *w);

/*
 * A fuzzer's count since the supervisor last read it: believed while it
 * grows by at most one time slice's worth of calls per look.
 */
bool fuzz_calls_plausible(a9n_word_t counted, a9n_word_t calls);

/* Each fuzzer gets a seed derived from its predecessor's (an LCG step, never 0 for xorshift). */
a9n_word_t fuzz_next_seed(a9n_word_t seed);

/* Whether the machine has the I/O port FUZZ_SLOT_IO_PORT covers (x86_64's POST port). */
bool fuzz_world_has_io_port(void);

/*
 * After the fuzzers are gone: the whole test Generic is free again (nothing
 * they made survived the revoke), IPC and notifications still work. Fails
 * the running test through CHECKs.
 */
void fuzz_check_kernel_healthy(void);

#endif
