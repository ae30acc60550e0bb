/*
 * Accesses to the console UART: through the I/O Port capability (a kernel
 * call per access) or through the uncached mapping of its page. Which one
 * is decided by app_info.console.registers, never by the architecture.
 */
#include <liba9n/interrupt.h>

#include "uart.h"

/* A receiver never holds more than its FIFO (16 bytes on a 16550; 64 on some): a bound, not a rule. */
#define UART_DISCARD_MAX 256

uint32_t uart_read(const struct uart *uart, unsigned reg)
{
    a9n_word_t location = uart_register_location(uart->console, uart->first, reg);
    if (uart->console->registers == A9N_CONSOLE_REGISTERS_IO_PORT) {
        uint32_t value = 0;
        a9n_io_port_read(uart->io_port, location,
                         (enum a9n_io_port_width)uart->console->register_width, &value);
        return value;
    }
    if (uart->console->register_width == 4)
        return *(volatile uint32_t *)location;
    return *(volatile uint8_t *)location;
}

void uart_write(const struct uart *uart, unsigned reg, uint32_t value)
{
    a9n_word_t location = uart_register_location(uart->console, uart->first, reg);
    if (uart->console->registers == A9N_CONSOLE_REGISTERS_IO_PORT) {
        a9n_io_port_write(uart->io_port, location,
                          (enum a9n_io_port_width)uart->console->register_width,
                          uart->console->register_width == 4 ? value : (value & 0xff));
        return;
    }
    if (uart->console->register_width == 4)
        *(volatile uint32_t *)location = value;
    else
        *(volatile uint8_t *)location = (uint8_t)value;
}

void uart_put_byte(const struct uart *uart, unsigned char byte)
{
    while ((uart_read(uart, UART_LINE_STATUS) & UART_LINE_STATUS_THR_EMPTY) == 0)
        ;
    uart_write(uart, UART_DATA, byte);
}

bool uart_data_ready(const struct uart *uart)
{
    return (uart_read(uart, UART_LINE_STATUS) & UART_LINE_STATUS_DATA_READY) != 0;
}

size_t uart_drain(const struct uart *uart, unsigned char *buffer, size_t max)
{
    size_t count = 0;
    while (count < max && uart_data_ready(uart))
        buffer[count++] = (unsigned char)uart_read(uart, UART_DATA);
    return count;
}

void uart_discard(const struct uart *uart)
{
    for (unsigned i = 0; i < UART_DISCARD_MAX && uart_data_ready(uart); i++)
        uart_read(uart, UART_DATA);
}

void uart_enable_receive_interrupt(const struct uart *uart)
{
    /* The kernel only transmits, with the UART's interrupts off: the receive interrupt is ours. */
    uint32_t modem_control = uart_read(uart, UART_MODEM_CONTROL);
    uart_write(uart, UART_MODEM_CONTROL, modem_control | UART_MODEM_CONTROL_OUT2);
    uart_write(uart, UART_INTERRUPT_ENABLE, UART_INTERRUPT_RECEIVED_DATA);
}
