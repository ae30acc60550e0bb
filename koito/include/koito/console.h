/*
 * The console driver's protocol (koito/console/). The driver owns the
 * UART; its only client is the POSIX server, which runs the terminal
 * (line discipline, foreground process group) on top.
 *   - Output: the POSIX server calls the driver's port.
 *   - Input: the driver calls the POSIX server's port with what the UART
 *     received, from a thread of its own, so neither side ever waits for
 *     the other in both directions at once.
 */
#ifndef KOITO_CONSOLE_H
#define KOITO_CONSOLE_H

#include <a9n/ipc.h>
#include <a9n/types.h>

enum koito_console_request {
    /* MR4 byte count (at most KOITO_CONSOLE_WRITE_MAX), MR5.. the bytes.
     * Reply: MR4 bytes written (all of them), or a negative errno. */
    KOITO_CONSOLE_WRITE = 1,
};

#define KOITO_CONSOLE_WRITE_MAX ((A9N_MESSAGE_MAX_LENGTH - 1) * sizeof(a9n_word_t))

/*
 * Input, driver -> POSIX server: label KOITO_CONSOLE_INPUT, MR4 byte
 * count (1 .. KOITO_CONSOLE_INPUT_MAX), MR5.. the bytes as received (no
 * translation). The reply carries nothing; the driver sends the next
 * bytes only after it.
 */
#define KOITO_CONSOLE_INPUT 0x636f6eu /* "con" */
#define KOITO_CONSOLE_INPUT_MAX 64

#endif
