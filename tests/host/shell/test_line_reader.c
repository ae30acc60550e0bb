/* The shell's line reader over a pipe: lines split across reads, overlong lines, end of file. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "koito/shell/line_reader.h"

static struct line_reader reader;
static char line[SHELL_LINE_MAX + 1];
static int ends[2];

static int setup(void **state)
{
    (void)state;
    return pipe(ends);
}

static int teardown(void **state)
{
    (void)state;
    close(ends[0]);
    if (ends[1] >= 0)
        close(ends[1]);
    return 0;
}

static void feed(const char *text)
{
    assert_int_equal(write(ends[1], text, strlen(text)), (ssize_t)strlen(text));
}

static void end_input(void)
{
    close(ends[1]);
    ends[1] = -1;
}

static void lines_come_out_one_at_a_time(void **state)
{
    (void)state;
    line_reader_init(&reader, ends[0], false);
    feed("one\ntwo\n\nthree\n");
    end_input();
    assert_int_equal(line_reader_next(&reader, line), LINE_READ);
    assert_string_equal(line, "one");
    assert_int_equal(line_reader_next(&reader, line), LINE_READ);
    assert_string_equal(line, "two");
    assert_int_equal(line_reader_next(&reader, line), LINE_READ);
    assert_string_equal(line, "");
    assert_int_equal(line_reader_next(&reader, line), LINE_READ);
    assert_string_equal(line, "three");
    assert_int_equal(line_reader_next(&reader, line), LINE_END);
}

static void byte_at_a_time_leaves_the_rest_in_the_pipe(void **state)
{
    (void)state;
    line_reader_init(&reader, ends[0], true);
    feed("first\nfor the program\n");
    assert_int_equal(line_reader_next(&reader, line), LINE_READ);
    assert_string_equal(line, "first");
    char rest[32] = { 0 };
    assert_int_equal(read(ends[0], rest, sizeof(rest) - 1), (ssize_t)strlen("for the program\n"));
    assert_string_equal(rest, "for the program\n");
}

static void last_line_without_newline_is_a_line(void **state)
{
    (void)state;
    line_reader_init(&reader, ends[0], false);
    feed("exit 3");
    end_input();
    assert_int_equal(line_reader_next(&reader, line), LINE_READ);
    assert_string_equal(line, "exit 3");
    assert_int_equal(line_reader_next(&reader, line), LINE_END);
}

static void longest_line_is_read_whole(void **state)
{
    (void)state;
    static char text[SHELL_LINE_MAX + 2];
    memset(text, 'a', SHELL_LINE_MAX);
    text[SHELL_LINE_MAX] = '\n';
    line_reader_init(&reader, ends[0], false);
    feed(text);
    end_input();
    assert_int_equal(line_reader_next(&reader, line), LINE_READ);
    assert_int_equal(strlen(line), SHELL_LINE_MAX);
    assert_int_equal(line_reader_next(&reader, line), LINE_END);
}

static void overlong_line_is_reported_and_skipped(void **state)
{
    (void)state;
    static char text[3 * SHELL_LINE_MAX];
    memset(text, 'a', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    line_reader_init(&reader, ends[0], false);
    feed(text);
    feed("\nnext\n");
    end_input();
    assert_int_equal(line_reader_next(&reader, line), LINE_TOO_LONG);
    assert_int_equal(line_reader_next(&reader, line), LINE_READ);
    assert_string_equal(line, "next");
    assert_int_equal(line_reader_next(&reader, line), LINE_END);
}

static void overlong_last_line_without_newline_is_reported(void **state)
{
    (void)state;
    static char text[SHELL_LINE_MAX + 10];
    memset(text, 'a', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    line_reader_init(&reader, ends[0], true);
    feed(text);
    end_input();
    assert_int_equal(line_reader_next(&reader, line), LINE_TOO_LONG);
    assert_int_equal(line_reader_next(&reader, line), LINE_END);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(lines_come_out_one_at_a_time, setup, teardown),
        cmocka_unit_test_setup_teardown(byte_at_a_time_leaves_the_rest_in_the_pipe, setup, teardown),
        cmocka_unit_test_setup_teardown(last_line_without_newline_is_a_line, setup, teardown),
        cmocka_unit_test_setup_teardown(longest_line_is_read_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(overlong_line_is_reported_and_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(overlong_last_line_without_newline_is_reported, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
