/*
 * IPC between two address spaces: a server thread in an address space of
 * its own answers calls from init. A page mapped at the same address in
 * both spaces, but backed by different frames, proves the spaces differ.
 */
#include <liba9n/ipc.h>
#include <liba9n/memory.h>

#include "../framework/system_test.h"
#include "../process/threads.h"

/* A free user address mapped differently in the two address spaces. */
#define PRIVATE_PAGE 0x30000000ul

static volatile a9n_word_t server_private_value;

static void private_server(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    *(volatile a9n_word_t *)PRIVATE_PAGE = 0xa11ce;
    if (a9n_ipc_receive(port, mr) != A9N_ERROR_NONE)
        return;
    for (;;) {
        /* Reply: every payload register + 1, and what this space sees at PRIVATE_PAGE. */
        for (unsigned i = A9N_MR_PAYLOAD; i < A9N_ARCH_REGISTER_MRS; i++)
            mr[i] += 1;
        mr[A9N_MR_PAYLOAD] = *(volatile a9n_word_t *)PRIVATE_PAGE;
        server_private_value = mr[A9N_MR_PAYLOAD];
        mr[A9N_MR_INFO] = a9n_message_info(0, A9N_ARCH_REGISTER_MRS - A9N_MR_PAYLOAD, 0);
        if (a9n_ipc_reply_receive(port, mr) != A9N_ERROR_NONE)
            return;
    }
}

/* Map a fresh frame at PRIVATE_PAGE in `address_space`. */
static enum a9n_error map_private_page(a9n_word_t address_space)
{
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    return system_test_map_frame(address_space, system_test_descriptor(frame), PRIVATE_PAGE);
}

SYSTEM_TEST(ipc_call_reply_across_address_spaces)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t badged = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, badged, system_test_descriptor(port),
                              A9N_RIGHTS_ALL, 0x77),
                A9N_ERROR_NONE);
    CHECK_EQUAL(map_private_page(a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE)), A9N_ERROR_NONE);
    *(volatile a9n_word_t *)PRIVATE_PAGE = 0xb0b;

    /*
     * Below init's priority the server first runs when init blocks in its
     * call, so its page is mapped by then; at init's own priority a timer
     * tick could run it first and it would fault on the unmapped page.
     */
    a9n_word_t process, address_space;
    CHECK_EQUAL(test_thread_start_in_new_address_space(private_server,
                                                       system_test_descriptor(port),
                                                       TEST_PRIORITY_INIT - 1, NULL, &process,
                                                       &address_space),
                A9N_ERROR_NONE);
    /* The server's own page at the same address, before it first runs. */
    CHECK_EQUAL(map_private_page(system_test_descriptor(address_space)), A9N_ERROR_NONE);

    for (a9n_word_t round = 0; round < 3; round++) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS];
        for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++)
            mr[i] = 0x700 + 16 * round + i;
        mr[A9N_MR_INFO] = a9n_message_info(1, A9N_ARCH_REGISTER_MRS - A9N_MR_PAYLOAD, 0);
        CHECK_EQUAL(a9n_ipc_call(system_test_descriptor(badged), mr), A9N_ERROR_NONE);
        CHECK_EQUAL(mr[A9N_MR_SUCCESS], 1);
        CHECK_EQUAL(mr[A9N_MR_PAYLOAD], 0xa11ce);
        for (unsigned i = A9N_MR_PAYLOAD + 1; i < A9N_ARCH_REGISTER_MRS; i++)
            CHECK_EQUAL(mr[i], 0x700 + 16 * round + i + 1);
    }
    /* Same address, different frames: each space kept its own value. */
    CHECK_EQUAL(*(volatile a9n_word_t *)PRIVATE_PAGE, 0xb0b);
    CHECK_EQUAL(server_private_value, 0xa11ce);
}
