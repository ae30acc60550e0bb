/* Host tests of the POSIX server's start-up page layout (koito/posix/start_page.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <koito/errno.h>
#include <koito/posix.h>

#include "koito/posix/start_page.h"

#define PAGE_SIZE 4096
#define PAGE_ADDRESS 0x10002000ul

static a9n_word_t page[PAGE_SIZE / sizeof(a9n_word_t)];

/* The program's view: translate an address it sees into the test's copy. */
static const char *seen(a9n_word_t address)
{
    assert_true(address >= PAGE_ADDRESS && address < PAGE_ADDRESS + PAGE_SIZE);
    return (const char *)page + (address - PAGE_ADDRESS);
}

static void strings_are_measured_up_to_zero_padding(void **state)
{
    (void)state;
    assert_int_equal(posix_strings_size("ls\0-l\0", 6, 2), 6);
    assert_int_equal(posix_strings_size("ls\0-l\0\0\0", 8, 2), 6); /* a word's padding */
    assert_int_equal(posix_strings_size("ls\0-l", 5, 2), -1);        /* last unterminated */
    assert_int_equal(posix_strings_size("ls\0-l\0x", 7, 2), -1);     /* not padding */
    assert_int_equal(posix_strings_size("ls\0", 3, 2), -1);          /* too few */
    assert_int_equal(posix_strings_size("a\0\0\0\0\0\0\0\0\0", 10, 1), -1); /* a word too much */
    assert_int_equal(posix_strings_size("", 0, 0), 0);
    assert_int_equal(posix_strings_size("\0", 1, 1), 1);             /* one empty string */
}

static void arguments_and_environment_are_laid_out_for_the_program(void **state)
{
    (void)state;
    const char strings[] = "cat\0/etc/motd\0HOME=/\0PATH=/bin";
    assert_int_equal(posix_start_page_build(page, PAGE_SIZE, PAGE_ADDRESS, strings,
                                            sizeof strings, 2, 2, 0x10000000ul),
                     0);
    assert_int_equal(page[0], 2);
    assert_string_equal(seen(page[1]), "cat");
    assert_string_equal(seen(page[2]), "/etc/motd");
    assert_int_equal(page[3], 0);
    assert_string_equal(seen(page[4]), "HOME=/");
    assert_string_equal(seen(page[5]), "PATH=/bin");
    assert_int_equal(page[6], 0);
    assert_int_equal(page[7], KOITO_AT_PAGESZ);
    assert_int_equal(page[8], PAGE_SIZE);
    assert_int_equal(page[9], KOITO_AT_KOITO_APP_INFO);
    assert_int_equal(page[10], 0x10000000ul);
    assert_int_equal(page[11], KOITO_AT_NULL);
}

static void no_environment_still_ends_both_arrays(void **state)
{
    (void)state;
    const char strings[] = "true";
    assert_int_equal(posix_start_page_build(page, PAGE_SIZE, PAGE_ADDRESS, strings,
                                            sizeof strings, 1, 0, 0),
                     0);
    assert_int_equal(page[0], 1);
    assert_string_equal(seen(page[1]), "true");
    assert_int_equal(page[2], 0);
    assert_int_equal(page[3], 0);
    assert_int_equal(page[4], KOITO_AT_PAGESZ);
}

static void arguments_larger_than_the_page_are_e2big(void **state)
{
    (void)state;
    static char strings[PAGE_SIZE];
    memset(strings, 'x', sizeof strings);
    strings[sizeof strings - 1] = '\0';
    assert_int_equal(posix_start_page_build(page, PAGE_SIZE, PAGE_ADDRESS, strings,
                                            sizeof strings, 1, 0, 0),
                     -KOITO_E2BIG);
    /* Exactly filling the page fits: 1 + 2 + 1 + 6 words, then the text. */
    size_t room = PAGE_SIZE - 10 * sizeof(a9n_word_t);
    strings[room - 1] = '\0';
    assert_int_equal(posix_start_page_build(page, PAGE_SIZE, PAGE_ADDRESS, strings, room, 1, 0,
                                            0),
                     0);
    assert_int_equal(posix_start_page_build(page, PAGE_SIZE, PAGE_ADDRESS, strings, room + 1,
                                            1, 0, 0),
                     -KOITO_E2BIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strings_are_measured_up_to_zero_padding),
        cmocka_unit_test(arguments_and_environment_are_laid_out_for_the_program),
        cmocka_unit_test(no_environment_still_ends_both_arrays),
        cmocka_unit_test(arguments_larger_than_the_page_are_e2big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
