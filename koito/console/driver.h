/*
 * The console driver's two threads (docs/console.md): the service thread
 * answers the POSIX server's output requests on the driver's port
 * (service.c); the input thread takes the UART's receive interrupt and
 * calls the POSIX server with what arrived (input.c). main.c sets both up.
 */
#ifndef KOITO_CONSOLE_DRIVER_H
#define KOITO_CONSOLE_DRIVER_H

#include <a9n/capability.h>
#include <koito/console.h>
#include <koito/server.h>

#include "uart.h"

/* ---- service thread (service.c) ----------------------------------------------------- */

struct console_service {
    /* Where written bytes go: the UART (uart_put_byte), or a host test's record. */
    void (*output)(void *device, const unsigned char *bytes, size_t count);
    void *device;
    /* A request's bytes, copied out of the message before anything is written. */
    unsigned char bytes[KOITO_CONSOLE_WRITE_MAX];
};

/*
 * Fill `server` to serve KOITO_CONSOLE_WRITE on `port` for the POSIX
 * server only; received capabilities never land (receive index past
 * the root node of `root_radix`).
 */
void console_service_init(struct koito_server *server, struct console_service *service,
                          a9n_word_t port, struct a9n_ipc_buffer *ipc_buffer,
                          unsigned root_radix);

/* ---- input thread (input.c) ---------------------------------------------------------- */

struct console_input {
    const struct uart *uart;
    a9n_word_t notification;   /* the Notification Port the interrupt is bound to (read) */
    a9n_word_t interrupt_port; /* the UART's Interrupt Port (to ack) */
    a9n_word_t posix_port;     /* the POSIX server's port (call) */
    a9n_word_t process;        /* the thread's own PCB (to stop itself on a broken notification) */
    struct a9n_ipc_buffer *ipc_buffer;
    unsigned root_radix;
};

/* The input thread's body: enable the receive interrupt, then deliver input forever. */
void console_input_run(a9n_word_t input);

#endif
