/*
 * ULMM's requests (see service.h). An allocation is undone completely when
 * any step of it fails, so a refused request changes nothing: no record,
 * no slot, no memory stays behind (page tables built for a client while
 * mapping stay its own: they are reused and reclaimed at its exit).
 */
#include "service.h"

#include <liba9n/memory.h>
#include <liba9n/node.h>

static enum ulmm_status status_of(enum ulmm_error error)
{
    switch (error) {
    case ULMM_ERROR_NONE:
        return ULMM_STATUS_OK;
    case ULMM_ERROR_OUT_OF_MEMORY:
    case ULMM_ERROR_OUT_OF_SLOTS:
    case ULMM_ERROR_LIMIT:
        return ULMM_STATUS_OUT_OF_MEMORY;
    case ULMM_ERROR_NOT_ALLOCATED:
        return ULMM_STATUS_NOT_OWNED;
    case ULMM_ERROR_QUOTA_EXCEEDED:
        return ULMM_STATUS_QUOTA_EXCEEDED;
    case ULMM_ERROR_INVALID_ARGUMENT:
    case ULMM_ERROR_OVERLAP:
        return ULMM_STATUS_INVALID_ARGUMENT;
    case ULMM_ERROR_KERNEL_REFUSED:
    default:
        return ULMM_STATUS_KERNEL_REFUSED;
    }
}

static enum ulmm_status status_of_kernel(enum a9n_error error)
{
    switch (error) {
    case A9N_ERROR_NONE:
        return ULMM_STATUS_OK;
    case A9N_ERROR_ALREADY_MAPPED:
        return ULMM_STATUS_ALREADY_MAPPED;
    case A9N_ERROR_INVALID_ADDRESS:
        return ULMM_STATUS_INVALID_ADDRESS;
    case A9N_ERROR_INSUFFICIENT_MEMORY:
        return ULMM_STATUS_OUT_OF_MEMORY;
    default:
        return ULMM_STATUS_KERNEL_REFUSED;
    }
}

static a9n_word_t slot_descriptor(const struct ulmm_service *service, uint32_t slot)
{
    return ulmm_slot_descriptor(&service->slots, slot);
}

enum ulmm_status ulmm_service_init(struct ulmm_service *service, a9n_word_t node, unsigned radix,
                                   uint32_t first, const struct ulmm_limits *limits,
                                   const struct ulmm_service_tables *tables)
{
    if (ulmm_slot_allocator_init(&service->slots, node, radix, first, tables->links) !=
        ULMM_ERROR_NONE)
        return ULMM_STATUS_INVALID_ARGUMENT;
    ulmm_buddy_init(&service->buddy, &service->slots, tables->blocks);
    if (ulmm_slab_init(&service->slab, &service->buddy, tables->entries, ULMM_SLAB_BITS,
                       limits->paging_levels) != ULMM_ERROR_NONE)
        return ULMM_STATUS_INVALID_ARGUMENT;
    ulmm_records_init(&service->records, tables->records, ulmm_slot_count(radix));
    service->limits = *limits;
    return ULMM_STATUS_OK;
}

/* ---- objects --------------------------------------------------------------------- */

/*
 * One object from the slab into a slot of ULMM's node, recorded for
 * `owner` and charged to its quota (checked first: a client at its quota
 * costs ULMM no kernel call).
 */
static enum ulmm_status object_allocate(struct ulmm_service *service, a9n_word_t owner,
                                        enum a9n_capability_type type, a9n_word_t parameter,
                                        unsigned flags, uint32_t *handle)
{
    unsigned size_bits = a9n_object_size_bits(type, parameter);
    enum ulmm_error error =
        ulmm_client_check_quota(&service->records, owner, (a9n_word_t)1 << size_bits);
    if (error != ULMM_ERROR_NONE)
        return status_of(error);
    uint32_t object;
    error = ulmm_slot_allocate(&service->slots, &object);
    if (error != ULMM_ERROR_NONE)
        return status_of(error);
    error = ulmm_slab_allocate(&service->slab, type, parameter, service->slots.node, object,
                               handle);
    if (error != ULMM_ERROR_NONE) {
        ulmm_slot_free(&service->slots, object);
        return status_of(error);
    }
    ulmm_record_add(&service->records, *handle, owner, ULMM_RECORD_OBJECT, object, flags,
                    size_bits);
    return ULMM_STATUS_OK;
}

/* ---- runs of frames ----------------------------------------------------------------- */

/*
 * A run is a buddy block of 2^order pages (the handle) whose first
 * `count` pages are frames in slots 0 .. count - 1 of a Node from the slab
 * (one convert makes them all, in address order: the block is childless,
 * so the watermark walks it from its base). The Node is what a client is
 * given, so any number of frames travels in one capability.
 */
struct run {
    uint32_t block, node, node_slot; /* handles of the block and the node; the node's slot */
    unsigned radix;
};

static struct run run_of(const struct ulmm_service *service, uint32_t block)
{
    uint32_t node = service->records.records[block].object;
    uint32_t node_slot = service->records.records[node].object;
    return (struct run){ block, node, node_slot,
                         service->records.records[node].size_bits - A9N_SLOT_BITS };
}

/* Destroy a run: the block's revoke destroys its frames (every copy) and unmaps them. */
static enum ulmm_status run_release(struct ulmm_service *service, uint32_t block)
{
    struct run run = run_of(service, block);
    enum ulmm_error error = ulmm_buddy_free(&service->buddy, block);
    if (error != ULMM_ERROR_NONE)
        return status_of(error);
    ulmm_record_remove(&service->records, block);
    /*
     * The Node's cell never left ULMM's node, so this revoke cannot be
     * refused unless ULMM's own capabilities were changed behind its back.
     */
    error = ulmm_slab_free(&service->slab, run.node);
    if (error != ULMM_ERROR_NONE)
        return status_of(error);
    ulmm_record_remove_run_node(&service->records, run.node);
    ulmm_slot_free(&service->slots, run.node_slot);
    return ULMM_STATUS_OK;
}

static enum ulmm_status run_allocate(struct ulmm_service *service, a9n_word_t owner,
                                     unsigned order, a9n_word_t count, unsigned flags,
                                     uint32_t *block)
{
    unsigned block_bits = order + service->limits.page_bits;
    unsigned radix = ulmm_run_radix(count);
    unsigned node_bits = a9n_object_size_bits(A9N_CAPABILITY_NODE, radix);
    enum ulmm_error error = ulmm_client_check_quota(
        &service->records, owner, ((a9n_word_t)1 << block_bits) + ((a9n_word_t)1 << node_bits));
    if (error != ULMM_ERROR_NONE)
        return status_of(error);

    uint32_t node_slot, node;
    error = ulmm_slot_allocate(&service->slots, &node_slot);
    if (error != ULMM_ERROR_NONE)
        return status_of(error);
    error = ulmm_slab_allocate(&service->slab, A9N_CAPABILITY_NODE, radix, service->slots.node,
                               node_slot, &node);
    if (error != ULMM_ERROR_NONE) {
        ulmm_slot_free(&service->slots, node_slot);
        return status_of(error);
    }
    error = ulmm_buddy_allocate(&service->buddy, block_bits, block);
    if (error == ULMM_ERROR_NONE &&
        a9n_generic_convert(ulmm_slot_descriptor(&service->slots, *block), A9N_CAPABILITY_FRAME,
                            0, count, ulmm_slot_descriptor(&service->slots, node_slot),
                            0) != A9N_ERROR_NONE) {
        ulmm_buddy_free(&service->buddy, *block);
        error = ULMM_ERROR_KERNEL_REFUSED;
    }
    if (error != ULMM_ERROR_NONE) {
        ulmm_slab_free(&service->slab, node);
        ulmm_slot_free(&service->slots, node_slot);
        return status_of(error);
    }
    ulmm_record_add_run_node(&service->records, node, owner, node_slot, node_bits);
    ulmm_record_add(&service->records, *block, owner, ULMM_RECORD_RUN, node, flags, block_bits);
    return ULMM_STATUS_OK;
}

/*
 * Map `frame` at `address` in the owner's address space, first making and
 * mapping every missing page table (the kernel names the depth; the shape
 * of the tree is never ULMM's business). The tables are the owner's, not
 * freeable by it, charged to its quota, reclaimed when it exits.
 */
static enum ulmm_status map_frame(struct ulmm_service *service, a9n_word_t owner,
                                  a9n_word_t frame, a9n_word_t address, unsigned attributes)
{
    const struct ulmm_client_entry *client = &service->records.clients[owner];
    a9n_word_t address_space =
        slot_descriptor(service, service->records.records[client->address_space].object);

    for (;;) {
        struct a9n_word_result missing = a9n_address_space_missing_depth(address_space, address);
        if (missing.error != A9N_ERROR_NONE)
            return status_of_kernel(missing.error);
        if (missing.value == 0)
            break;
        uint32_t table;
        enum ulmm_status status = object_allocate(service, owner, A9N_CAPABILITY_PAGE_TABLE,
                                                  missing.value, 0, &table);
        if (status != ULMM_STATUS_OK)
            return status;
        uint32_t table_slot = service->records.records[table].object;
        enum a9n_error error =
            a9n_page_table_map(slot_descriptor(service, table_slot), address_space, address);
        if (error != A9N_ERROR_NONE) {
            ulmm_record_remove(&service->records, table);
            ulmm_slab_free(&service->slab, table);
            ulmm_slot_free(&service->slots, table_slot);
            return status_of_kernel(error);
        }
    }
    return status_of_kernel(a9n_frame_map(frame, address_space, address, attributes));
}

/* ---- requests ------------------------------------------------------------------------ */

/*
 * What init allocates for a client is the program's layout (its image,
 * stack, PCB, root node): the program cannot free it, only exit.
 */
static unsigned client_flags(const struct ulmm_request *request)
{
    return request->by_init ? 0 : ULMM_RECORD_CLIENT_FREEABLE;
}

static void reply_capability(const struct ulmm_service *service, struct ulmm_reply *reply,
                             uint32_t slot)
{
    reply->capabilities[reply->capability_count++] = slot_descriptor(service, slot);
}

/* Free a recorded allocation of any kind (ownership already checked). */
static enum ulmm_status release(struct ulmm_service *service, uint32_t handle)
{
    struct ulmm_record record = service->records.records[handle];
    if (record.kind == ULMM_RECORD_RUN)
        return run_release(service, handle);
    enum ulmm_error error = ulmm_slab_free(&service->slab, handle);
    if (error != ULMM_ERROR_NONE)
        return status_of(error);
    ulmm_record_remove(&service->records, handle);
    ulmm_slot_free(&service->slots, record.object);
    return ULMM_STATUS_OK;
}

/*
 * One mapped frame is a slab object (its cell is the handle; the
 * page-size slab is nearly always in use, holding page tables), the
 * cheapest allocation ULMM makes; everything else is a run.
 */
static void handle_frames(struct ulmm_service *service, const struct ulmm_request *request,
                          bool map, struct ulmm_reply *reply)
{
    uint32_t handle;
    bool single = map && request->order == 0;
    if (single)
        reply->status = object_allocate(service, request->owner, A9N_CAPABILITY_FRAME, 0,
                                        client_flags(request), &handle);
    else
        reply->status = run_allocate(service, request->owner, request->order, request->count,
                                     client_flags(request), &handle);
    if (reply->status != ULMM_STATUS_OK)
        return;

    /* The slot handed out: the frame itself, or the run's Node. */
    struct run run = single ? (struct run){ 0 } : run_of(service, handle);
    uint32_t slot = single ? service->records.records[handle].object : run.node_slot;
    a9n_word_t page = (a9n_word_t)1 << service->limits.page_bits;
    for (a9n_word_t i = 0; map && i < request->count; i++) {
        a9n_word_t frame = single ? slot_descriptor(service, slot)
                                  : a9n_descriptor_child(slot_descriptor(service, slot),
                                                         run.radix, i);
        reply->status = map_frame(service, request->owner, frame, request->address + i * page,
                                  request->attributes);
        if (reply->status != ULMM_STATUS_OK) {
            /* Destroying the frames unmaps those mapped so far. */
            release(service, handle);
            return;
        }
    }
    if (request->transfer)
        reply_capability(service, reply, slot);
    reply->results[0] = handle;
    reply->result_count = 1;
}

static void handle_object(struct ulmm_service *service, const struct ulmm_request *request,
                          struct ulmm_reply *reply)
{
    uint32_t handle;
    reply->status = object_allocate(service, request->owner, request->type, request->parameter,
                                    client_flags(request), &handle);
    if (reply->status != ULMM_STATUS_OK)
        return;
    reply_capability(service, reply, service->records.records[handle].object);
    reply->results[0] = handle;
    reply->result_count = 1;
}

static void handle_free(struct ulmm_service *service, const struct ulmm_request *request,
                        struct ulmm_reply *reply)
{
    enum ulmm_error error = ulmm_record_check_free(&service->records, request->handle,
                                                   request->owner, request->by_init);
    /* Not even init frees an address space ULMM still maps into: only the exit does. */
    if (request->handle == service->records.clients[request->owner].address_space)
        error = ULMM_ERROR_NOT_ALLOCATED;
    reply->status = error == ULMM_ERROR_NONE ? release(service, (uint32_t)request->handle)
                                             : ULMM_STATUS_NOT_OWNED;
}

static void handle_register(struct ulmm_service *service, const struct ulmm_request *request,
                            struct ulmm_reply *reply)
{
    if (ulmm_client_register(&service->records, request->pid, request->quota) !=
        ULMM_ERROR_NONE) {
        reply->status = ULMM_STATUS_NO_CLIENT;
        return;
    }
    uint32_t handle;
    reply->status = object_allocate(service, request->pid, A9N_CAPABILITY_ADDRESS_SPACE, 0, 0,
                                    &handle);
    if (reply->status != ULMM_STATUS_OK) {
        ulmm_client_unregister(&service->records, request->pid);
        return;
    }
    service->records.clients[request->pid].address_space = handle;
    reply_capability(service, reply, service->records.records[handle].object);
    reply->results[0] = handle;
    reply->result_count = 1;
}

/* Everything the client held, newest first, then the client itself. */
static void handle_exited(struct ulmm_service *service, const struct ulmm_request *request,
                          struct ulmm_reply *reply)
{
    if (!ulmm_client_is_registered(&service->records, request->pid)) {
        reply->status = ULMM_STATUS_NO_CLIENT;
        return;
    }
    uint32_t handle;
    while ((handle = ulmm_client_newest(&service->records, request->pid)) != ULMM_NO_SLOT) {
        reply->status = release(service, handle);
        if (reply->status != ULMM_STATUS_OK)
            return;
    }
    ulmm_client_unregister(&service->records, request->pid);
    reply->status = ULMM_STATUS_OK;
}

void ulmm_service_handle(struct ulmm_service *service, const struct ulmm_request *request,
                         struct ulmm_reply *reply)
{
    /*
     * Only what every reply reads: zeroing the whole reply was a byte loop
     * (it starts 4 bytes into the structure) of ~90 bytes on every request.
     */
    reply->status = ULMM_STATUS_OK;
    reply->result_count = 0;
    reply->capability_count = 0;

    bool needs_client = request->label == ULMM_REQUEST_ALLOC_FRAMES ||
                        request->label == ULMM_REQUEST_MAP_FRAMES ||
                        request->label == ULMM_REQUEST_ALLOC_OBJECT ||
                        request->label == ULMM_REQUEST_FREE;
    if (needs_client && !ulmm_client_is_registered(&service->records, request->owner)) {
        reply->status = ULMM_STATUS_NO_CLIENT;
        return;
    }

    switch (request->label) {
    case ULMM_REQUEST_ALLOC_FRAMES:
        handle_frames(service, request, false, reply);
        break;
    case ULMM_REQUEST_MAP_FRAMES:
        handle_frames(service, request, true, reply);
        break;
    case ULMM_REQUEST_ALLOC_OBJECT:
        handle_object(service, request, reply);
        break;
    case ULMM_REQUEST_FREE:
        handle_free(service, request, reply);
        break;
    case ULMM_REQUEST_STATISTICS:
        reply->results[0] = service->buddy.free_bytes;
        reply->results[1] = service->buddy.total_bytes;
        reply->results[2] = ulmm_client_count(&service->records);
        reply->results[3] = 0;
        reply->results[4] = 0;
        if (ulmm_client_is_registered(&service->records, request->owner)) {
            reply->results[3] = service->records.clients[request->owner].charged;
            reply->results[4] = service->records.clients[request->owner].quota;
        }
        reply->result_count = 5;
        break;
    case ULMM_REQUEST_REGISTER_CLIENT:
        handle_register(service, request, reply);
        break;
    case ULMM_REQUEST_CLIENT_EXITED:
        handle_exited(service, request, reply);
        break;
    case ULMM_REQUEST_ADD_MEMORY:
        reply->status = status_of(
            ulmm_buddy_add_generic(&service->buddy,
                                   ulmm_slot_descriptor(&service->slots, request->slot),
                                   request->base, request->size_bits));
        break;
    }
}
