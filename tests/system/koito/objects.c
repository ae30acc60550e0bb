/*
 * KOITO test program: every kernel object type ULMM hands out, each used
 * once through its own operations, then freed (which destroys the
 * program's copy); the types ULMM must refuse.
 */
#include <a9n/interrupt.h>
#include <a9n/paging.h>
#include <liba9n/interrupt.h>
#include <liba9n/ipc.h>
#include <liba9n/memory.h>
#include <liba9n/node.h>
#include <liba9n/notification.h>
#include <liba9n/process.h>

#include "koito_test.h"

static const struct a9n_app_info *app;
static const struct ulmm_client *ulmm;

static a9n_word_t slot(unsigned i)
{
    return app->first_free_slot + i;
}

static a9n_word_t descriptor(unsigned i)
{
    return a9n_app_slot(app, slot(i));
}

/* Allocate into slot(0), run `use` on it, free; the slot must be empty again. */
#define WITH_OBJECT(type, parameter, ...)                                             \
    do {                                                                              \
        struct ulmm_result object_ = ulmm_alloc_object(ulmm, type, parameter, slot(0)); \
        CHECK_EQUAL(object_.status, ULMM_STATUS_OK);                                   \
        __VA_ARGS__;                                                                       \
        CHECK_EQUAL(ulmm_free(ulmm, object_.handle), ULMM_STATUS_OK);                   \
        CHECK_EQUAL(a9n_node_copy(a9n_descriptor(0, 0), slot(1), descriptor(0)),       \
                    A9N_ERROR_EMPTY_SLOT);                                            \
    } while (0)

static void node(void)
{
    /* A node of radix 4: copy the program's own IPC port capability into it and back out. */
    WITH_OBJECT(A9N_CAPABILITY_NODE, 4, {
        a9n_word_t child = a9n_descriptor_child(descriptor(0), 4, 3);
        CHECK_EQUAL(a9n_node_copy(descriptor(0), 3, a9n_app_slot(app, A9N_APP_SLOT_OS_PORT)),
                    A9N_ERROR_NONE);
        CHECK_EQUAL(a9n_node_move(a9n_descriptor(0, 0), slot(2), child), A9N_ERROR_NONE);
        CHECK_EQUAL(a9n_node_remove(a9n_descriptor(0, 0), slot(2)), A9N_ERROR_NONE);
    });
}

static void ipc_port(void)
{
    WITH_OBJECT(A9N_CAPABILITY_IPC_PORT, 0, {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
        mr[A9N_MR_INFO] = a9n_message_info(1, 0, 0);
        CHECK_EQUAL(a9n_ipc_receive_non_blocking(descriptor(0), mr), A9N_ERROR_WOULD_BLOCK);
    });
}

static void notification_port(void)
{
    WITH_OBJECT(A9N_CAPABILITY_NOTIFICATION_PORT, 0, {
        CHECK_EQUAL(a9n_node_mint(a9n_descriptor(0, 0), slot(1), descriptor(0), A9N_RIGHTS_ALL,
                                  0x5),
                    A9N_ERROR_NONE);
        CHECK_EQUAL(a9n_notification_notify(a9n_app_slot(app, slot(1))), A9N_ERROR_NONE);
        struct a9n_word_result word = a9n_notification_poll(descriptor(0));
        CHECK_EQUAL(word.error, A9N_ERROR_NONE);
        CHECK_EQUAL(word.value, 0x5);
        /* The minted copy is derived from ULMM's object: freeing removes it too. */
    });
    CHECK_EQUAL(a9n_notification_notify(a9n_app_slot(app, slot(1))), A9N_ERROR_EMPTY_SLOT);
}

static void address_space(void)
{
    WITH_OBJECT(A9N_CAPABILITY_ADDRESS_SPACE, 0, {
        struct a9n_word_result depth =
            a9n_address_space_missing_depth(descriptor(0), app->free_base);
        CHECK_EQUAL(depth.error, A9N_ERROR_NONE);
        CHECK_EQUAL(depth.value, app->paging_levels - 1);
    });
}

static void frame(void)
{
    /* Map it next to a page ULMM mapped, where the page tables exist. */
    struct ulmm_result anchor =
        ulmm_map(ulmm, 0, app->free_base, A9N_MAP_READ | A9N_MAP_WRITE, 0);
    CHECK_EQUAL(anchor.status, ULMM_STATUS_OK);
    a9n_word_t address = app->free_base + ((a9n_word_t)1 << app->page_bits);
    WITH_OBJECT(A9N_CAPABILITY_FRAME, 0, {
        CHECK_EQUAL(a9n_frame_map(descriptor(0), a9n_app_slot(app, A9N_APP_SLOT_ADDRESS_SPACE),
                                  address, A9N_MAP_READ | A9N_MAP_WRITE),
                    A9N_ERROR_NONE);
        *(volatile a9n_word_t *)address = 99;
        CHECK_EQUAL(*(volatile a9n_word_t *)address, 99);
        CHECK_EQUAL(a9n_frame_physical_address(descriptor(0)).error, A9N_ERROR_NONE);
    });
    CHECK_EQUAL(ulmm_free(ulmm, anchor.handle), ULMM_STATUS_OK);
}

static void idle(a9n_word_t argument)
{
    (void)argument;
}

static void process(void)
{
    WITH_OBJECT(A9N_CAPABILITY_PROCESS, 0, {
        /* Configure it to run here, point it somewhere, and read that back. */
        struct a9n_process_configuration configuration = {
            .fields = A9N_PROCESS_FIELD_ADDRESS_SPACE | A9N_PROCESS_FIELD_ROOT_NODE |
                      A9N_PROCESS_FIELD_IP,
            .address_space = a9n_app_slot(app, A9N_APP_SLOT_ADDRESS_SPACE),
            .root_node = a9n_descriptor(0, 0),
            .ip = (a9n_word_t)idle,
        };
        CHECK_EQUAL(a9n_process_configure(descriptor(0), &configuration), A9N_ERROR_NONE);
        struct a9n_word_result ip = a9n_process_read_register(descriptor(0), A9N_REGISTER_IP);
        CHECK_EQUAL(ip.error, A9N_ERROR_NONE);
        CHECK_EQUAL(ip.value, (a9n_word_t)idle);
    });
}

static void interrupt_port(void)
{
    /* An unassigned interrupt port: acknowledging it is refused, nothing more. */
    WITH_OBJECT(A9N_CAPABILITY_INTERRUPT_PORT, 0, {
        CHECK(a9n_interrupt_port_ack(descriptor(0)) != A9N_ERROR_NONE);
    });
}

static void refused_types(void)
{
    uint64_t before = koito_test_free_bytes();
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_GENERIC, 12, slot(0)).status,
                ULMM_STATUS_INVALID_ARGUMENT);
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_PAGE_TABLE, 1, slot(0)).status,
                ULMM_STATUS_INVALID_ARGUMENT);
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_NODE, 0, slot(0)).status,
                ULMM_STATUS_INVALID_ARGUMENT);
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_IO_PORT, 0, slot(0)).status,
                ULMM_STATUS_INVALID_ARGUMENT);
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_TYPE_COUNT, 0, slot(0)).status,
                ULMM_STATUS_INVALID_ARGUMENT);
    CHECK_EQUAL(koito_test_free_bytes(), before);
}

static void occupied_slot_gives_allocation_back(void)
{
    uint64_t before = koito_test_free_bytes();
    /* The slot already holds a capability: the transfer cannot land. */
    struct ulmm_result result = ulmm_alloc_object(
        ulmm, A9N_CAPABILITY_IPC_PORT, 0, A9N_APP_SLOT_PROCESS);
    CHECK_EQUAL(result.status, ULMM_STATUS_NO_ROOM);
    CHECK_EQUAL(koito_test_free_bytes(), before);
}

static void many_objects_then_free(void)
{
    uint64_t before = koito_test_free_bytes();
    a9n_word_t handles[64];
    for (unsigned i = 0; i < 64; i++) {
        struct ulmm_result result =
            ulmm_alloc_object(ulmm, A9N_CAPABILITY_NOTIFICATION_PORT, 0, slot(i));
        CHECK_EQUAL(result.status, ULMM_STATUS_OK);
        handles[i] = result.handle;
    }
    for (unsigned i = 0; i < 64; i++)
        CHECK_EQUAL(ulmm_free(ulmm, handles[i]), ULMM_STATUS_OK);
    CHECK_EQUAL(koito_test_free_bytes(), before);
}

int main(void)
{
    app = a9n_app_info();
    ulmm = ulmm_self();
    koito_test_run("ulmm_object_node", node);
    koito_test_run("ulmm_object_ipc_port", ipc_port);
    koito_test_run("ulmm_object_notification_port", notification_port);
    koito_test_run("ulmm_object_address_space", address_space);
    koito_test_run("ulmm_object_frame", frame);
    koito_test_run("ulmm_object_process", process);
    koito_test_run("ulmm_object_interrupt_port", interrupt_port);
    koito_test_run("ulmm_refuses_generic_page_table_bad_types", refused_types);
    koito_test_run("ulmm_occupied_slot_gives_allocation_back", occupied_slot_gives_allocation_back);
    koito_test_run("ulmm_many_objects_then_free", many_objects_then_free);
    koito_test_exit();
}
