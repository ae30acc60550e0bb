/*
 * The ULMM client library: one IPC call per request, arguments and results
 * in the registers docs/ulmm.md ("Protocol") names. Capabilities ULMM
 * transfers land in the caller's root node at the slot it asks for.
 */
#include <a9n/app_info.h>
#include <a9n/ipc.h>
#include <liba9n/init.h>
#include <liba9n/ipc.h>
#include <liba9n/ulmm.h>

const struct ulmm_client *ulmm_self(void)
{
    static struct ulmm_client self;
    const struct a9n_app_info *info = (const struct a9n_app_info *)a9n_start_argument();

    if (info == NULL || info->magic != A9N_APP_INFO_MAGIC)
        return NULL;
    if (self.port == 0)
        self = (struct ulmm_client){
            .port = a9n_app_slot(info, A9N_APP_SLOT_ULMM_PORT),
            .ipc_buffer = (struct a9n_ipc_buffer *)info->ipc_buffer,
            .owner = 0,
        };
    return &self;
}

/*
 * Send request `label` with `length` payload words from mr[ULMM_MR_ARG0];
 * capabilities, if any, land from root slot `slot` on. On return mr[]
 * holds the reply and *received how many capabilities arrived.
 */
static enum ulmm_status call(const struct ulmm_client *client, enum ulmm_request_label label,
                             unsigned length, a9n_word_t slot,
                             a9n_word_t mr[A9N_ARCH_REGISTER_MRS], unsigned *received)
{
    if (client == NULL)
        return ULMM_STATUS_IPC_FAILED;
    mr[A9N_MR_INFO] = a9n_message_info(label, length, 0);
    mr[ULMM_MR_OWNER] = client->owner;
    client->ipc_buffer->receive_node = a9n_descriptor(0, 0);
    client->ipc_buffer->receive_index = slot;
    if (a9n_ipc_call(client->port, mr) != A9N_ERROR_NONE)
        return ULMM_STATUS_IPC_FAILED;
    *received = a9n_message_info_capabilities(mr[A9N_MR_INFO]);
    return (enum ulmm_status)mr[ULMM_MR_STATUS];
}

/*
 * A reply that should have carried `expected` capabilities but carried
 * fewer means the caller's slots were taken: give the allocation back
 * rather than leave the caller holding half of it.
 */
static struct ulmm_result allocation_result(const struct ulmm_client *client,
                                            enum ulmm_status status, a9n_word_t handle,
                                            unsigned received, unsigned expected)
{
    if (status != ULMM_STATUS_OK)
        return (struct ulmm_result){ status, 0 };
    if (received < expected) {
        ulmm_free(client, handle);
        return (struct ulmm_result){ ULMM_STATUS_NO_ROOM, 0 };
    }
    return (struct ulmm_result){ ULMM_STATUS_OK, handle };
}

struct ulmm_result ulmm_alloc_frames(const struct ulmm_client *client, a9n_word_t count,
                                     a9n_word_t slot)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    unsigned received = 0;
    mr[ULMM_MR_ARG0] = count;
    enum ulmm_status status = call(client, ULMM_REQUEST_ALLOC_FRAMES, 2, slot, mr, &received);
    return allocation_result(client, status, mr[ULMM_MR_RESULT], received, 1);
}

struct ulmm_result ulmm_map(const struct ulmm_client *client, unsigned order, a9n_word_t address,
                            unsigned attributes, a9n_word_t transfer_slot)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    unsigned received = 0;
    mr[ULMM_MR_ARG0] = order;
    mr[ULMM_MR_ARG2] = address;
    mr[ULMM_MR_ARG3] = attributes;
    mr[ULMM_MR_ARG4] = transfer_slot != 0 ? ULMM_MAP_TRANSFER : 0;
    enum ulmm_status status =
        call(client, ULMM_REQUEST_MAP_FRAMES, 5, transfer_slot, mr, &received);
    return allocation_result(client, status, mr[ULMM_MR_RESULT], received,
                             transfer_slot != 0 ? 1 : 0);
}

struct ulmm_result ulmm_alloc_object(const struct ulmm_client *client,
                                     enum a9n_capability_type type, a9n_word_t parameter,
                                     a9n_word_t slot)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    unsigned received = 0;
    mr[ULMM_MR_ARG0] = (a9n_word_t)type;
    mr[ULMM_MR_ARG2] = parameter;
    enum ulmm_status status = call(client, ULMM_REQUEST_ALLOC_OBJECT, 3, slot, mr, &received);
    return allocation_result(client, status, mr[ULMM_MR_RESULT], received, 1);
}

enum ulmm_status ulmm_free(const struct ulmm_client *client, a9n_word_t handle)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    unsigned received = 0;
    mr[ULMM_MR_ARG0] = handle;
    return call(client, ULMM_REQUEST_FREE, 2, 0, mr, &received);
}

struct ulmm_statistics ulmm_statistics(const struct ulmm_client *client)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    unsigned received = 0;
    enum ulmm_status status = call(client, ULMM_REQUEST_STATISTICS, 2, 0, mr, &received);
    if (status != ULMM_STATUS_OK)
        return (struct ulmm_statistics){ .status = status };
    return (struct ulmm_statistics){ status,
                                     mr[ULMM_MR_RESULT],
                                     mr[ULMM_MR_RESULT2],
                                     mr[ULMM_MR_RESULT3],
                                     mr[ULMM_MR_RESULT4],
                                     mr[ULMM_MR_RESULT5] };
}

struct ulmm_result ulmm_register_client(const struct ulmm_client *client, a9n_word_t pid,
                                        a9n_word_t quota, a9n_word_t address_space_slot)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    unsigned received = 0;
    mr[ULMM_MR_ARG0] = pid;
    mr[ULMM_MR_ARG2] = quota;
    enum ulmm_status status =
        call(client, ULMM_REQUEST_REGISTER_CLIENT, 3, address_space_slot, mr, &received);
    if (status == ULMM_STATUS_OK && received < 1) {
        ulmm_client_exited(client, pid);
        status = ULMM_STATUS_NO_ROOM;
    }
    return (struct ulmm_result){ status, status == ULMM_STATUS_OK ? mr[ULMM_MR_RESULT] : 0 };
}

enum ulmm_status ulmm_client_exited(const struct ulmm_client *client, a9n_word_t pid)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    unsigned received = 0;
    mr[ULMM_MR_ARG0] = pid;
    return call(client, ULMM_REQUEST_CLIENT_EXITED, 2, 0, mr, &received);
}

enum ulmm_status ulmm_add_memory(const struct ulmm_client *client, a9n_word_t slot,
                                 a9n_paddr_t base, unsigned size_bits)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    unsigned received = 0;
    mr[ULMM_MR_ARG0] = slot;
    mr[ULMM_MR_ARG2] = (a9n_word_t)base;
    mr[ULMM_MR_ARG3] = size_bits;
    return call(client, ULMM_REQUEST_ADD_MEMORY, 4, 0, mr, &received);
}

const char *ulmm_status_name(enum ulmm_status status)
{
    static const char *const names[] = {
        [ULMM_STATUS_OK] = "ok",
        [ULMM_STATUS_UNKNOWN_REQUEST] = "unknown request",
        [ULMM_STATUS_INVALID_ARGUMENT] = "invalid argument",
        [ULMM_STATUS_TOO_LARGE] = "too large",
        [ULMM_STATUS_INVALID_ADDRESS] = "invalid address",
        [ULMM_STATUS_ALREADY_MAPPED] = "already mapped",
        [ULMM_STATUS_NOT_OWNED] = "not owned",
        [ULMM_STATUS_NOT_PERMITTED] = "not permitted",
        [ULMM_STATUS_NO_CLIENT] = "no such client",
        [ULMM_STATUS_OUT_OF_MEMORY] = "out of memory",
        [ULMM_STATUS_KERNEL_REFUSED] = "kernel refused",
        [ULMM_STATUS_QUOTA_EXCEEDED] = "quota exceeded",
        [ULMM_STATUS_NO_ROOM] = "no room for capabilities",
        [ULMM_STATUS_IPC_FAILED] = "IPC failed",
    };
    if ((unsigned)status < sizeof(names) / sizeof(names[0]) && names[status] != NULL)
        return names[status];
    return "unknown status";
}
