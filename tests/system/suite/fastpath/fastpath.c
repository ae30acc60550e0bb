/*
 * The IPC fast path and the general path give identical results: the same
 * exchanges (every register payload length, a longer message, values
 * beyond the length and in the ignored MR3, unused info bits, a failing
 * reply) run once through one-level descriptors, which the fast path
 * takes, and once through two-level descriptors to copies of the same
 * capabilities, which only the general path does. Every MR the client gets
 * back and every MR the server receives, badge included, must match; the
 * fast path's hit counter (Debug capability, A9N_DEBUG_FASTPATH_HITS) proves
 * which path ran.
 */
#include <a9n/kernel_call.h>
#include <liba9n/ipc.h>
#include <liba9n/node.h>

#include "../framework/system_test.h"
#include "../process/threads.h"
#include "hits.h"

#define EXCHANGES 9
/* Payload words in registers; one more needs an IPC buffer on both sides. */
#define REGISTER_PAYLOAD (A9N_ARCH_REGISTER_MRS - A9N_MR_PAYLOAD)
#define OVER_REGISTERS (REGISTER_PAYLOAD + 1)
#define BADGE 0x5eedul
/*
 * Bits 12-15 of the message info are unused: the kernel must drop them.
 * Odd exchanges set them (the fast path leaves such messages to the
 * general path), even ones do not.
 */
#define INFO_UNUSED_BITS(k) ((k) % 2 ? 0xa000ul : 0)

/* The descriptor the server replies and receives through (set per run). */
static volatile a9n_word_t server_port;

/* What the server received for each exchange (shared memory in both address-space setups). */
static volatile a9n_word_t server_received[EXCHANGES][A9N_ARCH_REGISTER_MRS];

/*
 * The reply to request k (its label) has length k % OVER_REGISTERS, or
 * OVER_REGISTERS for the last one: more than the registers hold, and the
 * server has no IPC buffer, so reply-receive fails with INVALID_STATE and
 * the server answers again.
 * Before each reply the server sets every MR from k alone, so its state
 * when the next request arrives is the same in both runs.
 */
static void recording_server(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive(port, mr) != A9N_ERROR_NONE)
        return;
    for (;;) {
        a9n_word_t k = a9n_message_info_label(mr[A9N_MR_INFO]);
        if (k < EXCHANGES)
            for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++)
                server_received[k][i] = mr[i];
        for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++)
            mr[i] = 0x5000 + 0x100 * k + i;
        unsigned reply_length =
            k == EXCHANGES - 1 ? OVER_REGISTERS : (unsigned)(k % OVER_REGISTERS);
        mr[A9N_MR_INFO] = a9n_message_info(0x70 + k, reply_length, 0) | INFO_UNUSED_BITS(k);
        if (a9n_ipc_reply_receive(server_port, mr) != A9N_ERROR_NONE) {
            /* The error case: the pending caller still needs an answer. */
            mr[A9N_MR_INFO] = a9n_message_info(0x70 + k, 0, 0);
            if (a9n_ipc_reply_receive(server_port, mr) != A9N_ERROR_NONE)
                return;
        }
    }
}

/* One run: a primer exchange (so the server starts from the same state), then every exchange. */
static void run_exchanges(a9n_word_t port, a9n_word_t client[EXCHANGES][A9N_ARCH_REGISTER_MRS],
                          a9n_word_t server[EXCHANGES][A9N_ARCH_REGISTER_MRS])
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(EXCHANGES, 0, 0);
    a9n_ipc_call(port, mr);
    for (a9n_word_t k = 0; k < EXCHANGES; k++) {
        for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++)
            mr[i] = 0x3000 + 0x100 * k + i;
        /* Lengths 0..6, then more than the registers (the general path's case). */
        unsigned length = k == EXCHANGES - 2 ? OVER_REGISTERS : (unsigned)(k % OVER_REGISTERS);
        mr[A9N_MR_INFO] = a9n_message_info(k, length, 0) | INFO_UNUSED_BITS(k);
        a9n_ipc_call(port, mr);
        for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++) {
            client[k][i] = mr[i];
            server[k][i] = server_received[k][i];
            server_received[k][i] = 0;
        }
    }
}

static void compare_paths(bool new_address_space, unsigned server_priority)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t badged = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, badged, system_test_descriptor(port),
                              A9N_RIGHTS_ALL, BADGE),
                A9N_ERROR_NONE);
    /* Copies of both capabilities in a node of two slots, for the general run. */
    a9n_word_t node = system_test_make(A9N_CAPABILITY_NODE, 1);
    a9n_word_t deep_badged = a9n_descriptor_child(system_test_descriptor(node), 1, 0);
    a9n_word_t deep_port = a9n_descriptor_child(system_test_descriptor(node), 1, 1);
    CHECK_EQUAL(a9n_node_copy(system_test_descriptor(node), 0, system_test_descriptor(badged)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(system_test_descriptor(node), 1, system_test_descriptor(port)),
                A9N_ERROR_NONE);
    server_port = system_test_descriptor(port);
    a9n_word_t process, address_space;
    if (new_address_space)
        CHECK_EQUAL(test_thread_start_in_new_address_space(recording_server,
                                                           system_test_descriptor(port),
                                                           server_priority, NULL, &process,
                                                           &address_space),
                    A9N_ERROR_NONE);
    else
        CHECK_EQUAL(test_thread_start(recording_server, system_test_descriptor(port),
                                      server_priority, NULL, &process),
                    A9N_ERROR_NONE);
    test_yield(2);

    static a9n_word_t client_fast[EXCHANGES][A9N_ARCH_REGISTER_MRS];
    static a9n_word_t server_fast[EXCHANGES][A9N_ARCH_REGISTER_MRS];
    static a9n_word_t client_general[EXCHANGES][A9N_ARCH_REGISTER_MRS];
    static a9n_word_t server_general[EXCHANGES][A9N_ARCH_REGISTER_MRS];

    a9n_word_t hits_before = fastpath_hits();
    run_exchanges(system_test_descriptor(badged), client_fast, server_fast);
    a9n_word_t hits_fast = fastpath_hits();

    /* The server, waiting since its last reply, answers from the primer on through the copy. */
    server_port = deep_port;
    run_exchanges(deep_badged, client_general, server_general);
    a9n_word_t hits_general = fastpath_hits();

    /*
     * At least the replies of exchanges 0, 2, 4 and 6 take the fast path
     * (at equal priority their calls too; 7 and 8 are too long).
     */
    CHECK(hits_fast - hits_before >= 4);
    CHECK_EQUAL(hits_general, hits_fast);
    for (unsigned k = 0; k < EXCHANGES; k++) {
        for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++) {
            CHECK_EQUAL(client_fast[k][i], client_general[k][i]);
            CHECK_EQUAL(server_fast[k][i], server_general[k][i]);
        }
    }
    /* The results are the ones the ABI defines, not just equal. */
    CHECK_EQUAL(server_fast[0][A9N_MR_BADGE], BADGE);
    CHECK_EQUAL(server_fast[3][A9N_MR_INFO], a9n_message_info(3, 3, 0));
    CHECK_EQUAL(server_fast[3][A9N_MR_PAYLOAD + 2], 0x3000 + 0x300 + A9N_MR_PAYLOAD + 2);
    CHECK_EQUAL(client_fast[3][A9N_MR_BADGE], 0);
    CHECK_EQUAL(client_fast[3][A9N_MR_INFO], a9n_message_info(0x73, 3, 0));
    /* The register MRs travel whole, beyond the length too (the last one here). */
    const unsigned last = A9N_ARCH_REGISTER_MRS - 1;
    CHECK_EQUAL(server_fast[4][A9N_MR_INFO], a9n_message_info(4, 4, 0));
    CHECK_EQUAL(server_fast[4][last], 0x3000 + 0x400 + last);
    CHECK_EQUAL(client_fast[4][A9N_MR_INFO], a9n_message_info(0x74, 4, 0));
    CHECK_EQUAL(client_fast[4][last], 0x5000 + 0x400 + last);
    /* Over the registers from init (it has an IPC buffer) to a server without one: clamped. */
    CHECK_EQUAL(server_fast[EXCHANGES - 2][A9N_MR_INFO],
                a9n_message_info(EXCHANGES - 2, REGISTER_PAYLOAD, 0));
    /* The server's over-the-registers reply fails (no IPC buffer); its second answer is empty. */
    CHECK_EQUAL(client_fast[EXCHANGES - 1][A9N_MR_INFO], a9n_message_info(0x70 + EXCHANGES - 1, 0, 0));
}

SYSTEM_TEST(fastpath_matches_general_path_across_address_spaces)
{
    compare_paths(true, TEST_PRIORITY_INIT);
}

SYSTEM_TEST(fastpath_matches_general_path_in_one_address_space)
{
    compare_paths(false, TEST_PRIORITY_INIT);
}

/* The call cannot switch to a lower server directly (general path), the reply can. */
SYSTEM_TEST(fastpath_matches_general_path_with_lower_priority_server)
{
    compare_paths(true, TEST_PRIORITY_INIT - 1);
}
