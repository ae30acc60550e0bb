/*
 * The resource functions of the system-test framework, implemented on the
 * benchmark's resources, so that benchmarks start threads with the same
 * helpers the tests use (tests/system/suite/process/threads.c).
 */
#include <liba9n/debug.h>
#include <liba9n/init.h>

#include "../system/suite/framework/system_test.h"
#include "bench.h"

const struct a9n_init_info *system_test_init_info(void)
{
    return a9n_init_info();
}

a9n_word_t system_test_generic(void)
{
    return bench_generic();
}

a9n_word_t system_test_slot(void)
{
    return bench_slot();
}

a9n_word_t system_test_descriptor(a9n_word_t index)
{
    return BENCH_SLOT(index);
}

a9n_word_t system_test_make(enum a9n_capability_type type, a9n_word_t parameter)
{
    return bench_make(type, parameter);
}

void test_check_failed(const char *file, int line, const char *expression, a9n_word_t left,
                      a9n_word_t right)
{
    (void)left;
    (void)right;
    a9n_debug_puts("bench: helper failed at ");
    a9n_debug_puts(file);
    a9n_debug_puts(":");
    a9n_debug_put_unsigned((a9n_word_t)line);
    a9n_debug_puts(": ");
    a9n_debug_puts(expression);
    a9n_debug_puts("\n");
    a9n_debug_exit(2);
}
