/* Benchmarks of plain kernel calls: the cheapest round trips and the error path. */
#include <liba9n/kernel_call.h>
#include <liba9n/node.h>
#include <liba9n/notification.h>

#include "bench.h"

BENCHMARK(yield_no_other_thread)
{
    BENCH_MEASURE_LOOP(overhead, a9n_yield(), (void)0);
    return BENCH_SAMPLES;
}

BENCHMARK(capability_call_invalid_descriptor)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    /* Depth 57 is beyond the descriptor's path: refused by the first check. */
    BENCH_MEASURE_LOOP(overhead, a9n_capability_call(a9n_descriptor(57, 0), A9N_NODE_COPY, mr),
                       (void)0);
    return BENCH_SAMPLES;
}

/*
 * An operation of another type with a number IPC call or reply-receive
 * once had (poll is 3): the kernel-call entry must not send it into the
 * IPC fast path, which would leave only after looking the target up.
 */
BENCHMARK(notification_poll_nothing_pending)
{
    a9n_word_t port = bench_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    BENCH_MEASURE_LOOP(overhead, a9n_notification_poll(BENCH_SLOT(port)), (void)0);
    return BENCH_SAMPLES;
}

BENCHMARK(generic_convert_one_frame)
{
    a9n_word_t slot = bench_slot();
    /* Removing the frame leaves the Generic childless: the next convert starts at its base. */
    BENCH_MEASURE_LOOP(overhead,
                       a9n_generic_convert(bench_generic(), A9N_CAPABILITY_FRAME, 0, 1,
                                           a9n_descriptor(0, 0), slot),
                       a9n_node_remove(a9n_descriptor(0, 0), slot));
    return BENCH_SAMPLES;
}
