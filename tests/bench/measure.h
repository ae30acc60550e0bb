/*
 * Measuring one operation many times: samples, the cost of the measurement
 * itself, and the summary printed as one table row.
 */
#ifndef BENCH_MEASURE_H
#define BENCH_MEASURE_H

#include <stdint.h>

#define BENCH_SAMPLES 10000
#define BENCH_WARMUP 1000

struct bench_summary {
    uint64_t median, min, max;
};

/* Samples of one benchmark, filled by the benchmark's loop. */
extern uint64_t bench_samples[BENCH_SAMPLES];

/* Median counter difference of two back-to-back reads: subtracted from every sample. */
uint64_t bench_overhead(void);

/* Sort the first `count` samples and summarise them. */
struct bench_summary bench_summarise(unsigned count);

/* Print "bench: NAME|median|min|max|count" for ci/bench.sh to tabulate. */
void bench_report(const char *name, struct bench_summary summary, unsigned count);

#endif
