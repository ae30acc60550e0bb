/*
 * The Debug capability (kernel/debug.c, built with A9N_KERNEL_DEBUG):
 * rights decide what a copy may do, bad arguments change nothing, it is
 * never made from a Generic, and it is copied and removed like any other.
 * The console and the exit device are fakes that record what reached them.
 */
#include "cap_test.h"

#include <a9n/debug.h>
#include <string.h>

#include "debug.h"

a9n_word_t fastpath_hits;

static char console[256];
static size_t console_length;

void hal_console_putc(char c)
{
    if (console_length < sizeof console)
        console[console_length++] = c;
}

static jmp_buf exited;
static unsigned exit_status;

_Noreturn void hal_debug_exit(unsigned status)
{
    exit_status = status;
    longjmp(exited, 1);
}

enum { DEBUG_SLOT = 5, COPY_SLOT = 6 };

static int debug_setup(void **state)
{
    setup(state);
    debug_make_root(universe_slot(R(DEBUG_SLOT)));
    console_length = 0;
    exit_status = ~0u;
    fastpath_hits = 0;
    return 0;
}

#define DEBUG_TEST(name) cmocka_unit_test_setup_teardown(name, debug_setup, teardown)

/* PUT_CHARS of `text` (at most 56 bytes) through `debug`. */
static enum a9n_error put_chars(a9n_word_t debug, const char *text, a9n_word_t count)
{
    a9n_word_t words[1 + A9N_DEBUG_PUT_CHARS_MAX / sizeof(a9n_word_t)] = { count };
    memcpy(&words[1], text, strlen(text));
    return universe_call_words(debug, A9N_DEBUG_PUT_CHARS, sizeof words / sizeof words[0], words,
                               NULL);
}

static void put_chars_prints_the_bytes_with_cr_before_lf(void **state)
{
    (void)state;
    assert_int_equal(put_chars(R(DEBUG_SLOT), "ab\nc", 4), A9N_ERROR_NONE);
    assert_int_equal(console_length, 5);
    assert_memory_equal(console, "ab\r\nc", 5);
    /* The most one call carries, every byte of every argument register. */
    char longest[A9N_DEBUG_PUT_CHARS_MAX + 1];
    memset(longest, 'x', A9N_DEBUG_PUT_CHARS_MAX);
    longest[A9N_DEBUG_PUT_CHARS_MAX - 1] = 'y';
    longest[A9N_DEBUG_PUT_CHARS_MAX] = '\0';
    console_length = 0;
    assert_int_equal(put_chars(R(DEBUG_SLOT), longest, A9N_DEBUG_PUT_CHARS_MAX), A9N_ERROR_NONE);
    assert_int_equal(console_length, A9N_DEBUG_PUT_CHARS_MAX);
    assert_memory_equal(console, longest, A9N_DEBUG_PUT_CHARS_MAX);
}

static void put_chars_beyond_the_registers_prints_nothing(void **state)
{
    (void)state;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           put_chars(R(DEBUG_SLOT), "abc", A9N_DEBUG_PUT_CHARS_MAX + 1));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT, put_chars(R(DEBUG_SLOT), "abc", ~0ul));
    assert_int_equal(console_length, 0);
}

static void exit_stops_with_the_status(void **state)
{
    (void)state;
    if (setjmp(exited) == 0) {
        CALL(R(DEBUG_SLOT), A9N_DEBUG_EXIT, 255);
        fail_msg("EXIT returned");
    }
    assert_int_equal(exit_status, 255);
}

static void exit_with_a_status_wider_than_a_byte_is_refused(void **state)
{
    (void)state;
    const a9n_word_t statuses[] = { 256, (a9n_word_t)1 << 32, ~(a9n_word_t)0 };
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        if (setjmp(exited) != 0)
            fail_msg("EXIT with status %#lx stopped the machine", (unsigned long)statuses[i]);
        ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                               CALL(R(DEBUG_SLOT), A9N_DEBUG_EXIT, statuses[i]));
    }
}

static void fastpath_hits_reads_the_counter(void **state)
{
    (void)state;
    fastpath_hits = 12345;
    struct capability_message out;
    assert_int_equal(universe_call_words(R(DEBUG_SLOT), A9N_DEBUG_FASTPATH_HITS, 0, NULL, &out),
                     A9N_ERROR_NONE);
    assert_int_equal(out.mr[A9N_DEBUG_RESULT_HITS], 12345);
}

static void a_copy_without_write_cannot_print_or_exit(void **state)
{
    (void)state;
    assert_int_equal(CALL(R(0), A9N_NODE_MINT, COPY_SLOT, R(DEBUG_SLOT), A9N_RIGHT_READ, 0),
                     A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS, put_chars(R(COPY_SLOT), "no", 2));
    if (setjmp(exited) != 0)
        fail_msg("EXIT without the write right stopped the machine");
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS, CALL(R(COPY_SLOT), A9N_DEBUG_EXIT, 0));
    assert_int_equal(console_length, 0);
    assert_int_equal(CALL(R(COPY_SLOT), A9N_DEBUG_FASTPATH_HITS), A9N_ERROR_NONE);
}

static void a_copy_without_read_cannot_read_the_counter(void **state)
{
    (void)state;
    assert_int_equal(CALL(R(0), A9N_NODE_MINT, COPY_SLOT, R(DEBUG_SLOT), A9N_RIGHT_WRITE, 0),
                     A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS, CALL(R(COPY_SLOT), A9N_DEBUG_FASTPATH_HITS));
    assert_int_equal(put_chars(R(COPY_SLOT), "ok", 2), A9N_ERROR_NONE);
    assert_memory_equal(console, "ok", 2);
}

static void unknown_operations_are_refused(void **state)
{
    (void)state;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION, CALL(R(DEBUG_SLOT), 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION,
                           CALL(R(DEBUG_SLOT), A9N_DEBUG_FASTPATH_HITS + 1));
}

static void it_is_never_converted_from_a_generic(void **state)
{
    (void)state;
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_DEBUG, 0), 0);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_DEBUG, 0, 1, 0, COPY_SLOT));
}

static void it_is_copied_without_a_badge_and_removed_like_others(void **state)
{
    (void)state;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(0), A9N_NODE_MINT, COPY_SLOT, R(DEBUG_SLOT), A9N_RIGHTS_ALL, 9));
    assert_int_equal(CALL(R(0), A9N_NODE_COPY, COPY_SLOT, R(DEBUG_SLOT)), A9N_ERROR_NONE);
    assert_ptr_equal(universe_slot(R(COPY_SLOT))->parent, universe_slot(R(DEBUG_SLOT)));
    assert_int_equal(CALL(R(0), A9N_NODE_REVOKE, DEBUG_SLOT), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(COPY_SLOT))->type, A9N_CAPABILITY_NONE);
    assert_int_equal(put_chars(R(DEBUG_SLOT), "still", 5), A9N_ERROR_NONE);
    assert_int_equal(CALL(R(0), A9N_NODE_REMOVE, DEBUG_SLOT), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT, put_chars(R(DEBUG_SLOT), "gone", 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        DEBUG_TEST(put_chars_prints_the_bytes_with_cr_before_lf),
        DEBUG_TEST(put_chars_beyond_the_registers_prints_nothing),
        DEBUG_TEST(exit_stops_with_the_status),
        DEBUG_TEST(exit_with_a_status_wider_than_a_byte_is_refused),
        DEBUG_TEST(fastpath_hits_reads_the_counter),
        DEBUG_TEST(a_copy_without_write_cannot_print_or_exit),
        DEBUG_TEST(a_copy_without_read_cannot_read_the_counter),
        DEBUG_TEST(unknown_operations_are_refused),
        DEBUG_TEST(it_is_never_converted_from_a_generic),
        DEBUG_TEST(it_is_copied_without_a_badge_and_removed_like_others),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
