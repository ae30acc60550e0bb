/*
 * a9n_thread_exit stops the calling thread and no other, whichever thread
 * calls it and in whichever order: three threads of init's program exit
 * in each of the six orders (exit_order.h has the checks) while init's
 * first thread, which runs the test, keeps going. The first thread of a
 * KOITO program exiting first, between and last is tested by
 * tests/system/koito/thread_exit.c.
 */
#include <liba9n/timer.h>

#include "exit_order.h"
#include "threads.h"

#define PARTICIPANT_PRIORITY (TEST_PRIORITY_INIT - 1)
#define WITNESS_PRIORITY (TEST_PRIORITY_INIT - 2)

static void exit_in_order(const struct exit_order_sleeper *sleeper,
                          const unsigned order[EXIT_ORDER_THREADS])
{
    a9n_word_t process, witness;
    exit_order_reset();
    for (unsigned i = 0; i < EXIT_ORDER_THREADS; i++)
        CHECK_EQUAL(test_thread_start(exit_order_participant, i, PARTICIPANT_PRIORITY, NULL,
                                      &process),
                    A9N_ERROR_NONE);
    CHECK_EQUAL(test_thread_start(exit_order_witness, 0, WITNESS_PRIORITY, NULL, &witness),
                A9N_ERROR_NONE);
    exit_order_check(sleeper, order);
    /* The next order's threads take the pool's stacks again. */
    CHECK_EQUAL(a9n_process_suspend(system_test_descriptor(witness)), A9N_ERROR_NONE);
}

SYSTEM_TEST(process_thread_exit_stops_only_the_calling_thread_in_every_order)
{
    static const unsigned orders[][EXIT_ORDER_THREADS] = {
        { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
    };
    struct exit_order_sleeper sleeper = {
        .timer = system_test_descriptor(system_test_make(A9N_CAPABILITY_TIMER, 0)),
        .port = system_test_descriptor(system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0)),
    };
    CHECK_EQUAL(a9n_timer_bind(sleeper.timer, sleeper.port, 1), A9N_ERROR_NONE);
    for (unsigned i = 0; i < sizeof(orders) / sizeof(orders[0]); i++)
        exit_in_order(&sleeper, orders[i]);
}
