/* The POSIX server's pipes: the ring buffer, would-block, end of file,
 * broken pipes and PIPE_BUF atomicity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "koito/posix/pipe.h"

static struct pipe pipe;

static int setup(void **state)
{
    (void)state;
    memset(&pipe, 0xcc, sizeof(pipe));
    pipe_init(&pipe);
    return 0;
}

static void fill(size_t size)
{
    static uint8_t data[PIPE_CAPACITY];
    memset(data, 'f', sizeof(data));
    assert_int_equal(pipe_write(&pipe, data, size), (int)size);
}

static void new_pipe_has_one_end_of_each(void **state)
{
    (void)state;
    assert_int_equal(pipe.readers, 1);
    assert_int_equal(pipe.writers, 1);
    assert_int_equal(pipe.count, 0);
    assert_false(pipe_is_unused(&pipe));
}

static void write_then_read_returns_the_bytes(void **state)
{
    (void)state;
    char buffer[16];
    assert_int_equal(pipe_write(&pipe, "hello", 5), 5);
    assert_int_equal(pipe_write(&pipe, " pipe", 5), 5);
    assert_int_equal(pipe_read(&pipe, buffer, sizeof(buffer)), 10);
    assert_memory_equal(buffer, "hello pipe", 10);
}

static void read_returns_at_most_what_was_asked(void **state)
{
    (void)state;
    char buffer[4];
    assert_int_equal(pipe_write(&pipe, "abcdef", 6), 6);
    assert_int_equal(pipe_read(&pipe, buffer, 4), 4);
    assert_memory_equal(buffer, "abcd", 4);
    assert_int_equal(pipe_read(&pipe, buffer, 4), 2);
    assert_memory_equal(buffer, "ef", 2);
}

static void read_of_empty_pipe_with_a_writer_would_block(void **state)
{
    (void)state;
    char buffer[4];
    assert_int_equal(pipe_read(&pipe, buffer, sizeof(buffer)), -KOITO_EAGAIN);
    fill(1);
    assert_int_equal(pipe_read(&pipe, buffer, sizeof(buffer)), 1);
    assert_int_equal(pipe_read(&pipe, buffer, sizeof(buffer)), -KOITO_EAGAIN);
}

static void read_drains_the_rest_then_sees_end_of_file(void **state)
{
    (void)state;
    char buffer[8];
    assert_int_equal(pipe_write(&pipe, "last", 4), 4);
    pipe_close_write_end(&pipe);
    assert_int_equal(pipe_read(&pipe, buffer, sizeof(buffer)), 4);
    assert_memory_equal(buffer, "last", 4);
    assert_int_equal(pipe_read(&pipe, buffer, sizeof(buffer)), 0);
    assert_int_equal(pipe_read(&pipe, buffer, sizeof(buffer)), 0);
}

static void pipe_write_without_readers_is_epipe(void **state)
{
    (void)state;
    pipe_close_read_end(&pipe);
    assert_int_equal(pipe_write(&pipe, "x", 1), -KOITO_EPIPE);
    assert_int_equal(pipe.count, 0);
    /* Even with room to spare, and with data still in it. */
    setup(NULL);
    fill(10);
    pipe_close_read_end(&pipe);
    assert_int_equal(pipe_write(&pipe, "x", 1), -KOITO_EPIPE);
    assert_int_equal(pipe.count, 10);
}

static void write_to_a_full_pipe_would_block(void **state)
{
    (void)state;
    fill(PIPE_CAPACITY);
    assert_int_equal(pipe_write(&pipe, "x", 1), -KOITO_EAGAIN);
    static uint8_t big[2 * PIPE_CAPACITY];
    assert_int_equal(pipe_write(&pipe, big, sizeof(big)), -KOITO_EAGAIN);
    char byte;
    assert_int_equal(pipe_read(&pipe, &byte, 1), 1);
    assert_int_equal(pipe_write(&pipe, "x", 1), 1);
}

static void large_write_returns_how_much_fit(void **state)
{
    (void)state;
    fill(PIPE_CAPACITY - 1000);
    static uint8_t big[PIPE_CAPACITY];
    assert_int_equal(pipe_write(&pipe, big, sizeof(big)), 1000);
    assert_int_equal(pipe.count, PIPE_CAPACITY);
}

static void small_write_goes_in_whole_or_not_at_all(void **state)
{
    (void)state;
    fill(PIPE_CAPACITY - 100);
    static uint8_t small[PIPE_ATOMIC_MAX];
    assert_int_equal(pipe_write(&pipe, small, 101), -KOITO_EAGAIN);
    assert_int_equal(pipe_write(&pipe, small, PIPE_ATOMIC_MAX), -KOITO_EAGAIN);
    assert_int_equal(pipe.count, PIPE_CAPACITY - 100);
    assert_int_equal(pipe_write(&pipe, small, 100), 100);
    /* Just over PIPE_BUF: may be split. */
    setup(NULL);
    fill(PIPE_CAPACITY - 100);
    static uint8_t larger[PIPE_ATOMIC_MAX + 1];
    assert_int_equal(pipe_write(&pipe, larger, sizeof(larger)), 100);
}

static void data_wraps_around_the_ring_in_order(void **state)
{
    (void)state;
    static uint8_t data[PIPE_CAPACITY], back[PIPE_CAPACITY];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 13 + 1);
    fill(PIPE_CAPACITY - 10);
    assert_int_equal(pipe_read(&pipe, back, PIPE_CAPACITY - 10), PIPE_CAPACITY - 10);
    /* head is 10 bytes before the end: these 3000 bytes wrap. */
    assert_int_equal(pipe_write(&pipe, data, 3000), 3000);
    assert_int_equal(pipe_read(&pipe, back, 7), 7);
    assert_int_equal(pipe_read(&pipe, back + 7, sizeof(back)), 2993);
    assert_memory_equal(back, data, 3000);
    assert_int_equal(pipe.count, 0);
}

static void zero_length_read_and_write_return_zero(void **state)
{
    (void)state;
    char byte;
    assert_int_equal(pipe_read(&pipe, &byte, 0), 0);
    assert_int_equal(pipe_write(&pipe, "", 0), 0);
    fill(PIPE_CAPACITY);
    assert_int_equal(pipe_write(&pipe, "", 0), 0);
    pipe_close_read_end(&pipe);
    assert_int_equal(pipe_write(&pipe, "", 0), 0);
}

static void pipe_is_unused_once_both_ends_are_closed(void **state)
{
    (void)state;
    pipe_close_read_end(&pipe);
    assert_false(pipe_is_unused(&pipe));
    pipe_close_write_end(&pipe);
    assert_true(pipe_is_unused(&pipe));
}

static void closing_an_end_twice_does_not_reopen_the_other(void **state)
{
    (void)state;
    pipe_close_write_end(&pipe);
    pipe_close_write_end(&pipe);
    assert_int_equal(pipe.writers, 0);
    assert_int_equal(pipe.readers, 1);
    pipe_close_read_end(&pipe);
    pipe_close_read_end(&pipe);
    assert_int_equal(pipe.readers, 0);
    assert_true(pipe_is_unused(&pipe));
}

#define TEST(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(new_pipe_has_one_end_of_each),
        TEST(write_then_read_returns_the_bytes),
        TEST(read_returns_at_most_what_was_asked),
        TEST(read_of_empty_pipe_with_a_writer_would_block),
        TEST(read_drains_the_rest_then_sees_end_of_file),
        TEST(pipe_write_without_readers_is_epipe),
        TEST(write_to_a_full_pipe_would_block),
        TEST(large_write_returns_how_much_fit),
        TEST(small_write_goes_in_whole_or_not_at_all),
        TEST(data_wraps_around_the_ring_in_order),
        TEST(zero_length_read_and_write_return_zero),
        TEST(pipe_is_unused_once_both_ends_are_closed),
        TEST(closing_an_end_twice_does_not_reopen_the_other),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
