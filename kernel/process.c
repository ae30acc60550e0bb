/*
 * Process objects: queues of processes, cancelling a process's IPC, and the
 * operations on Process capabilities (configure, read and write registers,
 * resume, suspend), each a decode step without side effects followed by a
 * perform step that cannot fail.
 */
#include "process.h"

#include <a9n/capability.h>
#include <a9n/ipc.h>
#include <a9n/process.h>

#include "capability_call.h"
#include "derivation.h"
#include "fpu.h"
#include "mapping.h"
#include "message.h"
#include "node.h"
#include "scheduler.h"

a9n_paddr_t process_address_space_root(const struct process *process)
{
    const struct slot *address_space = &process->slots[PROCESS_SLOT_ADDRESS_SPACE];
    return address_space->type == A9N_CAPABILITY_ADDRESS_SPACE ? address_space->object : 0;
}

void process_set_result(struct process *process, enum a9n_error error)
{
    *a9n_arch_context_mr(&process->context, A9N_MR_SUCCESS) = error == A9N_ERROR_NONE;
    *a9n_arch_context_mr(&process->context, A9N_MR_ERROR) = error;
}

/* A fault report is not the thread's own kernel call: its registers stay untouched. */
static void end_wait(struct process *process, enum a9n_error error)
{
    if (!(process->ipc_flags & PROCESS_IPC_FAULT))
        process_set_result(process, error);
    process->ipc_flags = 0;
}

void process_drop_reply(struct process *process)
{
    struct process *caller = process->reply_to;
    if (caller == NULL)
        return;
    process->reply_to = NULL;
    caller->replier = NULL;
    end_wait(caller, A9N_ERROR_CANCELLED);
    scheduler_make_ready(caller);
}

void process_cancel_ipc(struct process *process, enum a9n_error error)
{
    switch (process->state) {
    case PROCESS_STATE_BLOCKED_SEND:
    case PROCESS_STATE_BLOCKED_RECEIVE:
    case PROCESS_STATE_BLOCKED_NOTIFICATION:
        process_queue_remove(process->waiting_on, process);
        process->waiting_on = NULL;
        end_wait(process, error);
        process->state = PROCESS_STATE_INACTIVE;
        break;
    case PROCESS_STATE_BLOCKED_REPLY:
        /* The reply right of the receiver dies with the call. */
        process->replier->reply_to = NULL;
        process->replier = NULL;
        end_wait(process, error);
        process->state = PROCESS_STATE_INACTIVE;
        break;
    case PROCESS_STATE_INACTIVE:
    case PROCESS_STATE_READY:
        break;
    }
    process_drop_reply(process);
}

void process_suspend(struct process *process)
{
    process_cancel_ipc(process, A9N_ERROR_CANCELLED);
    scheduler_remove(process);
    process->state = PROCESS_STATE_INACTIVE;
}

/* ---- configure ------------------------------------------------------------------ */

struct process_configure {
    struct process *process;
    unsigned mask;
    /* For each embedded slot being set: the caller's capability to copy. */
    struct slot *sources[PROCESS_SLOT_COUNT];
    a9n_word_t ip, sp, tls;
    unsigned priority;
};

/* A capability the caller installs in a PCB: of `type`, with `rights` and the copy right. */
static enum a9n_error decode_installed(const struct slot *root, a9n_word_t descriptor,
                                       unsigned type, unsigned rights, struct slot **source)
{
    enum a9n_error error = node_lookup(root, descriptor, source);
    if (error != A9N_ERROR_NONE)
        return error;
    if (slot_is_empty(*source))
        return A9N_ERROR_EMPTY_SLOT;
    if ((*source)->type != type)
        return A9N_ERROR_WRONG_TYPE;
    /* Installing is copying: the same rule as node copy. */
    rights |= A9N_RIGHT_COPY;
    if (((*source)->rights & rights) != rights)
        return A9N_ERROR_MISSING_RIGHTS;
    return A9N_ERROR_NONE;
}

static enum a9n_error decode_slots(const struct slot *root, const struct capability_message *message,
                                   struct process_configure *configure)
{
    enum a9n_error error = A9N_ERROR_NONE;
    struct slot **sources = configure->sources;

    if (configure->mask & A9N_PROCESS_FIELD_ADDRESS_SPACE)
        error = decode_installed(root, message->mr[A9N_PROCESS_ARG_ADDRESS_SPACE],
                                 A9N_CAPABILITY_ADDRESS_SPACE, 0,
                                 &sources[PROCESS_SLOT_ADDRESS_SPACE]);
    if (error == A9N_ERROR_NONE && (configure->mask & A9N_PROCESS_FIELD_ROOT_NODE)) {
        /* Depth 0 is the caller's own root node, as wherever a node is expected. */
        const struct slot *node;
        error = node_lookup_node(root, message->mr[A9N_PROCESS_ARG_ROOT_NODE], &node);
        if (error == A9N_ERROR_NONE && !(node->rights & A9N_RIGHT_COPY))
            error = A9N_ERROR_MISSING_RIGHTS;
        sources[PROCESS_SLOT_ROOT_NODE] = (struct slot *)node;
    }
    if (error == A9N_ERROR_NONE && (configure->mask & A9N_PROCESS_FIELD_IPC_BUFFER)) {
        /* The kernel writes it on the thread's behalf: only a frame the caller could map writable. */
        error = decode_installed(root, message->mr[A9N_PROCESS_ARG_IPC_BUFFER],
                                 A9N_CAPABILITY_FRAME, A9N_RIGHT_READ | A9N_RIGHT_WRITE,
                                 &sources[PROCESS_SLOT_IPC_BUFFER]);
        if (error == A9N_ERROR_NONE && (sources[PROCESS_SLOT_IPC_BUFFER]->flags & SLOT_FLAG_DEVICE))
            error = A9N_ERROR_INVALID_ARGUMENT;
    }
    if (error == A9N_ERROR_NONE && (configure->mask & A9N_PROCESS_FIELD_RESOLVER))
        error = decode_installed(root, message->mr[A9N_PROCESS_ARG_RESOLVER],
                                 A9N_CAPABILITY_IPC_PORT, A9N_RIGHT_WRITE,
                                 &sources[PROCESS_SLOT_RESOLVER]);
    return error;
}

static enum a9n_error process_decode_configure(const struct slot *root, const struct slot *target,
                                               const struct capability_message *message,
                                               struct process_configure *configure)
{
    a9n_word_t word = message->mr[A9N_PROCESS_ARG_CONFIGURE];
    a9n_word_t priority = (word >> A9N_PROCESS_CONFIGURE_PRIORITY_SHIFT) & 0xffff;
    a9n_word_t affinity = (word >> A9N_PROCESS_CONFIGURE_AFFINITY_SHIFT) & 0xffff;

    *configure = (struct process_configure){ .process = process_of(target) };
    configure->mask = (unsigned)(word & ((1u << A9N_PROCESS_CONFIGURE_MASK_BITS) - 1));
    if ((configure->mask & ~A9N_PROCESS_FIELDS_ALL) != 0 || (word >> 48) != 0)
        return A9N_ERROR_INVALID_ARGUMENT;
    /*
     * The priority rule: nobody makes a process more urgent than itself, so
     * a thread cannot escape its own priority by creating another one. (No
     * current process: the kernel itself calls, as in host tests.)
     */
    const struct process *caller = scheduler_current();
    unsigned ceiling = caller != NULL ? caller->priority : SCHEDULER_PRIORITIES - 1;
    if ((configure->mask & A9N_PROCESS_FIELD_PRIORITY) &&
        (priority >= SCHEDULER_PRIORITIES || priority > ceiling))
        return A9N_ERROR_INVALID_ARGUMENT;
    /* One CPU for now. */
    if ((configure->mask & A9N_PROCESS_FIELD_AFFINITY) && affinity != 0)
        return A9N_ERROR_INVALID_ARGUMENT;

    configure->ip = message->mr[A9N_PROCESS_ARG_IP];
    configure->sp = message->mr[A9N_PROCESS_ARG_SP];
    configure->tls = message->mr[A9N_PROCESS_ARG_TLS];
    configure->priority = (unsigned)priority;
    return decode_slots(root, message, configure);
}

static const unsigned slot_fields[PROCESS_SLOT_COUNT] = {
    [PROCESS_SLOT_ROOT_NODE] = A9N_PROCESS_FIELD_ROOT_NODE,
    [PROCESS_SLOT_ADDRESS_SPACE] = A9N_PROCESS_FIELD_ADDRESS_SPACE,
    [PROCESS_SLOT_IPC_BUFFER] = A9N_PROCESS_FIELD_IPC_BUFFER,
    [PROCESS_SLOT_RESOLVER] = A9N_PROCESS_FIELD_RESOLVER,
};

/*
 * The old capabilities are moved aside first and removed last: removing
 * one can destroy objects (the last capability to a node empties it), and
 * that must not happen while the new sources, which may live in such a
 * node, are still being copied, nor before this PCB is completely written
 * (it may itself die in that cascade).
 */
static void process_perform_configure(const struct process_configure *configure)
{
    struct process *process = configure->process;
    struct slot replaced[PROCESS_SLOT_COUNT] = { 0 };

    for (unsigned i = 0; i < PROCESS_SLOT_COUNT; i++) {
        struct slot *slot = &process->slots[i];
        struct slot *source = configure->sources[i];
        /* Setting the caller's own root node to itself changes nothing. */
        if (!(configure->mask & slot_fields[i]) || source == slot)
            continue;
        if (!slot_is_empty(slot))
            derivation_move(&replaced[i], slot);
        slot_derive(slot, source, source->rights, 0);
        /* The PCB names the frame; it is not another mapping of it. */
        if (i == PROCESS_SLOT_IPC_BUFFER)
            mapping_clear(slot);
    }
    if (configure->mask & A9N_PROCESS_FIELD_IP)
        *a9n_arch_context_ip(&process->context) = configure->ip;
    if (configure->mask & A9N_PROCESS_FIELD_SP)
        *a9n_arch_context_sp(&process->context) = configure->sp;
    if (configure->mask & A9N_PROCESS_FIELD_TLS)
        *a9n_arch_context_tls(&process->context) = configure->tls;
    if (configure->mask & (A9N_PROCESS_FIELD_IP | A9N_PROCESS_FIELD_SP | A9N_PROCESS_FIELD_TLS))
        hal_context_written(&process->context);
    if (configure->mask & A9N_PROCESS_FIELD_PRIORITY)
        scheduler_set_priority(process, configure->priority);

    for (unsigned i = 0; i < PROCESS_SLOT_COUNT; i++) {
        if (!slot_is_empty(&replaced[i]))
            derivation_remove(&replaced[i]);
    }
}

/* ---- registers ------------------------------------------------------------------- */

struct process_registers {
    struct process *process;
    a9n_word_t first;
    unsigned count;
};

static bool register_exists(a9n_word_t number)
{
    if (number < A9N_REGISTER_PORTABLE_COUNT)
        return true;
    if (number >= A9N_REGISTER_MR && number - A9N_REGISTER_MR < A9N_ARCH_REGISTER_MRS)
        return true;
    return number >= A9N_REGISTER_RAW && number - A9N_REGISTER_RAW < A9N_REGISTER_RAW_COUNT;
}

static a9n_word_t *register_word(struct process *process, a9n_word_t number)
{
    struct a9n_arch_context *context = &process->context;
    switch (number) {
    case A9N_REGISTER_IP:
        return a9n_arch_context_ip(context);
    case A9N_REGISTER_SP:
        return a9n_arch_context_sp(context);
    case A9N_REGISTER_TLS:
        return a9n_arch_context_tls(context);
    case A9N_REGISTER_ARG0:
        return a9n_arch_context_arg0(context);
    default:
        if (number < A9N_REGISTER_RAW)
            return a9n_arch_context_mr(context, (unsigned)(number - A9N_REGISTER_MR));
        return (a9n_word_t *)context + (number - A9N_REGISTER_RAW);
    }
}

static enum a9n_error process_decode_registers(const struct slot *target,
                                               const struct capability_message *message,
                                               struct process_registers *registers)
{
    a9n_word_t first = message->mr[A9N_PROCESS_ARG_REGISTER];
    a9n_word_t count = message->mr[A9N_PROCESS_ARG_COUNT];
    if (count == 0 || count > A9N_PROCESS_REGISTERS_PER_CALL)
        return A9N_ERROR_INVALID_ARGUMENT;
    /* Every register of the range; checked one by one, so no sum can wrap. */
    for (a9n_word_t i = 0; i < count; i++) {
        if (first + i < first || !register_exists(first + i))
            return A9N_ERROR_INVALID_ARGUMENT;
    }
    registers->process = process_of(target);
    registers->first = first;
    registers->count = (unsigned)count;
    return A9N_ERROR_NONE;
}

/* ---- dispatch and lifetime ------------------------------------------------------- */

/* A process can run only with an address space and a root node to look descriptors up in. */
static enum a9n_error process_decode_resume(const struct process *process)
{
    if (process->slots[PROCESS_SLOT_ADDRESS_SPACE].type != A9N_CAPABILITY_ADDRESS_SPACE ||
        process->slots[PROCESS_SLOT_ROOT_NODE].type != A9N_CAPABILITY_NODE)
        return A9N_ERROR_INVALID_STATE;
    return A9N_ERROR_NONE;
}

enum a9n_error process_invoke(const struct slot *root, const struct slot *target,
                              struct capability_message *message)
{
    struct process *process = process_of(target);
    enum a9n_error error;

    switch (message->mr[A9N_MR_OPERATION]) {
    case A9N_PROCESS_CONFIGURE: {
        struct process_configure configure;
        error = process_decode_configure(root, target, message, &configure);
        if (error == A9N_ERROR_NONE)
            process_perform_configure(&configure);
        return error;
    }
    case A9N_PROCESS_READ_REGISTERS:
    case A9N_PROCESS_WRITE_REGISTERS: {
        struct process_registers registers;
        bool write = message->mr[A9N_MR_OPERATION] == A9N_PROCESS_WRITE_REGISTERS;
        error = process_decode_registers(target, message, &registers);
        if (error != A9N_ERROR_NONE)
            return error;
        for (unsigned i = 0; i < registers.count; i++) {
            a9n_word_t *word = register_word(process, registers.first + i);
            if (write)
                *word = message->mr[A9N_PROCESS_ARG_VALUES + i];
            else
                message->mr[A9N_PROCESS_ARG_VALUES + i] = *word;
        }
        if (write)
            hal_context_written(&process->context);
        return A9N_ERROR_NONE;
    }
    case A9N_PROCESS_RESUME:
        error = process_decode_resume(process);
        /* Resuming a process that runs or waits in IPC changes nothing. */
        if (error == A9N_ERROR_NONE)
            scheduler_resume(process);
        return error;
    case A9N_PROCESS_SUSPEND:
        process_suspend(process);
        return A9N_ERROR_NONE;
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}

/*
 * The last capability is going: before the core empties the PCB's slots,
 * the process leaves every queue, gives up its reply right, is taken off
 * the CPU (if it is the running process the kernel picks another on the
 * way out) and stops owning the FPU, so nothing points at it once its
 * memory is reused.
 */
void process_teardown(struct slot *capability, bool last)
{
    if (!last)
        return;
    process_suspend(process_of(capability));
    fpu_forget(process_of(capability));
}

struct slot *process_contained_slot(const struct slot *capability, a9n_word_t index)
{
    return index < PROCESS_SLOT_COUNT ? &process_of(capability)->slots[index] : NULL;
}
