/*
 * The KOITO server framework: what every server repeats, once. A server
 * names its port, a table of handlers by request label and, optionally,
 * how a badge becomes a client record; koito_server_run then receives,
 * looks the client up, dispatches and replies, forever. Message helpers
 * read and write message registers by index wherever they live (the
 * first A9N_ARCH_REGISTER_MRS in registers, the rest in the IPC buffer)
 * and move bytes and strings through payload words with bounds checks,
 * so a handler never trusts a length a client sent. docs/server.md is
 * the tutorial.
 */
#ifndef KOITO_SERVER_H
#define KOITO_SERVER_H

#include <a9n/error.h>
#include <a9n/ipc.h>
#include <a9n/types.h>
#include <a9n_arch.h>
#include <stdbool.h>
#include <stddef.h>

/* ---- messages ------------------------------------------------------------------------ */

/* One message: the register MRs here, the others in `ipc_buffer` (same index). */
struct koito_message {
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS];
    struct a9n_ipc_buffer *ipc_buffer;
};

/* Payload words a message can hold: without an IPC buffer only the register MRs. */
unsigned koito_message_capacity(const struct koito_message *message);

/* MR `index` (0 for an index no message has). */
a9n_word_t koito_message_get(const struct koito_message *message, unsigned index);
/* Set MR `index`; false (nothing written) past the capacity. */
bool koito_message_set(struct koito_message *message, unsigned index, a9n_word_t value);

/* Payload word i (MR4 + i) of a message, and its setter. */
static inline a9n_word_t koito_message_word(const struct koito_message *message, unsigned i)
{
    return koito_message_get(message, A9N_MR_PAYLOAD + i);
}

static inline bool koito_message_set_word(struct koito_message *message, unsigned i,
                                          a9n_word_t value)
{
    return koito_message_set(message, A9N_MR_PAYLOAD + i, value);
}

/* Words needed for `size` bytes. */
static inline unsigned koito_words_for_bytes(size_t size)
{
    return (unsigned)((size + sizeof(a9n_word_t) - 1) / sizeof(a9n_word_t));
}

/*
 * `size` bytes packed from payload word `first` on, little end first in
 * each word, into `out`. False when the words are not all within the
 * `length` payload words the message carries.
 */
bool koito_message_read_bytes(const struct koito_message *message, unsigned length,
                              unsigned first, void *out, size_t size);

/*
 * Pack `size` bytes into payload words from `first` on (the last word's
 * spare bytes are zero). Returns the words used, or 0 when they do not
 * fit the message (and `size` is not 0).
 */
unsigned koito_message_write_bytes(struct koito_message *message, unsigned first,
                                   const void *data, size_t size);

/*
 * A NUL-terminated string in payload words first .. first + words - 1
 * (within `length`), copied to `out` (room for `max` bytes, NUL
 * included). False when the words are out of range, no NUL is inside
 * them, or the string does not fit `out`.
 */
bool koito_message_read_string(const struct koito_message *message, unsigned length,
                               unsigned first, unsigned words, char *out, size_t max);

/* ---- clients: calling a server ---------------------------------------------------------- */

/*
 * Call `port` with request `label` and `length` payload words already in
 * the message (and `capabilities` listed in the IPC buffer's
 * transfer_source). On success the reply is in the message. The kernel's
 * error otherwise (the server is gone: A9N_ERROR_DESTROYED, ...).
 */
enum a9n_error koito_call(a9n_word_t port, struct koito_message *message, a9n_word_t label,
                          unsigned length, unsigned capabilities);

/* The delivered label and payload length of a received message or reply. */
static inline a9n_word_t koito_message_label(const struct koito_message *message)
{
    return a9n_message_info_label(message->mr[A9N_MR_INFO]);
}

static inline unsigned koito_message_length(const struct koito_message *message)
{
    return a9n_message_info_length(message->mr[A9N_MR_INFO]);
}

/* ---- servers ------------------------------------------------------------------------------ */

struct koito_server;

/* One request as a handler sees it. */
struct koito_request {
    struct koito_message *message; /* the request; the handler writes the reply into it */
    a9n_word_t badge;              /* of the capability the sender used: who it is */
    a9n_word_t label;
    unsigned length;               /* payload words delivered */
    unsigned capabilities;         /* capabilities that landed in the receive slots */
    void *client;                  /* lookup_client's answer for the badge (or NULL) */
};

enum koito_reply_action {
    KOITO_REPLY,    /* answer with the message the handler left, reply_length words */
    KOITO_NO_REPLY, /* no answer: the sender is gone, or was stopped by the handler */
};

/*
 * A handler decodes and performs one request. Read the request's payload
 * before writing the reply: both use the same registers and IPC buffer.
 * Set the reply's label and payload length with koito_reply().
 */
typedef enum koito_reply_action (*koito_handler_fn)(struct koito_server *server,
                                                    struct koito_request *request);

struct koito_handler {
    a9n_word_t label;
    /* Requests shorter than this never reach the handler: the server's bad_request answers. */
    unsigned min_length;
    koito_handler_fn handle;
    /* Whether a badge lookup_client does not know may use this request. */
    bool anyone;
};

struct koito_server {
    a9n_word_t port;                /* the IPC port received on (READ right) */
    struct a9n_ipc_buffer *ipc_buffer;
    const struct koito_handler *handlers;
    unsigned handler_count;
    /* Client record for a badge, or NULL for a stranger. NULL function: nobody is known. */
    void *(*lookup_client)(struct koito_server *server, a9n_word_t badge);
    /*
     * The answer to a request with no handler, too short, or from a
     * stranger (request->client NULL and the handler not `anyone`).
     * Required.
     */
    enum koito_reply_action (*bad_request)(struct koito_server *server,
                                           struct koito_request *request);
    /* Where transferred capabilities land: node descriptor and first slot. */
    a9n_word_t receive_node;
    a9n_word_t receive_index; /* past the node's end: capabilities sent are refused */
    void *context;            /* the server's own state */
    unsigned reply_length;    /* set by koito_reply */
    a9n_word_t reply_label;
    unsigned reply_capabilities;
};

/* The reply a handler leaves: label and payload words (already in the message). */
static inline enum koito_reply_action koito_reply(struct koito_server *server, a9n_word_t label,
                                                  unsigned length)
{
    server->reply_label = label;
    server->reply_length = length;
    server->reply_capabilities = 0;
    return KOITO_REPLY;
}

/* As koito_reply, also transferring `count` capabilities listed in transfer_source. */
static inline enum koito_reply_action koito_reply_with_capabilities(struct koito_server *server,
                                                                    a9n_word_t label,
                                                                    unsigned length,
                                                                    unsigned count)
{
    koito_reply(server, label, length);
    server->reply_capabilities = count;
    return KOITO_REPLY;
}

/* Receive, dispatch and reply forever. */
_Noreturn void koito_server_run(struct koito_server *server);

/*
 * Dispatch one received message (koito_server_run's body, for servers
 * that receive themselves and for tests). The reply, if any, is then in
 * the message with its info word set.
 */
enum koito_reply_action koito_server_dispatch(struct koito_server *server,
                                              struct koito_message *message);

#endif
