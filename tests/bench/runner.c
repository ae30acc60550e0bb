/*
 * The benchmark init: measures the counter overhead, runs every registered
 * benchmark, prints one table row each and stops the machine.
 */
#include <a9n/init_info.h>
#include <liba9n/debug.h>
#include <liba9n/init.h>
#include <liba9n/node.h>

#include "bench.h"

extern const struct benchmark __start_a9n_benchmarks[];
extern const struct benchmark __stop_a9n_benchmarks[];

#define BENCH_GENERIC_SLOT A9N_INIT_SLOT_FIRST_FREE
#define FIRST_BENCH_SLOT (BENCH_GENERIC_SLOT + 1)

static a9n_word_t next_slot = FIRST_BENCH_SLOT;

a9n_word_t bench_generic(void)
{
    return a9n_init_slot(BENCH_GENERIC_SLOT);
}

a9n_word_t bench_slot(void)
{
    if (next_slot >= (1u << A9N_INIT_ROOT_RADIX)) {
        a9n_debug_puts("bench: out of root slots\n");
        a9n_debug_exit(2);
    }
    return next_slot++;
}

a9n_word_t bench_make(enum a9n_capability_type type, a9n_word_t parameter)
{
    a9n_word_t slot = bench_slot();
    if (a9n_generic_convert(bench_generic(), type, parameter, 1, a9n_descriptor(0, 0), slot) !=
        A9N_ERROR_NONE) {
        a9n_debug_puts("bench: cannot make an object\n");
        a9n_debug_exit(2);
    }
    return slot;
}

/* Carve the benchmarks' Generic out of init's largest one. */
static bool make_bench_generic(void)
{
    const struct a9n_init_info *info = a9n_init_info();
    unsigned largest = 0;
    if (info == NULL || info->generic_count == 0)
        return false;
    for (unsigned i = 1; i < info->generic_count; i++) {
        if (info->generics[i].size_bits > info->generics[largest].size_bits)
            largest = i;
    }
    a9n_word_t source = a9n_init_child_slot(A9N_INIT_SLOT_GENERIC_NODE,
                                            info->node_radix[A9N_INIT_SLOT_GENERIC_NODE], largest);
    return a9n_generic_convert(source, A9N_CAPABILITY_GENERIC, BENCH_GENERIC_BITS, 1,
                               a9n_descriptor(0, 0), BENCH_GENERIC_SLOT) == A9N_ERROR_NONE;
}

static void reclaim(void)
{
    a9n_node_revoke(a9n_descriptor(0, 0), BENCH_GENERIC_SLOT);
    for (a9n_word_t slot = FIRST_BENCH_SLOT; slot < next_slot; slot++)
        a9n_node_remove(a9n_descriptor(0, 0), slot);
    next_slot = FIRST_BENCH_SLOT;
}

int main(void)
{
    const struct a9n_init_info *info = a9n_init_info();
    if (info == NULL || !make_bench_generic()) {
        a9n_debug_puts("bench: cannot set up (no init info or Generic)\n");
        a9n_debug_exit(2);
    }
    a9n_debug_puts("bench: arch ");
    a9n_debug_puts(info->arch);
    a9n_debug_puts("\n");

    uint64_t overhead = bench_overhead();
    a9n_debug_puts("bench: counter overhead ");
    a9n_debug_put_unsigned(overhead);
    a9n_debug_puts("\n");
    for (const struct benchmark *benchmark = __start_a9n_benchmarks;
         benchmark < __stop_a9n_benchmarks; benchmark++) {
        unsigned count = benchmark->run(overhead);
        bench_report(benchmark->name, bench_summarise(count), count);
        reclaim();
    }
    a9n_debug_puts("bench: done\n");
    a9n_debug_exit(0);
}
