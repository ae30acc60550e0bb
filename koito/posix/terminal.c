/*
 * The terminal: the console driver's UART under the line discipline of
 * tty.c. Program output is translated and sent to the driver; input
 * arrives from the driver's input thread (KOITO_CONSOLE_INPUT), is edited
 * and echoed here, and wakes the programs waiting to read. Ctrl-C sends
 * SIGINT to the foreground process group (tcsetpgrp).
 */
#include <koito/console.h>
#include <liba9n/app.h>

#include "posix_server.h"
#include "tty.h"

static struct tty tty;
static struct tty_output echo;
static a9n_word_t console_port;
static a9n_word_t foreground;

void terminal_init(a9n_word_t port)
{
    console_port = port;
    tty_init(&tty);
}

a9n_word_t terminal_foreground(void)
{
    return foreground;
}

void terminal_set_foreground(a9n_word_t group)
{
    foreground = group;
}

/* Bytes as they are to the console driver, in requests it takes. */
static long send_to_console(const uint8_t *bytes, size_t size)
{
    struct koito_message message = {
        .ipc_buffer = (struct a9n_ipc_buffer *)a9n_app_info()->ipc_buffer,
    };
    size_t sent = 0;
    while (sent < size) {
        size_t chunk = size - sent;
        if (chunk > KOITO_CONSOLE_WRITE_MAX)
            chunk = KOITO_CONSOLE_WRITE_MAX;
        koito_message_set_word(&message, 0, chunk);
        unsigned words = koito_message_write_bytes(&message, 1, bytes + sent, chunk);
        if (koito_call(console_port, &message, KOITO_CONSOLE_WRITE, 1 + words, 0) !=
                A9N_ERROR_NONE ||
            (long)koito_message_word(&message, 0) < 0)
            return -KOITO_EIO;
        sent += chunk;
    }
    return (long)size;
}

long terminal_write(const void *data, size_t size)
{
    static uint8_t translated[KOITO_CONSOLE_WRITE_MAX];
    const uint8_t *bytes = data;
    size_t done = 0;
    while (done < size) {
        size_t consumed;
        size_t length = tty_translate_output(bytes + done, size - done, translated,
                                             sizeof translated, &consumed);
        if (send_to_console(translated, length) < 0)
            return done > 0 ? (long)done : -KOITO_EIO;
        done += consumed;
    }
    return (long)size;
}

void terminal_diagnostic(const char *text)
{
    size_t length = 0;
    while (text[length] != '\0')
        length++;
    terminal_write(text, length);
}

long terminal_read(struct process *process, void *buffer, size_t size)
{
    int result = tty_read(&tty, buffer, size);
    if (result != TTY_WOULD_BLOCK)
        return result;
    if (process->interrupted) {
        process->interrupted = false;
        return -KOITO_EINTR;
    }
    return -KOITO_EAGAIN;
}

static void flush_echo(void)
{
    if (echo.length > 0)
        send_to_console(echo.bytes, echo.length);
    echo.length = 0;
}

static void interrupt_foreground(void)
{
    unsigned count;
    struct process *processes = process_table(&count);
    for (unsigned i = 0; i < count; i++)
        if (processes[i].state == PROCESS_LIVE && processes[i].group == foreground &&
            foreground != 0)
            process_signal(&processes[i], KOITO_SIGINT);
}

/* From the console driver's input thread: w0 count, w1.. the bytes. */
enum koito_reply_action posix_console_input(struct koito_server *server,
                                            struct koito_request *request)
{
    uint8_t bytes[KOITO_CONSOLE_INPUT_MAX];
    a9n_word_t count = koito_message_word(request->message, 0);
    if (request->badge != KOITO_PID_CONSOLE || count > KOITO_CONSOLE_INPUT_MAX ||
        !koito_message_read_bytes(request->message, request->length, 1, bytes, count))
        return posix_reply(server, request, -KOITO_EINVAL, 0);

    unsigned events = 0;
    for (a9n_word_t i = 0; i < count; i++) {
        if (!tty_echo_has_room(&echo))
            flush_echo();
        events |= tty_input(&tty, bytes[i], &echo);
    }
    flush_echo();
    if ((events & TTY_EVENT_INTERRUPT) != 0)
        interrupt_foreground();
    if ((events & TTY_EVENT_READABLE) != 0)
        process_wake_all(WAITING_TERMINAL, NULL);
    return posix_reply(server, request, 0, 0);
}

enum koito_reply_action posix_tcsetpgrp_request(struct koito_server *server,
                                                struct koito_request *request)
{
    long group = (long)koito_message_word(request->message, 0);
    if (group <= 0)
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    terminal_set_foreground((a9n_word_t)group);
    return posix_reply(server, request, 0, 0);
}

enum koito_reply_action posix_tcgetpgrp_request(struct koito_server *server,
                                                struct koito_request *request)
{
    return posix_reply(server, request, (long)foreground, 0);
}
