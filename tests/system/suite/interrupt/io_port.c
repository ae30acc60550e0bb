/*
 * System tests of the I/O Port capability: mint narrows the range, reads
 * and writes inside it work, anything outside it is refused. Machines
 * without an I/O port space (init info io_port_count 0) have no capability
 * in init's slot, which is all there is to test there.
 */
#include <liba9n/interrupt.h>
#include <liba9n/kernel_call.h>

#include "../framework/system_test.h"

/* The 16550 at COM1: eight registers; the last is a scratch register. */
#define COM1_FIRST 0x3f8
#define COM1_LAST 0x3ff
#define COM1_LINE_STATUS (COM1_FIRST + 5)
#define COM1_SCRATCH (COM1_FIRST + 7)

static a9n_word_t init_io_port(void)
{
    return a9n_init_slot(A9N_INIT_SLOT_IO_PORT);
}

static bool has_io_ports(void)
{
    return system_test_init_info()->io_port_count != 0;
}

/* An I/O Port capability for COM1 minted from init's into a fresh slot. */
static a9n_word_t mint_com1(void)
{
    a9n_word_t slot = system_test_slot();
    if (a9n_io_port_mint(init_io_port(), SYSTEM_TEST_ROOT, slot, COM1_FIRST, COM1_LAST) !=
        A9N_ERROR_NONE)
        return 0;
    return slot;
}

SYSTEM_TEST(io_port_init_slot_matches_init_info)
{
    a9n_word_t count = system_test_init_info()->io_port_count;
    uint32_t value;
    if (count == 0) {
        CHECK_EQUAL(a9n_io_port_read(init_io_port(), 0, A9N_IO_PORT_WIDTH_8, &value),
                    A9N_ERROR_EMPTY_SLOT);
        return;
    }
    CHECK_EQUAL(count, 0x10000);
    /* init's capability spans the whole space: its last port can be named, one past cannot. */
    a9n_word_t slot = system_test_slot();
    CHECK_EQUAL(a9n_io_port_mint(init_io_port(), SYSTEM_TEST_ROOT, slot, count - 1, count - 1),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_io_port_mint(init_io_port(), SYSTEM_TEST_ROOT, system_test_slot(), 0, count),
                A9N_ERROR_INVALID_ARGUMENT);
}

SYSTEM_TEST(io_port_read_and_write_inside_minted_range)
{
    if (!has_io_ports())
        return;
    a9n_word_t com1 = mint_com1();
    CHECK(com1 != 0);
    a9n_word_t port = system_test_descriptor(com1);
    uint32_t value = 0;
    CHECK_EQUAL(a9n_io_port_write(port, COM1_SCRATCH, A9N_IO_PORT_WIDTH_8, 0xa5), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_io_port_read(port, COM1_SCRATCH, A9N_IO_PORT_WIDTH_8, &value), A9N_ERROR_NONE);
    CHECK_EQUAL(value, 0xa5);
    CHECK_EQUAL(a9n_io_port_write(port, COM1_SCRATCH, A9N_IO_PORT_WIDTH_8, 0x5a), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_io_port_read(port, COM1_SCRATCH, A9N_IO_PORT_WIDTH_8, &value), A9N_ERROR_NONE);
    CHECK_EQUAL(value, 0x5a);
    /* The transmitter is idle between console writes: THR empty. */
    CHECK_EQUAL(a9n_io_port_read(port, COM1_LINE_STATUS, A9N_IO_PORT_WIDTH_8, &value),
                A9N_ERROR_NONE);
    CHECK((value & 0x20) != 0);
    /* Wider accesses that end at the last port are inside the range. */
    CHECK_EQUAL(a9n_io_port_read(port, COM1_LAST - 1, A9N_IO_PORT_WIDTH_16, &value),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_io_port_read(port, COM1_LAST - 3, A9N_IO_PORT_WIDTH_32, &value),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(io_port_outside_minted_range_refused)
{
    if (!has_io_ports())
        return;
    a9n_word_t com1 = mint_com1();
    CHECK(com1 != 0);
    a9n_word_t port = system_test_descriptor(com1);
    uint32_t value = 0x1234;
    CHECK_EQUAL(a9n_io_port_read(port, COM1_FIRST - 1, A9N_IO_PORT_WIDTH_8, &value),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_io_port_read(port, COM1_LAST + 1, A9N_IO_PORT_WIDTH_8, &value),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_io_port_read(port, 0xf4, A9N_IO_PORT_WIDTH_8, &value),
                A9N_ERROR_INVALID_ARGUMENT);
    /* An access that starts inside but runs past the end. */
    CHECK_EQUAL(a9n_io_port_read(port, COM1_LAST, A9N_IO_PORT_WIDTH_16, &value),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_io_port_read(port, COM1_LAST - 2, A9N_IO_PORT_WIDTH_32, &value),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_io_port_read(port, ~(a9n_word_t)0, A9N_IO_PORT_WIDTH_32, &value),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(value, 0x1234);
    /* Writing the exit device through COM1's capability would stop the machine. */
    CHECK_EQUAL(a9n_io_port_write(port, 0xf4, A9N_IO_PORT_WIDTH_8, 0),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_io_port_write(port, COM1_FIRST - 1, A9N_IO_PORT_WIDTH_16, 0),
                A9N_ERROR_INVALID_ARGUMENT);
}

SYSTEM_TEST(io_port_mint_never_widens_the_range)
{
    if (!has_io_ports())
        return;
    a9n_word_t com1 = mint_com1();
    CHECK(com1 != 0);
    a9n_word_t port = system_test_descriptor(com1);
    a9n_word_t slot = system_test_slot();
    CHECK_EQUAL(a9n_io_port_mint(port, SYSTEM_TEST_ROOT, slot, COM1_FIRST - 1, COM1_LAST),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_io_port_mint(port, SYSTEM_TEST_ROOT, slot, COM1_FIRST, COM1_LAST + 1),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_io_port_mint(port, SYSTEM_TEST_ROOT, slot, COM1_LAST, COM1_FIRST),
                A9N_ERROR_INVALID_ARGUMENT);
    /* A narrower range works, and is all the new capability reaches. */
    CHECK_EQUAL(a9n_io_port_mint(port, SYSTEM_TEST_ROOT, slot, COM1_SCRATCH, COM1_SCRATCH),
                A9N_ERROR_NONE);
    uint32_t value;
    CHECK_EQUAL(a9n_io_port_read(system_test_descriptor(slot), COM1_SCRATCH, A9N_IO_PORT_WIDTH_8,
                                 &value),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_io_port_read(system_test_descriptor(slot), COM1_LINE_STATUS,
                                 A9N_IO_PORT_WIDTH_8, &value),
                A9N_ERROR_INVALID_ARGUMENT);
    /* A node copy keeps the range it was copied from. */
    a9n_word_t copy = system_test_slot();
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(slot)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_io_port_read(system_test_descriptor(copy), COM1_FIRST, A9N_IO_PORT_WIDTH_8,
                                 &value),
                A9N_ERROR_INVALID_ARGUMENT);
}

SYSTEM_TEST(io_port_mint_destination_errors)
{
    if (!has_io_ports())
        return;
    a9n_word_t com1 = mint_com1();
    CHECK(com1 != 0);
    a9n_word_t port = system_test_descriptor(com1);
    CHECK_EQUAL(a9n_io_port_mint(port, SYSTEM_TEST_ROOT, com1, COM1_FIRST, COM1_LAST),
                A9N_ERROR_SLOT_OCCUPIED);
    CHECK_EQUAL(a9n_io_port_mint(port, SYSTEM_TEST_ROOT, 1u << A9N_INIT_ROOT_RADIX, COM1_FIRST,
                                 COM1_LAST),
                A9N_ERROR_INDEX_OUT_OF_RANGE);
    CHECK_EQUAL(a9n_io_port_mint(port, port, 0, COM1_FIRST, COM1_LAST), A9N_ERROR_WRONG_TYPE);
}

SYSTEM_TEST(io_port_bad_width_or_value_refused)
{
    if (!has_io_ports())
        return;
    a9n_word_t com1 = mint_com1();
    CHECK(com1 != 0);
    a9n_word_t port = system_test_descriptor(com1);
    uint32_t value;
    static const a9n_word_t widths[] = { 0, 3, 8, 5 };
    for (unsigned i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
        CHECK_EQUAL(a9n_io_port_read(port, COM1_FIRST, (enum a9n_io_port_width)widths[i], &value),
                    A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_io_port_write(port, COM1_SCRATCH, A9N_IO_PORT_WIDTH_8, 0x100),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_io_port_write(port, COM1_SCRATCH - 1, A9N_IO_PORT_WIDTH_16, 0x10000),
                A9N_ERROR_INVALID_ARGUMENT);
    /* The kernel's check is on the full word: a value beyond 32 bits is refused too. */
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_IO_PORT_ARG_PORT] = COM1_FIRST + 4;
    mr[A9N_IO_PORT_ARG_WIDTH] = A9N_IO_PORT_WIDTH_32;
    mr[A9N_IO_PORT_ARG_VALUE] = (a9n_word_t)1 << 32;
    CHECK_EQUAL(a9n_capability_call(port, A9N_IO_PORT_WRITE, mr), A9N_ERROR_INVALID_ARGUMENT);
}

SYSTEM_TEST(io_port_rights_are_enforced)
{
    if (!has_io_ports())
        return;
    a9n_word_t com1 = mint_com1();
    CHECK(com1 != 0);
    a9n_word_t read_only = system_test_slot();
    a9n_word_t write_only = system_test_slot();
    a9n_word_t no_copy = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, read_only, system_test_descriptor(com1),
                              A9N_RIGHT_READ, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, write_only, system_test_descriptor(com1),
                              A9N_RIGHT_WRITE, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, no_copy, system_test_descriptor(com1),
                              A9N_RIGHT_READ | A9N_RIGHT_WRITE, 0),
                A9N_ERROR_NONE);
    uint32_t value;
    CHECK_EQUAL(a9n_io_port_write(system_test_descriptor(read_only), COM1_SCRATCH,
                                  A9N_IO_PORT_WIDTH_8, 1),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_io_port_read(system_test_descriptor(write_only), COM1_SCRATCH,
                                 A9N_IO_PORT_WIDTH_8, &value),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_io_port_mint(system_test_descriptor(no_copy), SYSTEM_TEST_ROOT,
                                 system_test_slot(), COM1_FIRST, COM1_FIRST),
                A9N_ERROR_MISSING_RIGHTS);
    /* Badges mean nothing to an I/O port: mint refuses to set one. */
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, system_test_slot(), system_test_descriptor(com1),
                              A9N_RIGHTS_ALL, 9),
                A9N_ERROR_INVALID_ARGUMENT);
}

SYSTEM_TEST(io_port_cannot_be_converted_and_refuses_unknown_operation)
{
    CHECK_EQUAL(a9n_generic_convert(system_test_generic(), A9N_CAPABILITY_IO_PORT, 0, 1,
                                    SYSTEM_TEST_ROOT, system_test_slot()),
                A9N_ERROR_INVALID_ARGUMENT);
    if (!has_io_ports())
        return;
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_capability_call(init_io_port(), 0, mr), A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(a9n_capability_call(init_io_port(), A9N_IO_PORT_WRITE + 1, mr),
                A9N_ERROR_UNKNOWN_OPERATION);
}
