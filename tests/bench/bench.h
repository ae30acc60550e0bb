/*
 * Benchmarks: functions registered with BENCHMARK(name) in any file of the
 * benchmark init. Each fills bench_samples with BENCH_SAMPLES measurements
 * (counter ticks minus the measurement overhead) after BENCH_WARMUP rounds
 * and returns how many it took; the runner summarises and prints them.
 */
#ifndef BENCH_H
#define BENCH_H

#include <a9n/init_info.h>
#include <liba9n/counter.h>

#include "measure.h"

struct benchmark {
    const char *name;
    unsigned (*run)(uint64_t overhead);
};

#define BENCHMARK(bench_name)                                                          \
    static unsigned bench_name(uint64_t overhead);                                      \
    static const struct benchmark bench_name##_registration                             \
        __attribute__((section("a9n_benchmarks"), used, aligned(sizeof(void *)))) = {  \
            #bench_name, bench_name                                                     \
        };                                                                              \
    static unsigned bench_name(uint64_t overhead)

/*
 * The common loop: `operation` is measured, `between` runs unmeasured
 * after each round (to undo what the operation did).
 */
#define BENCH_MEASURE_LOOP(overhead, operation, between)                               \
    do {                                                                               \
        for (unsigned round_ = 0; round_ < BENCH_WARMUP + BENCH_SAMPLES; round_++) {   \
            uint64_t start_ = a9n_read_counter();                                      \
            operation;                                                                 \
            uint64_t end_ = a9n_read_counter();                                        \
            between;                                                                   \
            if (round_ >= BENCH_WARMUP)                                                \
                bench_samples[round_ - BENCH_WARMUP] = end_ - start_ - (overhead);     \
        }                                                                              \
    } while (0)

/* A Generic of at least 2^BENCH_GENERIC_BITS bytes for benchmarks to convert from. */
#define BENCH_GENERIC_BITS 22
a9n_word_t bench_generic(void);

/* Free root-node slots for benchmarks (reclaimed after each benchmark). */
a9n_word_t bench_slot(void);

/* One object of `type` converted from the benchmark Generic into a fresh slot. */
a9n_word_t bench_make(enum a9n_capability_type type, a9n_word_t parameter);

/* Descriptor of root-node slot `index`. */
#define BENCH_SLOT(index) a9n_init_slot(index)

#endif
