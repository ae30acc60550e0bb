/*
 * Sample statistics for the benchmarks. Heap sort: O(n log n) without
 * recursion or extra memory, fine for 10,000 samples under TCG.
 */
#include "measure.h"

#include <liba9n/counter.h>
#include <liba9n/debug.h>

uint64_t bench_samples[BENCH_SAMPLES];

static void sift_down(uint64_t *values, unsigned start, unsigned end)
{
    unsigned root = start;
    while (2 * root + 1 < end) {
        unsigned child = 2 * root + 1;
        if (child + 1 < end && values[child] < values[child + 1])
            child++;
        if (values[root] >= values[child])
            return;
        uint64_t swap = values[root];
        values[root] = values[child];
        values[child] = swap;
        root = child;
    }
}

static void heap_sort(uint64_t *values, unsigned count)
{
    for (unsigned start = count / 2; start-- > 0;)
        sift_down(values, start, count);
    for (unsigned end = count; end-- > 1;) {
        uint64_t swap = values[0];
        values[0] = values[end];
        values[end] = swap;
        sift_down(values, 0, end);
    }
}

struct bench_summary bench_summarise(unsigned count)
{
    heap_sort(bench_samples, count);
    return (struct bench_summary){ bench_samples[count / 2], bench_samples[0],
                                   bench_samples[count - 1] };
}

uint64_t bench_overhead(void)
{
    for (unsigned i = 0; i < BENCH_SAMPLES; i++) {
        uint64_t start = a9n_read_counter();
        uint64_t end = a9n_read_counter();
        bench_samples[i] = end - start;
    }
    return bench_summarise(BENCH_SAMPLES).median;
}

void bench_report(const char *name, struct bench_summary summary, unsigned count)
{
    a9n_debug_puts("bench: ");
    a9n_debug_puts(name);
    a9n_debug_puts("|");
    a9n_debug_put_unsigned(summary.median);
    a9n_debug_puts("|");
    a9n_debug_put_unsigned(summary.min);
    a9n_debug_puts("|");
    a9n_debug_put_unsigned(summary.max);
    a9n_debug_puts("|");
    a9n_debug_put_unsigned(count);
    a9n_debug_puts("\n");
}
