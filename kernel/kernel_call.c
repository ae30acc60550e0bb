/*
 * Kernel-call dispatch: the only way into the kernel on purpose. The call
 * number is checked here; any number that is not one of the three calls is
 * a fault of the calling thread, not an error return, so that a resolver
 * can emulate foreign system-call ABIs.
 */
#include <a9n/kernel_call.h>
#include <hal.h>

#include "fault.h"
#include "scheduler.h"

/* Results go back as MR0 = success flag, MR1 = error code. */
static void set_result(struct a9n_arch_context *context, enum a9n_error error)
{
    *a9n_arch_context_mr(context, 0) = error == A9N_ERROR_NONE;
    *a9n_arch_context_mr(context, 1) = error;
}

static enum a9n_error debug_put_chars(struct a9n_arch_context *context)
{
    a9n_word_t count = *a9n_arch_context_mr(context, 1);
    const a9n_word_t capacity = (A9N_ARCH_REGISTER_MRS - 2) * sizeof(a9n_word_t);
    if (count > capacity)
        return A9N_ERROR_INVALID_ARGUMENT;
    for (a9n_word_t i = 0; i < count; i++) {
        a9n_word_t word = *a9n_arch_context_mr(context, 2 + (unsigned)(i / sizeof(a9n_word_t)));
        char c = (char)(word >> (8 * (i % sizeof(a9n_word_t))));
        if (c == '\n')
            hal_console_putc('\r');
        hal_console_putc(c);
    }
    return A9N_ERROR_NONE;
}

static enum a9n_error debug_call(struct a9n_arch_context *context)
{
    switch (*a9n_arch_context_mr(context, 0)) {
    case A9N_DEBUG_PUT_CHARS:
        return debug_put_chars(context);
    case A9N_DEBUG_EXIT:
        hal_debug_exit((unsigned)*a9n_arch_context_mr(context, 1));
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}

_Noreturn void kernel_handle_kernel_call(void)
{
    struct process *caller = scheduler_current();
    struct a9n_arch_context *context = &caller->context;
    a9n_word_t number = *a9n_arch_context_call_number(context);

    switch ((intptr_t)number) {
    case A9N_KERNEL_CALL_CAPABILITY:
        /* No capability is reachable by any thread yet. */
        set_result(context, A9N_ERROR_NOT_SUPPORTED);
        break;
    case A9N_KERNEL_CALL_YIELD:
        set_result(context, A9N_ERROR_NONE);
        scheduler_yield();
        break;
    case A9N_KERNEL_CALL_DEBUG:
        set_result(context, debug_call(context));
        break;
    default:
        fault_raise(caller, A9N_FAULT_UNKNOWN_KERNEL_CALL, number, 0);
        break;
    }
    scheduler_exit_to_user();
}
