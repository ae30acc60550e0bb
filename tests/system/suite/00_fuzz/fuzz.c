/*
 * SPEC §8: a fuzzer issues a million random kernel calls — random call
 * numbers, descriptors, operations and arguments in every MR and in its IPC
 * buffer — in a world of its own (root node, Generic, nodes, ports, frames,
 * page tables, address spaces, an interrupt port, an IPC partner; nothing
 * of init's). Init is its resolver and supervisor: a fuzzer that faults,
 * blocks for ever, suspends or cuts itself off is torn down by revoking
 * everything it had, and a fresh one continues the count. This directory
 * sorts first, so every other test of the suite runs afterwards in the
 * same boot, on the kernel the fuzzer left behind (the fuzz processes'
 * test, processes.c, right after this one).
 */
#include "../framework/system_test.h"
#include "coverage.h"
#include "world.h"
#include "fuzz.h"

#define FUZZ_TEST_NAME "fuzz_a_million_random_kernel_calls_leave_the_kernel_healthy"
#ifdef A9N_CHECKED
/*
 * The checked kernel checks every invariant at each kernel entry and exit,
 * some 10^5 times slower per call (docs/checked-build.md): fewer calls,
 * the count printed with the seed.
 */
#define FUZZ_CALLS 20000ul
#else
#define FUZZ_CALLS 1000000ul
#endif
#define FUZZ_SEED 0x2545f4914f6cdd1dul

/* Rounds of yields without a single call: the fuzzer is blocked, suspended or demoted. */
#define STALL_ROUNDS 16
/* Fuzzers in a row that made no call at all: something is wrong with the set-up. */
#define BARREN_FUZZERS 16

enum fuzz_end { END_DONE, END_STALLED, END_FAULTED, END_GAVE_UP, END_MISCOUNTED, END_COUNT };

struct fuzz_totals {
    a9n_word_t calls;
    a9n_word_t fuzzers;
    a9n_word_t unknown_calls; /* unknown-kernel-call faults answered */
    a9n_word_t ends[END_COUNT];
};

/* The tally of every fuzzer of the test. */
static struct fuzz_coverage coverage;
/* Where the step that failed is: here or in world.c. */
static const char *failed_file;
static int failed_line;

/*
 * Watch one fuzzer until the total is reached or it stops making progress;
 * answer its unknown-kernel-call faults (it resumes after the call). Its
 * count is only believed while it grows plausibly.
 */
static enum fuzz_end supervise(const struct fuzz_world *w, struct fuzz_totals *totals)
{
    volatile struct fuzz_shared *shared = fuzz_world_shared(w);
    a9n_word_t counted = 0;
    unsigned idle = 0;

    for (;;) {
        enum fuzz_fault fault = fuzz_world_take_fault(w);
        if (fault == FUZZ_UNKNOWN_CALL_ANSWERED)
            totals->unknown_calls++;
        else if (fault == FUZZ_NO_FAULT)
            a9n_yield();
        a9n_word_t calls = shared->calls;
        if (!fuzz_calls_plausible(counted, calls))
            return END_MISCOUNTED;
        idle = calls == counted ? idle + 1 : 0;
        totals->calls += calls - counted;
        counted = calls;
        if (totals->calls >= FUZZ_CALLS)
            return END_DONE;
        if (fault == FUZZ_FAULTED)
            return END_FAULTED;
        if (shared->gave_up)
            return END_GAVE_UP;
        if (idle == STALL_ROUNDS)
            return END_STALLED;
    }
}

/* Run fuzzers until FUZZ_CALLS; the error (and where) of a world that could not be built. */
static enum a9n_error run_fuzzers(struct fuzz_totals *totals)
{
    const a9n_word_t test_generic_slot = a9n_descriptor_path(system_test_generic());
    struct fuzz_world w = {
        .generic = system_test_generic(),
        .generic_bits = FUZZ_GENERIC_BITS,
        .slot_count = FUZZ_SLOT_COUNT,
        .keep_slot = system_test_slot(),
    };
    a9n_word_t seed = FUZZ_SEED;
    unsigned barren = 0;
    enum fuzz_end end;

    do {
        a9n_word_t before = totals->calls;
        seed = fuzz_next_seed(seed);
        enum a9n_error error = fuzz_world_build(&w, seed);
        if (error == A9N_ERROR_NONE)
            error = fuzz_world_start(&w);
        if (error != A9N_ERROR_NONE) {
            failed_file = fuzz_world_failed_file();
            failed_line = fuzz_world_failed_line();
            return error;
        }
        totals->fuzzers++;
        end = supervise(&w, totals);
        /* Fuzzers that cannot even start would otherwise be restarted for ever. */
        barren = totals->calls == before ? barren + 1 : 0;
        totals->ends[end]++;
        /*
         * Everything of the fuzzer's came from the test's Generic: revoking it
         * destroys the lot, whatever state the fuzzer left it in, and the
         * next world is built from its base again: anything that survived
         * shows up there (an occupied slot, a Generic without room).
         */
        error = a9n_node_revoke(SYSTEM_TEST_ROOT, test_generic_slot);
        if (error != A9N_ERROR_NONE) {
            failed_file = __FILE__;
            failed_line = __LINE__;
            return error;
        }
        /* Gone, the fuzzer no longer writes its tally. */
        fuzz_coverage_add(&coverage, fuzz_world_shared(&w), totals->calls - before);
    } while (end != END_DONE && barren < BARREN_FUZZERS);
    return A9N_ERROR_NONE;
}

static void put_count(const char *label, a9n_word_t value)
{
    a9n_debug_puts(label);
    a9n_debug_put_unsigned(value);
}

SYSTEM_TEST(fuzz_a_million_random_kernel_calls_leave_the_kernel_healthy)
{
    struct fuzz_totals totals = { 0 };

    /* The seed first: should the kernel die, the log says how to get there again. */
    a9n_debug_puts("\nfuzz: seed ");
    a9n_debug_put_hex(FUZZ_SEED);
    put_count(", calls ", FUZZ_CALLS);
    a9n_debug_puts("\ntest " FUZZ_TEST_NAME);
    fuzz_coverage_clear(&coverage);
    enum a9n_error error = run_fuzzers(&totals);

    put_count("\nfuzz: ", totals.calls);
    put_count(" calls by ", totals.fuzzers);
    put_count(" fuzzers (stalled ", totals.ends[END_STALLED]);
    put_count(", faulted ", totals.ends[END_FAULTED]);
    put_count(", gave up ", totals.ends[END_GAVE_UP]);
    put_count(", miscounted ", totals.ends[END_MISCOUNTED]);
    put_count("), unknown-call faults ", totals.unknown_calls);
    a9n_debug_puts("\n");
    fuzz_coverage_print(&coverage, FUZZ_SLOT_COUNT, "fuzz");
    /* Kernel diagnostics (threads the fuzzers left without a resolver) broke the test's line. */
    a9n_debug_puts("test " FUZZ_TEST_NAME);
    if (error != A9N_ERROR_NONE) {
        test_check_failed(failed_file, failed_line,
                         "a fuzzer's world could be built and revoked", error, A9N_ERROR_NONE);
        return;
    }
    CHECK(totals.calls >= FUZZ_CALLS);
    CHECK_EQUAL(coverage.unknown_errors, 0);
    fuzz_check_kernel_healthy();
}
