/* Shared pieces of the capability-core host tests (cmocka). */
#ifndef TESTS_CAP_TEST_H
#define TESTS_CAP_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "universe.h"

#define R(index) universe_root_slot(index)

#define ASSERT_INVARIANTS()                                                      \
    do {                                                                         \
        char invariant_message_[256];                                            \
        if (!universe_check(invariant_message_, sizeof(invariant_message_)))     \
            fail_msg("%s", invariant_message_);                                  \
    } while (0)

/* Every error path must leave the universe exactly as it was. */
#define ASSERT_FAILS_UNCHANGED(expected, call)                                   \
    do {                                                                         \
        unsigned long long before_ = universe_fingerprint();                     \
        assert_int_equal((call), (expected));                                    \
        assert_true(universe_fingerprint() == before_);                          \
    } while (0)

static inline enum a9n_error convert(a9n_word_t generic, unsigned type, a9n_word_t parameter,
                                     a9n_word_t count, a9n_word_t node, a9n_word_t index)
{
    return CALL(generic, A9N_GENERIC_CONVERT, type, parameter, count, node, index);
}

/* A fresh node of `radix` from the big Generic into root slot `index`. */
static inline a9n_word_t make_node(a9n_word_t index, unsigned radix)
{
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_NODE, radix, 1, 0, index),
                     A9N_ERROR_NONE);
    return R(index);
}

/* `count` objects of `type` into the node `node` from `index`. */
static inline void make_objects(a9n_word_t node, a9n_word_t index, unsigned type, a9n_word_t count)
{
    assert_int_equal(convert(R(UNIVERSE_GENERIC), type, 0, count, node, index), A9N_ERROR_NONE);
}

static int setup(void **state)
{
    (void)state;
    universe_setup();
    return 0;
}

/* inline: a file with its own teardown does not use this one. */
static inline int teardown(void **state)
{
    (void)state;
    ASSERT_INVARIANTS();
    universe_teardown();
    return 0;
}

#define CAP_TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

#endif
