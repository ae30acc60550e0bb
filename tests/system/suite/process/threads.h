/*
 * Threads for system tests: a PCB from the test's Generic running a C
 * function in init's own address space, with init's root node, on a stack
 * from a small pool. Shared by the process, IPC, notification, fault and
 * isolation tests.
 */
#ifndef SYSTEM_TEST_THREADS_H
#define SYSTEM_TEST_THREADS_H

#include <liba9n/kernel_call.h>
#include <liba9n/process.h>

#include "../framework/system_test.h"

/* Init runs at the highest priority; threads at it share the CPU with init round robin. */
#define TEST_PRIORITY_INIT (A9N_PROCESS_PRIORITIES - 1)

/* Optional capabilities of a test thread: root-slot indices, 0 for none. */
struct test_thread_options {
    a9n_word_t ipc_buffer; /* a Frame */
    a9n_word_t resolver;   /* an IPC Port */
    a9n_word_t root_node;  /* a Node; 0: init's root node */
};

/*
 * Start `function(argument)` at `priority` in a new PCB; returns the PCB's
 * root-slot index (the test fails through CHECKs on the error it reports).
 * A test may run up to TEST_THREAD_STACKS threads.
 */
#define TEST_THREAD_STACKS 8
enum a9n_error test_thread_start(void (*function)(a9n_word_t), a9n_word_t argument,
                                 unsigned priority, const struct test_thread_options *options,
                                 a9n_word_t *process);

/*
 * As test_thread_start, but in a new address space of its own: init's image
 * frames are mapped there at the same addresses (so code, data and the
 * stack pool are shared memory, as between threads) through copies of
 * init's frame capabilities. Returns the PCB's slot, and the new address
 * space's slot in *address_space.
 */
enum a9n_error test_thread_start_in_new_address_space(void (*function)(a9n_word_t),
                                                      a9n_word_t argument, unsigned priority,
                                                      const struct test_thread_options *options,
                                                      a9n_word_t *process,
                                                      a9n_word_t *address_space);

/* Yield until `*flag` is non-zero, at most `rounds` times; the final value. */
a9n_word_t test_wait_for(volatile a9n_word_t *flag, unsigned rounds);

/* Give the other threads at init's priority `rounds` turns. */
void test_yield(unsigned rounds);

#endif
