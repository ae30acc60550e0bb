/*
 * ULMM benchmarks, a KOITO program (image koito-bench: KOITO init, ULMM
 * and this): instructions for one frame allocation + mapping through
 * ULMM, for its free, and for one kernel-object allocation, each an IPC
 * round trip to ULMM and the work there. Printed in ci/bench.sh's
 * "bench: name|median|min|max|count" format.
 */
#include <a9n/paging.h>
#include <liba9n/app.h>
#include <liba9n/counter.h>
#include <liba9n/debug.h>
#include <liba9n/ulmm.h>

#include "../measure.h"

static const struct a9n_app_info *app;
static const struct ulmm_client *ulmm;

#define RW (A9N_MAP_READ | A9N_MAP_WRITE)

/* Every round: measured = what the name says, the rest undoes it unmeasured. */
static void frame_allocate_and_map(uint64_t overhead)
{
    for (unsigned round = 0; round < BENCH_WARMUP + BENCH_SAMPLES; round++) {
        uint64_t start = a9n_read_counter();
        struct ulmm_result page = ulmm_map(ulmm, 0, app->free_base, RW, 0);
        uint64_t end = a9n_read_counter();
        ulmm_free(ulmm, page.handle);
        if (round >= BENCH_WARMUP)
            bench_samples[round - BENCH_WARMUP] = end - start - overhead;
    }
}

static void frame_free(uint64_t overhead)
{
    for (unsigned round = 0; round < BENCH_WARMUP + BENCH_SAMPLES; round++) {
        struct ulmm_result page = ulmm_map(ulmm, 0, app->free_base, RW, 0);
        uint64_t start = a9n_read_counter();
        ulmm_free(ulmm, page.handle);
        uint64_t end = a9n_read_counter();
        if (round >= BENCH_WARMUP)
            bench_samples[round - BENCH_WARMUP] = end - start - overhead;
    }
}

static void object_allocate(uint64_t overhead)
{
    for (unsigned round = 0; round < BENCH_WARMUP + BENCH_SAMPLES; round++) {
        uint64_t start = a9n_read_counter();
        struct ulmm_result object = ulmm_alloc_object(ulmm, A9N_CAPABILITY_NOTIFICATION_PORT, 0,
                                                      app->first_free_slot);
        uint64_t end = a9n_read_counter();
        ulmm_free(ulmm, object.handle);
        if (round >= BENCH_WARMUP)
            bench_samples[round - BENCH_WARMUP] = end - start - overhead;
    }
}

/* With another object of the size held, the slab stays: the common case. */
static void object_allocate_slab_in_use(uint64_t overhead)
{
    struct ulmm_result keeper = ulmm_alloc_object(ulmm, A9N_CAPABILITY_NOTIFICATION_PORT, 0,
                                                  app->first_free_slot + 1);
    object_allocate(overhead);
    ulmm_free(ulmm, keeper.handle);
}

static void statistics_round_trip(uint64_t overhead)
{
    for (unsigned round = 0; round < BENCH_WARMUP + BENCH_SAMPLES; round++) {
        uint64_t start = a9n_read_counter();
        ulmm_statistics(ulmm);
        uint64_t end = a9n_read_counter();
        if (round >= BENCH_WARMUP)
            bench_samples[round - BENCH_WARMUP] = end - start - overhead;
    }
}

static void run(const char *name, void (*benchmark)(uint64_t), uint64_t overhead)
{
    benchmark(overhead);
    bench_report(name, bench_summarise(BENCH_SAMPLES), BENCH_SAMPLES);
}

int main(void)
{
    app = a9n_app_info();
    ulmm = ulmm_self();
    uint64_t overhead = bench_overhead();
    run("ulmm frame alloc + map (IPC)", frame_allocate_and_map, overhead);
    run("ulmm frame free (unmap, IPC)", frame_free, overhead);
    run("ulmm object alloc, slab in use (IPC)", object_allocate_slab_in_use, overhead);
    run("ulmm object alloc, new slab (IPC)", object_allocate, overhead);
    run("ulmm statistics (IPC round trip)", statistics_round_trip, overhead);
    a9n_app_exit(0);
}
