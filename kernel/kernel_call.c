/*
 * Kernel-call dispatch: the only way into the kernel on purpose. The call
 * number is checked here; any number that is not one of the two calls is
 * a fault of the calling thread, not an error return, so that a resolver
 * can emulate foreign system-call ABIs.
 */
#include <a9n/ipc.h>
#include <a9n/kernel_call.h>
#include <hal.h>

#include "capability_call.h"

_Static_assert(CAPABILITY_MESSAGE_MRS <= A9N_ARCH_REGISTER_MRS,
               "capability operations use register MRs only");
#include "fault.h"
#include "ipc_port.h"
#include "message.h"
#include "node.h"
#include "notification_port.h"
#include "scheduler.h"

/* The operation's MRs, all of which live in registers (CAPABILITY_MESSAGE_MRS). */
static void load_message(struct process *caller, struct capability_message *message)
{
    for (unsigned i = 0; i < CAPABILITY_MESSAGE_MRS; i++)
        message->mr[i] = *a9n_arch_context_mr(&caller->context, i);
}

/*
 * Results go back to the same registers; MR0/MR1 say success and error. If
 * the call destroyed the caller's own PCB, this writes into the dead
 * object, which is harmless: its memory is reused only by a later convert,
 * and the scheduler no longer knows the process.
 */
static void store_results(struct process *caller, const struct capability_message *message,
                          enum a9n_error error)
{
    for (unsigned i = A9N_MR_INFO; i < CAPABILITY_MESSAGE_MRS; i++)
        *a9n_arch_context_mr(&caller->context, i) = message->mr[i];
    process_set_result(caller, error);
}

/*
 * IPC and notification operations move message registers between threads
 * themselves and may block the caller, so they are dispatched before the
 * capability-message copy (which would buffer the message in the kernel
 * and write results the caller must not see until its partner answers).
 * Every other target is invoked through the capability message, with the
 * slot found here: one lookup per call. Depth 0 names the root node itself,
 * which capability_call() resolves.
 */
static void capability_kernel_call(struct process *caller)
{
    const struct slot *root = &caller->slots[PROCESS_SLOT_ROOT_NODE];
    a9n_word_t descriptor = *a9n_arch_context_mr(&caller->context, A9N_MR_TARGET);
    a9n_word_t operation = *a9n_arch_context_mr(&caller->context, A9N_MR_OPERATION);
    struct capability_message message;
    enum a9n_error error;

    if (a9n_descriptor_depth(descriptor) == 0) {
        load_message(caller, &message);
        error = capability_call(root, &message);
        store_results(caller, &message, error);
        return;
    }
    struct slot *target;
    error = node_lookup(root, descriptor, &target);
    if (error != A9N_ERROR_NONE) {
        /* Failure changes nothing: MR2.. keep what the caller put there. */
        process_set_result(caller, error);
        return;
    }
    if (target->type == A9N_CAPABILITY_IPC_PORT) {
        ipc_port_invoke(caller, target, operation);
        return;
    }
    if (target->type == A9N_CAPABILITY_NOTIFICATION_PORT) {
        notification_port_invoke(caller, target, operation);
        return;
    }
    load_message(caller, &message);
    error = capability_invoke(root, target, &message);
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
        process_set_result(caller, A9N_ERROR_NONE);
        scheduler_yield();
        break;
    default:
        fault_raise(caller, A9N_FAULT_UNKNOWN_KERNEL_CALL, number, 0);
        break;
    }
    scheduler_exit_to_user();
}
