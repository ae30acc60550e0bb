/*
 * The POSIX server's terminal line discipline, canonical mode with echo
 * (a Unix tty's ICANON|ECHO|ONLCR|ISIG): line editing of the bytes the
 * console driver received, the queue of finished lines readers take, and
 * newline translation of program output. Pure and bounded: the server
 * feeds it bytes, sends the echo it returns and signals the foreground
 * process group (which is the server's business) on an interrupt.
 */
#ifndef KOITO_POSIX_TTY_H
#define KOITO_POSIX_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Bytes of the line being edited. Bytes typed beyond it are dropped, with
 * a bell echoed; a finished line is at most TTY_LINE_MAX + 1 bytes with
 * its newline.
 */
#define TTY_LINE_MAX 255

/*
 * Finished input not yet read: at most TTY_QUEUE_BYTES bytes in at most
 * TTY_QUEUE_LINES lines (an end-of-file counts as a line). A line that
 * does not fit is dropped whole, with a bell echoed: queued input is never
 * overwritten, and a reader never sees half a line.
 */
#define TTY_QUEUE_BYTES 2048
#define TTY_QUEUE_LINES 32

/* The most one tty_input call echoes: "\b \b" for each byte of a full line Ctrl-U erases. */
#define TTY_ECHO_MAX (3 * TTY_LINE_MAX)

/* An echo buffer's size: one TTY_ECHO_MAX and some ordinary typing (one byte each) before it is sent. */
#define TTY_ECHO_SIZE 1024

/* What tty_input made happen, as bits. */
enum tty_event {
    TTY_EVENT_READABLE = 1 << 0,  /* a line or an end-of-file is now queued for readers */
    TTY_EVENT_INTERRUPT = 1 << 1, /* Ctrl-C: the server sends SIGINT to the foreground group */
};

/* tty_read's result when nothing is queued: the server makes the reader wait. */
enum { TTY_WOULD_BLOCK = -1 };

/* Bytes for the console, collected by tty_input; the caller sends them and sets length to 0. */
struct tty_output {
    size_t length;
    uint8_t bytes[TTY_ECHO_SIZE];
};

struct tty {
    uint8_t line[TTY_LINE_MAX];       /* the line being edited, not yet readable */
    size_t line_length;
    bool after_line_cr;               /* the last byte was a '\r' that ended a line */

    /* Finished lines, oldest first: their bytes in a ring, their lengths in another. */
    uint8_t queue[TTY_QUEUE_BYTES];
    size_t queue_start;               /* the oldest unread byte */
    size_t queue_used;                /* unread bytes, of all queued lines */
    uint16_t unread[TTY_QUEUE_LINES]; /* each queued line's unread bytes; 0: an end-of-file */
    size_t unread_start;              /* the oldest queued line */
    size_t unread_count;
};

/* No line being edited, nothing queued. The struct needs no other setup. */
void tty_init(struct tty *tty);

/*
 * Processes one received byte, appending its echo to `echo`, and returns
 * tty_event bits:
 *   - 0x20..0x7e, tab and bytes >= 0x80: added to the line, echoed;
 *   - '\r' or '\n': the line and a '\n' become readable, "\r\n" is echoed;
 *     a '\n' right after such a '\r' is ignored (CR LF is one line end);
 *   - backspace (0x7f, 0x08): erases the line's last byte ("\b \b");
 *   - Ctrl-U (0x15): erases the whole line ("\b \b" per byte);
 *   - Ctrl-C (0x03): discards the line, echoes "^C\r\n", TTY_EVENT_INTERRUPT;
 *     lines already queued stay;
 *   - Ctrl-D (0x04): the line so far becomes readable without a newline
 *     and without echo; at an empty line that is an end-of-file;
 *   - other control bytes: ignored.
 * The echo is only shown, never read back: what does not fit in `echo` is
 * lost, the input is not. tty_echo_has_room says whether it all fits.
 */
unsigned tty_input(struct tty *tty, uint8_t byte, struct tty_output *echo);

/* Whether the echo of any one tty_input call fits in `echo`; if not, send it first. */
bool tty_echo_has_room(const struct tty_output *echo);

/*
 * A canonical read: copies into `buffer` at most `size` bytes of the oldest
 * queued line (never bytes of two lines; the rest of a longer line is left
 * for the next reads) and returns how many. Returns 0 for an end-of-file,
 * which it takes from the queue, and also for `size` 0, taking nothing;
 * TTY_WOULD_BLOCK if nothing is queued.
 */
int tty_read(struct tty *tty, uint8_t *buffer, size_t size);

/* Whether tty_read would return something other than TTY_WOULD_BLOCK. */
bool tty_readable(const struct tty *tty);

/*
 * Program output on its way to the console: copies `in` to `out`, each
 * '\n' as "\r\n" (ONLCR), as far as `out_size` bytes allow, and returns the
 * bytes written; *consumed is the input bytes taken. A '\n' is taken only
 * with room for both bytes, so a "\r\n" is never split between two calls
 * (and `out_size` must be at least 2 for every input to make progress).
 */
size_t tty_translate_output(const uint8_t *in, size_t in_size, uint8_t *out, size_t out_size,
                            size_t *consumed);

#endif
