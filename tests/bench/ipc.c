/*
 * IPC benchmarks: round trips (call + reply-receive) between init and a
 * server thread at the same priority, so the kernel switches directly both
 * ways. Each sample is one call as seen by the client: its stub, the kernel
 * on the way in, the server's reply-receive, the kernel on the way back.
 */
#include <a9n/ipc.h>
#include <liba9n/init.h>
#include <liba9n/ipc.h>
#include <liba9n/memory.h>
#include <liba9n/node.h>
#include <liba9n/notification.h>

#include "../system/suite/process/threads.h"
#include "bench.h"

/* Server: answer every call with a reply of the same length as `server_reply_length`. */
static volatile a9n_word_t server_reply_length;

static void echo_server(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    const a9n_word_t reply_info = a9n_message_info(0, (unsigned)server_reply_length, 0);
    if (a9n_ipc_receive(port, mr) != A9N_ERROR_NONE)
        return;
    for (;;) {
        mr[A9N_MR_INFO] = reply_info;
        if (a9n_ipc_reply_receive(port, mr) != A9N_ERROR_NONE)
            return;
    }
}

static struct a9n_ipc_buffer *init_ipc_buffer(void)
{
    return (struct a9n_ipc_buffer *)a9n_init_info()->ipc_buffer;
}

/* Start the echo server and measure `length`-word calls answered with `reply_length` words. */
static unsigned round_trips(uint64_t overhead, bool new_address_space, unsigned length,
                            unsigned reply_length, unsigned capabilities)
{
    a9n_word_t port = bench_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t buffer = bench_make(A9N_CAPABILITY_FRAME, 0);
    struct test_thread_options options = { .ipc_buffer = buffer };
    a9n_word_t process, address_space;
    server_reply_length = reply_length;
    if (new_address_space)
        test_thread_start_in_new_address_space(echo_server, BENCH_SLOT(port), TEST_PRIORITY_INIT,
                                               &options, &process, &address_space);
    else
        test_thread_start(echo_server, BENCH_SLOT(port), TEST_PRIORITY_INIT, &options, &process);

    /* Capability transfer: the server shares init's root node, so init empties the landing slot. */
    a9n_word_t landing = 0;
    if (capabilities != 0) {
        a9n_word_t frame = bench_make(A9N_CAPABILITY_FRAME, 0);
        landing = bench_slot();
        init_ipc_buffer()->transfer_source[0] = BENCH_SLOT(frame);
        struct a9n_ipc_buffer *server_buffer = (struct a9n_ipc_buffer *)0x31000000ul;
        a9n_word_t table_node = bench_make(A9N_CAPABILITY_NODE, 3);
        struct a9n_page_table_supply tables = { bench_generic(), BENCH_SLOT(table_node), 3, 0, 8 };
        a9n_map_frame_building_tables(a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
                                      BENCH_SLOT(buffer), (a9n_word_t)server_buffer,
                                      A9N_MAP_READ | A9N_MAP_WRITE, &tables);
        server_buffer->receive_node = a9n_descriptor(0, 0);
        server_buffer->receive_index = landing;
    }

    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_word_t info = a9n_message_info(1, length, capabilities);
    BENCH_MEASURE_LOOP(overhead, (mr[A9N_MR_INFO] = info, a9n_ipc_call(BENCH_SLOT(port), mr)),
                       (landing != 0 ? (void)a9n_node_remove(a9n_descriptor(0, 0), landing)
                                     : (void)0));
    return BENCH_SAMPLES;
}

BENCHMARK(ipc_round_trip_cross_address_space)
{
    return round_trips(overhead, true, 0, 0, 0);
}

BENCHMARK(ipc_round_trip_same_address_space)
{
    return round_trips(overhead, false, 0, 0, 0);
}

BENCHMARK(ipc_round_trip_8_words_each_way)
{
    return round_trips(overhead, true, 8, 8, 0);
}

BENCHMARK(ipc_round_trip_one_capability_transfer)
{
    return round_trips(overhead, false, 0, 0, 1);
}

BENCHMARK(ipc_round_trip_full_ipc_buffer_call)
{
    return round_trips(overhead, true, A9N_MESSAGE_MAX_LENGTH, 0, 0);
}

/*
 * Threads that use FP: a double add in every measured call (the client)
 * and before every reply (the server). The kernel switches FP registers
 * lazily, so this measures what FP use adds to a round trip: with the
 * client alone, a trap to give it FPU access back after each call (the
 * fast path took access away, the registers stayed); with both, two
 * traps that each move the FPU's registers to the other thread.
 */
static volatile double client_value, server_value;

static void fp_echo_server(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive(port, mr) != A9N_ERROR_NONE)
        return;
    for (;;) {
        server_value += 1.0;
        mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
        if (a9n_ipc_reply_receive(port, mr) != A9N_ERROR_NONE)
            return;
    }
}

static unsigned fp_round_trips(uint64_t overhead, bool server_uses_fp)
{
    a9n_word_t port = bench_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t process, address_space;
    server_reply_length = 0;
    test_thread_start_in_new_address_space(server_uses_fp ? fp_echo_server : echo_server,
                                           BENCH_SLOT(port), TEST_PRIORITY_INIT, NULL, &process,
                                           &address_space);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_word_t info = a9n_message_info(1, 0, 0);
    BENCH_MEASURE_LOOP(overhead,
                       (client_value += 1.0, mr[A9N_MR_INFO] = info,
                        a9n_ipc_call(BENCH_SLOT(port), mr)),
                       (void)0);
    return BENCH_SAMPLES;
}

BENCHMARK(ipc_round_trip_client_using_fp)
{
    return fp_round_trips(overhead, false);
}

BENCHMARK(ipc_round_trip_both_using_fp)
{
    return fp_round_trips(overhead, true);
}

/* Notification ping-pong: init notifies `ping` and waits on `pong`; a thread answers. */
static a9n_word_t ping, pong;

static void pong_thread(a9n_word_t unused)
{
    (void)unused;
    for (;;) {
        if (a9n_notification_wait(BENCH_SLOT(ping)).error != A9N_ERROR_NONE)
            return;
        a9n_notification_notify(BENCH_SLOT(pong));
    }
}

BENCHMARK(notify_wait_round_trip)
{
    a9n_word_t ping_object = bench_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t pong_object = bench_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    ping = bench_slot();
    pong = bench_slot();
    a9n_node_mint(a9n_descriptor(0, 0), ping, BENCH_SLOT(ping_object), A9N_RIGHTS_ALL, 1);
    a9n_node_mint(a9n_descriptor(0, 0), pong, BENCH_SLOT(pong_object), A9N_RIGHTS_ALL, 1);
    a9n_word_t process;
    test_thread_start(pong_thread, 0, TEST_PRIORITY_INIT, NULL, &process);
    BENCH_MEASURE_LOOP(overhead,
                       (a9n_notification_notify(BENCH_SLOT(ping)),
                        a9n_notification_wait(BENCH_SLOT(pong))),
                       (void)0);
    return BENCH_SAMPLES;
}

BENCHMARK(frame_map_one_page)
{
    a9n_word_t frame = bench_make(A9N_CAPABILITY_FRAME, 0);
    a9n_word_t address_space = a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE);
    const a9n_word_t address = 0x32000000ul;
    /* Build the tables once; then every sample maps into an existing lowest table. */
    a9n_word_t table_node = bench_make(A9N_CAPABILITY_NODE, 3);
    struct a9n_page_table_supply tables = { bench_generic(), BENCH_SLOT(table_node), 3, 0, 8 };
    a9n_map_frame_building_tables(address_space, BENCH_SLOT(frame), address, A9N_MAP_READ,
                                  &tables);
    a9n_frame_unmap(BENCH_SLOT(frame));
    BENCH_MEASURE_LOOP(overhead,
                       a9n_frame_map(BENCH_SLOT(frame), address_space, address, A9N_MAP_READ),
                       a9n_frame_unmap(BENCH_SLOT(frame)));
    return BENCH_SAMPLES;
}
