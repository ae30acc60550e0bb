/*
 * System tests of the IPC Port operations between init and test threads:
 * call / reply / reply-receive with every MR checked (registers and IPC
 * buffer), send and receive (blocking and not), badges, capability
 * transfer, the reply right's lifetime, rights and message errors, and
 * the direct switch of a call. Ports destroyed under their waiters and a
 * server destroyed while it holds a call: isolation/isolation.c.
 */
#include <liba9n/ipc.h>
#include <liba9n/notification.h>

#include "../process/threads.h"

#define REGISTER_PAYLOAD (A9N_ARCH_REGISTER_MRS - A9N_MR_PAYLOAD)
#define LONG_LENGTH 40 /* payload words: well past the registers on every port */

static struct a9n_ipc_buffer *init_buffer(void)
{
    return (struct a9n_ipc_buffer *)system_test_init_info()->ipc_buffer;
}

/* ---- call, reply, reply-receive ------------------------------------------------- */

static volatile a9n_word_t server_seen[A9N_ARCH_REGISTER_MRS];
static volatile a9n_word_t server_second_info;
static volatile a9n_word_t server_error;

/*
 * Receive a call, remember its MRs, answer with every register payload
 * word + 0x100 and label 9; then, through reply-receive, take a second call
 * and answer it with LONG_LENGTH payload words: those beyond the registers
 * come from this thread's IPC buffer, where the first call left them.
 */
static void server(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    enum a9n_error error = a9n_ipc_receive(port, mr);
    for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++)
        server_seen[i] = mr[i];
    for (unsigned i = A9N_MR_PAYLOAD; i < A9N_ARCH_REGISTER_MRS; i++)
        mr[i] += 0x100;
    mr[A9N_MR_INFO] = a9n_message_info(9, REGISTER_PAYLOAD, 0);
    if (error == A9N_ERROR_NONE)
        error = a9n_ipc_reply_receive(port, mr);
    server_second_info = mr[A9N_MR_INFO];
    mr[A9N_MR_INFO] = a9n_message_info(10, LONG_LENGTH, 0);
    if (error == A9N_ERROR_NONE)
        error = a9n_ipc_reply(port, mr);
    server_error = error + 0x100;
}

SYSTEM_TEST(ipc_call_reply_and_reply_receive_move_every_mr)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t buffer = system_test_make(A9N_CAPABILITY_FRAME, 0);
    struct test_thread_options options = { .ipc_buffer = buffer };
    a9n_word_t process;
    server_error = 0;
    CHECK_EQUAL(test_thread_start(server, system_test_descriptor(port), TEST_PRIORITY_INIT,
                                  &options, &process),
                A9N_ERROR_NONE);

    /* First call: every register MR and LONG_LENGTH words, the rest in the IPC buffer. */
    struct a9n_ipc_buffer *ipc = init_buffer();
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS];
    for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++)
        mr[i] = 0x5000 + i;
    mr[A9N_MR_INFO] = a9n_message_info(7, LONG_LENGTH, 0);
    for (unsigned i = A9N_ARCH_REGISTER_MRS; i < A9N_MR_PAYLOAD + LONG_LENGTH; i++)
        ipc->mr[i] = 0xa000 + i;
    CHECK_EQUAL(a9n_ipc_call(system_test_descriptor(port), mr), A9N_ERROR_NONE);

    CHECK_EQUAL(server_seen[A9N_MR_SUCCESS], 1);
    CHECK_EQUAL(server_seen[A9N_MR_ERROR], A9N_ERROR_NONE);
    CHECK_EQUAL(server_seen[A9N_MR_INFO], a9n_message_info(7, LONG_LENGTH, 0));
    CHECK_EQUAL(server_seen[A9N_MR_BADGE], 0);
    for (unsigned i = A9N_MR_PAYLOAD; i < A9N_ARCH_REGISTER_MRS; i++)
        CHECK_EQUAL(server_seen[i], 0x5000 + i);
    CHECK_EQUAL(mr[A9N_MR_SUCCESS], 1);
    CHECK_EQUAL(mr[A9N_MR_INFO], a9n_message_info(9, REGISTER_PAYLOAD, 0));
    CHECK_EQUAL(mr[A9N_MR_BADGE], 0);
    for (unsigned i = A9N_MR_PAYLOAD; i < A9N_ARCH_REGISTER_MRS; i++)
        CHECK_EQUAL(mr[i], 0x5100 + i);

    /* Second call, registers only; init's buffer now says something else. */
    for (unsigned i = A9N_ARCH_REGISTER_MRS; i < A9N_MR_PAYLOAD + LONG_LENGTH; i++)
        ipc->mr[i] = 0xb000 + i;
    mr[A9N_MR_INFO] = a9n_message_info(8, 0, 0);
    CHECK_EQUAL(a9n_ipc_call(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(server_second_info, a9n_message_info(8, 0, 0));
    CHECK_EQUAL(mr[A9N_MR_INFO], a9n_message_info(10, LONG_LENGTH, 0));
    /* The long reply came from the server's buffer, which holds the first call's words. */
    for (unsigned i = A9N_ARCH_REGISTER_MRS; i < A9N_MR_PAYLOAD + LONG_LENGTH; i++)
        CHECK_EQUAL(ipc->mr[i], 0xa000 + i);
    CHECK_EQUAL(test_wait_for(&server_error, 10), 0x100 + A9N_ERROR_NONE);
}

static volatile a9n_word_t order[4];
static volatile a9n_word_t order_count;

static void serve_and_record(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_ipc_receive(port, mr);
    order[order_count++] = 1;
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    a9n_ipc_reply(port, mr);
}

static void record_other(a9n_word_t argument)
{
    (void)argument;
    order[order_count++] = 2;
}

SYSTEM_TEST(ipc_call_switches_directly_to_the_server)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t server_process, other;
    order_count = 0;
    CHECK_EQUAL(test_thread_start(serve_and_record, system_test_descriptor(port),
                                  TEST_PRIORITY_INIT, NULL, &server_process),
                A9N_ERROR_NONE);
    test_yield(2); /* the server waits in receive */
    /* Ready before the call, at the same priority: FIFO order would run it first. */
    CHECK_EQUAL(test_thread_start(record_other, 0, TEST_PRIORITY_INIT, NULL, &other),
                A9N_ERROR_NONE);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    CHECK_EQUAL(a9n_ipc_call(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    test_yield(3);
    CHECK_EQUAL(order_count, 2);
    CHECK_EQUAL(order[0], 1);
    CHECK_EQUAL(order[1], 2);
}

/* ---- send and receive ------------------------------------------------------------ */

static volatile a9n_word_t sent_error;

static void send_with_forged_badge(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(3, 1, 0);
    mr[A9N_MR_BADGE] = 0xdead; /* ignored: the badge comes from the capability */
    mr[A9N_MR_PAYLOAD] = 0x77;
    sent_error = a9n_ipc_send(port, mr) + 0x100;
}

SYSTEM_TEST(ipc_badge_comes_from_the_senders_capability)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t badged = system_test_slot();
    a9n_word_t process;
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, badged, system_test_descriptor(port),
                              A9N_RIGHTS_ALL, 0x42),
                A9N_ERROR_NONE);
    sent_error = 0;
    /* The sender blocks in send: nobody receives yet. */
    CHECK_EQUAL(test_thread_start(send_with_forged_badge, system_test_descriptor(badged),
                                  TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    test_yield(3);
    CHECK_EQUAL(sent_error, 0);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_ipc_receive(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(mr[A9N_MR_BADGE], 0x42);
    CHECK_EQUAL(mr[A9N_MR_INFO], a9n_message_info(3, 1, 0));
    CHECK_EQUAL(mr[A9N_MR_PAYLOAD], 0x77);
    CHECK_EQUAL(test_wait_for(&sent_error, 10), 0x100 + A9N_ERROR_NONE);

    /* Through the unbadged capability the badge is 0, whatever MR3 said. */
    sent_error = 0;
    CHECK_EQUAL(test_thread_start(send_with_forged_badge, system_test_descriptor(port),
                                  TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    test_yield(3);
    CHECK_EQUAL(a9n_ipc_receive_non_blocking(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(mr[A9N_MR_BADGE], 0);
}

static volatile a9n_word_t received_payload;

static void receive_payload(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive(port, mr) == A9N_ERROR_NONE)
        received_payload = mr[A9N_MR_PAYLOAD];
}

SYSTEM_TEST(ipc_non_blocking_send_and_receive_would_block)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_word_t process;
    mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
    mr[A9N_MR_PAYLOAD] = 0x99;
    CHECK_EQUAL(a9n_ipc_send_non_blocking(system_test_descriptor(port), mr),
                A9N_ERROR_WOULD_BLOCK);
    CHECK_EQUAL(a9n_ipc_receive_non_blocking(system_test_descriptor(port), mr),
                A9N_ERROR_WOULD_BLOCK);

    received_payload = 0;
    CHECK_EQUAL(test_thread_start(receive_payload, system_test_descriptor(port),
                                  TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    test_yield(3);
    mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
    mr[A9N_MR_PAYLOAD] = 0x99;
    CHECK_EQUAL(a9n_ipc_send_non_blocking(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&received_payload, 10), 0x99);
}

SYSTEM_TEST(ipc_rights_and_message_errors)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t no_write = system_test_slot();
    a9n_word_t no_read = system_test_slot();
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, no_write, system_test_descriptor(port),
                              A9N_RIGHT_READ, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, no_read, system_test_descriptor(port),
                              A9N_RIGHT_WRITE, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_ipc_send(system_test_descriptor(no_write), mr), A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_ipc_call(system_test_descriptor(no_write), mr), A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_ipc_send_non_blocking(system_test_descriptor(no_write), mr),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_ipc_receive(system_test_descriptor(no_read), mr), A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_ipc_receive_non_blocking(system_test_descriptor(no_read), mr),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_ipc_reply(system_test_descriptor(no_read), mr), A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_ipc_reply_receive(system_test_descriptor(no_read), mr),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_capability_call(system_test_descriptor(port), 99, mr),
                A9N_ERROR_UNKNOWN_OPERATION);

    /* Reply with nobody to reply to. */
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    CHECK_EQUAL(a9n_ipc_reply(system_test_descriptor(port), mr), A9N_ERROR_INVALID_STATE);
    /* Too long, too many capabilities: refused before anything happens. */
    mr[A9N_MR_INFO] = a9n_message_info(0, A9N_MESSAGE_MAX_LENGTH + 1, 0);
    CHECK_EQUAL(a9n_ipc_send_non_blocking(system_test_descriptor(port), mr),
                A9N_ERROR_INVALID_ARGUMENT);
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, A9N_MESSAGE_MAX_CAPABILITIES + 1);
    CHECK_EQUAL(a9n_ipc_call(system_test_descriptor(port), mr), A9N_ERROR_INVALID_ARGUMENT);
    /* A transfer source that does not exist. */
    init_buffer()->transfer_source[0] = system_test_descriptor(system_test_slot());
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 1);
    CHECK_EQUAL(a9n_ipc_send(system_test_descriptor(port), mr), A9N_ERROR_EMPTY_SLOT);
}

static volatile a9n_word_t long_send_error;

static void send_long_without_buffer(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, REGISTER_PAYLOAD + 1, 0);
    long_send_error = a9n_ipc_send_non_blocking(port, mr) + 0x100;
}

static volatile a9n_word_t truncated_info;

static void receive_without_buffer(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive(port, mr) == A9N_ERROR_NONE)
        truncated_info = mr[A9N_MR_INFO] | 1u << 15;
}

SYSTEM_TEST(ipc_messages_past_the_registers_need_ipc_buffers)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t process;
    long_send_error = 0;
    truncated_info = 0;
    /* A sender without an IPC buffer cannot send words it does not have. */
    CHECK_EQUAL(test_thread_start(send_long_without_buffer, system_test_descriptor(port),
                                  TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&long_send_error, 10), 0x100 + A9N_ERROR_INVALID_STATE);
    /* A receiver without one gets what fits in its registers, and the info says so. */
    CHECK_EQUAL(test_thread_start(receive_without_buffer, system_test_descriptor(port),
                                  TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    test_yield(3);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(4, LONG_LENGTH, 0);
    CHECK_EQUAL(a9n_ipc_send(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&truncated_info, 10),
                a9n_message_info(4, REGISTER_PAYLOAD, 0) | 1u << 15);
}

/* ---- capability transfer ---------------------------------------------------------- */

static volatile a9n_word_t transfer_info;

static void receive_info(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive(port, mr) == A9N_ERROR_NONE)
        transfer_info = mr[A9N_MR_INFO] | 1u << 15;
}

/*
 * The receiving thread shares init's IPC buffer frame and root node, so
 * init can fill both sides' transfer fields (they are different words).
 */
static a9n_word_t start_transfer_receiver(a9n_word_t port)
{
    a9n_word_t process;
    struct test_thread_options options = { .ipc_buffer = system_test_slot() };
    transfer_info = 0;
    a9n_node_copy(SYSTEM_TEST_ROOT, options.ipc_buffer, a9n_init_slot(A9N_INIT_SLOT_IPC_BUFFER));
    if (test_thread_start(receive_info, system_test_descriptor(port), TEST_PRIORITY_INIT,
                          &options, &process) != A9N_ERROR_NONE)
        return 0;
    test_yield(3);
    return process;
}

SYSTEM_TEST(ipc_capability_transfer_copies_into_the_receivers_node)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    a9n_word_t notification = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t landing = system_test_slot();
    a9n_word_t landing_next = system_test_slot();
    CHECK(start_transfer_receiver(system_test_descriptor(port)) != 0);

    struct a9n_ipc_buffer *ipc = init_buffer();
    ipc->transfer_source[0] = system_test_descriptor(frame);
    ipc->transfer_source[1] = system_test_descriptor(notification);
    ipc->receive_node = SYSTEM_TEST_ROOT;
    ipc->receive_index = landing;
    CHECK_EQUAL(landing_next, landing + 1);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(5, 0, 2);
    CHECK_EQUAL(a9n_ipc_send(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&transfer_info, 10), a9n_message_info(5, 0, 2) | 1u << 15);
    /* Copies: the sender keeps its capabilities, the receiver has working ones. */
    CHECK_EQUAL(a9n_notification_poll(system_test_descriptor(landing_next)).error,
                A9N_ERROR_WOULD_BLOCK);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, landing), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, frame), A9N_ERROR_NONE);
}

SYSTEM_TEST(ipc_capability_transfer_stops_where_the_receiver_has_no_room)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    a9n_word_t landing = system_test_slot();
    a9n_word_t occupied = system_test_make(A9N_CAPABILITY_FRAME, 0);
    CHECK_EQUAL(occupied, landing + 1);
    CHECK(start_transfer_receiver(system_test_descriptor(port)) != 0);

    struct a9n_ipc_buffer *ipc = init_buffer();
    ipc->transfer_source[0] = system_test_descriptor(frame);
    ipc->transfer_source[1] = system_test_descriptor(frame);
    ipc->receive_node = SYSTEM_TEST_ROOT;
    ipc->receive_index = landing;
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(6, 0, 2);
    /* The first lands, the second finds its slot occupied: the message says 1. */
    CHECK_EQUAL(a9n_ipc_send(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&transfer_info, 10), a9n_message_info(6, 0, 1) | 1u << 15);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, landing), A9N_ERROR_NONE);

    /* A receive index past the node: nothing lands, the message still arrives. */
    CHECK(start_transfer_receiver(system_test_descriptor(port)) != 0);
    ipc->receive_index = 1u << A9N_INIT_ROOT_RADIX;
    CHECK_EQUAL(a9n_ipc_send(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&transfer_info, 10), a9n_message_info(6, 0, 0) | 1u << 15);
}

SYSTEM_TEST(ipc_capability_without_copy_right_cannot_be_transferred)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    a9n_word_t no_copy = system_test_slot();
    a9n_word_t landing = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, no_copy, system_test_descriptor(frame),
                              A9N_RIGHT_READ | A9N_RIGHT_WRITE, 0),
                A9N_ERROR_NONE);
    CHECK(start_transfer_receiver(system_test_descriptor(port)) != 0);

    struct a9n_ipc_buffer *ipc = init_buffer();
    ipc->transfer_source[0] = system_test_descriptor(no_copy);
    ipc->receive_node = SYSTEM_TEST_ROOT;
    ipc->receive_index = landing;
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 1);
    CHECK_EQUAL(a9n_ipc_send(system_test_descriptor(port), mr), A9N_ERROR_MISSING_RIGHTS);
    test_yield(2);
    CHECK_EQUAL(transfer_info, 0);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, landing), A9N_ERROR_EMPTY_SLOT);
    /* A Generic cannot be copied, so it cannot be transferred either. */
    ipc->transfer_source[0] = system_test_generic();
    CHECK_EQUAL(a9n_ipc_send(system_test_descriptor(port), mr), A9N_ERROR_WRONG_TYPE);
}

/* ---- reply right and port lifetime ------------------------------------------------ */

static volatile a9n_word_t call_error;

static void call_once(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    call_error = a9n_ipc_call(port, mr) + 0x100;
}

/* A thread that has called `port` and now waits there for its reply. */
static enum a9n_error start_waiting_caller(a9n_word_t port, a9n_word_t *process)
{
    call_error = 0;
    enum a9n_error error = test_thread_start(call_once, system_test_descriptor(port),
                                             TEST_PRIORITY_INIT, NULL, process);
    test_yield(3);
    return error;
}

SYSTEM_TEST(ipc_reply_right_is_cleared_when_the_caller_is_destroyed)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t process;
    CHECK_EQUAL(start_waiting_caller(port, &process), A9N_ERROR_NONE);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_ipc_receive_non_blocking(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, process), A9N_ERROR_NONE);
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    CHECK_EQUAL(a9n_ipc_reply(system_test_descriptor(port), mr), A9N_ERROR_INVALID_STATE);
    CHECK_EQUAL(call_error, 0);
}

SYSTEM_TEST(ipc_reply_right_is_cleared_when_the_caller_is_suspended)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t process;
    CHECK_EQUAL(start_waiting_caller(port, &process), A9N_ERROR_NONE);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_ipc_receive(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_process_suspend(system_test_descriptor(process)), A9N_ERROR_NONE);
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    CHECK_EQUAL(a9n_ipc_reply(system_test_descriptor(port), mr), A9N_ERROR_INVALID_STATE);
    /* Resumed, the caller sees its call cancelled. */
    CHECK_EQUAL(a9n_process_resume(system_test_descriptor(process)), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&call_error, 10), 0x100 + A9N_ERROR_CANCELLED);
}

SYSTEM_TEST(ipc_receiving_again_cancels_an_unanswered_call)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t process;
    CHECK_EQUAL(start_waiting_caller(port, &process), A9N_ERROR_NONE);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_ipc_receive(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    /* Nothing else waits: the reply right is kept when the receive would block. */
    CHECK_EQUAL(a9n_ipc_receive_non_blocking(system_test_descriptor(port), mr),
                A9N_ERROR_WOULD_BLOCK);
    CHECK_EQUAL(call_error, 0);
    /* The caller's call is now answered by the kernel: cancelled. */
    a9n_word_t other = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    CHECK_EQUAL(test_thread_start(call_once, system_test_descriptor(other), TEST_PRIORITY_INIT,
                                  NULL, &process),
                A9N_ERROR_NONE);
    test_yield(3);
    CHECK_EQUAL(a9n_ipc_receive(system_test_descriptor(other), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&call_error, 10), 0x100 + A9N_ERROR_CANCELLED);
}
