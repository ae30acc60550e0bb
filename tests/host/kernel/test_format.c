/* The kernel's printf engine: every conversion, flag and edge value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "format.h"

static void formats_integers(void **state)
{
    (void)state;
    char buffer[64];
    format_to_buffer(buffer, sizeof(buffer), "%d %i %u", -42, 7, 4000000000u);
    assert_string_equal(buffer, "-42 7 4000000000");
    format_to_buffer(buffer, sizeof(buffer), "%ld %lu", -9223372036854775807L - 1, 18446744073709551615UL);
    assert_string_equal(buffer, "-9223372036854775808 18446744073709551615");
    format_to_buffer(buffer, sizeof(buffer), "%x %X %lx", 0xbeefu, 0xbeefu, 0x123456789abcdefUL);
    assert_string_equal(buffer, "beef BEEF 123456789abcdef");
    format_to_buffer(buffer, sizeof(buffer), "%zu %lld", (size_t)12, -5LL);
    assert_string_equal(buffer, "12 -5");
    format_to_buffer(buffer, sizeof(buffer), "%u", 0u);
    assert_string_equal(buffer, "0");
}

static void formats_width_and_flags(void **state)
{
    (void)state;
    char buffer[64];
    format_to_buffer(buffer, sizeof(buffer), "[%5d][%-5d][%05d][%05d]", 42, 42, 42, -42);
    assert_string_equal(buffer, "[   42][42   ][00042][-0042]");
    format_to_buffer(buffer, sizeof(buffer), "[%016lx]", 0xabcUL);
    assert_string_equal(buffer, "[0000000000000abc]");
    format_to_buffer(buffer, sizeof(buffer), "[%-6s][%6s]", "ab", "cd");
    assert_string_equal(buffer, "[ab    ][    cd]");
}

static void formats_strings_chars_pointers(void **state)
{
    (void)state;
    char buffer[64];
    format_to_buffer(buffer, sizeof(buffer), "%s %c %s %%", "text", 'x', (char *)NULL);
    assert_string_equal(buffer, "text x (null) %");
    format_to_buffer(buffer, sizeof(buffer), "%p", (void *)0x1000);
    assert_string_equal(buffer, "0x1000");
    /* An unknown conversion is shown, not used to consume an argument. */
    const char *unknown = "%q%d";
    format_to_buffer(buffer, sizeof(buffer), unknown, 5);
    assert_string_equal(buffer, "%q5");
}

static void truncates_and_reports_full_length(void **state)
{
    (void)state;
    char buffer[8];
    size_t length = format_to_buffer(buffer, sizeof(buffer), "%s", "0123456789");
    assert_int_equal(length, 10);
    assert_string_equal(buffer, "0123456");
    length = format_to_buffer(buffer, 1, "abc");
    assert_int_equal(length, 3);
    assert_string_equal(buffer, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_integers),
        cmocka_unit_test(formats_width_and_flags),
        cmocka_unit_test(formats_strings_chars_pointers),
        cmocka_unit_test(truncates_and_reports_full_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
