/*
 * A small test framework for KOITO test programs: each program runs its
 * tests with koito_test_run, which prints "test NAME: pass" or "test NAME:
 * FAIL ..." lines (counted by tests/suites/35-koito.sh), and exits through
 * init with the number of failed tests as its status.
 */
#ifndef KOITO_TEST_H
#define KOITO_TEST_H

#include <liba9n/app.h>
#include <liba9n/debug.h>
#include <liba9n/ulmm.h>

void koito_test_fail(const char *file, int line, const char *expression, a9n_word_t left,
                     a9n_word_t right);

/* A check: on failure the test stops at once. */
#define CHECK(expression)                                                             \
    do {                                                                              \
        if (!(expression)) {                                                          \
            koito_test_fail(__FILE__, __LINE__, #expression, 0, 0);                   \
            return;                                                                   \
        }                                                                             \
    } while (0)

#define CHECK_EQUAL(left, right)                                                      \
    do {                                                                              \
        a9n_word_t left_value_ = (a9n_word_t)(left);                                  \
        a9n_word_t right_value_ = (a9n_word_t)(right);                                \
        if (left_value_ != right_value_) {                                            \
            koito_test_fail(__FILE__, __LINE__, #left " == " #right, left_value_,      \
                            right_value_);                                            \
            return;                                                                   \
        }                                                                             \
    } while (0)

/* Run one test and print its result line. */
void koito_test_run(const char *name, void (*test)(void));

/* Exit with the number of failed tests as status. */
_Noreturn void koito_test_exit(void);

/* ULMM's free bytes now. */
uint64_t koito_test_free_bytes(void);

#endif
