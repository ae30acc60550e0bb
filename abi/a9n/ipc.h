/*
 * IPC message layout, shared by both sides and every architecture.
 *
 * A message occupies message registers: MR0..MR(A9N_ARCH_REGISTER_MRS-1)
 * in hardware registers, the rest in the thread's IPC buffer at the same
 * index. Because the kernel moves MRs in place (sender MRi -> receiver MRi),
 * the control words sit at fixed indices on both sides:
 *
 *   index  sending (send/call/reply)     receiving (result)
 *   MR0    target descriptor             1 = success, 0 = error
 *   MR1    operation                     error code (enum a9n_error)
 *   MR2    message info                  message info as sent
 *   MR3    (ignored)                     badge of the sender's capability
 *   MR4..  payload                       payload
 */
#ifndef A9N_IPC_H
#define A9N_IPC_H

#include <a9n/types.h>

enum a9n_message_register {
    A9N_MR_TARGET = 0,
    A9N_MR_OPERATION = 1,
    A9N_MR_SUCCESS = 0,
    A9N_MR_ERROR = 1,
    A9N_MR_INFO = 2,
    A9N_MR_BADGE = 3,
    A9N_MR_PAYLOAD = 4,
};

/* Every MR a thread has (registers + IPC buffer). */
#define A9N_MESSAGE_MRS 256
/* Payload words a message can carry. */
#define A9N_MESSAGE_MAX_LENGTH (A9N_MESSAGE_MRS - A9N_MR_PAYLOAD)
/* Capabilities one message can carry. */
#define A9N_MESSAGE_MAX_CAPABILITIES 4

/*
 * Message info word: payload length in words (bits 0-8), number of
 * capabilities transferred (bits 9-11), and a label the kernel passes
 * through untouched (bits 16-63) for protocols to name requests.
 */
#define A9N_MESSAGE_INFO_LENGTH_MASK 0x1ffu
#define A9N_MESSAGE_INFO_CAPABILITIES_SHIFT 9
#define A9N_MESSAGE_INFO_CAPABILITIES_MASK 0x7u
#define A9N_MESSAGE_INFO_LABEL_SHIFT 16

static inline a9n_word_t a9n_message_info(a9n_word_t label, unsigned length, unsigned capabilities)
{
    return (label << A9N_MESSAGE_INFO_LABEL_SHIFT) |
           ((a9n_word_t)(capabilities & A9N_MESSAGE_INFO_CAPABILITIES_MASK)
            << A9N_MESSAGE_INFO_CAPABILITIES_SHIFT) |
           (length & A9N_MESSAGE_INFO_LENGTH_MASK);
}

static inline unsigned a9n_message_info_length(a9n_word_t info)
{
    return (unsigned)(info & A9N_MESSAGE_INFO_LENGTH_MASK);
}

static inline unsigned a9n_message_info_capabilities(a9n_word_t info)
{
    return (unsigned)((info >> A9N_MESSAGE_INFO_CAPABILITIES_SHIFT) &
                      A9N_MESSAGE_INFO_CAPABILITIES_MASK);
}

static inline a9n_word_t a9n_message_info_label(a9n_word_t info)
{
    return info >> A9N_MESSAGE_INFO_LABEL_SHIFT;
}

/*
 * The IPC buffer: one page per thread, named by the PCB's IPC buffer frame
 * capability. mr[i] holds MR i for i >= A9N_ARCH_REGISTER_MRS (lower
 * entries are unused so that indices match). The capability-transfer
 * fields are read by the kernel on send (transfer_source) and on receive
 * (receive_node, receive_index).
 */
struct a9n_ipc_buffer {
    a9n_word_t mr[A9N_MESSAGE_MRS];
    /* Descriptors of the capabilities to send, in the sender's space. */
    a9n_word_t transfer_source[A9N_MESSAGE_MAX_CAPABILITIES];
    /* Where received capabilities land: node descriptor, first index. */
    a9n_word_t receive_node;
    a9n_word_t receive_index;
    /* Thread-local word for user level (e.g. a TLS pointer). */
    a9n_word_t user_data;
};

/*
 * IPC Port operations (MR1). The message is in the MRs of the layout above;
 * a sender's MR3 is ignored, the receiver's MR3 is set by the kernel from
 * the capability the message was sent through (0 for a reply). See
 * docs/abi-ipc.md. They are numbered above every other type's operations
 * (kernel/fastpath.c checks it): the kernel-call entry sends a call to the
 * IPC fast path on its operation number alone, before it looks the target
 * up, so no other type's operation may share a number with call or
 * reply-receive.
 */
enum a9n_ipc_port_operation {
    A9N_IPC_PORT_SEND = 8,
    A9N_IPC_PORT_RECEIVE,
    A9N_IPC_PORT_CALL,
    A9N_IPC_PORT_REPLY,
    A9N_IPC_PORT_REPLY_RECEIVE,
    /* As send / receive, but A9N_ERROR_WOULD_BLOCK instead of waiting. */
    A9N_IPC_PORT_SEND_NON_BLOCKING,
    A9N_IPC_PORT_RECEIVE_NON_BLOCKING,
};

/*
 * Notification Port operations (MR1). Notify ORs the badge of the
 * capability used into the port's word; wait and poll return the word in
 * MR2 and clear it.
 */
enum a9n_notification_operation {
    A9N_NOTIFICATION_NOTIFY = 1,
    A9N_NOTIFICATION_WAIT,
    A9N_NOTIFICATION_POLL,
};

enum a9n_notification_argument {
    A9N_NOTIFICATION_ARG_WORD = 2, /* wait, poll: the word received */
};

#endif
