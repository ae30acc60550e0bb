/*
 * ULMM's server on the host: requests decoded and performed exactly as
 * the server does (request.c, service.c, records.c and the allocator
 * cores), with the capability core of tests/host/cap as the kernel
 * (liba9n's calls go to it through host_capability_call.c). Hostile
 * clients: garbage, double frees, frees of what is not theirs, absurd
 * sizes, allocating until memory or quota runs out; each refused with an
 * error while the other clients are served. After every test the
 * kernel's invariants hold and, once the clients are reclaimed, all
 * memory is free again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <a9n/ipc.h>
#include <a9n/paging.h>

#include "node.h"
#include "simulated_kernel.h"
#include "ulmm/service.h"

#define SLOTS (1u << SIMULATED_ULMM_RADIX)
/* Slot 0 of ULMM's node is where memory is handed over (ADD_MEMORY). */
#define HANDOVER_SLOT 0
#define PAGE ((a9n_word_t)1 << A9N_ARCH_PAGE_BITS)
#define UNLIMITED ULMM_QUOTA_UNLIMITED

static uint32_t links[SLOTS];
static struct ulmm_buddy_block blocks[SLOTS];
static struct ulmm_slab_entry entries[SLOTS];
static struct ulmm_record records[SLOTS];
static struct ulmm_service service;
static const struct ulmm_limits limits = { A9N_ARCH_PAGE_BITS, 4, A9N_ARCH_USER_TOP };
static struct ulmm_reply reply;

/* One request as the server handles it: `length` payload words from MR4. */
static enum ulmm_status request_words(a9n_word_t label, a9n_word_t badge, unsigned length,
                                      const a9n_word_t words[5])
{
    a9n_word_t mr[A9N_MR_PAYLOAD + 6] = { 0 };
    for (unsigned i = 0; i < 5; i++)
        mr[A9N_MR_PAYLOAD + i] = words[i];
    struct ulmm_request decoded;
    reply = (struct ulmm_reply){ .status =
                                     ulmm_request_decode(mr, a9n_message_info(label, length, 0),
                                                         badge, &limits, &decoded) };
    if (reply.status == ULMM_STATUS_OK)
        ulmm_service_handle(&service, &decoded, &reply);
    return reply.status;
}

#define REQUEST(label, badge, ...) \
    request_words((label), (badge), 5, (const a9n_word_t[5]){ __VA_ARGS__ })

static enum ulmm_status register_client(a9n_word_t pid, a9n_word_t quota)
{
    return REQUEST(ULMM_REQUEST_REGISTER_CLIENT, 0, pid, 0, quota);
}

static enum ulmm_status client_exited(a9n_word_t pid)
{
    return REQUEST(ULMM_REQUEST_CLIENT_EXITED, 0, pid);
}

static struct ulmm_result alloc_object(a9n_word_t pid, enum a9n_capability_type type,
                                       a9n_word_t parameter)
{
    enum ulmm_status status = REQUEST(ULMM_REQUEST_ALLOC_OBJECT, pid, type, 0, parameter);
    return (struct ulmm_result){ status, reply.results[0] };
}

static struct ulmm_result alloc_frames(a9n_word_t pid, a9n_word_t count)
{
    enum ulmm_status status = REQUEST(ULMM_REQUEST_ALLOC_FRAMES, pid, count);
    return (struct ulmm_result){ status, reply.results[0] };
}

static struct ulmm_result map_frames(a9n_word_t pid, a9n_word_t order, a9n_word_t address)
{
    enum ulmm_status status = REQUEST(ULMM_REQUEST_MAP_FRAMES, pid, order, 0, address,
                                      A9N_MAP_READ | A9N_MAP_WRITE, 0);
    return (struct ulmm_result){ status, reply.results[0] };
}

static enum ulmm_status free_handle(a9n_word_t pid, a9n_word_t handle)
{
    return REQUEST(ULMM_REQUEST_FREE, pid, handle);
}

/* Bytes `pid` holds, by its own STATISTICS request. */
static a9n_word_t held_bytes(a9n_word_t pid)
{
    assert_int_equal(REQUEST(ULMM_REQUEST_STATISTICS, pid, 0), ULMM_STATUS_OK);
    return reply.results[3];
}

static uint64_t free_bytes(void)
{
    return service.buddy.free_bytes;
}

static void assert_kernel_consistent(void)
{
    char message[256];
    if (!universe_check(message, sizeof message))
        fail_msg("kernel: %s", message);
}

static int setup(void **state)
{
    (void)state;
    simulated_kernel_setup();
    assert_int_equal(ulmm_service_init(&service, simulated_ulmm_node(), SIMULATED_ULMM_RADIX,
                                       HANDOVER_SLOT + 1, &limits,
                                       &(struct ulmm_service_tables){ links, blocks, entries,
                                                                      records }),
                     ULMM_STATUS_OK);
    assert_int_equal(CALL(simulated_ulmm_node(), A9N_NODE_MOVE, HANDOVER_SLOT,
                          universe_root_slot(UNIVERSE_GENERIC)),
                     A9N_ERROR_NONE);
    assert_int_equal(REQUEST(ULMM_REQUEST_ADD_MEMORY, 0, HANDOVER_SLOT, 0, UNIVERSE_GENERIC_BASE,
                             UNIVERSE_GENERIC_BITS),
                     ULMM_STATUS_OK);
    assert_int_equal(free_bytes(), (uint64_t)1 << UNIVERSE_GENERIC_BITS);
    return 0;
}

/* Every client gone: all memory is back in one piece and the kernel is consistent. */
static int teardown(void **state)
{
    (void)state;
    for (a9n_word_t pid = 1; pid < ULMM_MAX_CLIENTS; pid++)
        if (ulmm_client_is_registered(&service.records, pid))
            assert_int_equal(client_exited(pid), ULMM_STATUS_OK);
    assert_int_equal(free_bytes(), service.buddy.total_bytes);
    assert_int_equal(service.slots.free_count, SLOTS - HANDOVER_SLOT - 2);
    assert_kernel_consistent();
    universe_teardown();
    return 0;
}

static void garbage_requests_change_nothing(void **state)
{
    (void)state;
    assert_int_equal(register_client(2, UNLIMITED), ULMM_STATUS_OK);
    uint64_t before = free_bytes();

    a9n_word_t labels[] = { 0, ULMM_REQUEST_ADD_MEMORY + 1, 0xffff, (a9n_word_t)1 << 47 };
    for (unsigned i = 0; i < sizeof labels / sizeof labels[0]; i++)
        assert_int_equal(REQUEST(labels[i], 2, 1, 1, 1, 1, 1), ULMM_STATUS_UNKNOWN_REQUEST);
    for (a9n_word_t label = ULMM_REQUEST_ALLOC_FRAMES; label <= ULMM_REQUEST_ADD_MEMORY; label++)
        assert_int_equal(request_words(label, 2, 0, (const a9n_word_t[5]){ 1 }),
                         ULMM_STATUS_INVALID_ARGUMENT);
    /* Init's requests, and an owner field, from a client. */
    assert_int_equal(register_client(3, UNLIMITED), ULMM_STATUS_OK);
    assert_int_equal(REQUEST(ULMM_REQUEST_REGISTER_CLIENT, 2, 4, 0, UNLIMITED),
                     ULMM_STATUS_NOT_PERMITTED);
    assert_int_equal(REQUEST(ULMM_REQUEST_CLIENT_EXITED, 2, 3), ULMM_STATUS_NOT_PERMITTED);
    assert_int_equal(REQUEST(ULMM_REQUEST_ALLOC_OBJECT, 2, A9N_CAPABILITY_IPC_PORT, 3, 0),
                     ULMM_STATUS_NOT_PERMITTED);
    /* A badge ULMM never registered. */
    assert_int_equal(alloc_object(77, A9N_CAPABILITY_IPC_PORT, 0).status, ULMM_STATUS_NO_CLIENT);
    assert_true(held_bytes(3) > 0); /* its address space */
    assert_int_equal(client_exited(3), ULMM_STATUS_OK);
    assert_int_equal(free_bytes(), before);
    assert_kernel_consistent();
}

static void absurd_sizes_are_refused(void **state)
{
    (void)state;
    assert_int_equal(register_client(2, UNLIMITED), ULMM_STATUS_OK);
    uint64_t before = free_bytes();

    assert_int_equal(alloc_frames(2, 0).status, ULMM_STATUS_INVALID_ARGUMENT);
    assert_int_equal(alloc_frames(2, (a9n_word_t)1 << 63).status, ULMM_STATUS_TOO_LARGE);
    assert_int_equal(alloc_frames(2, (a9n_word_t)-1).status, ULMM_STATUS_TOO_LARGE);
    assert_int_equal(alloc_frames(2, ULMM_MAX_RUN_FRAMES + 1).status, ULMM_STATUS_TOO_LARGE);
    assert_int_equal(map_frames(2, (a9n_word_t)1 << 63, 0x400000).status, ULMM_STATUS_TOO_LARGE);
    assert_int_equal(map_frames(2, 0, (a9n_word_t)1 << 63).status, ULMM_STATUS_INVALID_ADDRESS);
    assert_int_equal(alloc_object(2, A9N_CAPABILITY_NODE, 63).status,
                     ULMM_STATUS_INVALID_ARGUMENT);
    /* Possible sizes, but more than all of memory (2 MiB here). */
    assert_int_equal(alloc_object(2, A9N_CAPABILITY_NODE, 24).status, ULMM_STATUS_OUT_OF_MEMORY);
    assert_int_equal(alloc_frames(2, ULMM_MAX_RUN_FRAMES).status, ULMM_STATUS_OUT_OF_MEMORY);
    assert_int_equal(map_frames(2, ULMM_MAX_FRAME_ORDER, 0x400000).status,
                     ULMM_STATUS_OUT_OF_MEMORY);
    assert_int_equal(free_bytes(), before);
    assert_kernel_consistent();
}

static void double_frees_and_foreign_handles_are_refused(void **state)
{
    (void)state;
    assert_int_equal(register_client(2, UNLIMITED), ULMM_STATUS_OK);
    assert_int_equal(register_client(3, UNLIMITED), ULMM_STATUS_OK);
    struct ulmm_result port = alloc_object(2, A9N_CAPABILITY_IPC_PORT, 0);
    struct ulmm_result run = alloc_frames(2, 5);
    struct ulmm_result page = map_frames(2, 0, 0x400000);
    assert_int_equal(port.status, ULMM_STATUS_OK);
    assert_int_equal(run.status, ULMM_STATUS_OK);
    assert_int_equal(page.status, ULMM_STATUS_OK);
    uint64_t before = free_bytes();

    /* Another client's handles, and init acting for the wrong owner. */
    a9n_word_t handles[] = { port.handle, run.handle, page.handle };
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(free_handle(3, handles[i]), ULMM_STATUS_NOT_OWNED);
        assert_int_equal(REQUEST(ULMM_REQUEST_FREE, 0, handles[i], 3), ULMM_STATUS_NOT_OWNED);
    }
    /* Handles ULMM never gave: the run's Node, the address space, empty and absurd slots. */
    a9n_word_t never[] = { service.records.records[run.handle].object,
                           service.records.clients[2].address_space, HANDOVER_SLOT, SLOTS - 1,
                           SLOTS, (a9n_word_t)-1 };
    for (unsigned i = 0; i < sizeof never / sizeof never[0]; i++) {
        assert_int_equal(free_handle(2, never[i]), ULMM_STATUS_NOT_OWNED);
        assert_int_equal(free_handle(3, never[i]), ULMM_STATUS_NOT_OWNED);
    }
    assert_int_equal(free_bytes(), before);

    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(free_handle(2, handles[i]), ULMM_STATUS_OK);
        assert_int_equal(free_handle(2, handles[i]), ULMM_STATUS_NOT_OWNED);
    }
    assert_kernel_consistent();
}

/* One client takes everything; the other is refused, then served once memory is back. */
static void exhaustion_by_one_client_leaves_ulmm_serving(void **state)
{
    (void)state;
    assert_int_equal(register_client(2, UNLIMITED), ULMM_STATUS_OK);
    assert_int_equal(register_client(3, UNLIMITED), ULMM_STATUS_OK);
    static a9n_word_t taken[SLOTS];
    unsigned count = 0;
    struct ulmm_result result;
    while ((result = alloc_object(2, A9N_CAPABILITY_FRAME, 0)).status == ULMM_STATUS_OK)
        taken[count++] = result.handle;
    assert_int_equal(result.status, ULMM_STATUS_OUT_OF_MEMORY);
    assert_true(count > 400);
    /* Smaller objects may still fit into the last slab; pages do not. */
    assert_int_equal(alloc_object(3, A9N_CAPABILITY_FRAME, 0).status, ULMM_STATUS_OUT_OF_MEMORY);
    assert_int_equal(alloc_frames(3, 1).status, ULMM_STATUS_OUT_OF_MEMORY);
    assert_kernel_consistent();

    assert_int_equal(free_handle(2, taken[--count]), ULMM_STATUS_OK);
    struct ulmm_result page = alloc_object(3, A9N_CAPABILITY_FRAME, 0);
    assert_int_equal(page.status, ULMM_STATUS_OK);
    assert_int_equal(free_handle(3, page.handle), ULMM_STATUS_OK);
    /* The exhausting client's exit gives back everything it took. */
    assert_int_equal(client_exited(2), ULMM_STATUS_OK);
    struct ulmm_result run = alloc_frames(3, 64);
    assert_int_equal(run.status, ULMM_STATUS_OK);
    assert_int_equal(free_handle(3, run.handle), ULMM_STATUS_OK);
}

static void a_client_at_its_quota_is_refused_while_others_allocate(void **state)
{
    (void)state;
    a9n_word_t quota = 64 * 1024;
    assert_int_equal(register_client(4, quota), ULMM_STATUS_OK);
    assert_int_equal(register_client(5, quota), ULMM_STATUS_OK);
    /* Its address space counts. */
    a9n_word_t layout = held_bytes(4);
    assert_true(layout > 0);

    static a9n_word_t taken[64];
    unsigned count = 0;
    struct ulmm_result result;
    while (count < 64 &&
           (result = alloc_object(4, A9N_CAPABILITY_FRAME, 0)).status == ULMM_STATUS_OK)
        taken[count++] = result.handle;
    assert_int_equal(result.status, ULMM_STATUS_QUOTA_EXCEEDED);
    assert_int_equal(count, (quota - layout) / PAGE);
    assert_true(held_bytes(4) <= quota);
    uint64_t at_quota = free_bytes();
    assert_int_equal(alloc_frames(4, 1).status, ULMM_STATUS_QUOTA_EXCEEDED);
    assert_int_equal(alloc_frames(4, 64).status, ULMM_STATUS_QUOTA_EXCEEDED);
    assert_int_equal(map_frames(4, 0, 0x400000).status, ULMM_STATUS_QUOTA_EXCEEDED);
    assert_int_equal(free_bytes(), at_quota);

    /* The neighbour's quota is its own. */
    struct ulmm_result other = alloc_frames(5, 8);
    assert_int_equal(other.status, ULMM_STATUS_OK);
    assert_int_equal(free_handle(5, other.handle), ULMM_STATUS_OK);

    /* Freeing gives quota back. */
    assert_int_equal(free_handle(4, taken[--count]), ULMM_STATUS_OK);
    assert_int_equal(held_bytes(4), layout + count * PAGE);
    result = alloc_object(4, A9N_CAPABILITY_FRAME, 0);
    assert_int_equal(result.status, ULMM_STATUS_OK);
    assert_int_equal(alloc_object(4, A9N_CAPABILITY_FRAME, 0).status,
                     ULMM_STATUS_QUOTA_EXCEEDED);
    assert_int_equal(client_exited(4), ULMM_STATUS_OK);
    assert_int_equal(register_client(4, quota), ULMM_STATUS_OK);
    assert_int_equal(held_bytes(4), layout);
}

/* A mapped run's page tables are the client's and count against its quota too. */
static void page_tables_count_against_the_quota(void **state)
{
    (void)state;
    assert_int_equal(register_client(6, UNLIMITED), ULMM_STATUS_OK);
    a9n_word_t layout = held_bytes(6);
    struct ulmm_result page = map_frames(6, 0, 0x400000);
    assert_int_equal(page.status, ULMM_STATUS_OK);
    a9n_word_t tables = held_bytes(6) - layout - PAGE;
    assert_true(tables >= 3 * PAGE); /* three levels below the root were missing */
    assert_int_equal(free_handle(6, page.handle), ULMM_STATUS_OK);
    assert_int_equal(held_bytes(6), layout + tables);

    /* Quota for the layout and the tables, not the frame: refused, nothing kept. */
    assert_int_equal(register_client(7, layout + tables), ULMM_STATUS_OK);
    assert_int_equal(map_frames(7, 0, 0x400000).status, ULMM_STATUS_QUOTA_EXCEEDED);
    assert_true(held_bytes(7) <= layout + tables);
}

/* Frame i of a run is in slot i of the Node the client gets; the rest is empty. */
static void run_of(a9n_word_t count)
{
    assert_int_equal(register_client(2, UNLIMITED), ULMM_STATUS_OK);
    uint64_t before = free_bytes();
    struct ulmm_result run = alloc_frames(2, count);
    assert_int_equal(run.status, ULMM_STATUS_OK);
    assert_int_equal(reply.capability_count, 1);
    unsigned radix = ulmm_run_radix(count);
    /* The block of 2^order pages, and the Node (from a slab: maybe a new one). */
    assert_true(free_bytes() <= before - (PAGE << ulmm_run_order(count)));
    a9n_word_t node = reply.capabilities[0];
    struct slot *node_cap = universe_slot(node);
    assert_int_equal(node_cap->type, A9N_CAPABILITY_NODE);
    assert_int_equal(node_slot_count(node_cap), (a9n_word_t)1 << radix);
    a9n_paddr_t first = 0;
    for (a9n_word_t i = 0; i < ((a9n_word_t)1 << radix); i++) {
        struct slot *frame = node_slot(node_cap, i);
        if (i >= count) {
            assert_true(slot_is_empty(frame));
            continue;
        }
        assert_int_equal(frame->type, A9N_CAPABILITY_FRAME);
        /* Physically contiguous, in slot order. */
        if (i == 0)
            first = frame->object;
        assert_int_equal(frame->object, first + i * PAGE);
    }
    assert_int_equal(free_handle(2, run.handle), ULMM_STATUS_OK);
    assert_int_equal(free_bytes(), before);
    assert_kernel_consistent();
}

static void alloc_frames_1(void **state)
{
    (void)state;
    run_of(1);
}

static void alloc_frames_4(void **state)
{
    (void)state;
    run_of(4);
}

static void alloc_frames_5(void **state)
{
    (void)state;
    run_of(5);
}

static void alloc_frames_64(void **state)
{
    (void)state;
    run_of(64);
}

static void alloc_frames_beyond_the_quota_fails_cleanly(void **state)
{
    (void)state;
    assert_int_equal(register_client(2, 128 * 1024), ULMM_STATUS_OK);
    uint64_t before = free_bytes();
    a9n_word_t held = held_bytes(2);
    assert_int_equal(alloc_frames(2, 64).status, ULMM_STATUS_QUOTA_EXCEEDED);
    assert_int_equal(free_bytes(), before);
    assert_int_equal(held_bytes(2), held);
    struct ulmm_result run = alloc_frames(2, 16);
    assert_int_equal(run.status, ULMM_STATUS_OK);
}

/*
 * The client may write into the Node it is given: a copy of the Node
 * inside itself, one of its own objects, a frame moved out of the run to
 * elsewhere. Freeing still destroys all of it, and the kernel stays
 * consistent.
 */
static void what_a_client_puts_into_its_node_goes_with_the_run(void **state)
{
    (void)state;
    assert_int_equal(register_client(2, UNLIMITED), ULMM_STATUS_OK);
    uint64_t before = free_bytes();
    struct ulmm_result port = alloc_object(2, A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t port_slot = reply.capabilities[0];
    struct ulmm_result run = alloc_frames(2, 5);
    assert_int_equal(run.status, ULMM_STATUS_OK);
    a9n_word_t node = reply.capabilities[0];
    /* Slots 5 .. 7 are empty: a copy of the Node itself, and of the port. */
    assert_int_equal(CALL(node, A9N_NODE_COPY, 5, node), A9N_ERROR_NONE);
    assert_int_equal(CALL(node, A9N_NODE_COPY, 7, port_slot), A9N_ERROR_NONE);
    /* Frame 0 moved out, into a slot of the universe's root node. */
    a9n_word_t moved = universe_root_slot(UNIVERSE_FIRST_FREE + 5);
    assert_int_equal(CALL(universe_root_slot(UNIVERSE_SELF), A9N_NODE_MOVE,
                          UNIVERSE_FIRST_FREE + 5, a9n_descriptor_child(node, 3, 0)),
                     A9N_ERROR_NONE);
    assert_int_equal(universe_slot(moved)->type, A9N_CAPABILITY_FRAME);
    assert_kernel_consistent();

    assert_int_equal(free_handle(2, run.handle), ULMM_STATUS_OK);
    assert_kernel_consistent();
    assert_true(slot_is_empty(universe_slot(node)));
    assert_true(slot_is_empty(universe_slot(moved)));
    /* The port survives: the Node held only a copy of it. */
    assert_int_equal(universe_slot(port_slot)->type, A9N_CAPABILITY_IPC_PORT);
    assert_int_equal(free_handle(2, port.handle), ULMM_STATUS_OK);
    assert_int_equal(free_bytes(), before);
}

/* A failed kernel call at any step of a run leaves nothing behind. */
static void a_refused_step_of_a_run_undoes_it(void **state)
{
    (void)state;
    assert_int_equal(register_client(2, UNLIMITED), ULMM_STATUS_OK);
    uint64_t before = free_bytes();
    a9n_word_t held = held_bytes(2);
    for (unsigned fail = 1; fail < 40; fail++) {
        simulated_kernel = (struct simulated_kernel){ .fail_call = fail,
                                                      .fail_error = A9N_ERROR_INVALID_ARGUMENT };
        struct ulmm_result run = alloc_frames(2, 64);
        simulated_kernel.fail_call = 0;
        if (run.status == ULMM_STATUS_OK)
            assert_int_equal(free_handle(2, run.handle), ULMM_STATUS_OK);
        assert_int_equal(free_bytes(), before);
        assert_int_equal(held_bytes(2), held);
        assert_kernel_consistent();
    }
}

int main(void)
{
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(garbage_requests_change_nothing),
        TEST(absurd_sizes_are_refused),
        TEST(double_frees_and_foreign_handles_are_refused),
        TEST(exhaustion_by_one_client_leaves_ulmm_serving),
        TEST(a_client_at_its_quota_is_refused_while_others_allocate),
        TEST(page_tables_count_against_the_quota),
        TEST(alloc_frames_1),
        TEST(alloc_frames_4),
        TEST(alloc_frames_5),
        TEST(alloc_frames_64),
        TEST(alloc_frames_beyond_the_quota_fails_cleanly),
        TEST(what_a_client_puts_into_its_node_goes_with_the_run),
        TEST(a_refused_step_of_a_run_undoes_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
