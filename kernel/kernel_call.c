/*
 * Kernel-call dispatch: the only way into the kernel on purpose. The call
 * number is checked here; any number that is not one of the three calls is
 * a fault of the calling thread, not an error return, so that a resolver
 * can emulate foreign system-call ABIs.
 */
#include <a9n/ipc.h>
#include <a9n/kernel_call.h>
#include <hal.h>

#include "capability_call.h"
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

/*
 * The caller's IPC buffer, through the frame capability in its PCB (never
 * through a user pointer), or NULL when it has none.
 */
static struct a9n_ipc_buffer *ipc_buffer_of(const struct process *process)
{
    const struct slot *frame = &process->slots[PROCESS_SLOT_IPC_BUFFER];
    return frame->type == A9N_CAPABILITY_FRAME ? hal_phys_to_virt(frame->object) : NULL;
}

/* MRs beyond the registers come from the IPC buffer; without one they read as 0. */
static void load_message(struct process *caller, struct capability_message *message)
{
    struct a9n_ipc_buffer *buffer = ipc_buffer_of(caller);
    for (unsigned i = 0; i < CAPABILITY_MESSAGE_MRS; i++) {
        if (i < A9N_ARCH_REGISTER_MRS)
            message->mr[i] = *a9n_arch_context_mr(&caller->context, i);
        else
            message->mr[i] = buffer != NULL ? buffer->mr[i] : 0;
    }
}

/* Results go back to the same places; MR0/MR1 say success and error. */
static void store_results(struct process *caller, const struct capability_message *message,
                          enum a9n_error error)
{
    struct a9n_ipc_buffer *buffer = ipc_buffer_of(caller);
    for (unsigned i = A9N_MR_INFO; i < CAPABILITY_MESSAGE_MRS; i++) {
        if (i < A9N_ARCH_REGISTER_MRS)
            *a9n_arch_context_mr(&caller->context, i) = message->mr[i];
        else if (buffer != NULL)
            buffer->mr[i] = message->mr[i];
    }
    set_result(&caller->context, error);
}

static void capability_kernel_call(struct process *caller)
{
    struct capability_message message;
    load_message(caller, &message);
    enum a9n_error error = capability_call(&caller->slots[PROCESS_SLOT_ROOT_NODE], &message);
    store_results(caller, &message, error);
}

_Noreturn void kernel_handle_kernel_call(void)
{
    struct process *caller = scheduler_current();
    struct a9n_arch_context *context = &caller->context;
    a9n_word_t number = *a9n_arch_context_call_number(context);

    switch ((intptr_t)number) {
    case A9N_KERNEL_CALL_CAPABILITY:
        capability_kernel_call(caller);
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
