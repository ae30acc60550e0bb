/* Fake thread-side HAL (see fake_scheduling.h) and a silent kernel_printf. */
#include "fake_scheduling.h"

#include <stddef.h>

#include "scheduler.h"

struct fake_scheduling fake_scheduling;

void hal_address_space_activate(a9n_paddr_t root, a9n_word_t tag)
{
    (void)tag;
    fake_scheduling.address_space = root;
}

/* Nonzero, so that a wrong use would show as a wrong root rather than "call activate". */
a9n_word_t hal_address_space_switch_word(a9n_paddr_t root, a9n_word_t tag)
{
    (void)tag;
    return root;
}

void hal_context_written(struct a9n_arch_context *context)
{
    fake_scheduling.written = context;
}

void hal_fpu_access(bool on)
{
    fake_scheduling.fpu_access = on;
}

void hal_fpu_switch(struct hal_fpu_state *save, const struct hal_fpu_state *load)
{
    fake_scheduling.fpu_switches++;
    fake_scheduling.fpu_saved = save;
    fake_scheduling.fpu_loaded = load;
    fake_scheduling.fpu_access = true;
}

_Noreturn void hal_return_to_user(struct a9n_arch_context *context)
{
    fake_scheduling.entered = context;
    longjmp(fake_scheduling.exit, 1);
}

_Noreturn void hal_idle(void)
{
    fake_scheduling.entered = NULL;
    longjmp(fake_scheduling.exit, 1);
}

void kernel_printf(const char *fmt, ...)
{
    (void)fmt;
}

static struct process *entered(void)
{
    if (fake_scheduling.entered == NULL)
        return NULL;
    return (struct process *)((char *)fake_scheduling.entered - offsetof(struct process, context));
}

struct process *fake_scheduling_exit(void)
{
    if (setjmp(fake_scheduling.exit) == 0)
        scheduler_exit_to_user();
    return entered();
}

struct process *fake_scheduling_fpu_trap(void)
{
    if (setjmp(fake_scheduling.exit) == 0)
        kernel_handle_fpu_unavailable();
    return entered();
}
