/*
 * SPEC §8: a fuzzer issues a million random kernel calls — random call
 * numbers, descriptors, operations and arguments in every MR and in its IPC
 * buffer — in a world of its own (root node, Generic, nodes, ports, frames,
 * page tables, address spaces, an interrupt port, an IPC partner; nothing
 * of init's). Init is its resolver and supervisor: a fuzzer that faults,
 * blocks for ever, suspends or cuts itself off is torn down by revoking
 * everything it had, and a fresh one continues the count. This directory
 * sorts first, so every other test of the suite runs afterwards in the
 * same boot, on the kernel the fuzzer left behind.
 */
#include <stdbool.h>

#include <a9n/fault.h>
#include <liba9n/interrupt.h>
#include <liba9n/ipc.h>
#include <liba9n/memory.h>
#include <liba9n/notification.h>
#include <liba9n/timer.h>

#include "../process/threads.h"
#include "fuzz.h"

#define FUZZ_TEST_NAME "fuzz_a_million_random_kernel_calls_leave_the_kernel_healthy"
#define FUZZ_CALLS 1000000ul
#define FUZZ_SEED 0x2545f4914f6cdd1dul

/* Rounds of yields without a single call: the fuzzer is blocked, suspended or demoted. */
#define STALL_ROUNDS 16
/*
 * A round gives the fuzzer at most one time slice (20 ms); under emulation
 * that is a few thousand calls. Far more means its own code, running on
 * registers it wrote at random, scribbled over the count: stop believing it.
 */
#define CALLS_PER_ROUND_MAX 65536
/* Fuzzers in a row that made no call at all: something is wrong with the set-up. */
#define BARREN_FUZZERS 16
#define RESOLVER_BADGE 0xf022
/* A port whose accesses do nothing (the PC's POST diagnostic port), where the machine has ports. */
#define FUZZ_IO_PORT 0x80

#define PAGE A9N_ARCH_PAGE_SIZE

/*
 * Pages of init's data lent to the fuzzer: the only ones of init's
 * memory it can write (mapped at the same addresses).
 */
static struct {
    union {
        struct fuzz_shared shared;
        unsigned char page[PAGE];
    } shared;
    unsigned char fuzzer_stack[2 * PAGE];
    unsigned char partner_stack[PAGE];
} lent __attribute__((aligned(PAGE)));

/*
 * The supervisor's node for one fuzzer: the capabilities the fuzzer's PCB
 * runs on and the mapping capabilities of its address space, out of its
 * reach. Frames mapped there take slots from KEEP_FIRST_FRAME, their page
 * tables the upper half.
 */
#define KEEP_RADIX 8
enum keep_slot {
    KEEP_ROOT,
    KEEP_PROCESS,
    KEEP_ADDRESS_SPACE,
    KEEP_IPC_BUFFER,
    KEEP_RESOLVER,
    KEEP_RESOLVER_BADGED,
    KEEP_FIRST_FRAME,
};

struct world {
    a9n_word_t keep_slot; /* root slot of the keep node */
    a9n_word_t keep_node;
    a9n_word_t root; /* the fuzzer's root node, seen from init */
    a9n_word_t next_frame;
    struct a9n_page_table_supply tables;
};

enum fuzz_end { END_DONE, END_STALLED, END_FAULTED, END_GAVE_UP, END_MISCOUNTED, END_COUNT };

struct fuzz_totals {
    a9n_word_t calls;
    a9n_word_t fuzzers;
    a9n_word_t unknown_calls; /* unknown-kernel-call faults answered */
    a9n_word_t ends[END_COUNT];
};

static a9n_word_t keep(const struct world *w, a9n_word_t slot)
{
    return a9n_descriptor_child(w->keep_node, KEEP_RADIX, slot);
}

static a9n_word_t fuzz(const struct world *w, a9n_word_t slot)
{
    return a9n_descriptor_child(w->root, FUZZ_ROOT_RADIX, slot);
}

/* The line of the first failing step of build_world. */
static int failed_line;

#define TRY(call)                                                                     \
    do {                                                                              \
        enum a9n_error error_ = (call);                                               \
        if (error_ != A9N_ERROR_NONE) {                                               \
            failed_line = __LINE__;                                                   \
            return error_;                                                            \
        }                                                                             \
    } while (0)

/* The frame-node descriptor of the page of init's image at `address` (0: none). */
static a9n_word_t image_frame(a9n_word_t address)
{
    const struct a9n_init_info *info = system_test_init_info();
    for (unsigned i = 0; i < info->segment_count; i++) {
        const struct a9n_init_segment *segment = &info->segments[i];
        if (address >= segment->address && address < segment->address + segment->pages * PAGE)
            return a9n_init_child_slot(A9N_INIT_SLOT_FRAME_NODE,
                                       info->node_radix[A9N_INIT_SLOT_FRAME_NODE],
                                       segment->first_frame + (address - segment->address) / PAGE);
    }
    return 0;
}

/* Map a copy of `frame` (kept out of the fuzzer's reach) in its address space. */
static enum a9n_error map_copy(struct world *w, a9n_word_t frame, a9n_word_t address,
                               unsigned attributes)
{
    a9n_word_t slot = w->next_frame++;
    TRY(a9n_node_copy(w->keep_node, slot, frame));
    TRY(a9n_map_frame_building_tables(keep(w, KEEP_ADDRESS_SPACE), keep(w, slot), address,
                                      attributes, &w->tables));
    return A9N_ERROR_NONE;
}

/*
 * Init's image where it is in init: code and read-only data as in init,
 * the writable segment read-only (the compiler may keep constants there,
 * e.g. riscv64 small data) except the lent pages, which are writable.
 */
static enum a9n_error map_image(struct world *w)
{
    const struct a9n_init_info *info = system_test_init_info();
    for (unsigned i = 0; i < info->segment_count; i++) {
        const struct a9n_init_segment *segment = &info->segments[i];
        for (a9n_word_t page = 0; page < segment->pages; page++) {
            a9n_word_t address = segment->address + page * PAGE;
            unsigned attributes = segment->attributes & ~(unsigned)A9N_MAP_WRITE;
            if (address >= (a9n_word_t)&lent && address < (a9n_word_t)&lent + sizeof(lent))
                attributes |= A9N_MAP_WRITE;
            TRY(map_copy(w, image_frame(address), address, attributes));
        }
    }
    return A9N_ERROR_NONE;
}

static enum a9n_error make(a9n_word_t node, a9n_word_t slot, enum a9n_capability_type type,
                           a9n_word_t parameter)
{
    return a9n_generic_convert(system_test_generic(), type, parameter, 1, node, slot);
}

/* The fuzzer's root node, filled as enum fuzz_slot says. */
static enum a9n_error fill_root(struct world *w)
{
    const struct a9n_init_info *info = system_test_init_info();
    const a9n_word_t root = w->root;
    a9n_word_t spare_line = info->interrupt_count - 1;

    TRY(a9n_node_copy(root, FUZZ_SLOT_ROOT, keep(w, KEEP_ROOT)));
    TRY(a9n_node_copy(root, FUZZ_SLOT_PROCESS, keep(w, KEEP_PROCESS)));
    TRY(a9n_node_copy(root, FUZZ_SLOT_ADDRESS_SPACE, keep(w, KEEP_ADDRESS_SPACE)));
    TRY(a9n_node_copy(root, FUZZ_SLOT_IPC_BUFFER, keep(w, KEEP_IPC_BUFFER)));
    TRY(make(root, FUZZ_SLOT_NODE, A9N_CAPABILITY_NODE, FUZZ_NODE_RADIX));
    TRY(make(root, FUZZ_SLOT_SMALL_NODE, A9N_CAPABILITY_NODE, FUZZ_SMALL_NODE_RADIX));
    TRY(make(root, FUZZ_SLOT_SERVED_PORT, A9N_CAPABILITY_IPC_PORT, 0));
    TRY(a9n_node_mint(root, FUZZ_SLOT_SERVED_PORT_BADGED, fuzz(w, FUZZ_SLOT_SERVED_PORT),
                      A9N_RIGHTS_ALL, 0x5e));
    TRY(make(root, FUZZ_SLOT_PORT, A9N_CAPABILITY_IPC_PORT, 0));
    TRY(make(root, FUZZ_SLOT_PARTNER_RESOLVER, A9N_CAPABILITY_IPC_PORT, 0));
    TRY(make(root, FUZZ_SLOT_NOTIFICATION, A9N_CAPABILITY_NOTIFICATION_PORT, 0));
    TRY(a9n_node_mint(root, FUZZ_SLOT_NOTIFICATION_BADGED, fuzz(w, FUZZ_SLOT_NOTIFICATION),
                      A9N_RIGHTS_ALL, 0x1));
    TRY(make(root, FUZZ_SLOT_FRAME, A9N_CAPABILITY_FRAME, 0));
    TRY(make(root, FUZZ_SLOT_FRAME_SPARE, A9N_CAPABILITY_FRAME, 0));
    TRY(a9n_node_mint(root, FUZZ_SLOT_FRAME_READ_ONLY, fuzz(w, FUZZ_SLOT_FRAME),
                      A9N_RIGHT_READ | A9N_RIGHT_COPY, 0));
    TRY(a9n_node_mint(root, FUZZ_SLOT_CODE_FRAME, image_frame((a9n_word_t)fuzzer_main),
                      A9N_RIGHT_READ | A9N_RIGHT_EXECUTE | A9N_RIGHT_COPY, 0));
    TRY(make(root, FUZZ_SLOT_PAGE_TABLE_LOW, A9N_CAPABILITY_PAGE_TABLE, 1));
    TRY(make(root, FUZZ_SLOT_PAGE_TABLE_HIGH, A9N_CAPABILITY_PAGE_TABLE, info->paging_levels - 1));
    TRY(make(root, FUZZ_SLOT_SPARE_ADDRESS_SPACE, A9N_CAPABILITY_ADDRESS_SPACE, 0));
    TRY(make(root, FUZZ_SLOT_INTERRUPT_PORT, A9N_CAPABILITY_INTERRUPT_PORT, 0));
    /* The last line is one no device of the test machine uses (and not the console's). */
    if (spare_line == info->console.interrupt_line)
        spare_line--;
    TRY(a9n_interrupt_region_make_port(a9n_init_slot(A9N_INIT_SLOT_INTERRUPT_REGION), spare_line,
                                       fuzz(w, FUZZ_SLOT_INTERRUPT_PORT)));
    TRY(make(root, FUZZ_SLOT_INTERRUPT_PORT_UNUSED, A9N_CAPABILITY_INTERRUPT_PORT, 0));
    TRY(make(root, FUZZ_SLOT_PARTNER, A9N_CAPABILITY_PROCESS, 0));
    TRY(make(root, FUZZ_SLOT_PARTNER_IPC_BUFFER, A9N_CAPABILITY_FRAME, 0));
    TRY(make(root, FUZZ_SLOT_TIMER, A9N_CAPABILITY_TIMER, 0));
    TRY(a9n_timer_bind(fuzz(w, FUZZ_SLOT_TIMER), fuzz(w, FUZZ_SLOT_NOTIFICATION_BADGED), 0x1));
    if (info->io_port_count > FUZZ_IO_PORT)
        TRY(a9n_io_port_mint(a9n_init_slot(A9N_INIT_SLOT_IO_PORT), root, FUZZ_SLOT_IO_PORT,
                             FUZZ_IO_PORT, FUZZ_IO_PORT));
    return A9N_ERROR_NONE;
}

/* Build a fuzzer's world from the test's Generic and start the fuzzer and its partner. */
static enum a9n_error start_fuzzer(struct world *w, a9n_word_t seed)
{
    const struct a9n_init_info *info = system_test_init_info();
    w->keep_node = system_test_descriptor(w->keep_slot);
    w->root = keep(w, KEEP_ROOT);
    w->next_frame = KEEP_FIRST_FRAME;
    w->tables = (struct a9n_page_table_supply){
        .generic = system_test_generic(),
        .node = w->keep_node,
        .radix = KEEP_RADIX,
        .next = 1u << (KEEP_RADIX - 1),
        .end = 1u << KEEP_RADIX,
    };

    TRY(make(SYSTEM_TEST_ROOT, w->keep_slot, A9N_CAPABILITY_NODE, KEEP_RADIX));
    TRY(make(w->keep_node, KEEP_ROOT, A9N_CAPABILITY_NODE, FUZZ_ROOT_RADIX));
    TRY(make(w->keep_node, KEEP_PROCESS, A9N_CAPABILITY_PROCESS, 0));
    TRY(make(w->keep_node, KEEP_ADDRESS_SPACE, A9N_CAPABILITY_ADDRESS_SPACE, 0));
    TRY(make(w->keep_node, KEEP_IPC_BUFFER, A9N_CAPABILITY_FRAME, 0));
    TRY(make(w->keep_node, KEEP_RESOLVER, A9N_CAPABILITY_IPC_PORT, 0));
    TRY(a9n_node_mint(w->keep_node, KEEP_RESOLVER_BADGED, keep(w, KEEP_RESOLVER), A9N_RIGHTS_ALL,
                      RESOLVER_BADGE));
    TRY(fill_root(w));
    TRY(map_image(w));
    TRY(a9n_map_frame_building_tables(keep(w, KEEP_ADDRESS_SPACE), keep(w, KEEP_IPC_BUFFER),
                                      FUZZ_IPC_BUFFER_ADDRESS, A9N_MAP_READ | A9N_MAP_WRITE,
                                      &w->tables));
    TRY(map_copy(w, fuzz(w, FUZZ_SLOT_PARTNER_IPC_BUFFER), FUZZ_PARTNER_IPC_BUFFER_ADDRESS,
                 A9N_MAP_READ | A9N_MAP_WRITE));
    /* Last: aligned to its size, it lands past everything above. */
    TRY(make(w->root, FUZZ_SLOT_GENERIC, A9N_CAPABILITY_GENERIC, FUZZ_GENERIC_BITS));

    lent.shared.shared = (struct fuzz_shared){
        .seed = seed,
        .paging_levels = info->paging_levels,
        .interrupt_lines = info->interrupt_count,
        .io_port = FUZZ_IO_PORT,
    };
    /* The partner's PCB runs on the fuzzer's own capabilities: the fuzzer can pull them away. */
    TRY(a9n_thread_start(&(struct a9n_thread_start){
        .process = fuzz(w, FUZZ_SLOT_PARTNER),
        .address_space = fuzz(w, FUZZ_SLOT_ADDRESS_SPACE),
        .root_node = w->root,
        .ipc_buffer = fuzz(w, FUZZ_SLOT_PARTNER_IPC_BUFFER),
        .resolver = fuzz(w, FUZZ_SLOT_PARTNER_RESOLVER),
        .priority = TEST_PRIORITY_INIT,
        .function = fuzzer_partner_main,
        .argument = ~seed,
        .stack = lent.partner_stack,
        .stack_size = sizeof(lent.partner_stack),
    }));
    /* At init's priority: the two share the CPU round robin, so a busy fuzzer cannot starve init. */
    TRY(a9n_thread_start(&(struct a9n_thread_start){
        .process = keep(w, KEEP_PROCESS),
        .address_space = keep(w, KEEP_ADDRESS_SPACE),
        .root_node = w->root,
        .ipc_buffer = keep(w, KEEP_IPC_BUFFER),
        .resolver = keep(w, KEEP_RESOLVER_BADGED),
        .priority = TEST_PRIORITY_INIT,
        .function = fuzzer_main,
        .argument = (a9n_word_t)&lent.shared.shared,
        .stack = lent.fuzzer_stack,
        .stack_size = sizeof(lent.fuzzer_stack),
    }));
    return A9N_ERROR_NONE;
}

/*
 * Watch one fuzzer until the total is reached or it stops making progress;
 * answer its unknown-kernel-call faults (it resumes after the call). Its
 * count is only believed while it grows plausibly.
 */
static enum fuzz_end supervise(const struct world *w, struct fuzz_totals *totals)
{
    volatile struct fuzz_shared *shared = &lent.shared.shared;
    a9n_word_t counted = 0;
    unsigned idle = 0;

    for (;;) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
        bool faulted = false;
        if (a9n_ipc_receive_non_blocking(keep(w, KEEP_RESOLVER), mr) == A9N_ERROR_NONE) {
            if (mr[A9N_FAULT_MR_KIND] != A9N_FAULT_UNKNOWN_KERNEL_CALL) {
                faulted = true;
            } else {
                totals->unknown_calls++;
                mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
                a9n_ipc_reply(keep(w, KEEP_RESOLVER), mr);
            }
        } else {
            a9n_yield();
        }
        a9n_word_t calls = shared->calls;
        if (calls < counted || calls - counted > CALLS_PER_ROUND_MAX)
            return END_MISCOUNTED;
        idle = calls == counted ? idle + 1 : 0;
        totals->calls += calls - counted;
        counted = calls;
        if (totals->calls >= FUZZ_CALLS)
            return END_DONE;
        if (faulted)
            return END_FAULTED;
        if (shared->gave_up)
            return END_GAVE_UP;
        if (idle == STALL_ROUNDS)
            return END_STALLED;
    }
}

/* Each fuzzer gets a seed derived from its predecessor's (an LCG step, never 0 for xorshift). */
static a9n_word_t next_seed(a9n_word_t seed)
{
    return (seed * 6364136223846793005ul + 1442695040888963407ul) | 1;
}

/* Run fuzzers until FUZZ_CALLS; the error (and failed_line) of a world that could not be built. */
static enum a9n_error run_fuzzers(struct fuzz_totals *totals)
{
    const a9n_word_t test_generic_slot = a9n_descriptor_path(system_test_generic());
    struct world w = { .keep_slot = system_test_slot() };
    a9n_word_t seed = FUZZ_SEED;
    unsigned barren = 0;
    enum fuzz_end end;

    do {
        a9n_word_t before = totals->calls;
        seed = next_seed(seed);
        enum a9n_error error = start_fuzzer(&w, seed);
        if (error != A9N_ERROR_NONE)
            return error;
        totals->fuzzers++;
        end = supervise(&w, totals);
        /* Fuzzers that cannot even start would otherwise be restarted for ever. */
        barren = totals->calls == before ? barren + 1 : 0;
        totals->ends[end]++;
        /*
         * Everything of the fuzzer's came from the test's Generic: revoking it
         * destroys the lot, whatever state the fuzzer left it in, and the
         * next world is built from its base again: anything that survived
         * shows up there (an occupied slot, a Generic without room).
         */
        TRY(a9n_node_revoke(SYSTEM_TEST_ROOT, test_generic_slot));
    } while (end != END_DONE && barren < BARREN_FUZZERS);
    return A9N_ERROR_NONE;
}

static volatile a9n_word_t health_reply;

static void health_client(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(1, 1, 0);
    mr[A9N_MR_PAYLOAD] = 0x600d;
    if (a9n_ipc_call(system_test_descriptor(port), mr) == A9N_ERROR_NONE)
        health_reply = mr[A9N_MR_PAYLOAD];
}

static void put_count(const char *label, a9n_word_t value)
{
    a9n_debug_puts(label);
    a9n_debug_put_unsigned(value);
}

SYSTEM_TEST(fuzz_a_million_random_kernel_calls_leave_the_kernel_healthy)
{
    struct fuzz_totals totals = { 0 };

    /* The seed first: should the kernel die, the log says how to get there again. */
    a9n_debug_puts("\nfuzz: seed ");
    a9n_debug_put_hex(FUZZ_SEED);
    put_count(", calls ", FUZZ_CALLS);
    a9n_debug_puts("\ntest " FUZZ_TEST_NAME);
    enum a9n_error error = run_fuzzers(&totals);

    put_count("\nfuzz: ", totals.calls);
    put_count(" calls by ", totals.fuzzers);
    put_count(" fuzzers (stalled ", totals.ends[END_STALLED]);
    put_count(", faulted ", totals.ends[END_FAULTED]);
    put_count(", gave up ", totals.ends[END_GAVE_UP]);
    put_count(", miscounted ", totals.ends[END_MISCOUNTED]);
    put_count("), unknown-call faults ", totals.unknown_calls);
    /* Kernel diagnostics (threads the fuzzers left without a resolver) broke the test's line. */
    a9n_debug_puts("\ntest " FUZZ_TEST_NAME);
    if (error != A9N_ERROR_NONE) {
        test_check_failed(__FILE__, failed_line, "a fuzzer's world could be built and revoked",
                         error, A9N_ERROR_NONE);
        return;
    }
    CHECK(totals.calls >= FUZZ_CALLS);

    /* The whole test Generic is free again: nothing the fuzzers made survived. */
    for (unsigned half = 0; half < 2; half++)
        CHECK_EQUAL(make(SYSTEM_TEST_ROOT, system_test_slot(), A9N_CAPABILITY_GENERIC,
                         SYSTEM_TEST_GENERIC_BITS - 1),
                    A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, a9n_descriptor_path(system_test_generic())),
                A9N_ERROR_NONE);

    /* IPC and notifications still work. */
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t process, mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(test_thread_start(health_client, port, TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_ipc_receive(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(mr[A9N_MR_PAYLOAD], 0x600d);
    mr[A9N_MR_INFO] = a9n_message_info(1, 1, 0);
    mr[A9N_MR_PAYLOAD] = 0x600e;
    CHECK_EQUAL(a9n_ipc_reply(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&health_reply, 10), 0x600e);

    a9n_word_t notification = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t badged = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, badged, system_test_descriptor(notification),
                              A9N_RIGHTS_ALL, 0x4),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_notification_notify(system_test_descriptor(badged)), A9N_ERROR_NONE);
    struct a9n_word_result word = a9n_notification_poll(system_test_descriptor(notification));
    CHECK_EQUAL(word.error, A9N_ERROR_NONE);
    CHECK_EQUAL(word.value, 0x4);
}
