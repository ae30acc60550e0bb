/*
 * The console UART, a 16550, as the kernel describes it (app_info.console):
 * register n at base + (n << register_shift), register_width bytes wide,
 * in the I/O port space or in memory. registers.c is the pure layout
 * (host-tested), uart.c the accesses.
 */
#ifndef KOITO_CONSOLE_UART_H
#define KOITO_CONSOLE_UART_H

#include <a9n/interrupt.h>
#include <a9n/types.h>
#include <stdbool.h>
#include <stddef.h>

/* 16550 registers (DLAB = 0, as the kernel left it). */
enum uart_register {
    UART_DATA = 0,             /* read: receive buffer; write: transmit holding */
    UART_INTERRUPT_ENABLE = 1,
    UART_MODEM_CONTROL = 4,
    UART_LINE_STATUS = 5,
    UART_REGISTERS = 8,        /* the driver's registers are 0 .. 7 */
};

#define UART_INTERRUPT_RECEIVED_DATA 0x01 /* IER: data ready or receive timeout */
#define UART_MODEM_CONTROL_OUT2 0x08      /* MCR: gates the IRQ line on PC boards */
#define UART_LINE_STATUS_DATA_READY 0x01  /* LSR: a byte waits in the receiver */
#define UART_LINE_STATUS_THR_EMPTY 0x20   /* LSR: the transmitter takes a byte */

/* Widest register stride a console may have (2^4 = 16 bytes between registers). */
#define UART_MAX_REGISTER_SHIFT 4

/* ---- the layout (registers.c, pure) ------------------------------------------------ */

/* Bytes (or I/O ports) registers 0 .. UART_REGISTERS - 1 cover from register 0. */
a9n_word_t uart_register_span(const struct a9n_console_info *console);

/*
 * Whether the driver can use `console`: I/O ports or MMIO, width 1 or 4,
 * a stride up to UART_MAX_REGISTER_SHIFT, and the registers inside the
 * 16-bit port space or inside the one page (of `page_size`) whose frame
 * the driver maps.
 */
bool uart_layout_valid(const struct a9n_console_info *console, a9n_word_t page_size);

/*
 * Where register 0 is: the I/O port `base`, or, for MMIO, its address
 * once the UART's page is mapped at `window` (base's offset in its page
 * kept).
 */
a9n_word_t uart_first_register(const struct a9n_console_info *console, a9n_word_t page_size,
                               a9n_word_t window);

/* Port or address of register `reg`, given register 0's. */
static inline a9n_word_t uart_register_location(const struct a9n_console_info *console,
                                                a9n_word_t first, unsigned reg)
{
    return first + ((a9n_word_t)reg << console->register_shift);
}

/* ---- accesses (uart.c) ------------------------------------------------------------- */

struct uart {
    const struct a9n_console_info *console;
    a9n_word_t first;   /* I/O port or virtual address of register 0 */
    a9n_word_t io_port; /* the I/O Port capability, when the registers are ports */
};

uint32_t uart_read(const struct uart *uart, unsigned reg);
void uart_write(const struct uart *uart, unsigned reg, uint32_t value);

/* Transmit one byte, polling until the transmitter takes it. */
void uart_put_byte(const struct uart *uart, unsigned char byte);
bool uart_data_ready(const struct uart *uart);
/* Up to `max` received bytes into `buffer` without waiting; how many. */
size_t uart_drain(const struct uart *uart, unsigned char *buffer, size_t max);
/* Read and drop what the receiver holds (at most a FIFO's worth per call). */
void uart_discard(const struct uart *uart);
/* Interrupt on received data: IER, and MCR OUT2 (the PC's interrupt gate). */
void uart_enable_receive_interrupt(const struct uart *uart);

#endif
