/*
 * Boot console: polled output on the device tree's 16550-compatible UART
 * (QEMU's ns16550a, the VisionFive 2's DesignWare 8250 with 4-byte register
 * stride), or the SBI console until that UART is known.
 */
#include "platform.h"

enum {
    UART_TRANSMIT_HOLDING = 0, /* THR, write */
    UART_LINE_STATUS = 5,      /* LSR */
    UART_LINE_STATUS_THR_EMPTY = 1 << 5,
};

static volatile uint8_t *uart_registers;
static uint32_t uart_reg_shift, uart_reg_io_width;

/* Registers are 1 << reg_shift bytes apart; the DesignWare UART needs 32-bit accesses. */
static uint32_t uart_read(unsigned reg)
{
    volatile uint8_t *address = uart_registers + (reg << uart_reg_shift);
    return uart_reg_io_width == 4 ? *(volatile uint32_t *)address : *address;
}

static void uart_write(unsigned reg, uint32_t value)
{
    volatile uint8_t *address = uart_registers + (reg << uart_reg_shift);
    if (uart_reg_io_width == 4)
        *(volatile uint32_t *)address = value;
    else
        *address = (uint8_t)value;
}

void console_init(const struct devicetree_uart *uart)
{
    if (!uart->present)
        return;
    uart_reg_shift = uart->reg_shift;
    uart_reg_io_width = uart->reg_io_width;
    uint64_t span = (uint64_t)(UART_LINE_STATUS + 1) << uart->reg_shift;
    /* The firmware already set the baud rate and line format; only transmit is used. */
    uart_registers = kernel_memory_map_device(uart->base, span);
}

void hal_console_putc(char c)
{
    if (!uart_registers) {
        sbi_console_putchar(c);
        return;
    }
    while (!(uart_read(UART_LINE_STATUS) & UART_LINE_STATUS_THR_EMPTY))
        ;
    uart_write(UART_TRANSMIT_HOLDING, (unsigned char)c);
}
