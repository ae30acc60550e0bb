/*
 * The system-test runner, the main of every test init: runs each
 * registered test, prints one result line per test and a summary, and
 * stops the machine with status 0 only when every test passed.
 */
#include <liba9n/init.h>

#include "resources.h"
#include "system_test.h"

extern const struct system_test __start_a9n_system_tests[];
extern const struct system_test __stop_a9n_system_tests[];

static bool current_failed;
static const struct system_test *current_test;

void test_check_failed(const char *file, int line, const char *expression, a9n_word_t left,
                      a9n_word_t right)
{
    if (current_failed)
        return;
    current_failed = true;
    a9n_debug_puts(": FAIL at ");
    a9n_debug_puts(file);
    a9n_debug_puts(":");
    a9n_debug_put_unsigned((a9n_word_t)line);
    a9n_debug_puts(": ");
    a9n_debug_puts(expression);
    if (left != right) {
        a9n_debug_puts(" (");
        a9n_debug_put_hex(left);
        a9n_debug_puts(" vs ");
        a9n_debug_put_hex(right);
        a9n_debug_puts(")");
    }
}

const struct a9n_init_info *system_test_init_info(void)
{
    return a9n_init_info();
}

void system_test_restate_name(void)
{
    a9n_debug_puts("test ");
    a9n_debug_puts(current_test->name);
}

int main(void)
{
    a9n_word_t passed = 0, failed = 0;

    a9n_debug_puts("system tests: starting\n");
    if (!resources_init()) {
        a9n_debug_puts("system tests: no init info or no Generic for test resources\n");
        a9n_debug_exit(2);
    }
    for (const struct system_test *test = __start_a9n_system_tests;
         test < __stop_a9n_system_tests; test++) {
        current_failed = false;
        current_test = test;
        system_test_restate_name();
        if (!resources_prepare_test())
            test_check_failed(__FILE__, __LINE__, "per-test Generic could be made", 0, 0);
        else
            test->run();
        /* A test that leaks past revoke would poison the ones after it. */
        if (!resources_reclaim_test())
            test_check_failed(__FILE__, __LINE__, "per-test resources reclaimed", 0, 0);
        if (current_failed) {
            failed++;
            a9n_debug_puts("\n");
        } else {
            passed++;
            a9n_debug_puts(": pass\n");
        }
    }
    a9n_debug_puts("system tests: ");
    a9n_debug_put_unsigned(passed);
    a9n_debug_puts(" passed, ");
    a9n_debug_put_unsigned(failed);
    a9n_debug_puts(" failed\n");
    a9n_debug_exit(failed == 0 ? 0 : 1);
}
