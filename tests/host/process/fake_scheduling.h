/*
 * The HAL's thread side for host tests: hal_return_to_user and hal_idle
 * record what the kernel would enter and jump back to the test through
 * fake_scheduling_exit().
 */
#ifndef FAKE_SCHEDULING_H
#define FAKE_SCHEDULING_H

#include <setjmp.h>

#include "process.h"

struct fake_scheduling {
    jmp_buf exit;
    struct a9n_arch_context *entered; /* NULL: idle */
    a9n_paddr_t address_space;        /* last activated */
    struct a9n_arch_context *written; /* last passed to hal_context_written */
};

extern struct fake_scheduling fake_scheduling;

/* Run scheduler_exit_to_user() and return the process it entered (NULL: idle). */
struct process *fake_scheduling_exit(void);

#endif
