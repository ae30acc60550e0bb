/*
 * The console's service thread: output requests from the POSIX server,
 * on the KOITO server framework. A request's byte count is checked
 * against the words actually delivered before a byte is written, so a
 * bad request prints nothing. Replies: MR4 the count, or a negative errno.
 */
#include <koito/errno.h>
#include <koito/services.h>

#include "driver.h"

static enum koito_reply_action reply_status(struct koito_server *server,
                                            struct koito_request *request, int64_t status)
{
    koito_message_set_word(request->message, 0, (a9n_word_t)status);
    return koito_reply(server, 0, 1);
}

/* KOITO_CONSOLE_WRITE: MR4 count, MR5.. the bytes. */
static enum koito_reply_action handle_write(struct koito_server *server,
                                            struct koito_request *request)
{
    struct console_service *service = server->context;
    a9n_word_t count = koito_message_word(request->message, 0);
    if (count > KOITO_CONSOLE_WRITE_MAX ||
        !koito_message_read_bytes(request->message, request->length, 1, service->bytes,
                                  (size_t)count))
        return reply_status(server, request, -KOITO_EINVAL);
    service->output(service->device, service->bytes, (size_t)count);
    return reply_status(server, request, (int64_t)count);
}

static const struct koito_handler handlers[] = {
    { .label = KOITO_CONSOLE_WRITE, .min_length = 1, .handle = handle_write },
};

/* The POSIX server is the only client: it runs the terminal on top of the driver. */
static void *lookup_client(struct koito_server *server, a9n_word_t badge)
{
    return badge == KOITO_PID_POSIX ? server->context : NULL;
}

static enum koito_reply_action bad_request(struct koito_server *server,
                                           struct koito_request *request)
{
    if (request->client == NULL)
        return reply_status(server, request, -KOITO_EPERM);
    for (unsigned i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
        if (handlers[i].label == request->label)
            return reply_status(server, request, -KOITO_EINVAL); /* too short */
    return reply_status(server, request, -KOITO_ENOSYS);
}

void console_service_init(struct koito_server *server, struct console_service *service,
                          a9n_word_t port, struct a9n_ipc_buffer *ipc_buffer,
                          unsigned root_radix)
{
    *server = (struct koito_server){
        .port = port,
        .ipc_buffer = ipc_buffer,
        .handlers = handlers,
        .handler_count = sizeof handlers / sizeof handlers[0],
        .lookup_client = lookup_client,
        .bad_request = bad_request,
        .receive_node = a9n_descriptor(0, 0),
        .receive_index = (a9n_word_t)1 << root_radix,
        .context = service,
    };
}
