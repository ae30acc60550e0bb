/*
 * The console's input thread. The UART's receive interrupt wakes it (the
 * kernel masks the line and notifies); it drains the receiver, acks once
 * the receiver is empty, and calls the POSIX server with the bytes. It
 * never polls the UART while waiting: it looks again only after an
 * interrupt, or right after an ack, where an edge may have been missed.
 */
#include <liba9n/interrupt.h>
#include <liba9n/notification.h>
#include <liba9n/process.h>

#include "driver.h"

/*
 * One KOITO_CONSOLE_INPUT call. True when the POSIX server took the
 * bytes: it replied, or it received them and then dropped the reply
 * (CANCELLED: sending them again could show them twice). Any other
 * error means they never reached it (its port is gone or empty).
 */
static bool deliver(const struct console_input *input, const unsigned char *bytes, size_t count)
{
    /* A fresh message: nothing but the count and the bytes reaches the POSIX server. */
    struct koito_message message = { .ipc_buffer = input->ipc_buffer };
    koito_message_set_word(&message, 0, count);
    unsigned words = koito_message_write_bytes(&message, 1, bytes, count);
    /* The reply carries no capabilities for us: none may land. */
    input->ipc_buffer->receive_node = a9n_descriptor(0, 0);
    input->ipc_buffer->receive_index = (a9n_word_t)1 << input->root_radix;
    enum a9n_error error =
        koito_call(input->posix_port, &message, KOITO_CONSOLE_INPUT, 1 + words, 0);
    return error == A9N_ERROR_NONE || error == A9N_ERROR_CANCELLED;
}

void console_input_run(a9n_word_t argument)
{
    const struct console_input *input = (const struct console_input *)argument;
    const struct uart *uart = input->uart;
    unsigned char bytes[KOITO_CONSOLE_INPUT_MAX];
    size_t count = 0;
    /* Whether the last call reached the POSIX server; if not, retry only on new input. */
    bool reachable = true;

    /*
     * The interrupt is bound already. Bytes typed before this point wait in
     * the receiver (and may have raised the interrupt as soon as IER was
     * set): the first pass below drains them without waiting.
     */
    uart_enable_receive_interrupt(uart);
    for (;;) {
        count += uart_drain(uart, bytes + count, sizeof bytes - count);
        /*
         * Undelivered bytes fill the buffer: drop what arrives after them,
         * as the UART itself would on overrun, so the order stays and the
         * receiver goes quiet (no interrupt storm while the server is gone).
         */
        if (!reachable && count == sizeof bytes)
            uart_discard(uart);
        /*
         * Ack only once the receiver is empty: while bytes are left for the
         * next pass the line stays masked. INVALID_STATE (nothing pending:
         * the first pass, or a wake-up whose bytes an earlier pass took)
         * changes nothing.
         */
        bool quiet = !uart_data_ready(uart);
        if (quiet)
            a9n_interrupt_port_ack(input->interrupt_port);
        if (count > 0) {
            reachable = deliver(input, bytes, count);
            if (reachable)
                count = 0;
        }
        /*
         * Bytes left behind (not acked: no interrupt will come for them), or
         * a byte after the ack (its edge may have been lost while the line
         * was masked): another pass. Each pass takes bytes from the
         * receiver, so this runs only as fast as input arrives.
         */
        if (!quiet || uart_data_ready(uart))
            continue;
        if (a9n_notification_wait(input->notification).error != A9N_ERROR_NONE)
            break; /* our own notification cannot go away; waiting again would only spin */
    }
    a9n_process_suspend(input->process);
}
