/* The terminal line discipline: canonical input editing, the readable queue, output translation (tty.h). */
#include "tty.h"

/* The control bytes canonical mode acts on (their termios names in brackets). */
enum {
    CHAR_INTERRUPT = 0x03, /* Ctrl-C [VINTR] */
    CHAR_EOF = 0x04,       /* Ctrl-D [VEOF] */
    CHAR_BELL = 0x07,
    CHAR_BACKSPACE = 0x08, /* Ctrl-H [VERASE on some terminals] */
    CHAR_KILL = 0x15,      /* Ctrl-U [VKILL] */
    CHAR_DELETE = 0x7f,    /* what most terminals send for the backspace key [VERASE] */
};

void tty_init(struct tty *tty)
{
    tty->line_length = 0;
    tty->after_line_cr = false;
    tty->queue_start = 0;
    tty->queue_used = 0;
    tty->unread_start = 0;
    tty->unread_count = 0;
}

bool tty_echo_has_room(const struct tty_output *echo)
{
    return echo->length <= TTY_ECHO_SIZE - TTY_ECHO_MAX;
}

static void echo_bytes(struct tty_output *echo, const char *bytes, size_t count)
{
    for (size_t i = 0; i < count && echo->length < TTY_ECHO_SIZE; i++)
        echo->bytes[echo->length++] = (uint8_t)bytes[i];
}

static void echo_byte(struct tty_output *echo, uint8_t byte)
{
    echo_bytes(echo, (const char *)&byte, 1);
}

/*
 * Appends the line being edited, and a '\n' when `newline`, to the queue
 * as one line. False, queueing nothing, if the queue lacks the room: a
 * partial line would read as a whole one.
 */
static bool queue_line(struct tty *tty, bool newline)
{
    size_t length = tty->line_length + (newline ? 1 : 0);
    if (tty->unread_count == TTY_QUEUE_LINES || length > TTY_QUEUE_BYTES - tty->queue_used)
        return false;
    size_t end = (tty->queue_start + tty->queue_used) % TTY_QUEUE_BYTES;
    for (size_t i = 0; i < length; i++) {
        tty->queue[end] = i < tty->line_length ? tty->line[i] : '\n';
        end = (end + 1) % TTY_QUEUE_BYTES;
    }
    tty->queue_used += length;
    tty->unread[(tty->unread_start + tty->unread_count) % TTY_QUEUE_LINES] = (uint16_t)length;
    tty->unread_count++;
    return true;
}

/* The line being edited becomes readable (or is dropped, the queue being full); editing starts afresh. */
static unsigned end_line(struct tty *tty, bool newline, struct tty_output *echo)
{
    bool queued = queue_line(tty, newline);
    tty->line_length = 0;
    if (!queued)
        echo_byte(echo, CHAR_BELL);
    if (newline)
        echo_bytes(echo, "\r\n", 2);
    return queued ? TTY_EVENT_READABLE : 0;
}

static void erase_last_byte(struct tty *tty, struct tty_output *echo)
{
    tty->line_length--;
    /* Back over the byte, blank it, back again: the cursor ends where the byte was. */
    echo_bytes(echo, "\b \b", 3);
}

unsigned tty_input(struct tty *tty, uint8_t byte, struct tty_output *echo)
{
    /* A terminal ending lines with CR LF: the CR ended the line, its LF is no second one. */
    bool line_feed_of_cr = tty->after_line_cr && byte == '\n';
    tty->after_line_cr = false;
    if (line_feed_of_cr)
        return 0;

    switch (byte) {
    case '\r':
        tty->after_line_cr = true;
        return end_line(tty, true, echo);
    case '\n':
        return end_line(tty, true, echo);
    case CHAR_EOF:
        /* An empty line queued is the end-of-file: the read that takes it returns 0. */
        return end_line(tty, false, echo);
    case CHAR_DELETE:
    case CHAR_BACKSPACE:
        if (tty->line_length > 0)
            erase_last_byte(tty, echo);
        return 0;
    case CHAR_KILL:
        while (tty->line_length > 0)
            erase_last_byte(tty, echo);
        return 0;
    case CHAR_INTERRUPT:
        tty->line_length = 0;
        echo_bytes(echo, "^C\r\n", 4);
        return TTY_EVENT_INTERRUPT;
    }
    if (byte < 0x20 && byte != '\t')
        return 0;
    if (tty->line_length == TTY_LINE_MAX) {
        echo_byte(echo, CHAR_BELL);
        return 0;
    }
    tty->line[tty->line_length++] = byte;
    echo_byte(echo, byte);
    return 0;
}

int tty_read(struct tty *tty, uint8_t *buffer, size_t size)
{
    if (size == 0)
        return 0;
    if (tty->unread_count == 0)
        return TTY_WOULD_BLOCK;
    uint16_t *unread = &tty->unread[tty->unread_start];
    size_t count = *unread < size ? *unread : size;
    for (size_t i = 0; i < count; i++) {
        buffer[i] = tty->queue[tty->queue_start];
        tty->queue_start = (tty->queue_start + 1) % TTY_QUEUE_BYTES;
    }
    tty->queue_used -= count;
    *unread -= (uint16_t)count;
    /* Only now is the line (or the end-of-file, which has no bytes) used up. */
    if (*unread == 0) {
        tty->unread_start = (tty->unread_start + 1) % TTY_QUEUE_LINES;
        tty->unread_count--;
    }
    return (int)count;
}

bool tty_readable(const struct tty *tty)
{
    return tty->unread_count > 0;
}

size_t tty_translate_output(const uint8_t *in, size_t in_size, uint8_t *out, size_t out_size,
                            size_t *consumed)
{
    size_t taken = 0;
    size_t written = 0;
    for (; taken < in_size; taken++) {
        if (in[taken] == '\n') {
            /* The terminal moves down only on '\n': '\r' brings the cursor back to column 0. */
            if (out_size - written < 2)
                break;
            out[written++] = '\r';
            out[written++] = '\n';
        } else {
            if (written == out_size)
                break;
            out[written++] = in[taken];
        }
    }
    *consumed = taken;
    return written;
}
