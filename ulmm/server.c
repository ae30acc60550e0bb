/*
 * The ULMM server: started by KOITO init with the standard slot layout
 * (docs/koito.md) and a root node of radix ULMM_ROOT_RADIX whose free
 * slots hold everything it hands out. It serves one request at a time on
 * its port, on the KOITO server framework (koito/server.h): decode
 * (request.c), perform (service.c), reply.
 */
#include <a9n/app_info.h>
#include <a9n/ipc.h>
#include <liba9n/app.h>
#include <liba9n/debug.h>
#include <koito/server.h>
#include <liba9n/ipc.h>

#include "request.h"
#include "service.h"

#define SLOTS ((uint32_t)1 << ULMM_ROOT_RADIX)

/* The per-slot tables (docs/ulmm.md §2): static, sized by the node's radix. */
static uint32_t links[SLOTS];
static struct ulmm_buddy_block blocks[SLOTS];
static struct ulmm_slab_entry entries[SLOTS];
static struct ulmm_record records[SLOTS];
static struct ulmm_service service;

static struct ulmm_limits limits;

/*
 * Every request: decode (who asks, arguments), perform, and the reply:
 * the status, the results, the capabilities handed out (label 0).
 */
static enum koito_reply_action serve(struct koito_server *server, struct koito_request *request)
{
    a9n_word_t *mr = request->message->mr;
    struct ulmm_request decoded;
    struct ulmm_reply reply;
    reply.result_count = 0;
    reply.capability_count = 0;
    reply.status = ulmm_request_decode(mr, mr[A9N_MR_INFO], request->badge, &limits, &decoded);
    if (reply.status == ULMM_STATUS_OK)
        ulmm_service_handle(&service, &decoded, &reply);
    mr[ULMM_MR_STATUS] = reply.status;
    for (unsigned i = 0; i < reply.result_count; i++)
        mr[ULMM_MR_RESULT + i] = reply.results[i];
    for (unsigned i = 0; i < reply.capability_count; i++)
        server->ipc_buffer->transfer_source[i] = reply.capabilities[i];
    return koito_reply_with_capabilities(server, 0, 1 + reply.result_count,
                                         reply.capability_count);
}

static enum koito_reply_action unknown_request(struct koito_server *server,
                                               struct koito_request *request)
{
    request->message->mr[ULMM_MR_STATUS] = ULMM_STATUS_UNKNOWN_REQUEST;
    return koito_reply(server, 0, 1);
}

/* Any badge may ask: request.c decides what each one may do (0 is init). */
static const struct koito_handler handlers[] = {
    { ULMM_REQUEST_ALLOC_FRAMES, 0, serve, true },
    { ULMM_REQUEST_MAP_FRAMES, 0, serve, true },
    { ULMM_REQUEST_ALLOC_OBJECT, 0, serve, true },
    { ULMM_REQUEST_FREE, 0, serve, true },
    { ULMM_REQUEST_STATISTICS, 0, serve, true },
    { ULMM_REQUEST_REGISTER_CLIENT, 0, serve, true },
    { ULMM_REQUEST_CLIENT_EXITED, 0, serve, true },
    { ULMM_REQUEST_ADD_MEMORY, 0, serve, true },
};

int main(void)
{
    const struct a9n_app_info *info = a9n_app_info();
    if (info == NULL || info->root_radix != ULMM_ROOT_RADIX) {
        a9n_debug_puts("ulmm: not started with ULMM's slot layout\n");
        a9n_app_exit(1);
    }
    limits = (struct ulmm_limits){
        .page_bits = info->page_bits,
        .paging_levels = info->paging_levels,
        .user_top = info->user_top,
    };
    const struct ulmm_service_tables tables = { links, blocks, entries, records };
    if (ulmm_service_init(&service, a9n_descriptor(0, 0), ULMM_ROOT_RADIX, info->first_free_slot,
                          &limits, &tables) != ULMM_STATUS_OK) {
        a9n_debug_puts("ulmm: bad slot layout or paging geometry\n");
        a9n_app_exit(1);
    }

    static struct koito_server server = {
        .handlers = handlers,
        .handler_count = sizeof handlers / sizeof handlers[0],
        .bad_request = unknown_request,
        /* An index past the node: capabilities a client sends can never land in ULMM's slots. */
        .receive_node = 0,
        .receive_index = SLOTS,
    };
    server.port = a9n_app_slot(info, A9N_APP_SLOT_ULMM_PORT);
    server.ipc_buffer = (struct a9n_ipc_buffer *)info->ipc_buffer;
    koito_server_run(&server);
}
