/*
 * A resolver for system tests: init receives the fault report of a test
 * thread on an IPC port, checks it and then lets the thread go on or stops
 * it. Shared by the fault and isolation tests.
 */
#ifndef SYSTEM_TEST_RESOLVER_H
#define SYSTEM_TEST_RESOLVER_H

#include <a9n/fault.h>
#include <liba9n/ipc.h>

#include "../process/threads.h"

#define RESOLVER_BADGE 0x77

struct fault_report {
    enum a9n_error error; /* of the receive */
    a9n_word_t info, badge, kind, address, ip, flags;
};

/* A port (root-slot index) and a thread `function(argument)` that reports its faults there. */
struct faulting_thread {
    a9n_word_t port;
    a9n_word_t process;
};

enum a9n_error fault_thread_start(void (*function)(a9n_word_t), a9n_word_t argument,
                                  struct faulting_thread *thread);

/* Init waits for the thread's fault report. */
struct fault_report fault_receive(const struct faulting_thread *thread);

/* The address of `function`, and whether `ip` lies in its first `size` bytes. */
static inline bool ip_in_function(a9n_word_t ip, void (*function)(a9n_word_t), a9n_word_t size)
{
    return ip >= (a9n_word_t)function && ip < (a9n_word_t)function + size;
}

#endif
