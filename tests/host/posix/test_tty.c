/*
 * Host tests of the POSIX server's terminal line discipline
 * (koito/posix/tty.c): line editing and its echo, the readable queue and
 * its limits, canonical reads, output newline translation, and random
 * input against the struct's invariants.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "koito/posix/tty.h"

static struct tty tty;
static struct tty_output echo;

static int set_up(void **state)
{
    (void)state;
    memset(&tty, 0xa5, sizeof tty); /* tty_init must not rely on zeroed memory */
    tty_init(&tty);
    echo.length = 0;
    return 0;
}

/* Feeds `text` byte by byte; the events of all its bytes. */
static unsigned type(const char *text)
{
    unsigned events = 0;
    for (size_t i = 0; text[i] != '\0'; i++)
        events |= tty_input(&tty, (uint8_t)text[i], &echo);
    return events;
}

static void type_repeated(uint8_t byte, size_t count)
{
    for (size_t i = 0; i < count; i++)
        tty_input(&tty, byte, &echo);
}

static void assert_echo(const char *expected)
{
    assert_int_equal(echo.length, strlen(expected));
    assert_memory_equal(echo.bytes, expected, echo.length);
    echo.length = 0;
}

/* One read into a buffer of `size` bytes; it must return exactly `expected`. */
static void assert_read(size_t size, const char *expected)
{
    uint8_t buffer[TTY_QUEUE_BYTES];
    assert_true(size <= sizeof buffer);
    int got = tty_read(&tty, buffer, size);
    assert_int_equal(got, strlen(expected));
    assert_memory_equal(buffer, expected, (size_t)got);
}

static void assert_would_block(void)
{
    uint8_t buffer[16];
    assert_false(tty_readable(&tty));
    assert_int_equal(tty_read(&tty, buffer, sizeof buffer), TTY_WOULD_BLOCK);
}

static void line_becomes_readable_only_at_newline(void **state)
{
    (void)state;
    assert_int_equal(type("ls -l"), 0);
    assert_echo("ls -l");
    assert_would_block();
    assert_int_equal(type("\n"), TTY_EVENT_READABLE);
    assert_echo("\r\n");
    assert_true(tty_readable(&tty));
    assert_read(64, "ls -l\n");
    assert_would_block();
}

static void carriage_return_ends_the_line_too(void **state)
{
    (void)state;
    assert_int_equal(type("pwd\r"), TTY_EVENT_READABLE);
    assert_echo("pwd\r\n");
    assert_read(64, "pwd\n");
}

static void carriage_return_line_feed_gives_one_line(void **state)
{
    (void)state;
    assert_int_equal(type("a\r"), TTY_EVENT_READABLE);
    assert_int_equal(type("\nb\r\n"), TTY_EVENT_READABLE);
    assert_echo("a\r\nb\r\n");
    assert_read(64, "a\n");
    assert_read(64, "b\n");
    assert_would_block();
    /* Only the one LF right after the CR is skipped: a second is an empty line. */
    type("\r\n\n");
    assert_read(64, "\n");
    assert_read(64, "\n");
    assert_would_block();
}

static void backspace_erases_the_last_byte_and_echoes_the_erase(void **state)
{
    (void)state;
    type("cat");
    echo.length = 0;
    assert_int_equal(type("\x7f"), 0);
    assert_echo("\b \b");
    assert_int_equal(type("\b"), 0);
    assert_echo("\b \b");
    type("p\n");
    assert_read(64, "cp\n");
}

static void backspace_at_an_empty_line_does_nothing(void **state)
{
    (void)state;
    assert_int_equal(type("\x7f\b\x7f"), 0);
    assert_echo("");
    type("x\n");
    assert_read(64, "x\n");
    /* A line already queued is beyond erasing. */
    type("\x7f");
    assert_echo("x\r\n");
    type("\n");
    assert_read(64, "\n");
}

static void kill_erases_the_whole_line(void **state)
{
    (void)state;
    type("rm -rf");
    echo.length = 0;
    assert_int_equal(type("\x15"), 0);
    assert_echo("\b \b\b \b\b \b\b \b\b \b\b \b");
    assert_would_block();
    type("ls\n");
    assert_read(64, "ls\n");
}

static void kill_of_a_full_line_echoes_at_most_the_echo_limit(void **state)
{
    (void)state;
    type_repeated('k', TTY_LINE_MAX);
    echo.length = 0;
    assert_true(tty_echo_has_room(&echo));
    type("\x15");
    assert_int_equal(echo.length, TTY_ECHO_MAX);
    assert_false(tty_echo_has_room(&echo));
}

static void echo_that_does_not_fit_is_lost_but_the_input_is_not(void **state)
{
    (void)state;
    type_repeated('e', TTY_LINE_MAX);
    echo.length = TTY_ECHO_SIZE - 1;
    echo.bytes[TTY_ECHO_SIZE - 2] = '!';
    type("\n");
    assert_int_equal(echo.length, TTY_ECHO_SIZE);
    assert_int_equal(echo.bytes[TTY_ECHO_SIZE - 2], '!');
    assert_int_equal(echo.bytes[TTY_ECHO_SIZE - 1], '\r');
    type("\x15");
    assert_int_equal(echo.length, TTY_ECHO_SIZE);
    uint8_t line[TTY_LINE_MAX + 1];
    assert_int_equal(tty_read(&tty, line, sizeof line), TTY_LINE_MAX + 1);
}

static void interrupt_discards_the_line_and_signals(void **state)
{
    (void)state;
    type("done\nsleep 100");
    echo.length = 0;
    assert_int_equal(type("\x03"), TTY_EVENT_INTERRUPT);
    assert_echo("^C\r\n");
    assert_read(64, "done\n");
    assert_would_block();
    type("\n");
    assert_read(64, "\n");
}

static void eof_at_an_empty_line_reads_zero_once_then_blocks(void **state)
{
    (void)state;
    assert_int_equal(type("\x04"), TTY_EVENT_READABLE);
    assert_echo("");
    assert_true(tty_readable(&tty));
    assert_read(64, "");
    assert_would_block();
}

static void eof_mid_line_delivers_the_partial_line(void **state)
{
    (void)state;
    assert_int_equal(type("abc\x04"), TTY_EVENT_READABLE);
    assert_echo("abc");
    assert_read(64, "abc");
    assert_would_block();
    /* A second Ctrl-D, now at an empty line, is the end-of-file. */
    type("abc\x04\x04");
    assert_read(64, "abc");
    assert_read(64, "");
    assert_would_block();
}

static void read_returns_one_line_per_call(void **state)
{
    (void)state;
    type("one\ntwo\n\x04three\n");
    assert_read(64, "one\n");
    assert_read(64, "two\n");
    assert_read(64, "");
    assert_read(64, "three\n");
    assert_would_block();
}

static void read_of_zero_bytes_takes_nothing(void **state)
{
    (void)state;
    type("\x04");
    assert_read(0, "");
    assert_read(64, "");
    assert_would_block();
}

static void read_splits_a_line_longer_than_the_buffer(void **state)
{
    (void)state;
    type("abcdefgh\nnext\n");
    assert_read(3, "abc");
    assert_read(3, "def");
    assert_read(3, "gh\n");
    assert_read(3, "nex");
    assert_read(64, "t\n");
    assert_would_block();
}

static void overlong_line_is_cut_at_the_limit(void **state)
{
    (void)state;
    type_repeated('a', TTY_LINE_MAX);
    assert_int_equal(echo.length, TTY_LINE_MAX);
    echo.length = 0;
    type("bc");
    assert_echo("\a\a");
    type("\n");
    uint8_t buffer[2 * TTY_LINE_MAX];
    assert_int_equal(tty_read(&tty, buffer, sizeof buffer), TTY_LINE_MAX + 1);
    for (size_t i = 0; i < TTY_LINE_MAX; i++)
        assert_int_equal(buffer[i], 'a');
    assert_int_equal(buffer[TTY_LINE_MAX], '\n');
    assert_would_block();
}

static void control_bytes_are_ignored_and_high_bytes_pass(void **state)
{
    (void)state;
    assert_int_equal(type("\x01\x02\x1b[A\x7f\x7f\t\xc3\xa9\x1f\x0c"), 0);
    assert_echo("[A\b \b\b \b\t\xc3\xa9");
    type("\n");
    assert_read(64, "\t\xc3\xa9\n");
}

/* Fills the queue with `lines` lines of `length` bytes each (with the newline), numbering them in their first byte. */
static void queue_numbered_lines(size_t lines, size_t length)
{
    for (size_t n = 0; n < lines; n++) {
        tty_input(&tty, (uint8_t)('A' + n % 26), &echo);
        type_repeated('.', length - 2);
        assert_int_equal(tty_input(&tty, '\n', &echo), TTY_EVENT_READABLE);
    }
    echo.length = 0;
}

static void assert_numbered_line(size_t n, size_t length)
{
    uint8_t buffer[TTY_LINE_MAX + 1];
    assert_int_equal(tty_read(&tty, buffer, sizeof buffer), length);
    assert_int_equal(buffer[0], 'A' + n % 26);
    for (size_t i = 1; i < length - 1; i++)
        assert_int_equal(buffer[i], '.');
    assert_int_equal(buffer[length - 1], '\n');
}

static void full_byte_queue_drops_new_lines_without_corrupting_old_ones(void **state)
{
    (void)state;
    /* 8 lines of 256 bytes are all of TTY_QUEUE_BYTES. */
    size_t lines = TTY_QUEUE_BYTES / (TTY_LINE_MAX + 1);
    queue_numbered_lines(lines, TTY_LINE_MAX + 1);
    assert_int_equal(type("x\n"), 0);
    assert_echo("x\a\r\n");
    assert_int_equal(type("y\x04"), 0);
    assert_echo("y\a");
    for (size_t n = 0; n < lines; n++)
        assert_numbered_line(n, TTY_LINE_MAX + 1);
    assert_would_block();
    /* Space read is space for new lines again, the ring wrapping around. */
    queue_numbered_lines(lines, TTY_LINE_MAX + 1);
    for (size_t n = 0; n < lines; n++)
        assert_numbered_line(n, TTY_LINE_MAX + 1);
}

static void full_line_queue_drops_new_lines_without_corrupting_old_ones(void **state)
{
    (void)state;
    queue_numbered_lines(TTY_QUEUE_LINES, 4);
    assert_int_equal(type("\x04"), 0);
    assert_int_equal(type("y\n"), 0);
    assert_echo("\ay\a\r\n");
    assert_numbered_line(0, 4);
    /* One line read is room for one more. */
    assert_int_equal(type("z\n"), TTY_EVENT_READABLE);
    assert_int_equal(type("w\n"), 0);
    for (size_t n = 1; n < TTY_QUEUE_LINES; n++)
        assert_numbered_line(n, 4);
    assert_read(64, "z\n");
    assert_would_block();
}

static void output_translates_newlines(void **state)
{
    (void)state;
    const char *in = "a\nb\r\n\n";
    uint8_t out[32];
    size_t consumed;
    size_t written = tty_translate_output((const uint8_t *)in, strlen(in), out, sizeof out,
                                          &consumed);
    assert_int_equal(consumed, strlen(in));
    assert_int_equal(written, 9);
    assert_memory_equal(out, "a\r\nb\r\r\n\r\n", written);
}

static void output_never_splits_crlf(void **state)
{
    (void)state;
    const uint8_t in[] = "ab\ncd";
    uint8_t out[3];
    size_t consumed;
    /* "ab" and the newline's "\r\n" are 4 bytes: the newline waits for the next call. */
    assert_int_equal(tty_translate_output(in, 5, out, 3, &consumed), 2);
    assert_int_equal(consumed, 2);
    assert_memory_equal(out, "ab", 2);
    assert_int_equal(tty_translate_output(in + 2, 3, out, 1, &consumed), 0);
    assert_int_equal(consumed, 0);
    assert_int_equal(tty_translate_output(in + 2, 3, out, 3, &consumed), 3);
    assert_int_equal(consumed, 2);
    assert_memory_equal(out, "\r\nc", 3);
}

/* The struct's invariants; a failure names the broken one. */
static void assert_tty_consistent(const struct tty *t)
{
    assert_true(t->line_length <= TTY_LINE_MAX);
    for (size_t i = 0; i < t->line_length; i++)
        assert_true(t->line[i] >= 0x20 || t->line[i] == '\t');
    assert_true(t->queue_start < TTY_QUEUE_BYTES);
    assert_true(t->queue_used <= TTY_QUEUE_BYTES);
    assert_true(t->unread_start < TTY_QUEUE_LINES);
    assert_true(t->unread_count <= TTY_QUEUE_LINES);
    size_t queued = 0;
    for (size_t i = 0; i < t->unread_count; i++) {
        uint16_t unread = t->unread[(t->unread_start + i) % TTY_QUEUE_LINES];
        assert_true(unread <= TTY_LINE_MAX + 1);
        queued += unread;
    }
    assert_int_equal(queued, t->queue_used);
    assert_int_equal(tty_readable(t), t->unread_count > 0);
}

/* xorshift32: the same stream on every run, so a failure repeats. */
static uint32_t next_random(uint32_t *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 17;
    *seed ^= *seed << 5;
    return *seed;
}

/* Mostly the bytes the discipline acts on, so that lines end, fill and get erased often. */
static uint8_t random_input(uint32_t *seed)
{
    static const uint8_t special[] = { '\r', '\n', '\b', 0x7f, 0x15, 0x03, 0x04, '\t', 0x1b };
    uint32_t r = next_random(seed);
    if (r % 4 == 0)
        return special[(r >> 8) % sizeof special];
    return (uint8_t)(r >> 8);
}

#define CANARY 0x5a

static void random_input_keeps_the_invariants(void **state)
{
    (void)state;
    /* Guards around the struct and the buffers catch a write past their end. */
    static struct {
        uint8_t before[64];
        struct tty tty;
        uint8_t after[64];
    } guarded;
    memset(&guarded, CANARY, sizeof guarded);
    tty_init(&guarded.tty);
    uint8_t buffer[TTY_LINE_MAX + 1 + 64];
    uint32_t seed = 0x1badb002;
    size_t lines_read = 0;
    size_t steps_at_a_full_queue = 0;
    for (int step = 0; step < 200000; step++) {
        uint32_t r = next_random(&seed);
        /* Phases of few reads, to fill the queue, and of many, to drain it. */
        bool reading_phase = (step / 4096) % 2 == 1;
        if (r % (reading_phase ? 2 : 64) != 0) {
            if (!tty_echo_has_room(&echo))
                echo.length = 0;
            size_t before = echo.length;
            unsigned events = tty_input(&guarded.tty, random_input(&seed), &echo);
            assert_true(echo.length - before <= TTY_ECHO_MAX);
            assert_int_equal(events & ~(unsigned)(TTY_EVENT_READABLE | TTY_EVENT_INTERRUPT), 0);
            if (events & TTY_EVENT_READABLE)
                assert_true(tty_readable(&guarded.tty));
        } else {
            size_t size = 1 + (r >> 8) % (TTY_LINE_MAX + 8);
            memset(buffer, CANARY, sizeof buffer);
            int got = tty_read(&guarded.tty, buffer, size);
            assert_true(got == TTY_WOULD_BLOCK || (got >= 0 && (size_t)got <= size));
            for (size_t i = size; i < sizeof buffer; i++)
                assert_int_equal(buffer[i], CANARY);
            /* Only a line's last byte may be its newline; no other control byte is ever read. */
            for (int i = 0; i < got; i++) {
                assert_true(buffer[i] >= 0x20 || buffer[i] == '\t' || buffer[i] == '\n');
                assert_true(buffer[i] != '\n' || i == got - 1);
            }
            lines_read += got > 0 && buffer[got - 1] == '\n';
        }
        assert_tty_consistent(&guarded.tty);
        steps_at_a_full_queue += guarded.tty.unread_count == TTY_QUEUE_LINES ||
                                 guarded.tty.queue_used > TTY_QUEUE_BYTES - (TTY_LINE_MAX + 1);
    }
    for (size_t i = 0; i < sizeof guarded.before; i++) {
        assert_int_equal(guarded.before[i], CANARY);
        assert_int_equal(guarded.after[i], CANARY);
    }
    /* The stream did exercise both reading and a full queue. */
    assert_true(lines_read > 1000);
    assert_true(steps_at_a_full_queue > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(line_becomes_readable_only_at_newline, set_up),
        cmocka_unit_test_setup(carriage_return_ends_the_line_too, set_up),
        cmocka_unit_test_setup(carriage_return_line_feed_gives_one_line, set_up),
        cmocka_unit_test_setup(backspace_erases_the_last_byte_and_echoes_the_erase, set_up),
        cmocka_unit_test_setup(backspace_at_an_empty_line_does_nothing, set_up),
        cmocka_unit_test_setup(kill_erases_the_whole_line, set_up),
        cmocka_unit_test_setup(kill_of_a_full_line_echoes_at_most_the_echo_limit, set_up),
        cmocka_unit_test_setup(echo_that_does_not_fit_is_lost_but_the_input_is_not, set_up),
        cmocka_unit_test_setup(interrupt_discards_the_line_and_signals, set_up),
        cmocka_unit_test_setup(eof_at_an_empty_line_reads_zero_once_then_blocks, set_up),
        cmocka_unit_test_setup(eof_mid_line_delivers_the_partial_line, set_up),
        cmocka_unit_test_setup(read_returns_one_line_per_call, set_up),
        cmocka_unit_test_setup(read_of_zero_bytes_takes_nothing, set_up),
        cmocka_unit_test_setup(read_splits_a_line_longer_than_the_buffer, set_up),
        cmocka_unit_test_setup(overlong_line_is_cut_at_the_limit, set_up),
        cmocka_unit_test_setup(control_bytes_are_ignored_and_high_bytes_pass, set_up),
        cmocka_unit_test_setup(full_byte_queue_drops_new_lines_without_corrupting_old_ones,
                               set_up),
        cmocka_unit_test_setup(full_line_queue_drops_new_lines_without_corrupting_old_ones,
                               set_up),
        cmocka_unit_test_setup(output_translates_newlines, set_up),
        cmocka_unit_test_setup(output_never_splits_crlf, set_up),
        cmocka_unit_test_setup(random_input_keeps_the_invariants, set_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
