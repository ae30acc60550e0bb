/*
 * The system-test framework: tests are functions registered with
 * SYSTEM_TEST(name) in any file linked into the test init; the runner
 * (runner.c) calls each in link order and reports "test NAME: pass" or
 * "test NAME: FAIL ..." lines that the QEMU harness counts.
 */
#ifndef SYSTEM_TEST_H
#define SYSTEM_TEST_H

#include <a9n/init_info.h>
#include <liba9n/debug.h>
#include <liba9n/node.h>

#include "../../check.h"

struct system_test {
    const char *name;
    void (*run)(void);
};

/* Registration through a named section: the linker provides its bounds. */
#define SYSTEM_TEST(test_name)                                                        \
    static void test_name(void);                                                      \
    static const struct system_test test_name##_registration                          \
        __attribute__((section("a9n_system_tests"), used, aligned(sizeof(void *)))) = \
            { #test_name, test_name };                                                \
    static void test_name(void)

/* The init info the kernel handed to the test init. */
const struct a9n_init_info *system_test_init_info(void);

/*
 * The kernel printed a diagnostic (a fault without resolver) into the
 * runner's "test NAME" line: start the line again, so that the result
 * still ends up on one line with the name.
 */
void system_test_restate_name(void);

/*
 * Per-test resources. Each test gets its own Generic of
 * 2^SYSTEM_TEST_GENERIC_BITS bytes and takes free slots of init's root node
 * one by one; after the test the runner revokes the Generic (destroying
 * every object made from it) and empties every slot the test took, so
 * tests cannot see each other's leftovers.
 */
#define SYSTEM_TEST_GENERIC_BITS 22

/* Descriptor of this test's Generic. */
a9n_word_t system_test_generic(void);

/* A fresh empty slot of the root node: its index (for node operations on the root). */
a9n_word_t system_test_slot(void);

/* Descriptor of root-node slot `index` (as returned by system_test_slot). */
a9n_word_t system_test_descriptor(a9n_word_t index);

/* The root node itself, as the target of node operations. */
#define SYSTEM_TEST_ROOT a9n_descriptor(0, 0)

/* Convert one object of `type` from the test's Generic into a fresh slot; its index. */
a9n_word_t system_test_make(enum a9n_capability_type type, a9n_word_t parameter);

/*
 * Map `frame` (a descriptor) read-write at `address` in `address_space`,
 * with page tables made from the test's Generic as they are missing.
 */
enum a9n_error system_test_map_frame(a9n_word_t address_space, a9n_word_t frame,
                                     a9n_word_t address);

#endif
