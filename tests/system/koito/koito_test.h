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

#include "../check.h"

/* Run one test and print its result line. */
void koito_test_run(const char *name, void (*test)(void));

/*
 * Where result lines go: a9n_debug_write unless set. A test program in a
 * service's place has no Debug capability (docs/koito.md) and prints
 * through the console service instead.
 */
void koito_test_set_output(void (*write)(const char *text, size_t length));

/* Exit with the number of failed tests as status. */
_Noreturn void koito_test_exit(void);

/* ULMM's free bytes now. */
uint64_t koito_test_free_bytes(void);

#endif
