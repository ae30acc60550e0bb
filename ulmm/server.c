/*
 * The ULMM server: started by KOITO init with the standard slot layout
 * (docs/koito.md) and a root node of radix ULMM_ROOT_RADIX whose free
 * slots hold everything it hands out. It serves one request at a time on
 * its port: decode (request.c), perform (service.c), reply.
 */
#include <a9n/app_info.h>
#include <a9n/ipc.h>
#include <liba9n/app.h>
#include <liba9n/debug.h>
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

static void fill_reply(const struct ulmm_reply *reply, struct a9n_ipc_buffer *ipc_buffer,
                       a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    mr[ULMM_MR_STATUS] = reply->status;
    for (unsigned i = 0; i < reply->result_count; i++)
        mr[ULMM_MR_RESULT + i] = reply->results[i];
    for (unsigned i = 0; i < reply->capability_count; i++)
        ipc_buffer->transfer_source[i] = reply->capabilities[i];
    mr[A9N_MR_INFO] = a9n_message_info(0, 1 + reply->result_count, reply->capability_count);
}

int main(void)
{
    const struct a9n_app_info *info = a9n_app_info();
    if (info == NULL || info->root_radix != ULMM_ROOT_RADIX) {
        a9n_debug_puts("ulmm: not started with ULMM's slot layout\n");
        a9n_app_exit(1);
    }
    const struct ulmm_limits limits = {
        .page_bits = info->page_bits,
        .paging_levels = info->paging_levels,
        .user_top = info->user_top,
    };
    const struct ulmm_service_tables tables = { links, blocks, entries, records };
    if (ulmm_service_init(&service, ULMM_ROOT_RADIX, info->first_free_slot, &limits, &tables) !=
        ULMM_STATUS_OK) {
        a9n_debug_puts("ulmm: bad slot layout or paging geometry\n");
        a9n_app_exit(1);
    }

    struct a9n_ipc_buffer *ipc_buffer = (struct a9n_ipc_buffer *)info->ipc_buffer;
    /* An index past the node: capabilities a client sends can never land in ULMM's slots. */
    ipc_buffer->receive_node = a9n_descriptor(0, 0);
    ipc_buffer->receive_index = SLOTS;

    a9n_word_t port = a9n_app_slot(info, A9N_APP_SLOT_ULMM_PORT);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    enum a9n_error error = a9n_ipc_receive(port, mr);
    for (;;) {
        if (error != A9N_ERROR_NONE) {
            error = a9n_ipc_receive(port, mr);
            continue;
        }
        struct ulmm_request request;
        struct ulmm_reply reply = { .status = ULMM_STATUS_OK };
        reply.status =
            ulmm_request_decode(mr, mr[A9N_MR_INFO], mr[A9N_MR_BADGE], &limits, &request);
        if (reply.status == ULMM_STATUS_OK)
            ulmm_service_handle(&service, &request, &reply);
        fill_reply(&reply, ipc_buffer, mr);
        error = a9n_ipc_reply_receive(port, mr);
    }
}
