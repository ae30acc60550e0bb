/*
 * System tests of the Interrupt Region and Interrupt Port: every operation
 * and documented error, and that the derivation tree governs lines (a
 * destroyed port frees its line, a revoked notification unbinds).
 */
#include <liba9n/interrupt.h>
#include <liba9n/kernel_call.h>

#include "../framework/system_test.h"

static a9n_word_t region(void)
{
    return a9n_init_slot(A9N_INIT_SLOT_INTERRUPT_REGION);
}

/* A line no driver of the test machine uses: the last one. */
static a9n_word_t spare_line(void)
{
    return system_test_init_info()->interrupt_count - 1;
}

/* A fresh Interrupt Port assigned to `line`; its root slot. */
static a9n_word_t port_on(a9n_word_t line)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_INTERRUPT_PORT, 0);
    if (a9n_interrupt_region_make_port(region(), line, system_test_descriptor(port)) !=
        A9N_ERROR_NONE)
        return 0;
    return port;
}

/* A new Notification Port and a capability to it with `badge`; the badged slot. */
static a9n_word_t badged_notification(a9n_word_t badge)
{
    a9n_word_t notification = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t badged = system_test_slot();
    if (a9n_node_mint(SYSTEM_TEST_ROOT, badged, system_test_descriptor(notification),
                      A9N_RIGHTS_ALL, badge) != A9N_ERROR_NONE)
        return 0;
    return badged;
}

SYSTEM_TEST(interrupt_region_covers_the_lines_in_init_info)
{
    const struct a9n_init_info *info = system_test_init_info();
    CHECK(info->interrupt_count > 0);
    CHECK(info->console.registers != A9N_CONSOLE_REGISTERS_NONE);
    CHECK(info->console.interrupt_line < info->interrupt_count);
    /* The region is copyable like any boot capability, and the copy works the same. */
    a9n_word_t copy = system_test_slot();
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, region()), A9N_ERROR_NONE);
    a9n_word_t port = system_test_make(A9N_CAPABILITY_INTERRUPT_PORT, 0);
    CHECK_EQUAL(a9n_interrupt_region_make_port(system_test_descriptor(copy), spare_line(),
                                               system_test_descriptor(port)),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(interrupt_region_refuses_line_out_of_range)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_INTERRUPT_PORT, 0);
    a9n_word_t count = system_test_init_info()->interrupt_count;
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), count, system_test_descriptor(port)),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), ~(a9n_word_t)0,
                                               system_test_descriptor(port)),
                A9N_ERROR_INVALID_ARGUMENT);
    /* Nothing changed: the port still takes a valid line. */
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), count - 1, system_test_descriptor(port)),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(interrupt_region_refuses_line_already_bound)
{
    a9n_word_t first = port_on(spare_line());
    CHECK(first != 0);
    a9n_word_t second = system_test_make(A9N_CAPABILITY_INTERRUPT_PORT, 0);
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), spare_line(),
                                               system_test_descriptor(second)),
                A9N_ERROR_ALREADY_MAPPED);
    /* A copy of the first port is the same port, not a second one for the line. */
    a9n_word_t copy = system_test_slot();
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(first)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), spare_line() - 1,
                                               system_test_descriptor(copy)),
                A9N_ERROR_INVALID_STATE);
}

SYSTEM_TEST(interrupt_region_refuses_port_that_has_a_line)
{
    a9n_word_t port = port_on(spare_line());
    CHECK(port != 0);
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), spare_line() - 1,
                                               system_test_descriptor(port)),
                A9N_ERROR_INVALID_STATE);
}

SYSTEM_TEST(interrupt_region_refuses_wrong_type_and_empty_slot)
{
    a9n_word_t notification = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t empty = system_test_slot();
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), spare_line(),
                                               system_test_descriptor(notification)),
                A9N_ERROR_WRONG_TYPE);
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), spare_line(),
                                               system_test_descriptor(empty)),
                A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), spare_line(),
                                               a9n_descriptor(A9N_DESCRIPTOR_DEPTH_MAX + 1, 0)),
                A9N_ERROR_INVALID_DEPTH);
    /* The region has no port operations. */
    CHECK_EQUAL(a9n_interrupt_port_ack(region()), A9N_ERROR_UNKNOWN_OPERATION);
}

SYSTEM_TEST(interrupt_region_refuses_unknown_operation)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_capability_call(region(), 0, mr), A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(a9n_capability_call(region(), A9N_INTERRUPT_REGION_MAKE_PORT + 1, mr),
                A9N_ERROR_UNKNOWN_OPERATION);
}

SYSTEM_TEST(interrupt_region_cannot_be_converted)
{
    CHECK_EQUAL(a9n_generic_convert(system_test_generic(), A9N_CAPABILITY_INTERRUPT_REGION, 0, 1,
                                    SYSTEM_TEST_ROOT, system_test_slot()),
                A9N_ERROR_INVALID_ARGUMENT);
}

SYSTEM_TEST(interrupt_port_destroyed_frees_its_line)
{
    a9n_word_t port = port_on(spare_line());
    CHECK(port != 0);
    a9n_word_t copy = system_test_slot();
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(port)),
                A9N_ERROR_NONE);
    a9n_word_t next = system_test_make(A9N_CAPABILITY_INTERRUPT_PORT, 0);
    /* One capability left: the port lives on and keeps the line. */
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, port), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), spare_line(),
                                               system_test_descriptor(next)),
                A9N_ERROR_ALREADY_MAPPED);
    /* The last one gone: the port is destroyed and the line is free again. */
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, copy), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), spare_line(),
                                               system_test_descriptor(next)),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(interrupt_port_revoked_with_its_generic_frees_its_line)
{
    /* A Generic of the test's own, revoked here as the runner revokes after each test. */
    a9n_word_t generic = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_generic(), A9N_CAPABILITY_GENERIC, 16, 1,
                                    SYSTEM_TEST_ROOT, generic),
                A9N_ERROR_NONE);
    a9n_word_t port = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(generic),
                                    A9N_CAPABILITY_INTERRUPT_PORT, 0, 1, SYSTEM_TEST_ROOT, port),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_region_make_port(region(), spare_line(),
                                               system_test_descriptor(port)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, generic), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, port), A9N_ERROR_EMPTY_SLOT);
    CHECK(port_on(spare_line()) != 0);
}

SYSTEM_TEST(interrupt_port_bind_needs_a_line)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_INTERRUPT_PORT, 0);
    a9n_word_t notification = badged_notification(1);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(notification)),
                A9N_ERROR_INVALID_STATE);
}

SYSTEM_TEST(interrupt_port_bind_refuses_non_notification)
{
    a9n_word_t port = port_on(spare_line());
    CHECK(port != 0);
    a9n_word_t ipc_port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t empty = system_test_slot();
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(ipc_port)),
                A9N_ERROR_WRONG_TYPE);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(port)),
                A9N_ERROR_WRONG_TYPE);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(empty)),
                A9N_ERROR_EMPTY_SLOT);
    /* Nothing was bound by the failures. */
    CHECK_EQUAL(a9n_interrupt_port_unbind(system_test_descriptor(port)), A9N_ERROR_NOT_MAPPED);
}

SYSTEM_TEST(interrupt_port_bind_needs_write_right)
{
    a9n_word_t port = port_on(spare_line());
    CHECK(port != 0);
    a9n_word_t notification = badged_notification(1);
    a9n_word_t read_only = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, read_only, system_test_descriptor(notification),
                              A9N_RIGHT_READ, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(read_only)),
                A9N_ERROR_MISSING_RIGHTS);
}

SYSTEM_TEST(interrupt_port_bind_needs_a_badge)
{
    a9n_word_t port = port_on(spare_line());
    CHECK(port != 0);
    /* The interrupt sets the badge's bits: an unbadged capability would set none. */
    a9n_word_t unbadged = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(unbadged)),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_interrupt_port_unbind(system_test_descriptor(port)), A9N_ERROR_NOT_MAPPED);
}

SYSTEM_TEST(interrupt_port_bind_unbind_and_rebind)
{
    a9n_word_t port = port_on(spare_line());
    CHECK(port != 0);
    a9n_word_t notification = badged_notification(1);
    a9n_word_t other = badged_notification(2);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(notification)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(other)),
                A9N_ERROR_ALREADY_MAPPED);
    CHECK_EQUAL(a9n_interrupt_port_unbind(system_test_descriptor(port)), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_port_unbind(system_test_descriptor(port)), A9N_ERROR_NOT_MAPPED);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(other)),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(interrupt_port_revoking_the_notification_unbinds)
{
    a9n_word_t port = port_on(spare_line());
    CHECK(port != 0);
    a9n_word_t notification = badged_notification(1);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(notification)),
                A9N_ERROR_NONE);
    /* The port holds a capability derived from the driver's: revoke takes it away. */
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, notification), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_port_unbind(system_test_descriptor(port)), A9N_ERROR_NOT_MAPPED);
    /* Removing a port that holds a notification empties its slot on the way. */
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(notification)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, port), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, notification), A9N_ERROR_NONE);
    CHECK(port_on(spare_line()) != 0);
}

SYSTEM_TEST(interrupt_port_ack_without_pending_interrupt_refused)
{
    a9n_word_t unassigned = system_test_make(A9N_CAPABILITY_INTERRUPT_PORT, 0);
    CHECK_EQUAL(a9n_interrupt_port_ack(system_test_descriptor(unassigned)),
                A9N_ERROR_INVALID_STATE);
    a9n_word_t port = port_on(spare_line());
    CHECK(port != 0);
    CHECK_EQUAL(a9n_interrupt_port_ack(system_test_descriptor(port)), A9N_ERROR_INVALID_STATE);
    a9n_word_t notification = badged_notification(1);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(notification)),
                A9N_ERROR_NONE);
    /* Bound but nothing fired: still nothing to ack. */
    CHECK_EQUAL(a9n_interrupt_port_ack(system_test_descriptor(port)), A9N_ERROR_INVALID_STATE);
}

SYSTEM_TEST(interrupt_port_refuses_unknown_operation)
{
    a9n_word_t port = port_on(spare_line());
    CHECK(port != 0);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_capability_call(system_test_descriptor(port), 0, mr),
                A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(a9n_capability_call(system_test_descriptor(port), A9N_INTERRUPT_PORT_ACK + 1, mr),
                A9N_ERROR_UNKNOWN_OPERATION);
}
