/*
 * Where the console UART's registers are, from the kernel's description
 * alone (no kernel calls, so the host tests check it for every layout a
 * port reports: PC COM1, QEMU virt, the VisionFive 2's 4-byte stride).
 */
#include "uart.h"

#define IO_PORT_SPACE 0x10000u

a9n_word_t uart_register_span(const struct a9n_console_info *console)
{
    return ((a9n_word_t)(UART_REGISTERS - 1) << console->register_shift) +
           console->register_width;
}

bool uart_layout_valid(const struct a9n_console_info *console, a9n_word_t page_size)
{
    if (console->register_width != 1 && console->register_width != 4)
        return false;
    if (console->register_shift > UART_MAX_REGISTER_SHIFT)
        return false;
    /* Registers wider than their stride would overlap; a misaligned one would fault. */
    if (console->register_width > ((a9n_word_t)1 << console->register_shift) ||
        (console->base & (console->register_width - 1)) != 0)
        return false;
    a9n_word_t span = uart_register_span(console);
    switch (console->registers) {
    case A9N_CONSOLE_REGISTERS_IO_PORT:
        return console->base < IO_PORT_SPACE && span <= IO_PORT_SPACE - console->base;
    case A9N_CONSOLE_REGISTERS_MMIO:
        /* One device frame is all the driver is given: every register must be in it. */
        if (page_size == 0 || (page_size & (page_size - 1)) != 0)
            return false;
        return span <= page_size - (console->base & (page_size - 1));
    default:
        return false;
    }
}

a9n_word_t uart_first_register(const struct a9n_console_info *console, a9n_word_t page_size,
                               a9n_word_t window)
{
    if (console->registers == A9N_CONSOLE_REGISTERS_IO_PORT)
        return console->base;
    return window + (console->base & (page_size - 1));
}
