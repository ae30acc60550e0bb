/*
 * Checks shared by every on-target test framework (the system-test suite
 * and the KOITO test programs). Each framework implements
 * test_check_failed(): record the failure of the running test and print it.
 */
#ifndef TEST_CHECK_H
#define TEST_CHECK_H

#include <a9n/types.h>

void test_check_failed(const char *file, int line, const char *expression, a9n_word_t left,
                       a9n_word_t right);

/* A check: on failure the test stops at once. */
#define CHECK(expression)                                                             \
    do {                                                                              \
        if (!(expression)) {                                                          \
            test_check_failed(__FILE__, __LINE__, #expression, 0, 0);                 \
            return;                                                                   \
        }                                                                             \
    } while (0)

/* Equality check that prints both values. */
#define CHECK_EQUAL(left, right)                                                      \
    do {                                                                              \
        a9n_word_t left_value_ = (a9n_word_t)(left);                                  \
        a9n_word_t right_value_ = (a9n_word_t)(right);                                \
        if (left_value_ != right_value_) {                                            \
            test_check_failed(__FILE__, __LINE__, #left " == " #right, left_value_,    \
                              right_value_);                                          \
            return;                                                                   \
        }                                                                             \
    } while (0)

#endif
