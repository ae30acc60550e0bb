/*
 * The HAL's thread side for host tests: hal_return_to_user and hal_idle
 * record what the kernel would enter and jump back to the test through
 * fake_scheduling_exit(); the FPU calls record what they were asked.
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
    bool fpu_access;                  /* as hal_fpu_access / hal_fpu_switch left it */
    unsigned fpu_switches;            /* hal_fpu_switch calls, with the last one's arguments: */
    struct hal_fpu_state *fpu_saved;
    const struct hal_fpu_state *fpu_loaded;
};

extern struct fake_scheduling fake_scheduling;

/* Run scheduler_exit_to_user() and return the process it entered (NULL: idle). */
struct process *fake_scheduling_exit(void);

/* The running process uses FP without access: kernel_handle_fpu_unavailable(), then as above. */
struct process *fake_scheduling_fpu_trap(void);

#endif
