/*
 * System tests of the Timer object: the clock is monotonic and advances;
 * a bound, armed timer notifies after its deadline (never before it);
 * cancel and re-arm; a passed deadline fires at once; destroying an armed
 * timer is safe; bad requests are rejected.
 */
#include <liba9n/notification.h>
#include <liba9n/timer.h>

#include "../framework/system_test.h"

#define MS 1000000ull
#define BIT 0x4
/* Firing waits for the next 10 ms tick; allow for a slow, loaded emulator on top. */
#define LATE_LIMIT (1000 * MS)

static uint64_t now(a9n_word_t timer)
{
    return a9n_timer_read(timer).value;
}

/* Yield (nothing else runs: the kernel idles to the next tick) until `until`. */
static void spin_until(a9n_word_t timer, uint64_t until)
{
    while (now(timer) < until)
        a9n_yield();
}

/* A timer and a notification it is bound to with BIT; descriptors in *timer, *port. */
static void bound_timer(a9n_word_t *timer, a9n_word_t *port)
{
    *timer = system_test_descriptor(system_test_make(A9N_CAPABILITY_TIMER, 0));
    *port = system_test_descriptor(system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0));
    a9n_timer_bind(*timer, *port, BIT);
}

SYSTEM_TEST(timer_read_is_monotonic_and_advances)
{
    a9n_word_t timer = system_test_descriptor(system_test_make(A9N_CAPABILITY_TIMER, 0));
    struct a9n_word_result first = a9n_timer_read(timer);
    CHECK_EQUAL(first.error, A9N_ERROR_NONE);
    /* Booted a while ago, and not centuries. */
    CHECK(first.value > 0 && first.value < 3600 * 1000 * MS);
    uint64_t previous = first.value;
    for (unsigned i = 0; i < 1000; i++) {
        uint64_t t = now(timer);
        CHECK(t >= previous);
        previous = t;
    }
    /* It advances: 20 ms pass (two ticks at least). */
    spin_until(timer, first.value + 20 * MS);
    CHECK(now(timer) >= first.value + 20 * MS);
    /* Any Timer capability reads the clock, a read-only one too. */
    a9n_word_t clock = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, clock, timer, A9N_RIGHT_READ, 0), A9N_ERROR_NONE);
    struct a9n_word_result read = a9n_timer_read(system_test_descriptor(clock));
    CHECK_EQUAL(read.error, A9N_ERROR_NONE);
    CHECK(read.value >= previous);
}

SYSTEM_TEST(timer_fires_the_bound_notification_after_its_deadline)
{
    a9n_word_t timer, port;
    bound_timer(&timer, &port);
    uint64_t deadline = now(timer) + 30 * MS;
    CHECK_EQUAL(a9n_timer_arm(timer, deadline), A9N_ERROR_NONE);
    /* Blocks: the kernel idles and its tick fires the timer. */
    struct a9n_word_result word = a9n_notification_wait(port);
    uint64_t woken = now(timer);
    CHECK_EQUAL(word.error, A9N_ERROR_NONE);
    CHECK_EQUAL(word.value, BIT);
    CHECK(woken >= deadline);
    CHECK(woken < deadline + LATE_LIMIT);
    /* One-shot: nothing more comes. */
    spin_until(timer, woken + 30 * MS);
    CHECK_EQUAL(a9n_notification_poll(port).error, A9N_ERROR_WOULD_BLOCK);
    bool armed = true;
    CHECK_EQUAL(a9n_timer_cancel(timer, &armed), A9N_ERROR_NONE);
    CHECK(!armed);
}

SYSTEM_TEST(timer_cancel_prevents_firing)
{
    a9n_word_t timer, port;
    bound_timer(&timer, &port);
    uint64_t deadline = now(timer) + 20 * MS;
    CHECK_EQUAL(a9n_timer_arm(timer, deadline), A9N_ERROR_NONE);
    bool armed = false;
    CHECK_EQUAL(a9n_timer_cancel(timer, &armed), A9N_ERROR_NONE);
    CHECK(armed);
    spin_until(timer, deadline + 40 * MS);
    CHECK_EQUAL(a9n_notification_poll(port).error, A9N_ERROR_WOULD_BLOCK);
    CHECK_EQUAL(a9n_timer_cancel(timer, &armed), A9N_ERROR_NONE);
    CHECK(!armed);
}

SYSTEM_TEST(timer_arming_again_replaces_the_deadline)
{
    a9n_word_t timer, port;
    bound_timer(&timer, &port);
    /* Later: the first deadline no longer fires. */
    uint64_t start = now(timer);
    CHECK_EQUAL(a9n_timer_arm(timer, start + 20 * MS), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_timer_arm(timer, start + 120 * MS), A9N_ERROR_NONE);
    spin_until(timer, start + 60 * MS);
    if (now(timer) < start + 120 * MS)
        CHECK_EQUAL(a9n_notification_poll(port).error, A9N_ERROR_WOULD_BLOCK);
    struct a9n_word_result word = a9n_notification_wait(port);
    CHECK_EQUAL(word.value, BIT);
    CHECK(now(timer) >= start + 120 * MS);
    /* Earlier: the new deadline fires, long before the old one. */
    start = now(timer);
    CHECK_EQUAL(a9n_timer_arm(timer, start + 10 * 1000 * MS), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_timer_arm(timer, start + 20 * MS), A9N_ERROR_NONE);
    word = a9n_notification_wait(port);
    CHECK_EQUAL(word.value, BIT);
    CHECK(now(timer) >= start + 20 * MS);
    CHECK(now(timer) < start + 10 * 1000 * MS);
}

SYSTEM_TEST(timer_deadline_already_passed_fires_at_once)
{
    a9n_word_t timer, port;
    bound_timer(&timer, &port);
    CHECK_EQUAL(a9n_timer_arm(timer, 0), A9N_ERROR_NONE);
    struct a9n_word_result word = a9n_notification_poll(port);
    CHECK_EQUAL(word.error, A9N_ERROR_NONE);
    CHECK_EQUAL(word.value, BIT);
    CHECK_EQUAL(a9n_timer_arm(timer, now(timer)), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_notification_poll(port).value, BIT);
}

SYSTEM_TEST(timer_destroyed_while_armed_is_safe)
{
    a9n_word_t timer, port;
    bound_timer(&timer, &port);
    a9n_word_t index = a9n_descriptor_path(timer);
    uint64_t deadline = now(timer) + 20 * MS;
    CHECK_EQUAL(a9n_timer_arm(timer, deadline), A9N_ERROR_NONE);
    /* Its last capability: the timer dies armed and must leave the kernel's list. */
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, index), A9N_ERROR_NONE);
    /* Fresh objects in the same test Generic go elsewhere; the ticks pass the deadline. */
    a9n_word_t clock = system_test_descriptor(system_test_make(A9N_CAPABILITY_TIMER, 0));
    spin_until(clock, deadline + 40 * MS);
    CHECK_EQUAL(a9n_notification_poll(port).error, A9N_ERROR_WOULD_BLOCK);
    /* Left armed on purpose: the runner's revoke of the test Generic destroys it so. */
    a9n_word_t other, other_port;
    bound_timer(&other, &other_port);
    CHECK_EQUAL(a9n_timer_arm(other, now(other) + 5 * MS), A9N_ERROR_NONE);
    a9n_word_t late;
    bound_timer(&late, &other_port);
    CHECK_EQUAL(a9n_timer_arm(late, now(late) + 1000 * 1000 * MS), A9N_ERROR_NONE);
}

SYSTEM_TEST(timer_bad_requests_are_rejected)
{
    a9n_word_t timer = system_test_descriptor(system_test_make(A9N_CAPABILITY_TIMER, 0));
    a9n_word_t port_index = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t port = system_test_descriptor(port_index);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    /* Not bound: nobody would hear it. */
    CHECK_EQUAL(a9n_timer_arm(timer, 0), A9N_ERROR_INVALID_STATE);
    CHECK_EQUAL(a9n_timer_bind(timer, port, 0), A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_timer_bind(timer, timer, 1), A9N_ERROR_WRONG_TYPE);
    CHECK_EQUAL(a9n_timer_bind(timer, system_test_descriptor(system_test_slot()), 1),
                A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(a9n_capability_call(timer, 0, mr), A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(a9n_capability_call(timer, A9N_TIMER_CANCEL + 1, mr),
                A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(a9n_timer_arm(timer, 0), A9N_ERROR_INVALID_STATE);
    /* A badged notification allows its own bits only. */
    a9n_word_t badged = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, badged, port, A9N_RIGHTS_ALL, 0x6),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_timer_bind(timer, system_test_descriptor(badged), 0x9),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_timer_bind(timer, system_test_descriptor(badged), 0x2), A9N_ERROR_NONE);
    /* A read-only timer capability is a clock only. */
    a9n_word_t clock = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, clock, timer, A9N_RIGHT_READ, 0), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_timer_arm(system_test_descriptor(clock), 0), A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_timer_bind(system_test_descriptor(clock), port, 1), A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_timer_cancel(system_test_descriptor(clock), NULL), A9N_ERROR_MISSING_RIGHTS);
    /* None of that fired anything. */
    CHECK_EQUAL(a9n_notification_poll(port).error, A9N_ERROR_WOULD_BLOCK);
    CHECK_EQUAL(a9n_timer_arm(timer, 0), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_notification_poll(port).value, 0x2);
}
