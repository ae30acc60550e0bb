/*
 * The fuzzers' coverage report (coverage.c): the supervisor adds up the
 * tallies the fuzzers kept in their shared pages (fuzz.h) and prints, per
 * capability type and operation, how often each error came back.
 */
#ifndef SYSTEM_TEST_FUZZ_COVERAGE_H
#define SYSTEM_TEST_FUZZ_COVERAGE_H

#include <stdbool.h>

#include "fuzz.h"

struct fuzz_coverage {
    fuzz_coverage_t counts;
    /*
     * Error codes outside enum a9n_error: a kernel bug where no other
     * thread can write the caller's registers (the lone fuzzer); a fuzz
     * process's peers can write them after the kernel stored a result.
     */
    a9n_word_t unknown_errors;
    a9n_word_t discarded;      /* tallies not believed: more counts than calls */
};

void fuzz_coverage_clear(struct fuzz_coverage *coverage);

/*
 * Add the tally of a fuzzer that is gone and made `calls` calls as far as
 * the supervisor believes; a tally with more counts than that is dropped.
 */
void fuzz_coverage_add(struct fuzz_coverage *coverage, const volatile struct fuzz_shared *shared,
                       a9n_word_t calls);

/* How often operation `operation` of `type` returned `error`. */
a9n_word_t fuzz_coverage_count(const struct fuzz_coverage *coverage, unsigned type,
                               unsigned operation, enum a9n_error error);

/*
 * Whether a (type, operation) pair exists in the kernel and can be reached
 * from the layout of `slot_count` slots on this machine.
 */
bool fuzz_coverage_pair_exists(unsigned slot_count, unsigned type, unsigned operation);

/*
 * The summary: `<prefix> coverage: N of M (type, operation) pairs reached,
 * K (type, operation, error) triples` (of the pairs that exist), and how
 * many calls went to other targets or undefined operation numbers.
 */
void fuzz_coverage_print(const struct fuzz_coverage *coverage, unsigned slot_count,
                         const char *prefix);

/* The table: one line per pair that exists, with its calls and the errors it returned. */
void fuzz_coverage_print_table(const struct fuzz_coverage *coverage, unsigned slot_count,
                               const char *prefix);

/* The names the report uses. */
const char *fuzz_coverage_type_name(unsigned type);
const char *fuzz_coverage_error_name(enum a9n_error error);

#endif
