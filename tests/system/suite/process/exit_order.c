/* Threads exiting in a given order, and what each exit must leave (exit_order.h). */
#include "exit_order.h"

#include <liba9n/kernel_call.h>
#include <liba9n/notification.h>
#include <liba9n/timer.h>

#include "../../check.h"

#define MS 1000000ull
/* Sleeps (a tick or two each) a thread may need to show it runs, on a loaded host. */
#define SLEEPS_LIMIT 200

static volatile a9n_word_t counts[EXIT_ORDER_THREADS], told[EXIT_ORDER_THREADS],
    exiting[EXIT_ORDER_THREADS];
static volatile a9n_word_t witness_runs;

void exit_order_reset(void)
{
    for (unsigned i = 0; i < EXIT_ORDER_THREADS; i++)
        counts[i] = told[i] = exiting[i] = 0;
    witness_runs = 0;
}

_Noreturn void exit_order_participant(a9n_word_t index)
{
    while (!told[index]) {
        counts[index]++;
        a9n_yield();
    }
    exiting[index] = 1;
    a9n_thread_exit();
}

_Noreturn void exit_order_witness(a9n_word_t unused)
{
    (void)unused;
    for (;;) {
        witness_runs++;
        a9n_yield();
    }
}

static void sleep_a_while(const struct exit_order_sleeper *sleeper)
{
    a9n_timer_arm(sleeper->timer, a9n_timer_read(sleeper->timer).value + 10 * MS);
    a9n_notification_wait(sleeper->port);
}

/* Sleep until every participant not yet told has counted past `since` (false: one never did). */
static bool others_count_on(const struct exit_order_sleeper *sleeper,
                            const a9n_word_t since[EXIT_ORDER_THREADS])
{
    for (unsigned sleeps = 0; sleeps < SLEEPS_LIMIT; sleeps++) {
        sleep_a_while(sleeper);
        bool all = true;
        for (unsigned i = 0; i < EXIT_ORDER_THREADS; i++)
            all = all && (told[i] || counts[i] > since[i] + 2);
        if (all)
            return true;
    }
    return false;
}

void exit_order_check(const struct exit_order_sleeper *sleeper,
                      const unsigned order[EXIT_ORDER_THREADS])
{
    for (unsigned step = 0; step < EXIT_ORDER_THREADS; step++) {
        unsigned leaving = order[step];
        told[leaving] = 1;
        for (unsigned sleeps = 0; sleeps < SLEEPS_LIMIT && !exiting[leaving]; sleeps++)
            sleep_a_while(sleeper);
        CHECK_EQUAL(exiting[leaving], 1);
        a9n_word_t counted[EXIT_ORDER_THREADS];
        for (unsigned i = 0; i < EXIT_ORDER_THREADS; i++)
            counted[i] = counts[i];
        CHECK(others_count_on(sleeper, counted));
        CHECK_EQUAL(counts[leaving], counted[leaving]);
        /* While one of them is ready, the witness below them never runs. */
        if (step + 1 < EXIT_ORDER_THREADS)
            CHECK_EQUAL(witness_runs, 0);
    }
    for (unsigned sleeps = 0; sleeps < SLEEPS_LIMIT && witness_runs == 0; sleeps++)
        sleep_a_while(sleeper);
    CHECK(witness_runs > 0);
}
