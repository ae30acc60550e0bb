/* The counter server (counter.h), on the KOITO server framework (docs/server.md). */
#include <a9n/capability.h>
#include <koito/server.h>

#include "counter.h"

#define NAME_SIZE 16

struct client {
    a9n_word_t value;
    char name[NAME_SIZE];
};

static struct client clients[COUNTER_CLIENTS];

/* The badge says who calls: the kernel wrote it, the client cannot forge it. */
static void *lookup_client(struct koito_server *server, a9n_word_t badge)
{
    (void)server;
    return badge >= 1 && badge <= COUNTER_CLIENTS ? &clients[badge - 1] : NULL;
}

static enum koito_reply_action add(struct koito_server *server, struct koito_request *request)
{
    struct client *client = request->client;
    client->value += koito_message_word(request->message, 0);
    koito_message_set_word(request->message, 0, client->value);
    return koito_reply(server, 0, 1);
}

static enum koito_reply_action get(struct koito_server *server, struct koito_request *request)
{
    const struct client *client = request->client;
    koito_message_set_word(request->message, 0, client->value);
    return koito_reply(server, 0, 1);
}

static enum koito_reply_action set_name(struct koito_server *server,
                                        struct koito_request *request)
{
    struct client *client = request->client;
    char name[NAME_SIZE];
    /* The string must end inside the words the client sent, and fit. */
    if (!koito_message_read_string(request->message, request->length, 0, request->length, name,
                                   sizeof name)) {
        koito_message_set_word(request->message, 0, (a9n_word_t)COUNTER_BAD_REQUEST);
        return koito_reply(server, 0, 1);
    }
    for (unsigned i = 0; i < NAME_SIZE; i++)
        client->name[i] = name[i];
    koito_message_set_word(request->message, 0, COUNTER_OK);
    return koito_reply(server, 0, 1);
}

static enum koito_reply_action get_name(struct koito_server *server,
                                        struct koito_request *request)
{
    const struct client *client = request->client;
    koito_message_set_word(request->message, 0, COUNTER_OK);
    unsigned words = koito_message_write_bytes(request->message, 1, client->name, NAME_SIZE);
    return koito_reply(server, 0, 1 + words);
}

static enum koito_reply_action refuse(struct koito_server *server, struct koito_request *request)
{
    a9n_word_t status = request->client == NULL ? (a9n_word_t)COUNTER_NOT_A_CLIENT
                                                : (a9n_word_t)COUNTER_BAD_REQUEST;
    koito_message_set_word(request->message, 0, status);
    return koito_reply(server, 0, 1);
}

static const struct koito_handler handlers[] = {
    { .label = COUNTER_ADD, .min_length = 1, .handle = add },
    { .label = COUNTER_GET, .min_length = 0, .handle = get },
    { .label = COUNTER_SET_NAME, .min_length = 1, .handle = set_name },
    { .label = COUNTER_GET_NAME, .min_length = 0, .handle = get_name },
};

_Noreturn void counter_server_run(a9n_word_t port, struct a9n_ipc_buffer *ipc_buffer)
{
    struct koito_server server = {
        .port = port,
        .ipc_buffer = ipc_buffer,
        .handlers = handlers,
        .handler_count = sizeof handlers / sizeof handlers[0],
        .lookup_client = lookup_client,
        .bad_request = refuse,
        .receive_node = a9n_descriptor(0, 0),
        .receive_index = ~(a9n_word_t)0, /* no capabilities accepted */
    };
    koito_server_run(&server);
}
