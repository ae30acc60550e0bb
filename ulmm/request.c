/*
 * Request decoding (see request.h). Order of checks: the label, the
 * message length, who may ask, then the arguments; the first failing
 * check is the reply.
 */
#include "request.h"

#include <a9n/ipc.h>
#include <a9n/object.h>
#include <a9n/paging.h>

#define MAP_ATTRIBUTES_ALL (A9N_MAP_READ | A9N_MAP_WRITE | A9N_MAP_EXECUTE)

/* Who the request is for: a client asks for itself; init names the client. */
static enum ulmm_status decode_owner(const a9n_word_t *mr, a9n_word_t badge,
                                     struct ulmm_request *request)
{
    request->by_init = badge == 0;
    if (badge != 0) {
        /* A client naming an owner would be acting for someone else. */
        if (mr[ULMM_MR_OWNER] != 0)
            return ULMM_STATUS_NOT_PERMITTED;
        request->owner = badge;
    } else {
        request->owner = mr[ULMM_MR_OWNER];
    }
    return ULMM_STATUS_OK;
}

/* The run [address, address + 2^order pages) is page aligned and below user_top. */
static bool run_fits(a9n_word_t address, unsigned order, const struct ulmm_limits *limits)
{
    a9n_word_t page_mask = ((a9n_word_t)1 << limits->page_bits) - 1;
    a9n_word_t size = (a9n_word_t)1 << (order + limits->page_bits);
    return (address & page_mask) == 0 && address < limits->user_top &&
           size <= limits->user_top - address;
}

/* ALLOC_FRAMES: a count of frames, any from 1 to a run of the largest order. */
static enum ulmm_status decode_alloc_frames(const a9n_word_t *mr, struct ulmm_request *request)
{
    a9n_word_t count = mr[ULMM_MR_ARG0];
    if (count == 0)
        return ULMM_STATUS_INVALID_ARGUMENT;
    if (count > ULMM_MAX_RUN_FRAMES)
        return ULMM_STATUS_TOO_LARGE;
    request->count = count;
    request->order = ulmm_run_order(count);
    request->transfer = true;
    return ULMM_STATUS_OK;
}

static enum ulmm_status decode_map_frames(const a9n_word_t *mr, const struct ulmm_limits *limits,
                                          struct ulmm_request *request)
{
    if (mr[ULMM_MR_ARG0] > ULMM_MAX_FRAME_ORDER)
        return ULMM_STATUS_TOO_LARGE;
    request->order = (unsigned)mr[ULMM_MR_ARG0];
    request->count = (a9n_word_t)1 << request->order;
    request->transfer = (mr[ULMM_MR_ARG4] & ULMM_MAP_TRANSFER) != 0;

    if (mr[ULMM_MR_ARG4] & ~(a9n_word_t)ULMM_MAP_TRANSFER)
        return ULMM_STATUS_INVALID_ARGUMENT;
    /* The kernel refuses these too, but only after page tables were built. */
    a9n_word_t attributes = mr[ULMM_MR_ARG3];
    if ((attributes & ~(a9n_word_t)MAP_ATTRIBUTES_ALL) || !(attributes & A9N_MAP_READ) ||
        ((attributes & A9N_MAP_WRITE) && (attributes & A9N_MAP_EXECUTE)))
        return ULMM_STATUS_INVALID_ARGUMENT;
    request->attributes = (unsigned)attributes;
    request->address = mr[ULMM_MR_ARG2];
    if (!run_fits(request->address, request->order, limits))
        return ULMM_STATUS_INVALID_ADDRESS;
    return ULMM_STATUS_OK;
}

static enum ulmm_status decode_object(const a9n_word_t *mr, struct ulmm_request *request)
{
    a9n_word_t type = mr[ULMM_MR_ARG0];
    a9n_word_t parameter = mr[ULMM_MR_ARG2];
    /*
     * Generics cannot be copied, so they cannot be transferred; Page
     * Tables cannot be copied either (ULMM maps them for its clients).
     */
    if (type >= A9N_CAPABILITY_TYPE_COUNT || type == A9N_CAPABILITY_GENERIC ||
        type == A9N_CAPABILITY_PAGE_TABLE || a9n_object_size_bits((unsigned)type, parameter) == 0)
        return ULMM_STATUS_INVALID_ARGUMENT;
    request->type = (enum a9n_capability_type)type;
    request->parameter = parameter;
    return ULMM_STATUS_OK;
}

/*
 * Payload words each request reads (MR4 on). A shorter message would have
 * ULMM act on whatever its registers held before: refused instead. Longer
 * ones are fine (the extra words are never read).
 */
static unsigned request_length(a9n_word_t label)
{
    switch (label) {
    case ULMM_REQUEST_MAP_FRAMES:
        return 5;
    case ULMM_REQUEST_ALLOC_OBJECT:
    case ULMM_REQUEST_REGISTER_CLIENT:
        return 3;
    case ULMM_REQUEST_ADD_MEMORY:
        return 4;
    default:
        return 2;
    }
}

enum ulmm_status ulmm_request_decode(const a9n_word_t *mr, a9n_word_t info, a9n_word_t badge,
                                     const struct ulmm_limits *limits,
                                     struct ulmm_request *request)
{
    *request = (struct ulmm_request){ .label = (enum ulmm_request_label)0 };
    a9n_word_t label = a9n_message_info_label(info);
    enum ulmm_status status;

    switch (label) {
    case ULMM_REQUEST_ALLOC_FRAMES:
    case ULMM_REQUEST_MAP_FRAMES:
    case ULMM_REQUEST_ALLOC_OBJECT:
    case ULMM_REQUEST_FREE:
    case ULMM_REQUEST_STATISTICS:
        status = decode_owner(mr, badge, request);
        break;
    case ULMM_REQUEST_REGISTER_CLIENT:
    case ULMM_REQUEST_CLIENT_EXITED:
    case ULMM_REQUEST_ADD_MEMORY:
        status = badge == 0 ? ULMM_STATUS_OK : ULMM_STATUS_NOT_PERMITTED;
        request->by_init = true;
        break;
    default:
        return ULMM_STATUS_UNKNOWN_REQUEST;
    }
    if (a9n_message_info_length(info) < request_length(label))
        return ULMM_STATUS_INVALID_ARGUMENT;
    if (status != ULMM_STATUS_OK)
        return status;
    request->label = (enum ulmm_request_label)label;

    switch (request->label) {
    case ULMM_REQUEST_ALLOC_FRAMES:
        return decode_alloc_frames(mr, request);
    case ULMM_REQUEST_MAP_FRAMES:
        return decode_map_frames(mr, limits, request);
    case ULMM_REQUEST_ALLOC_OBJECT:
        return decode_object(mr, request);
    case ULMM_REQUEST_FREE:
        request->handle = mr[ULMM_MR_ARG0];
        return ULMM_STATUS_OK;
    case ULMM_REQUEST_REGISTER_CLIENT:
        request->pid = mr[ULMM_MR_ARG0];
        request->quota = mr[ULMM_MR_ARG2];
        return ULMM_STATUS_OK;
    case ULMM_REQUEST_CLIENT_EXITED:
        request->pid = mr[ULMM_MR_ARG0];
        return ULMM_STATUS_OK;
    case ULMM_REQUEST_ADD_MEMORY:
        if (mr[ULMM_MR_ARG3] < A9N_GENERIC_MIN_BITS || mr[ULMM_MR_ARG3] > A9N_GENERIC_MAX_BITS)
            return ULMM_STATUS_INVALID_ARGUMENT;
        request->slot = mr[ULMM_MR_ARG0];
        request->base = mr[ULMM_MR_ARG2];
        request->size_bits = (unsigned)mr[ULMM_MR_ARG3];
        return ULMM_STATUS_OK;
    case ULMM_REQUEST_STATISTICS:
        return ULMM_STATUS_OK;
    }
    return ULMM_STATUS_OK;
}
