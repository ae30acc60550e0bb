/*
 * KOITO test program: the example server of docs/server.md
 * (koito/examples/counter.c) in a thread of this program, called through
 * capabilities with different badges: each badge is its own client, a
 * stranger's badge and malformed requests are refused, nothing a client
 * sends can make the server read past its message.
 */
#include <a9n/memory.h>
#include <koito/server.h>
#include <liba9n/node.h>
#include <liba9n/process.h>

#include "../../../koito/examples/counter.h"
#include "koito_test.h"

#define SERVER_IPC_BUFFER 0x50000000ul
#define STRANGER 9

static const struct a9n_app_info *app;
static const struct ulmm_client *ulmm;
static struct koito_message message;
static uint8_t server_stack[16384] __attribute__((aligned(16)));

enum slot { PORT, CLIENT_1, CLIENT_2, STRANGER_SLOT, THREAD, THREAD_IPC_BUFFER };

static a9n_word_t slot(enum slot s)
{
    return app->first_free_slot + s;
}

static a9n_word_t descriptor(enum slot s)
{
    return a9n_app_slot(app, slot(s));
}

static void serve(a9n_word_t port)
{
    counter_server_run(port, (struct a9n_ipc_buffer *)SERVER_IPC_BUFFER);
}

static void start_server(void)
{
    a9n_word_t root = a9n_descriptor(0, 0);
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_IPC_PORT, 0, slot(PORT)).status,
                ULMM_STATUS_OK);
    const struct { enum slot slot; a9n_word_t badge; } clients[] = {
        { CLIENT_1, 1 }, { CLIENT_2, 2 }, { STRANGER_SLOT, STRANGER },
    };
    for (unsigned i = 0; i < 3; i++)
        CHECK_EQUAL(a9n_node_mint(root, slot(clients[i].slot), descriptor(PORT),
                                  A9N_RIGHT_WRITE, clients[i].badge),
                    A9N_ERROR_NONE);
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_PROCESS, 0, slot(THREAD)).status,
                ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_map(ulmm, 0, SERVER_IPC_BUFFER, A9N_MAP_READ | A9N_MAP_WRITE,
                         slot(THREAD_IPC_BUFFER))
                    .status,
                ULMM_STATUS_OK);
    const struct a9n_thread_start start = {
        .process = descriptor(THREAD),
        .address_space = a9n_app_slot(app, A9N_APP_SLOT_ADDRESS_SPACE),
        .root_node = a9n_app_slot(app, A9N_APP_SLOT_ROOT_NODE),
        .ipc_buffer = descriptor(THREAD_IPC_BUFFER),
        .resolver = a9n_app_slot(app, A9N_APP_SLOT_OS_PORT),
        .priority = 100,
        .function = serve,
        .argument = descriptor(PORT),
        .stack = server_stack,
        .stack_size = sizeof server_stack,
    };
    CHECK_EQUAL(a9n_thread_start(&start), A9N_ERROR_NONE);
}

/* Call as a client; the reply's first payload word (all ones if the call itself failed). */
static a9n_word_t call(enum slot client, a9n_word_t label, unsigned length)
{
    enum a9n_error error = koito_call(descriptor(client), &message, label, length, 0);
    if (error != A9N_ERROR_NONE) {
        test_check_failed(__FILE__, __LINE__, "koito_call", error, A9N_ERROR_NONE);
        return ~(a9n_word_t)0;
    }
    return koito_message_word(&message, 0);
}

static void each_badge_has_its_own_counter(void)
{
    koito_message_set_word(&message, 0, 5);
    CHECK_EQUAL(call(CLIENT_1, COUNTER_ADD, 1), 5);
    koito_message_set_word(&message, 0, 7);
    CHECK_EQUAL(call(CLIENT_1, COUNTER_ADD, 1), 12);
    koito_message_set_word(&message, 0, 1);
    CHECK_EQUAL(call(CLIENT_2, COUNTER_ADD, 1), 1);
    CHECK_EQUAL(call(CLIENT_1, COUNTER_GET, 0), 12);
}

static void names_travel_packed_in_words(void)
{
    unsigned words = koito_message_write_bytes(&message, 0, "koito", 6);
    CHECK_EQUAL(call(CLIENT_2, COUNTER_SET_NAME, words), (a9n_word_t)COUNTER_OK);
    CHECK_EQUAL(call(CLIENT_2, COUNTER_GET_NAME, 0), (a9n_word_t)COUNTER_OK);
    char name[16];
    CHECK(koito_message_read_bytes(&message, koito_message_length(&message), 1, name,
                                   sizeof name));
    CHECK_EQUAL(name[0], 'k');
    CHECK_EQUAL(name[4], 'o');
    CHECK_EQUAL(name[5], '\0');
}

static void stranger_and_malformed_requests_are_refused(void)
{
    koito_message_set_word(&message, 0, 1);
    CHECK_EQUAL(call(STRANGER_SLOT, COUNTER_ADD, 1), (a9n_word_t)COUNTER_NOT_A_CLIENT);
    CHECK_EQUAL(call(CLIENT_1, 77, 0), (a9n_word_t)COUNTER_BAD_REQUEST);
    /* ADD needs its amount: a request without it never reaches the handler. */
    CHECK_EQUAL(call(CLIENT_1, COUNTER_ADD, 0), (a9n_word_t)COUNTER_BAD_REQUEST);
    /* A name without its NUL inside the words sent, and one too long. */
    koito_message_write_bytes(&message, 0, "abcdefgh", 8);
    CHECK_EQUAL(call(CLIENT_1, COUNTER_SET_NAME, 1), (a9n_word_t)COUNTER_BAD_REQUEST);
    unsigned words = koito_message_write_bytes(&message, 0, "a name far too long", 20);
    CHECK_EQUAL(call(CLIENT_1, COUNTER_SET_NAME, words), (a9n_word_t)COUNTER_BAD_REQUEST);
    CHECK_EQUAL(call(CLIENT_1, COUNTER_GET, 0), 12);
}

int main(void)
{
    app = a9n_app_info();
    ulmm = ulmm_self();
    message.ipc_buffer = (struct a9n_ipc_buffer *)app->ipc_buffer;
    koito_test_run("server_example_starts", start_server);
    koito_test_run("server_example_each_badge_has_its_own_counter", each_badge_has_its_own_counter);
    koito_test_run("server_example_names_travel_packed_in_words", names_travel_packed_in_words);
    koito_test_run("server_example_refuses_strangers_and_malformed_requests",
                   stranger_and_malformed_requests_are_refused);
    koito_test_exit();
}
