/*
 * The KOITO server framework (koito/include/koito/server.h): message
 * access by MR index, bounded byte and string packing, the client call,
 * and the receive / dispatch / reply loop every server runs.
 */
#include <koito/server.h>
#include <liba9n/ipc.h>

unsigned koito_message_capacity(const struct koito_message *message)
{
    unsigned mrs = message->ipc_buffer != NULL ? A9N_MESSAGE_MRS : A9N_ARCH_REGISTER_MRS;
    return mrs - A9N_MR_PAYLOAD;
}

a9n_word_t koito_message_get(const struct koito_message *message, unsigned index)
{
    if (index < A9N_ARCH_REGISTER_MRS)
        return message->mr[index];
    if (message->ipc_buffer == NULL || index >= A9N_MESSAGE_MRS)
        return 0;
    return message->ipc_buffer->mr[index];
}

bool koito_message_set(struct koito_message *message, unsigned index, a9n_word_t value)
{
    if (index < A9N_ARCH_REGISTER_MRS) {
        message->mr[index] = value;
        return true;
    }
    if (message->ipc_buffer == NULL || index >= A9N_MESSAGE_MRS)
        return false;
    message->ipc_buffer->mr[index] = value;
    return true;
}

/* Whether payload words first .. first + words - 1 lie within `length` and the capacity. */
static bool words_within(const struct koito_message *message, unsigned length, unsigned first,
                         unsigned words)
{
    unsigned capacity = koito_message_capacity(message);
    if (length > capacity)
        length = capacity;
    return first <= length && words <= length - first;
}

/*
 * Bytes are packed little end first in each word, which on both ports is
 * the word's own layout in memory: a whole word moves as one copy.
 */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "payload bytes are the words' memory");

bool koito_message_read_bytes(const struct koito_message *message, unsigned length,
                              unsigned first, void *out, size_t size)
{
    if (size > (size_t)A9N_MESSAGE_MAX_LENGTH * sizeof(a9n_word_t) ||
        !words_within(message, length, first, koito_words_for_bytes(size)))
        return false;
    unsigned char *bytes = out;
    for (size_t done = 0; done < size; done += sizeof(a9n_word_t)) {
        a9n_word_t word = koito_message_word(message, first + (unsigned)(done / sizeof(a9n_word_t)));
        if (size - done >= sizeof(a9n_word_t))
            __builtin_memcpy(bytes + done, &word, sizeof(a9n_word_t));
        else
            for (size_t i = 0; done + i < size; i++)
                bytes[done + i] = (unsigned char)(word >> (8 * i));
    }
    return true;
}

unsigned koito_message_write_bytes(struct koito_message *message, unsigned first,
                                   const void *data, size_t size)
{
    unsigned capacity = koito_message_capacity(message);
    if (size > (size_t)A9N_MESSAGE_MAX_LENGTH * sizeof(a9n_word_t))
        return 0;
    unsigned words = koito_words_for_bytes(size);
    if (first > capacity || words > capacity - first)
        return 0;
    const unsigned char *bytes = data;
    for (unsigned w = 0; w < words; w++) {
        size_t done = (size_t)w * sizeof(a9n_word_t);
        a9n_word_t word = 0;
        if (size - done >= sizeof(a9n_word_t))
            __builtin_memcpy(&word, bytes + done, sizeof(a9n_word_t));
        else
            for (size_t i = 0; done + i < size; i++)
                word |= (a9n_word_t)bytes[done + i] << (8 * i);
        koito_message_set_word(message, first + w, word);
    }
    return words;
}

bool koito_message_read_string(const struct koito_message *message, unsigned length,
                               unsigned first, unsigned words, char *out, size_t max)
{
    if (max == 0 || !words_within(message, length, first, words))
        return false;
    size_t limit = (size_t)words * sizeof(a9n_word_t);
    for (size_t i = 0; i < limit && i < max; i++) {
        a9n_word_t word = koito_message_word(message, first + (unsigned)(i / sizeof(a9n_word_t)));
        out[i] = (char)(word >> (8 * (i % sizeof(a9n_word_t))));
        if (out[i] == '\0')
            return true;
    }
    return false;
}

enum a9n_error koito_call(a9n_word_t port, struct koito_message *message, a9n_word_t label,
                          unsigned length, unsigned capabilities)
{
    message->mr[A9N_MR_INFO] = a9n_message_info(label, length, capabilities);
    return a9n_ipc_call(port, message->mr);
}

static const struct koito_handler *find_handler(const struct koito_server *server,
                                                a9n_word_t label)
{
    for (unsigned i = 0; i < server->handler_count; i++)
        if (server->handlers[i].label == label)
            return &server->handlers[i];
    return NULL;
}

enum koito_reply_action koito_server_dispatch(struct koito_server *server,
                                              struct koito_message *message)
{
    a9n_word_t info = message->mr[A9N_MR_INFO];
    struct koito_request request = {
        .message = message,
        .badge = message->mr[A9N_MR_BADGE],
        .label = a9n_message_info_label(info),
        .length = a9n_message_info_length(info),
        .capabilities = a9n_message_info_capabilities(info),
    };
    if (server->lookup_client != NULL)
        request.client = server->lookup_client(server, request.badge);

    server->reply_label = 0;
    server->reply_length = 0;
    server->reply_capabilities = 0;
    const struct koito_handler *handler = find_handler(server, request.label);
    enum koito_reply_action action;
    if (handler == NULL || request.length < handler->min_length ||
        (request.client == NULL && !handler->anyone))
        action = server->bad_request(server, &request);
    else
        action = handler->handle(server, &request);
    if (action == KOITO_REPLY)
        message->mr[A9N_MR_INFO] = a9n_message_info(server->reply_label, server->reply_length,
                                                    server->reply_capabilities);
    return action;
}

/* Before each receive: where capabilities may land (none, unless the server says so). */
static void prepare_receive(const struct koito_server *server)
{
    if (server->ipc_buffer == NULL)
        return;
    server->ipc_buffer->receive_node = server->receive_node;
    server->ipc_buffer->receive_index = server->receive_index;
}

_Noreturn void koito_server_run(struct koito_server *server)
{
    struct koito_message message = { .ipc_buffer = server->ipc_buffer };
    prepare_receive(server);
    enum a9n_error error = a9n_ipc_receive(server->port, message.mr);
    for (;;) {
        if (error != A9N_ERROR_NONE) {
            /* A cancelled or failed receive carries no request: wait for the next. */
            prepare_receive(server);
            error = a9n_ipc_receive(server->port, message.mr);
            continue;
        }
        enum koito_reply_action action = koito_server_dispatch(server, &message);
        prepare_receive(server);
        if (action == KOITO_REPLY)
            error = a9n_ipc_reply_receive(server->port, message.mr);
        else
            error = a9n_ipc_receive(server->port, message.mr);
    }
}
