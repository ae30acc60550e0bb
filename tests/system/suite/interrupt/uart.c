/*
 * A real device interrupt reaches a user-level driver: the console UART's
 * receive interrupt, on whatever line and registers the init info names
 * (an I/O Port capability minted to the UART's ports, or its MMIO page
 * mapped from a device Generic). The test harness types UART_TEST_INPUT
 * into the serial console (ci/qemu.sh QEMU_INPUT, set by
 * tests/suites/30-system.sh); the byte waits in the receiver until the
 * driver enables the interrupt, so the order of the two does not matter.
 */
#include <a9n/ipc.h>
#include <liba9n/interrupt.h>
#include <liba9n/kernel_call.h>
#include <liba9n/memory.h>

#include "../framework/system_test.h"

#define UART_TEST_INPUT 'K'

/* 16550 registers (DLAB = 0) and bits. */
#define UART_DATA 0
#define UART_INTERRUPT_ENABLE 1
#define UART_MODEM_CONTROL 4
#define UART_LINE_STATUS 5
#define UART_INTERRUPT_RECEIVED_DATA 0x01
#define UART_MODEM_CONTROL_OUT2 0x08 /* gates the IRQ line on PC boards */
#define UART_LINE_STATUS_DATA_READY 0x01
#define UART_REGISTERS 8

#define INTERRUPT_BADGE (1u << 3)

struct uart {
    const struct a9n_console_info *console;
    a9n_word_t io_port;         /* registers in the I/O port space */
    volatile uint8_t *mmio;     /* registers in memory */
};

static a9n_word_t register_offset(const struct uart *uart, unsigned reg)
{
    return (a9n_word_t)reg << uart->console->register_shift;
}

static uint32_t uart_read(const struct uart *uart, unsigned reg)
{
    uint32_t value = 0;
    if (uart->mmio == NULL) {
        a9n_io_port_read(uart->io_port, uart->console->base + register_offset(uart, reg),
                         (enum a9n_io_port_width)uart->console->register_width, &value);
        return value;
    }
    volatile uint8_t *address = uart->mmio + register_offset(uart, reg);
    return uart->console->register_width == 4 ? *(volatile uint32_t *)address : *address;
}

static void uart_write(const struct uart *uart, unsigned reg, uint32_t value)
{
    if (uart->mmio == NULL) {
        a9n_io_port_write(uart->io_port, uart->console->base + register_offset(uart, reg),
                          (enum a9n_io_port_width)uart->console->register_width, value);
        return;
    }
    volatile uint8_t *address = uart->mmio + register_offset(uart, reg);
    if (uart->console->register_width == 4)
        *(volatile uint32_t *)address = value;
    else
        *address = (uint8_t)value;
}

/* The UART's ports, minted from init's I/O Port capability into a fresh slot. */
static enum a9n_error open_io_ports(struct uart *uart)
{
    a9n_word_t slot = system_test_slot();
    a9n_word_t first = uart->console->base;
    a9n_word_t last = first + register_offset(uart, UART_REGISTERS - 1) +
                      uart->console->register_width - 1;
    enum a9n_error error =
        a9n_io_port_mint(a9n_init_slot(A9N_INIT_SLOT_IO_PORT), SYSTEM_TEST_ROOT, slot, first, last);
    uart->io_port = system_test_descriptor(slot);
    return error;
}

/*
 * The UART's page as a device frame from the init device Generic that
 * covers it (converted page by page up to it), mapped uncached into init.
 */
static enum a9n_error open_mmio(struct uart *uart)
{
    const struct a9n_init_info *info = system_test_init_info();
    a9n_word_t page_size = (a9n_word_t)1 << info->page_bits;
    a9n_word_t page = uart->console->base & ~(page_size - 1);
    for (unsigned i = 0; i < info->device_generic_count; i++) {
        const struct a9n_init_generic *generic = &info->device_generics[i];
        if (page < generic->base || page - generic->base >= (a9n_word_t)1 << generic->size_bits)
            continue;
        const unsigned radix = 8;
        a9n_word_t count = (page - generic->base) / page_size + 1;
        if (count > (1u << radix))
            return A9N_ERROR_INSUFFICIENT_MEMORY;
        a9n_word_t node = system_test_make(A9N_CAPABILITY_NODE, radix);
        a9n_word_t generic_slot = a9n_init_child_slot(
            A9N_INIT_SLOT_DEVICE_NODE, info->node_radix[A9N_INIT_SLOT_DEVICE_NODE], i);
        enum a9n_error error = a9n_generic_convert(generic_slot, A9N_CAPABILITY_FRAME, 0, count,
                                                   system_test_descriptor(node), 0);
        if (error != A9N_ERROR_NONE)
            return error;
        /* Well away from init's image, info, modules, stack and the memory tests. */
        a9n_word_t address = info->user_top / 4 & ~((1ul << 30) - 1);
        struct a9n_page_table_supply tables = {
            .generic = system_test_generic(),
            .node = SYSTEM_TEST_ROOT,
            .radix = A9N_INIT_ROOT_RADIX,
            .next = system_test_slot(),
        };
        for (unsigned level = 1; level < info->paging_levels; level++)
            system_test_slot();
        tables.end = tables.next + info->paging_levels;
        error = a9n_map_frame_building_tables(
            a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
            a9n_descriptor_child(system_test_descriptor(node), radix, count - 1), address,
            A9N_MAP_READ | A9N_MAP_WRITE | A9N_MAP_DEVICE, &tables);
        uart->mmio = (volatile uint8_t *)(address + (uart->console->base - page));
        return error;
    }
    return A9N_ERROR_NOT_MAPPED;
}

/* Block until the notification has bits: the word, or 0 on an error. */
static a9n_word_t wait_for(a9n_word_t notification)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_capability_call(notification, A9N_NOTIFICATION_WAIT, mr) != A9N_ERROR_NONE)
        return 0;
    return mr[A9N_NOTIFICATION_ARG_WORD];
}

SYSTEM_TEST(uart_receive_interrupt_reaches_user_level_driver)
{
    const struct a9n_init_info *info = system_test_init_info();
    struct uart uart = { .console = &info->console };
    CHECK(info->console.registers != A9N_CONSOLE_REGISTERS_NONE);

    /* The driver's notification: the badge says "the UART fired". */
    a9n_word_t notification = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t badged = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, badged, system_test_descriptor(notification),
                              A9N_RIGHTS_ALL, INTERRUPT_BADGE),
                A9N_ERROR_NONE);
    a9n_word_t port = system_test_make(A9N_CAPABILITY_INTERRUPT_PORT, 0);
    CHECK_EQUAL(a9n_interrupt_region_make_port(a9n_init_slot(A9N_INIT_SLOT_INTERRUPT_REGION),
                                               info->console.interrupt_line,
                                               system_test_descriptor(port)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_port_bind(system_test_descriptor(port),
                                        system_test_descriptor(badged)),
                A9N_ERROR_NONE);

    if (info->console.registers == A9N_CONSOLE_REGISTERS_IO_PORT)
        CHECK_EQUAL(open_io_ports(&uart), A9N_ERROR_NONE);
    else
        CHECK_EQUAL(open_mmio(&uart), A9N_ERROR_NONE);

    /* The kernel only transmits, polled: the receive interrupt is the driver's to enable. */
    uint32_t modem_control = uart_read(&uart, UART_MODEM_CONTROL);
    uart_write(&uart, UART_MODEM_CONTROL, modem_control | UART_MODEM_CONTROL_OUT2);
    uart_write(&uart, UART_INTERRUPT_ENABLE, UART_INTERRUPT_RECEIVED_DATA);

    a9n_word_t word = wait_for(system_test_descriptor(badged));
    uint32_t status = uart_read(&uart, UART_LINE_STATUS);
    uint32_t byte = uart_read(&uart, UART_DATA);
    /* Quiet again before checking anything, so a failure leaves no interrupt behind. */
    uart_write(&uart, UART_INTERRUPT_ENABLE, 0);
    uart_write(&uart, UART_MODEM_CONTROL, modem_control);

    CHECK_EQUAL(word, INTERRUPT_BADGE);
    CHECK((status & UART_LINE_STATUS_DATA_READY) != 0);
    CHECK_EQUAL(byte, UART_TEST_INPUT);
    /* The line was masked when it fired; ack unmasks it, once. */
    CHECK_EQUAL(a9n_interrupt_port_ack(system_test_descriptor(port)), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_interrupt_port_ack(system_test_descriptor(port)), A9N_ERROR_INVALID_STATE);
}
