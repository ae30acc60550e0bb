/*
 * The Timer object in the host universe, over the fake clock: read, the
 * armed list's order, arm / re-arm / cancel / fire, bindings and their
 * lifetimes through the derivation tree, destruction while armed, and
 * every argument check leaving the universe unchanged.
 */
#include "cap_test.h"

#include <a9n/timer.h>

#include "derivation.h"
#include "fake_devices.h"
#include "notification_port.h"
#include "timer.h"

#define NOTIFICATION 5
#define BADGED 6      /* NOTIFICATION minted with badge BADGE */
#define READ_ONLY 7   /* a read-only copy of TIMER */
#define SPARE 8
#define TIMER 9       /* TIMER .. TIMER + 3: timers */
#define BADGE 0x30

static a9n_word_t root_node(void)
{
    return a9n_descriptor(0, 0);
}

static int timer_setup(void **state)
{
    setup(state);
    fake_devices_reset();
    fake_devices.clock_ns = 1000;
    return 0;
}

/* Destroying everything must leave no timer armed (no pointer into freed memory). */
static int timer_teardown(void **state)
{
    ASSERT_INVARIANTS();
    derivation_revoke(universe_slot(R(UNIVERSE_GENERIC)));
    assert_null(timer_first_armed());
    return teardown(state);
}

#define TIMER_TEST(name) cmocka_unit_test_setup_teardown(name, timer_setup, timer_teardown)

static struct timer *timer_at(a9n_word_t index)
{
    return slot_object(universe_slot(R(index)));
}

static a9n_word_t word(void)
{
    return notification_port_of(universe_slot(R(NOTIFICATION)))->word;
}

/* `count` timers from TIMER and a notification; timer i bound with bit i. */
static void bound_timers(unsigned count)
{
    make_objects(0, NOTIFICATION, A9N_CAPABILITY_NOTIFICATION_PORT, 1);
    make_objects(0, TIMER, A9N_CAPABILITY_TIMER, count);
    for (unsigned i = 0; i < count; i++)
        assert_int_equal(CALL(R(TIMER + i), A9N_TIMER_BIND, R(NOTIFICATION), 1u << i),
                         A9N_ERROR_NONE);
}

static enum a9n_error arm(a9n_word_t index, uint64_t deadline)
{
    return CALL(R(index), A9N_TIMER_ARM, deadline);
}

static void timer_object_is_128_bytes_and_takes_no_parameter(void **state)
{
    (void)state;
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_TIMER, 0), 7);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_TIMER, 1), 0);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(UNIVERSE_GENERIC), A9N_GENERIC_CONVERT, A9N_CAPABILITY_TIMER, 1,
                                1, 0, TIMER));
    make_objects(0, TIMER, A9N_CAPABILITY_TIMER, 2);
    assert_int_equal(universe_slot(R(TIMER + 1))->object - universe_slot(R(TIMER))->object, 128);
    assert_false(timer_at(TIMER)->armed);
}

static void read_returns_the_clock_with_any_timer_capability(void **state)
{
    (void)state;
    make_objects(0, TIMER, A9N_CAPABILITY_TIMER, 1);
    assert_int_equal(CALL(root_node(), A9N_NODE_MINT, READ_ONLY, R(TIMER), A9N_RIGHT_READ, 0),
                     A9N_ERROR_NONE);
    struct capability_message out;
    fake_devices.clock_ns = 123456789;
    assert_int_equal(universe_call_words(R(TIMER), A9N_TIMER_READ, 0, NULL, &out),
                     A9N_ERROR_NONE);
    assert_int_equal(out.mr[A9N_TIMER_RESULT_NOW], 123456789);
    fake_devices.clock_ns = 123456790;
    assert_int_equal(universe_call_words(R(READ_ONLY), A9N_TIMER_READ, 0, NULL, &out),
                     A9N_ERROR_NONE);
    assert_int_equal(out.mr[A9N_TIMER_RESULT_NOW], 123456790);
    /* Only reading: a read-only capability cannot bind, arm or cancel. */
    make_objects(0, NOTIFICATION, A9N_CAPABILITY_NOTIFICATION_PORT, 1);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS,
                           CALL(R(READ_ONLY), A9N_TIMER_BIND, R(NOTIFICATION), 1));
    assert_int_equal(CALL(R(TIMER), A9N_TIMER_BIND, R(NOTIFICATION), 1), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS, arm(READ_ONLY, 200000000));
    assert_int_equal(arm(TIMER, 200000000), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS, CALL(R(READ_ONLY), A9N_TIMER_CANCEL));
    assert_true(timer_at(TIMER)->armed);
}

static void armed_list_is_ordered_by_deadline_and_ties_keep_arming_order(void **state)
{
    (void)state;
    bound_timers(4);
    assert_int_equal(arm(TIMER + 0, 3000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 1, 2000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 2, 4000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 3, 2000), A9N_ERROR_NONE);
    const struct timer *expected[] = { timer_at(TIMER + 1), timer_at(TIMER + 3),
                                       timer_at(TIMER + 0), timer_at(TIMER + 2) };
    const struct timer *t = timer_first_armed();
    for (unsigned i = 0; i < 4; i++, t = t->next) {
        assert_ptr_equal(t, expected[i]);
        assert_ptr_equal(t->prev, i == 0 ? NULL : expected[i - 1]);
    }
    assert_null(t);
}

static void expire_fires_every_due_timer_once_and_no_other(void **state)
{
    (void)state;
    bound_timers(3);
    assert_int_equal(arm(TIMER + 0, 2000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 1, 3000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 2, 5000), A9N_ERROR_NONE);
    timer_expire(1999);
    assert_int_equal(word(), 0);
    /* A deadline is due at its own nanosecond. */
    timer_expire(3000);
    assert_int_equal(word(), 0x3);
    assert_false(timer_at(TIMER)->armed);
    assert_ptr_equal(timer_first_armed(), timer_at(TIMER + 2));
    /* One-shot: nothing fires twice. */
    notification_port_of(universe_slot(R(NOTIFICATION)))->word = 0;
    timer_expire(4999);
    assert_int_equal(word(), 0);
    timer_expire(~(uint64_t)0);
    assert_int_equal(word(), 0x4);
    assert_null(timer_first_armed());
}

static void arming_again_replaces_the_deadline(void **state)
{
    (void)state;
    bound_timers(2);
    assert_int_equal(arm(TIMER + 0, 2000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 1, 3000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 0, 9000), A9N_ERROR_NONE);
    assert_ptr_equal(timer_first_armed(), timer_at(TIMER + 1));
    assert_null(timer_first_armed()->next->next);
    timer_expire(8999);
    assert_int_equal(word(), 0x2);
    /* Earlier than before works as well. */
    assert_int_equal(arm(TIMER + 0, 1500), A9N_ERROR_NONE);
    timer_expire(1500);
    assert_int_equal(word(), 0x3);
    assert_null(timer_first_armed());
}

static void cancel_prevents_firing_and_says_whether_it_was_armed(void **state)
{
    (void)state;
    bound_timers(2);
    struct capability_message out;
    assert_int_equal(arm(TIMER + 0, 2000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 1, 2000), A9N_ERROR_NONE);
    assert_int_equal(universe_call_words(R(TIMER), A9N_TIMER_CANCEL, 0, NULL, &out),
                     A9N_ERROR_NONE);
    assert_int_equal(out.mr[A9N_TIMER_RESULT_WAS_ARMED], 1);
    assert_int_equal(universe_call_words(R(TIMER), A9N_TIMER_CANCEL, 0, NULL, &out),
                     A9N_ERROR_NONE);
    assert_int_equal(out.mr[A9N_TIMER_RESULT_WAS_ARMED], 0);
    timer_expire(10000);
    assert_int_equal(word(), 0x2);
    /* Fired is no longer armed: cancel after the notification says so. */
    assert_int_equal(universe_call_words(R(TIMER + 1), A9N_TIMER_CANCEL, 0, NULL, &out),
                     A9N_ERROR_NONE);
    assert_int_equal(out.mr[A9N_TIMER_RESULT_WAS_ARMED], 0);
}

static void a_deadline_already_passed_fires_during_arm(void **state)
{
    (void)state;
    bound_timers(2);
    fake_devices.clock_ns = 5000;
    assert_int_equal(arm(TIMER + 0, 5000), A9N_ERROR_NONE);
    assert_int_equal(word(), 0x1);
    assert_int_equal(arm(TIMER + 1, 0), A9N_ERROR_NONE);
    assert_int_equal(word(), 0x3);
    assert_null(timer_first_armed());
    /* Re-arming an armed timer into the past fires it and takes it out of the list. */
    assert_int_equal(arm(TIMER + 0, 6000), A9N_ERROR_NONE);
    assert_non_null(timer_first_armed());
    assert_int_equal(arm(TIMER + 0, 100), A9N_ERROR_NONE);
    assert_null(timer_first_armed());
}

static void bind_uses_a_derived_copy_and_rebinding_replaces_it(void **state)
{
    (void)state;
    make_objects(0, NOTIFICATION, A9N_CAPABILITY_NOTIFICATION_PORT, 1);
    make_objects(0, SPARE, A9N_CAPABILITY_NOTIFICATION_PORT, 1);
    make_objects(0, TIMER, A9N_CAPABILITY_TIMER, 1);
    assert_int_equal(CALL(R(TIMER), A9N_TIMER_BIND, R(NOTIFICATION), 0x8), A9N_ERROR_NONE);
    struct timer *timer = timer_at(TIMER);
    assert_ptr_equal(timer->notification.parent, universe_slot(R(NOTIFICATION)));
    assert_int_equal(timer->badge, 0x8);

    assert_int_equal(CALL(R(TIMER), A9N_TIMER_BIND, R(SPARE), 0x10), A9N_ERROR_NONE);
    assert_null(universe_slot(R(NOTIFICATION))->first_child);
    assert_ptr_equal(timer->notification.parent, universe_slot(R(SPARE)));
    assert_int_equal(arm(TIMER, 2000), A9N_ERROR_NONE);
    timer_expire(2000);
    assert_int_equal(word(), 0);
    assert_int_equal(notification_port_of(universe_slot(R(SPARE)))->word, 0x10);
}

static void badged_notifications_allow_only_their_own_bits(void **state)
{
    (void)state;
    make_objects(0, NOTIFICATION, A9N_CAPABILITY_NOTIFICATION_PORT, 1);
    make_objects(0, TIMER, A9N_CAPABILITY_TIMER, 1);
    assert_int_equal(CALL(root_node(), A9N_NODE_MINT, BADGED, R(NOTIFICATION), A9N_RIGHTS_ALL,
                          BADGE),
                     A9N_ERROR_NONE);
    /* A timer must not forge bits its binder could not notify itself. */
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS,
                           CALL(R(TIMER), A9N_TIMER_BIND, R(BADGED), BADGE | 1));
    assert_int_equal(CALL(R(TIMER), A9N_TIMER_BIND, R(BADGED), 0x10), A9N_ERROR_NONE);
    assert_int_equal(CALL(R(TIMER), A9N_TIMER_BIND, R(BADGED), BADGE), A9N_ERROR_NONE);
    /* Unbadged: any bits, but only with the right to choose badges. */
    assert_int_equal(CALL(root_node(), A9N_NODE_MINT, SPARE, R(NOTIFICATION),
                          A9N_RIGHT_WRITE | A9N_RIGHT_READ, 0),
                     A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS,
                           CALL(R(TIMER), A9N_TIMER_BIND, R(SPARE), 1));
}

static void revoked_notification_is_heard_by_nobody_and_arm_then_fails(void **state)
{
    (void)state;
    bound_timers(1);
    assert_int_equal(arm(TIMER, 2000), A9N_ERROR_NONE);
    /* Revoking the notification empties the timer's copy: nothing dangles. */
    derivation_revoke(universe_slot(R(NOTIFICATION)));
    assert_true(slot_is_empty(&timer_at(TIMER)->notification));
    timer_expire(2000);
    assert_int_equal(word(), 0);
    assert_null(timer_first_armed());
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_STATE, arm(TIMER, 3000));
}

static void removing_the_notification_leaves_the_timer_holding_it(void **state)
{
    (void)state;
    bound_timers(1);
    assert_int_equal(arm(TIMER, 2000), A9N_ERROR_NONE);
    a9n_paddr_t port = universe_slot(R(NOTIFICATION))->object;
    assert_int_equal(CALL(root_node(), A9N_NODE_REMOVE, NOTIFICATION), A9N_ERROR_NONE);
    unsigned destroyed = universe_events.destroyed_by_type[A9N_CAPABILITY_NOTIFICATION_PORT];
    assert_int_equal(destroyed, 0);
    timer_expire(2000);
    assert_int_equal(notification_port_of(&timer_at(TIMER)->notification)->word, 1);
    assert_int_equal(timer_at(TIMER)->notification.object, port);
    /* The timer's copy was the last: destroying the timer destroys the port too. */
    assert_int_equal(CALL(root_node(), A9N_NODE_REMOVE, TIMER), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_NOTIFICATION_PORT], 1);
}

static void destroying_an_armed_timer_takes_it_out_of_the_list(void **state)
{
    (void)state;
    bound_timers(3);
    assert_int_equal(arm(TIMER + 0, 2000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 1, 3000), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER + 2, 4000), A9N_ERROR_NONE);
    assert_int_equal(CALL(root_node(), A9N_NODE_COPY, SPARE, R(TIMER + 1)), A9N_ERROR_NONE);
    /* A copy remains: still armed. */
    assert_int_equal(CALL(root_node(), A9N_NODE_REMOVE, TIMER + 1), A9N_ERROR_NONE);
    assert_ptr_equal(timer_first_armed()->next, timer_at(SPARE));
    assert_int_equal(CALL(root_node(), A9N_NODE_REMOVE, SPARE), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_TIMER], 1);
    assert_ptr_equal(timer_first_armed(), timer_at(TIMER));
    assert_ptr_equal(timer_first_armed()->next, timer_at(TIMER + 2));
    assert_ptr_equal(timer_at(TIMER + 2)->prev, timer_at(TIMER));
    /* The head and the tail go the same way. */
    assert_int_equal(CALL(root_node(), A9N_NODE_REMOVE, TIMER), A9N_ERROR_NONE);
    assert_int_equal(CALL(root_node(), A9N_NODE_REMOVE, TIMER + 2), A9N_ERROR_NONE);
    assert_null(timer_first_armed());
    timer_expire(~(uint64_t)0);
    assert_int_equal(word(), 0);
}

static void revoking_the_generic_destroys_armed_timers_safely(void **state)
{
    (void)state;
    bound_timers(4);
    for (unsigned i = 0; i < 4; i++)
        assert_int_equal(arm(TIMER + i, 2000 + i), A9N_ERROR_NONE);
    derivation_revoke(universe_slot(R(UNIVERSE_GENERIC)));
    assert_null(timer_first_armed());
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_TIMER], 4);
    timer_expire(~(uint64_t)0);
}

static void bad_requests_change_nothing(void **state)
{
    (void)state;
    make_objects(0, NOTIFICATION, A9N_CAPABILITY_NOTIFICATION_PORT, 1);
    make_objects(0, TIMER, A9N_CAPABILITY_TIMER, 2);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_STATE, arm(TIMER, 5000));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_STATE, arm(TIMER, 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION, CALL(R(TIMER), 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION, CALL(R(TIMER), A9N_TIMER_CANCEL + 1));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION, CALL(R(TIMER), ~(a9n_word_t)0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(TIMER), A9N_TIMER_BIND, R(NOTIFICATION), 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT, CALL(R(TIMER), A9N_TIMER_BIND, R(SPARE), 1));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_WRONG_TYPE,
                           CALL(R(TIMER), A9N_TIMER_BIND, R(TIMER + 1), 1));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_DEPTH,
                           CALL(R(TIMER), A9N_TIMER_BIND, a9n_descriptor(57, 0), 1));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_DEPTH,
                           CALL(R(TIMER), A9N_TIMER_BIND, a9n_descriptor(0, 0), 1));
    assert_int_equal(CALL(root_node(), A9N_NODE_MINT, SPARE, R(NOTIFICATION),
                          A9N_RIGHT_READ | A9N_RIGHT_MODIFY, 0),
                     A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS,
                           CALL(R(TIMER), A9N_TIMER_BIND, R(SPARE), 1));
    /* A failed rebind keeps the binding it had. */
    assert_int_equal(CALL(R(TIMER), A9N_TIMER_BIND, R(NOTIFICATION), 1), A9N_ERROR_NONE);
    assert_int_equal(arm(TIMER, 5000), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(TIMER), A9N_TIMER_BIND, R(NOTIFICATION), 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_WRONG_TYPE,
                           CALL(R(TIMER), A9N_TIMER_BIND, R(TIMER + 1), 1));
    timer_expire(5000);
    assert_int_equal(word(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TIMER_TEST(timer_object_is_128_bytes_and_takes_no_parameter),
        TIMER_TEST(read_returns_the_clock_with_any_timer_capability),
        TIMER_TEST(armed_list_is_ordered_by_deadline_and_ties_keep_arming_order),
        TIMER_TEST(expire_fires_every_due_timer_once_and_no_other),
        TIMER_TEST(arming_again_replaces_the_deadline),
        TIMER_TEST(cancel_prevents_firing_and_says_whether_it_was_armed),
        TIMER_TEST(a_deadline_already_passed_fires_during_arm),
        TIMER_TEST(bind_uses_a_derived_copy_and_rebinding_replaces_it),
        TIMER_TEST(badged_notifications_allow_only_their_own_bits),
        TIMER_TEST(revoked_notification_is_heard_by_nobody_and_arm_then_fails),
        TIMER_TEST(removing_the_notification_leaves_the_timer_holding_it),
        TIMER_TEST(destroying_an_armed_timer_takes_it_out_of_the_list),
        TIMER_TEST(revoking_the_generic_destroys_armed_timers_safely),
        TIMER_TEST(bad_requests_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
