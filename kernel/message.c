/*
 * Message transfer. Senders are checked by message_decode before anything
 * happens; a sender that blocked may have had its registers rewritten (by a
 * holder of its PCB capability) or its capabilities moved since, so the
 * transfer itself re-checks and clamps instead of trusting that check.
 */
#include "message.h"

#include <a9n/fault.h>

#include "node.h"
#include "object.h"

/* Payload words that fit in the hardware-register MRs. */
#define REGISTER_PAYLOAD (A9N_ARCH_REGISTER_MRS - A9N_MR_PAYLOAD)

_Static_assert(A9N_ARCH_REGISTER_MRS > A9N_MR_PAYLOAD, "the control MRs are registers");
_Static_assert(sizeof(struct a9n_ipc_buffer) <= (1u << A9N_FRAME_BITS),
               "an IPC buffer fits a frame");

struct a9n_ipc_buffer *message_ipc_buffer(const struct process *process)
{
    const struct slot *frame = &process->slots[PROCESS_SLOT_IPC_BUFFER];
    return frame->type == A9N_CAPABILITY_FRAME ? slot_object(frame) : NULL;
}

/* A capability `sender` may transfer: present, of a copyable type, with the copy right. */
static enum a9n_error lookup_transfer_source(struct process *sender, a9n_word_t descriptor,
                                             struct slot **source)
{
    enum a9n_error error = node_lookup(&sender->slots[PROCESS_SLOT_ROOT_NODE], descriptor, source);
    if (error != A9N_ERROR_NONE)
        return error;
    if (slot_is_empty(*source))
        return A9N_ERROR_EMPTY_SLOT;
    if (!object_type_of((*source)->type)->copyable)
        return A9N_ERROR_WRONG_TYPE;
    if (!((*source)->rights & A9N_RIGHT_COPY))
        return A9N_ERROR_MISSING_RIGHTS;
    return A9N_ERROR_NONE;
}

enum a9n_error message_decode(struct process *sender)
{
    a9n_word_t info = *message_register(sender, A9N_MR_INFO);
    unsigned length = a9n_message_info_length(info);
    unsigned capabilities = a9n_message_info_capabilities(info);

    if (length > A9N_MESSAGE_MAX_LENGTH || capabilities > A9N_MESSAGE_MAX_CAPABILITIES)
        return A9N_ERROR_INVALID_ARGUMENT;
    struct a9n_ipc_buffer *buffer = message_ipc_buffer(sender);
    if ((length > REGISTER_PAYLOAD || capabilities > 0) && buffer == NULL)
        return A9N_ERROR_INVALID_STATE;
    for (unsigned i = 0; i < capabilities; i++) {
        struct slot *source;
        enum a9n_error error = lookup_transfer_source(sender, buffer->transfer_source[i], &source);
        if (error != A9N_ERROR_NONE)
            return error;
    }
    return A9N_ERROR_NONE;
}

/*
 * Copy up to `count` capabilities into consecutive slots of the receiver's
 * receive node, in order, stopping at the first that cannot land (no
 * receive node, past its end, slot occupied) or is no longer transferable.
 * Each copy is derived from the sender's capability, as node copy does.
 */
static unsigned transfer_capabilities(struct process *sender, const struct a9n_ipc_buffer *from,
                                      struct process *receiver, const struct a9n_ipc_buffer *to,
                                      unsigned count)
{
    const struct slot *node;
    if (count == 0 || from == NULL || to == NULL)
        return 0;
    if (node_lookup_node(&receiver->slots[PROCESS_SLOT_ROOT_NODE], to->receive_node, &node) !=
        A9N_ERROR_NONE)
        return 0;

    a9n_word_t index = to->receive_index;
    a9n_word_t slots = node_slot_count(node);
    unsigned moved = 0;
    for (; moved < count; moved++) {
        if (index >= slots || moved >= slots - index)
            break;
        struct slot *destination = node_slot(node, index + moved);
        struct slot *source;
        if (!slot_is_empty(destination))
            break;
        if (lookup_transfer_source(sender, from->transfer_source[moved], &source) != A9N_ERROR_NONE)
            break;
        slot_derive(destination, source, source->rights, 0);
    }
    return moved;
}

void message_transfer(struct process *sender, struct process *receiver, a9n_word_t badge)
{
    a9n_word_t info = *message_register(sender, A9N_MR_INFO);
    unsigned length = a9n_message_info_length(info);
    unsigned capabilities = a9n_message_info_capabilities(info);
    struct a9n_ipc_buffer *from = message_ipc_buffer(sender);
    struct a9n_ipc_buffer *to = message_ipc_buffer(receiver);

    if (length > A9N_MESSAGE_MAX_LENGTH)
        length = A9N_MESSAGE_MAX_LENGTH;
    if (capabilities > A9N_MESSAGE_MAX_CAPABILITIES)
        capabilities = A9N_MESSAGE_MAX_CAPABILITIES;
    /* Without a buffer on either side the message ends with the registers. */
    if ((from == NULL || to == NULL) && length > REGISTER_PAYLOAD)
        length = REGISTER_PAYLOAD;

    /*
     * The register MRs travel whole, whatever the length (docs/abi.md
     * §11): the fast path passes them on in the registers themselves, where
     * clearing the ones beyond the length would cost as much as the move.
     */
    for (unsigned i = A9N_MR_PAYLOAD; i < A9N_ARCH_REGISTER_MRS; i++)
        *message_register(receiver, i) = *message_register(sender, i);
    for (unsigned i = A9N_ARCH_REGISTER_MRS; i < A9N_MR_PAYLOAD + length; i++)
        to->mr[i] = from->mr[i];

    capabilities = transfer_capabilities(sender, from, receiver, to, capabilities);
    *message_register(receiver, A9N_MR_INFO) =
        a9n_message_info(a9n_message_info_label(info), length, capabilities);
    *message_register(receiver, A9N_MR_BADGE) = badge;
    process_set_result(receiver, A9N_ERROR_NONE);
}

void message_transfer_fault(struct process *faulter, struct process *receiver, a9n_word_t badge)
{
    *message_register(receiver, A9N_FAULT_MR_KIND) = faulter->fault_kind;
    *message_register(receiver, A9N_FAULT_MR_ADDRESS) = faulter->fault_address;
    *message_register(receiver, A9N_FAULT_MR_IP) = *a9n_arch_context_ip(&faulter->context);
    *message_register(receiver, A9N_FAULT_MR_FLAGS) = faulter->fault_flags;
    *message_register(receiver, A9N_MR_INFO) =
        a9n_message_info(A9N_FAULT_LABEL, A9N_FAULT_MESSAGE_LENGTH, 0);
    *message_register(receiver, A9N_MR_BADGE) = badge;
    process_set_result(receiver, A9N_ERROR_NONE);
}
