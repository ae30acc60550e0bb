/*
 * Host tests of the console driver (koito/console/): the register layout
 * computed from the kernel's UART description, and the service thread's
 * handling of output requests through the server framework's dispatch,
 * with the UART replaced by a record of the bytes written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <koito/errno.h>
#include <koito/services.h>

#include "driver.h"

#define PAGE 4096u

/* ---- register layout ------------------------------------------------------------------ */

static const struct a9n_console_info pc_com1 = {
    .registers = A9N_CONSOLE_REGISTERS_IO_PORT, .interrupt_line = 4, .base = 0x3f8,
    .register_shift = 0, .register_width = 1,
};
static const struct a9n_console_info qemu_virt = {
    .registers = A9N_CONSOLE_REGISTERS_MMIO, .interrupt_line = 10, .base = 0x10000000,
    .register_shift = 0, .register_width = 1,
};
static const struct a9n_console_info visionfive2 = {
    .registers = A9N_CONSOLE_REGISTERS_MMIO, .interrupt_line = 32, .base = 0x10000000,
    .register_shift = 2, .register_width = 4,
};

static void io_port_registers_are_consecutive_ports(void **state)
{
    (void)state;
    assert_true(uart_layout_valid(&pc_com1, PAGE));
    a9n_word_t first = uart_first_register(&pc_com1, PAGE, 0x40000000);
    assert_int_equal(first, 0x3f8);
    assert_int_equal(uart_register_location(&pc_com1, first, UART_DATA), 0x3f8);
    assert_int_equal(uart_register_location(&pc_com1, first, UART_LINE_STATUS), 0x3fd);
    /* Exactly the 8 ports init mints for the driver. */
    assert_int_equal(uart_register_span(&pc_com1), 8);
}

static void mmio_registers_are_in_the_mapped_page(void **state)
{
    (void)state;
    const a9n_word_t window = 0x80000000;
    assert_true(uart_layout_valid(&qemu_virt, PAGE));
    a9n_word_t first = uart_first_register(&qemu_virt, PAGE, window);
    assert_int_equal(first, window);
    assert_int_equal(uart_register_location(&qemu_virt, first, UART_MODEM_CONTROL), window + 4);
    assert_int_equal(uart_register_location(&qemu_virt, first, UART_LINE_STATUS), window + 5);
}

static void four_byte_stride_spreads_the_registers(void **state)
{
    (void)state;
    const a9n_word_t window = 0x80000000;
    assert_true(uart_layout_valid(&visionfive2, PAGE));
    a9n_word_t first = uart_first_register(&visionfive2, PAGE, window);
    assert_int_equal(uart_register_location(&visionfive2, first, UART_INTERRUPT_ENABLE),
                     window + 4);
    assert_int_equal(uart_register_location(&visionfive2, first, UART_LINE_STATUS),
                     window + 20);
    /* Register 7 at 28, four bytes wide. */
    assert_int_equal(uart_register_span(&visionfive2), 32);
}

static void base_inside_its_page_keeps_its_offset(void **state)
{
    (void)state;
    struct a9n_console_info console = visionfive2;
    console.base = 0x12440100;
    assert_true(uart_layout_valid(&console, PAGE));
    assert_int_equal(uart_first_register(&console, PAGE, 0x80000000), 0x80000100);
    /* The last register must still be in the page the driver maps. */
    console.base = 0x12440000 + PAGE - 32;
    assert_true(uart_layout_valid(&console, PAGE));
    console.base = 0x12440000 + PAGE - 28;
    assert_false(uart_layout_valid(&console, PAGE));
}

static void unusable_descriptions_are_refused(void **state)
{
    (void)state;
    struct a9n_console_info console = qemu_virt;
    console.registers = A9N_CONSOLE_REGISTERS_NONE;
    assert_false(uart_layout_valid(&console, PAGE));
    console = qemu_virt;
    for (uint32_t width = 0; width <= 8; width++) {
        console.register_width = width;
        console.register_shift = 2;
        assert_int_equal(uart_layout_valid(&console, PAGE), width == 1 || width == 4);
    }
    /* Four-byte registers one byte apart would overlap. */
    console = visionfive2;
    console.register_shift = 0;
    assert_false(uart_layout_valid(&console, PAGE));
    /* A misaligned four-byte register. */
    console = visionfive2;
    console.base += 2;
    assert_false(uart_layout_valid(&console, PAGE));
    console = visionfive2;
    console.register_shift = UART_MAX_REGISTER_SHIFT + 1;
    assert_false(uart_layout_valid(&console, PAGE));
    /* Ports past the 16-bit port space. */
    console = pc_com1;
    console.base = 0xfffc;
    assert_false(uart_layout_valid(&console, PAGE));
    console.base = 0xfff8;
    assert_true(uart_layout_valid(&console, PAGE));
}

/* ---- output requests ------------------------------------------------------------------- */

static unsigned char written[KOITO_CONSOLE_WRITE_MAX * 2];
static size_t written_count;
static struct a9n_ipc_buffer ipc_buffer;
static struct console_service service;
static struct koito_server server;

static void record_output(void *device, const unsigned char *bytes, size_t count)
{
    assert_ptr_equal(device, &written);
    memcpy(written + written_count, bytes, count);
    written_count += count;
}

static int setup(void **state)
{
    (void)state;
    written_count = 0;
    memset(&ipc_buffer, 0, sizeof ipc_buffer);
    service.output = record_output;
    service.device = &written;
    console_service_init(&server, &service, 7, &ipc_buffer, 8);
    return 0;
}

/* A request as the kernel delivers it: label, payload length, badge. */
static struct koito_message request(a9n_word_t label, unsigned length, a9n_word_t badge)
{
    struct koito_message message = { .ipc_buffer = &ipc_buffer };
    message.mr[A9N_MR_INFO] = a9n_message_info(label, length, 0);
    message.mr[A9N_MR_BADGE] = badge;
    return message;
}

static int64_t reply_status(struct koito_message *message)
{
    assert_int_equal(koito_message_length(message), 1);
    assert_int_equal(koito_message_label(message), 0);
    return (int64_t)koito_message_word(message, 0);
}

static struct koito_message write_request(const char *text, size_t count, unsigned length)
{
    struct koito_message message = request(KOITO_CONSOLE_WRITE, length, KOITO_PID_POSIX);
    koito_message_set_word(&message, 0, count);
    koito_message_write_bytes(&message, 1, text, strlen(text));
    return message;
}

static void write_prints_the_bytes_and_replies_the_count(void **state)
{
    (void)state;
    const char text[] = "hello, console\n";
    struct koito_message message =
        write_request(text, sizeof text - 1, 1 + koito_words_for_bytes(sizeof text - 1));
    assert_int_equal(koito_server_dispatch(&server, &message), KOITO_REPLY);
    assert_int_equal(reply_status(&message), sizeof text - 1);
    assert_int_equal(written_count, sizeof text - 1);
    assert_memory_equal(written, text, sizeof text - 1);
}

static void largest_write_goes_through_the_ipc_buffer(void **state)
{
    (void)state;
    static char text[KOITO_CONSOLE_WRITE_MAX + 1];
    for (size_t i = 0; i < KOITO_CONSOLE_WRITE_MAX; i++)
        text[i] = (char)('a' + i % 26);
    struct koito_message message =
        write_request(text, KOITO_CONSOLE_WRITE_MAX, A9N_MESSAGE_MAX_LENGTH);
    assert_int_equal(koito_server_dispatch(&server, &message), KOITO_REPLY);
    assert_int_equal(reply_status(&message), KOITO_CONSOLE_WRITE_MAX);
    assert_int_equal(written_count, KOITO_CONSOLE_WRITE_MAX);
    assert_memory_equal(written, text, KOITO_CONSOLE_WRITE_MAX);
}

static void empty_write_prints_nothing_and_succeeds(void **state)
{
    (void)state;
    struct koito_message message = write_request("", 0, 1);
    assert_int_equal(koito_server_dispatch(&server, &message), KOITO_REPLY);
    assert_int_equal(reply_status(&message), 0);
    assert_int_equal(written_count, 0);
}

static void count_beyond_the_delivered_words_prints_nothing(void **state)
{
    (void)state;
    /* 9 bytes need two words after the count; one was delivered. */
    struct koito_message message = write_request("123456789", 9, 2);
    assert_int_equal(koito_server_dispatch(&server, &message), KOITO_REPLY);
    assert_int_equal(reply_status(&message), -KOITO_EINVAL);
    assert_int_equal(written_count, 0);
}

static void count_above_the_maximum_prints_nothing(void **state)
{
    (void)state;
    const a9n_word_t counts[] = { KOITO_CONSOLE_WRITE_MAX + 1, (a9n_word_t)-1,
                                  (a9n_word_t)1 << 40 };
    for (unsigned i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        struct koito_message message = write_request("x", counts[i], A9N_MESSAGE_MAX_LENGTH);
        assert_int_equal(koito_server_dispatch(&server, &message), KOITO_REPLY);
        assert_int_equal(reply_status(&message), -KOITO_EINVAL);
    }
    assert_int_equal(written_count, 0);
}

static void write_without_a_count_is_refused(void **state)
{
    (void)state;
    struct koito_message message = request(KOITO_CONSOLE_WRITE, 0, KOITO_PID_POSIX);
    assert_int_equal(koito_server_dispatch(&server, &message), KOITO_REPLY);
    assert_int_equal(reply_status(&message), -KOITO_EINVAL);
    assert_int_equal(written_count, 0);
}

static void unknown_request_is_not_implemented(void **state)
{
    (void)state;
    struct koito_message message = request(KOITO_CONSOLE_INPUT, 2, KOITO_PID_POSIX);
    assert_int_equal(koito_server_dispatch(&server, &message), KOITO_REPLY);
    assert_int_equal(reply_status(&message), -KOITO_ENOSYS);
}

static void only_the_posix_server_may_write(void **state)
{
    (void)state;
    const a9n_word_t badges[] = { 0, KOITO_PID_CONSOLE, KOITO_PID_FIRST_PROGRAM, 255 };
    for (unsigned i = 0; i < sizeof badges / sizeof badges[0]; i++) {
        struct koito_message message = write_request("no", 2, 2);
        message.mr[A9N_MR_BADGE] = badges[i];
        assert_int_equal(koito_server_dispatch(&server, &message), KOITO_REPLY);
        assert_int_equal(reply_status(&message), -KOITO_EPERM);
    }
    assert_int_equal(written_count, 0);
}

static void received_capabilities_never_land(void **state)
{
    (void)state;
    /* The framework writes these before each receive: a slot past the 2^8-slot root node. */
    assert_int_equal(server.receive_index, 256);
    assert_int_equal(server.receive_node, a9n_descriptor(0, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(io_port_registers_are_consecutive_ports),
        cmocka_unit_test(mmio_registers_are_in_the_mapped_page),
        cmocka_unit_test(four_byte_stride_spreads_the_registers),
        cmocka_unit_test(base_inside_its_page_keeps_its_offset),
        cmocka_unit_test(unusable_descriptions_are_refused),
        cmocka_unit_test_setup(write_prints_the_bytes_and_replies_the_count, setup),
        cmocka_unit_test_setup(largest_write_goes_through_the_ipc_buffer, setup),
        cmocka_unit_test_setup(empty_write_prints_nothing_and_succeeds, setup),
        cmocka_unit_test_setup(count_beyond_the_delivered_words_prints_nothing, setup),
        cmocka_unit_test_setup(count_above_the_maximum_prints_nothing, setup),
        cmocka_unit_test_setup(write_without_a_count_is_refused, setup),
        cmocka_unit_test_setup(unknown_request_is_not_implemented, setup),
        cmocka_unit_test_setup(only_the_posix_server_may_write, setup),
        cmocka_unit_test_setup(received_capabilities_never_land, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
