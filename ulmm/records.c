/* ULMM's per-client records (see records.h): doubly linked lists per owner. */
#include "records.h"

#include "slot_allocator.h"

void ulmm_records_init(struct ulmm_records *records, struct ulmm_record *array, uint32_t count)
{
    records->records = array;
    records->count = count;
    for (uint32_t i = 0; i < count; i++)
        array[i] = (struct ulmm_record){ .next = ULMM_NO_SLOT, .prev = ULMM_NO_SLOT };
    for (unsigned i = 0; i < ULMM_MAX_CLIENTS; i++)
        records->clients[i] = (struct ulmm_client_entry){ false, ULMM_NO_SLOT, ULMM_NO_SLOT, 0, 0 };
    records->registered = 0;
}

enum ulmm_error ulmm_client_register(struct ulmm_records *records, a9n_word_t pid,
                                     a9n_word_t quota)
{
    if (pid == 0 || pid >= ULMM_MAX_CLIENTS || records->clients[pid].registered)
        return ULMM_ERROR_INVALID_ARGUMENT;
    records->clients[pid] =
        (struct ulmm_client_entry){ true, ULMM_NO_SLOT, ULMM_NO_SLOT, quota, 0 };
    records->registered++;
    return ULMM_ERROR_NONE;
}

bool ulmm_client_is_registered(const struct ulmm_records *records, a9n_word_t pid)
{
    return pid != 0 && pid < ULMM_MAX_CLIENTS && records->clients[pid].registered;
}

void ulmm_client_unregister(struct ulmm_records *records, a9n_word_t pid)
{
    if (records->clients[pid].registered)
        records->registered--;
    records->clients[pid] = (struct ulmm_client_entry){ false, ULMM_NO_SLOT, ULMM_NO_SLOT, 0, 0 };
}

unsigned ulmm_client_count(const struct ulmm_records *records)
{
    return records->registered;
}

enum ulmm_error ulmm_client_check_quota(const struct ulmm_records *records, a9n_word_t owner,
                                        a9n_word_t bytes)
{
    const struct ulmm_client_entry *client = &records->clients[owner];
    /* charged never passes quota, so the difference cannot wrap. */
    return bytes > client->quota - client->charged ? ULMM_ERROR_QUOTA_EXCEEDED : ULMM_ERROR_NONE;
}

void ulmm_record_add(struct ulmm_records *records, uint32_t handle, a9n_word_t owner,
                     enum ulmm_record_kind kind, uint32_t object, unsigned flags,
                     unsigned size_bits)
{
    struct ulmm_client_entry *client = &records->clients[owner];
    struct ulmm_record *record = &records->records[handle];

    *record = (struct ulmm_record){
        .next = client->first,
        .prev = ULMM_NO_SLOT,
        .object = object,
        .owner = (uint8_t)owner,
        .kind = (uint8_t)kind,
        .flags = (uint8_t)flags,
        .size_bits = (uint8_t)size_bits,
    };
    client->charged += (a9n_word_t)1 << size_bits;
    if (client->first != ULMM_NO_SLOT)
        records->records[client->first].prev = handle;
    client->first = handle;
}

void ulmm_record_add_run_node(struct ulmm_records *records, uint32_t node, a9n_word_t owner,
                              uint32_t object, unsigned size_bits)
{
    records->records[node] = (struct ulmm_record){
        .next = ULMM_NO_SLOT,
        .prev = ULMM_NO_SLOT,
        .object = object,
        .owner = (uint8_t)owner,
        .kind = ULMM_RECORD_RUN_NODE,
        .size_bits = (uint8_t)size_bits,
    };
    records->clients[owner].charged += (a9n_word_t)1 << size_bits;
}

enum ulmm_error ulmm_record_check_free(const struct ulmm_records *records, a9n_word_t handle,
                                       a9n_word_t owner, bool by_init)
{
    if (handle >= records->count)
        return ULMM_ERROR_NOT_ALLOCATED;
    const struct ulmm_record *record = &records->records[handle];
    if (record->kind != ULMM_RECORD_OBJECT && record->kind != ULMM_RECORD_RUN)
        return ULMM_ERROR_NOT_ALLOCATED;
    if (record->owner != owner)
        return ULMM_ERROR_NOT_ALLOCATED;
    if (!by_init && !(record->flags & ULMM_RECORD_CLIENT_FREEABLE))
        return ULMM_ERROR_NOT_ALLOCATED;
    return ULMM_ERROR_NONE;
}

void ulmm_record_remove(struct ulmm_records *records, uint32_t handle)
{
    struct ulmm_record *record = &records->records[handle];
    struct ulmm_client_entry *client = &records->clients[record->owner];

    if (record->prev != ULMM_NO_SLOT)
        records->records[record->prev].next = record->next;
    else
        client->first = record->next;
    if (record->next != ULMM_NO_SLOT)
        records->records[record->next].prev = record->prev;
    client->charged -= (a9n_word_t)1 << record->size_bits;
    *record = (struct ulmm_record){ .next = ULMM_NO_SLOT, .prev = ULMM_NO_SLOT };
}

void ulmm_record_remove_run_node(struct ulmm_records *records, uint32_t node)
{
    struct ulmm_record *record = &records->records[node];
    records->clients[record->owner].charged -= (a9n_word_t)1 << record->size_bits;
    *record = (struct ulmm_record){ .next = ULMM_NO_SLOT, .prev = ULMM_NO_SLOT };
}

uint32_t ulmm_client_newest(const struct ulmm_records *records, a9n_word_t pid)
{
    if (pid >= ULMM_MAX_CLIENTS)
        return ULMM_NO_SLOT;
    return records->clients[pid].first;
}
