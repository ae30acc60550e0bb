/*
 * Interrupt Region, Interrupt Port and I/O Port in the host universe, over
 * the fake interrupt controller and port space: the line state machine
 * (masked until bound, masked when fired, unmasked by ack), lifetimes
 * through the derivation tree, and port ranges.
 */
#include "cap_test.h"

#include <a9n/interrupt.h>

#include "derivation.h"
#include "fake_devices.h"
#include "interrupt.h"
#include "io_port.h"

#define REGION 5
#define PORT 6
#define NOTIFICATION 7
#define BADGED 8
#define IO_PORT 9
#define SPARE 10
#define LINE 3
#define BADGE 0x40

static a9n_word_t root_node(void)
{
    return a9n_descriptor(0, 0);
}

static int interrupt_setup(void **state)
{
    setup(state);
    fake_devices_reset();
    slot_make_root(universe_slot(R(REGION)), A9N_CAPABILITY_INTERRUPT_REGION, 0, 0);
    io_port_make_root(universe_slot(R(IO_PORT)), 0, FAKE_IO_PORTS - 1);
    return 0;
}

/* Destroy every object, so no line stays assigned into the next test's universe. */
static int interrupt_teardown(void **state)
{
    ASSERT_INVARIANTS();
    derivation_revoke(universe_slot(R(UNIVERSE_GENERIC)));
    for (unsigned line = 0; line < FAKE_INTERRUPT_LINES; line++)
        assert_false(fake_devices.unmasked[line]);
    return teardown(state);
}

#define INTERRUPT_TEST(name) cmocka_unit_test_setup_teardown(name, interrupt_setup, interrupt_teardown)

/* A port on LINE bound to a notification capability badged BADGE. */
static void bound_port(void)
{
    make_objects(0, PORT, A9N_CAPABILITY_INTERRUPT_PORT, 1);
    make_objects(0, NOTIFICATION, A9N_CAPABILITY_NOTIFICATION_PORT, 1);
    assert_int_equal(CALL(root_node(), A9N_NODE_MINT, BADGED, R(NOTIFICATION), A9N_RIGHTS_ALL,
                          BADGE),
                     A9N_ERROR_NONE);
    assert_int_equal(CALL(R(REGION), A9N_INTERRUPT_REGION_MAKE_PORT, LINE, R(PORT)),
                     A9N_ERROR_NONE);
    assert_false(fake_devices.unmasked[LINE]);
    assert_int_equal(CALL(R(PORT), A9N_INTERRUPT_PORT_BIND, R(BADGED)), A9N_ERROR_NONE);
}

static void line_is_unmasked_by_bind_masked_by_fire_unmasked_by_ack(void **state)
{
    (void)state;
    bound_port();
    assert_true(fake_devices.unmasked[LINE]);

    /* The HAL masks before the upcall; the kernel names the badged capability to notify. */
    hal_interrupt_mask(LINE);
    const struct slot *notification = interrupt_line_fired(LINE);
    assert_non_null(notification);
    assert_int_equal(notification->type, A9N_CAPABILITY_NOTIFICATION_PORT);
    assert_int_equal(notification->local.badge, BADGE);
    assert_true(notification->object == universe_slot(R(NOTIFICATION))->object);
    assert_false(fake_devices.unmasked[LINE]);

    assert_int_equal(CALL(R(PORT), A9N_INTERRUPT_PORT_ACK), A9N_ERROR_NONE);
    assert_true(fake_devices.unmasked[LINE]);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_STATE, CALL(R(PORT), A9N_INTERRUPT_PORT_ACK));

    assert_int_equal(CALL(R(PORT), A9N_INTERRUPT_PORT_UNBIND), A9N_ERROR_NONE);
    assert_false(fake_devices.unmasked[LINE]);
}

static void lines_without_a_bound_port_notify_nobody(void **state)
{
    (void)state;
    assert_null(interrupt_line_fired(LINE));
    assert_null(interrupt_line_fired(FAKE_INTERRUPT_LINES));
    make_objects(0, PORT, A9N_CAPABILITY_INTERRUPT_PORT, 1);
    assert_int_equal(CALL(R(REGION), A9N_INTERRUPT_REGION_MAKE_PORT, LINE, R(PORT)),
                     A9N_ERROR_NONE);
    assert_null(interrupt_line_fired(LINE));
    /* Nothing became pending: there is nothing to ack. */
    assert_int_equal(CALL(R(PORT), A9N_INTERRUPT_PORT_ACK), A9N_ERROR_INVALID_STATE);
}

static void pending_survives_until_ack_and_rebind_starts_afresh(void **state)
{
    (void)state;
    bound_port();
    hal_interrupt_mask(LINE);
    assert_non_null(interrupt_line_fired(LINE));
    /* Unbinding while pending masks and forgets the interrupt... */
    assert_int_equal(CALL(R(PORT), A9N_INTERRUPT_PORT_UNBIND), A9N_ERROR_NONE);
    assert_int_equal(CALL(R(PORT), A9N_INTERRUPT_PORT_ACK), A9N_ERROR_INVALID_STATE);
    /* ...so a new binding listens at once. */
    assert_int_equal(CALL(R(PORT), A9N_INTERRUPT_PORT_BIND, R(BADGED)), A9N_ERROR_NONE);
    assert_true(fake_devices.unmasked[LINE]);
    assert_int_equal(CALL(R(PORT), A9N_INTERRUPT_PORT_UNBIND), A9N_ERROR_NONE);
}

static void revoked_notification_leaves_the_line_masked_after_ack(void **state)
{
    (void)state;
    bound_port();
    hal_interrupt_mask(LINE);
    assert_non_null(interrupt_line_fired(LINE));
    derivation_revoke(universe_slot(R(BADGED)));
    assert_null(interrupt_line_fired(LINE));
    assert_int_equal(CALL(R(PORT), A9N_INTERRUPT_PORT_ACK), A9N_ERROR_NONE);
    assert_false(fake_devices.unmasked[LINE]);
}

static void destroying_the_port_masks_and_frees_the_line(void **state)
{
    (void)state;
    bound_port();
    assert_int_equal(CALL(root_node(), A9N_NODE_REMOVE, PORT), A9N_ERROR_NONE);
    assert_false(fake_devices.unmasked[LINE]);
    assert_null(interrupt_line_fired(LINE));
    /* The embedded copy of the notification went with the port. */
    assert_null(universe_slot(R(BADGED))->first_child);
    make_objects(0, SPARE, A9N_CAPABILITY_INTERRUPT_PORT, 1);
    assert_int_equal(CALL(R(REGION), A9N_INTERRUPT_REGION_MAKE_PORT, LINE, R(SPARE)),
                     A9N_ERROR_NONE);
}

static void bad_requests_change_nothing(void **state)
{
    (void)state;
    bound_port();
    make_objects(0, SPARE, A9N_CAPABILITY_INTERRUPT_PORT, 1);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(REGION), A9N_INTERRUPT_REGION_MAKE_PORT, FAKE_INTERRUPT_LINES,
                                R(SPARE)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_ALREADY_MAPPED,
                           CALL(R(REGION), A9N_INTERRUPT_REGION_MAKE_PORT, LINE, R(SPARE)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_STATE,
                           CALL(R(REGION), A9N_INTERRUPT_REGION_MAKE_PORT, LINE + 1, R(PORT)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_WRONG_TYPE,
                           CALL(R(REGION), A9N_INTERRUPT_REGION_MAKE_PORT, LINE + 1,
                                R(NOTIFICATION)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_ALREADY_MAPPED,
                           CALL(R(PORT), A9N_INTERRUPT_PORT_BIND, R(BADGED)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_STATE,
                           CALL(R(SPARE), A9N_INTERRUPT_PORT_BIND, R(BADGED)));
    assert_int_equal(CALL(R(REGION), A9N_INTERRUPT_REGION_MAKE_PORT, LINE + 1, R(SPARE)),
                     A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(SPARE), A9N_INTERRUPT_PORT_BIND, R(NOTIFICATION)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_NOT_MAPPED, CALL(R(SPARE), A9N_INTERRUPT_PORT_UNBIND));
}

static void io_port_accesses_stay_inside_the_range(void **state)
{
    (void)state;
    assert_int_equal(CALL(R(IO_PORT), A9N_IO_PORT_MINT, root_node(), SPARE, 0x3f8, 0x3ff),
                     A9N_ERROR_NONE);
    struct slot *minted = universe_slot(R(SPARE));
    assert_true(minted->parent == universe_slot(R(IO_PORT)));
    assert_int_equal(minted->local.words[0], 0x3f8);
    assert_int_equal(minted->local.words[1], 0x3ff);

    struct capability_message out;
    a9n_word_t read[] = { 0x3fc, A9N_IO_PORT_WIDTH_32 };
    assert_int_equal(universe_call_words(R(SPARE), A9N_IO_PORT_READ, 2, read, &out),
                     A9N_ERROR_NONE);
    assert_int_equal(fake_devices.last_port, 0x3fc);
    assert_int_equal(fake_devices.last_width, 4);
    assert_int_equal(out.mr[A9N_IO_PORT_RESULT_VALUE], fake_devices.last_value);
    assert_int_equal(CALL(R(SPARE), A9N_IO_PORT_WRITE, 0x3f9, A9N_IO_PORT_WIDTH_16, 0xbeef),
                     A9N_ERROR_NONE);
    assert_int_equal(fake_devices.last_value, 0xbeef);

    unsigned accesses = fake_devices.accesses;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(SPARE), A9N_IO_PORT_READ, 0x3fd, A9N_IO_PORT_WIDTH_32));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(SPARE), A9N_IO_PORT_READ, 0x3f7, A9N_IO_PORT_WIDTH_8));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(SPARE), A9N_IO_PORT_WRITE, 0x3f8, A9N_IO_PORT_WIDTH_8, 0x100));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(SPARE), A9N_IO_PORT_READ, 0x3f8, 3));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(SPARE), A9N_IO_PORT_MINT, root_node(), SPARE + 1, 0x3f0, 0x3ff));
    assert_int_equal(fake_devices.accesses, accesses);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        INTERRUPT_TEST(line_is_unmasked_by_bind_masked_by_fire_unmasked_by_ack),
        INTERRUPT_TEST(lines_without_a_bound_port_notify_nobody),
        INTERRUPT_TEST(pending_survives_until_ack_and_rebind_starts_afresh),
        INTERRUPT_TEST(revoked_notification_leaves_the_line_masked_after_ack),
        INTERRUPT_TEST(destroying_the_port_masks_and_frees_the_line),
        INTERRUPT_TEST(bad_requests_change_nothing),
        INTERRUPT_TEST(io_port_accesses_stay_inside_the_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
