/*
 * Building a fuzzer's world (world.h): nothing of init's is in its reach.
 * Its root node holds objects made for it and copies of what its threads
 * run on; init keeps the originals. Its address space maps init's code and
 * read-only data where they are in init, and one set of pages of init's
 * data lent to it (shared pages and stacks); the rest of init's data is
 * mapped read-only.
 */
#include <a9n/fault.h>
#include <liba9n/interrupt.h>
#include <liba9n/ipc.h>
#include <liba9n/notification.h>
#include <liba9n/timer.h>

#include "../process/threads.h"
#include "world.h"

#define RESOLVER_BADGE 0xf022
/* A port whose accesses do nothing (the PC's POST diagnostic port), where the machine has ports. */
#define FUZZ_IO_PORT 0x80

#define PAGE A9N_ARCH_PAGE_SIZE
#define SHARED_PAGES ((sizeof(struct fuzz_shared) + PAGE - 1) / PAGE)

/*
 * Pages of init's data lent to the fuzzers, one set per world alive at
 * once: the only ones of init's memory a fuzzer can write (mapped at the
 * same addresses).
 */
struct lent_pages {
    union {
        struct fuzz_shared shared;
        unsigned char pages[SHARED_PAGES * PAGE];
    } shared;
    unsigned char fuzzer_stack[2 * PAGE];
    unsigned char partner_stack[PAGE];
};
static struct lent_pages lent[FUZZ_PROCESSES] __attribute__((aligned(PAGE)));

a9n_word_t fuzz_world_keep(const struct fuzz_world *w, a9n_word_t slot)
{
    return a9n_descriptor_child(w->keep_node, FUZZ_KEEP_RADIX, slot);
}

a9n_word_t fuzz_world_slot(const struct fuzz_world *w, a9n_word_t slot)
{
    return a9n_descriptor_child(w->root, FUZZ_ROOT_RADIX, slot);
}

volatile struct fuzz_shared *fuzz_world_shared(const struct fuzz_world *w)
{
    return &lent[w->lent].shared.shared;
}

/* The line of the first failing step of fuzz_world_build or fuzz_world_start. */
static int failed_line;

const char *fuzz_world_failed_file(void)
{
    return __FILE__;
}

int fuzz_world_failed_line(void)
{
    return failed_line;
}

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
static enum a9n_error map_copy(struct fuzz_world *w, a9n_word_t frame, a9n_word_t address,
                               unsigned attributes)
{
    a9n_word_t slot = w->next_frame++;
    TRY(a9n_node_copy(w->keep_node, slot, frame));
    TRY(a9n_map_frame_building_tables(fuzz_world_keep(w, FUZZ_KEEP_ADDRESS_SPACE),
                                      fuzz_world_keep(w, slot), address, attributes, &w->tables));
    return A9N_ERROR_NONE;
}

/*
 * Init's image where it is in init: code and read-only data as in init,
 * the writable segment read-only (the compiler may keep constants there,
 * e.g. riscv64 small data) except the world's own lent pages.
 */
static enum a9n_error map_image(struct fuzz_world *w)
{
    const struct a9n_init_info *info = system_test_init_info();
    const a9n_word_t lent_start = (a9n_word_t)&lent[w->lent];
    for (unsigned i = 0; i < info->segment_count; i++) {
        const struct a9n_init_segment *segment = &info->segments[i];
        for (a9n_word_t page = 0; page < segment->pages; page++) {
            a9n_word_t address = segment->address + page * PAGE;
            unsigned attributes = segment->attributes & ~(unsigned)A9N_MAP_WRITE;
            if (address >= lent_start && address < lent_start + sizeof(lent[0]))
                attributes |= A9N_MAP_WRITE;
            TRY(map_copy(w, image_frame(address), address, attributes));
        }
    }
    return A9N_ERROR_NONE;
}

static enum a9n_error make(const struct fuzz_world *w, a9n_word_t node, a9n_word_t slot,
                           enum a9n_capability_type type, a9n_word_t parameter)
{
    return a9n_generic_convert(w->generic, type, parameter, 1, node, slot);
}

/* The fuzzer's root node, filled as the lone fuzzer's layout (enum fuzz_slot) says. */
static enum a9n_error fill_root(struct fuzz_world *w)
{
    const struct a9n_init_info *info = system_test_init_info();
    const a9n_word_t root = w->root;

    TRY(a9n_node_copy(root, FUZZ_SLOT_ROOT, fuzz_world_keep(w, FUZZ_KEEP_ROOT)));
    TRY(a9n_node_copy(root, FUZZ_SLOT_PROCESS, fuzz_world_keep(w, FUZZ_KEEP_PROCESS)));
    TRY(a9n_node_copy(root, FUZZ_SLOT_ADDRESS_SPACE, fuzz_world_keep(w, FUZZ_KEEP_ADDRESS_SPACE)));
    TRY(a9n_node_copy(root, FUZZ_SLOT_IPC_BUFFER, fuzz_world_keep(w, FUZZ_KEEP_IPC_BUFFER)));
    TRY(make(w, root, FUZZ_SLOT_NODE, A9N_CAPABILITY_NODE, FUZZ_NODE_RADIX));
    TRY(make(w, root, FUZZ_SLOT_SMALL_NODE, A9N_CAPABILITY_NODE, FUZZ_SMALL_NODE_RADIX));
    TRY(make(w, root, FUZZ_SLOT_SERVED_PORT, A9N_CAPABILITY_IPC_PORT, 0));
    TRY(a9n_node_mint(root, FUZZ_SLOT_SERVED_PORT_BADGED, fuzz_world_slot(w, FUZZ_SLOT_SERVED_PORT),
                      A9N_RIGHTS_ALL, 0x5e));
    TRY(make(w, root, FUZZ_SLOT_PORT, A9N_CAPABILITY_IPC_PORT, 0));
    TRY(make(w, root, FUZZ_SLOT_PARTNER_RESOLVER, A9N_CAPABILITY_IPC_PORT, 0));
    TRY(make(w, root, FUZZ_SLOT_NOTIFICATION, A9N_CAPABILITY_NOTIFICATION_PORT, 0));
    TRY(a9n_node_mint(root, FUZZ_SLOT_NOTIFICATION_BADGED,
                      fuzz_world_slot(w, FUZZ_SLOT_NOTIFICATION), A9N_RIGHTS_ALL, 0x1));
    TRY(make(w, root, FUZZ_SLOT_FRAME, A9N_CAPABILITY_FRAME, 0));
    TRY(make(w, root, FUZZ_SLOT_FRAME_SPARE, A9N_CAPABILITY_FRAME, 0));
    TRY(a9n_node_mint(root, FUZZ_SLOT_FRAME_READ_ONLY, fuzz_world_slot(w, FUZZ_SLOT_FRAME),
                      A9N_RIGHT_READ | A9N_RIGHT_COPY, 0));
    TRY(a9n_node_mint(root, FUZZ_SLOT_CODE_FRAME, image_frame((a9n_word_t)fuzzer_main),
                      A9N_RIGHT_READ | A9N_RIGHT_EXECUTE | A9N_RIGHT_COPY, 0));
    TRY(make(w, root, FUZZ_SLOT_PAGE_TABLE_LOW, A9N_CAPABILITY_PAGE_TABLE, 1));
    TRY(make(w, root, FUZZ_SLOT_PAGE_TABLE_HIGH, A9N_CAPABILITY_PAGE_TABLE,
             info->paging_levels - 1));
    TRY(make(w, root, FUZZ_SLOT_SPARE_ADDRESS_SPACE, A9N_CAPABILITY_ADDRESS_SPACE, 0));
    TRY(make(w, root, FUZZ_SLOT_INTERRUPT_PORT, A9N_CAPABILITY_INTERRUPT_PORT, 0));
    /*
     * The last lines are ones no device of the test machine uses (the
     * console's excepted); a line takes one port, so each world alive at
     * once has its own.
     */
    a9n_word_t spare_line = info->interrupt_count;
    for (unsigned k = 0; k <= w->lent; k++)
        if (--spare_line == info->console.interrupt_line)
            spare_line--;
    TRY(a9n_interrupt_region_make_port(a9n_init_slot(A9N_INIT_SLOT_INTERRUPT_REGION), spare_line,
                                       fuzz_world_slot(w, FUZZ_SLOT_INTERRUPT_PORT)));
    TRY(make(w, root, FUZZ_SLOT_INTERRUPT_PORT_UNUSED, A9N_CAPABILITY_INTERRUPT_PORT, 0));
    TRY(make(w, root, FUZZ_SLOT_PARTNER, A9N_CAPABILITY_PROCESS, 0));
    TRY(make(w, root, FUZZ_SLOT_PARTNER_IPC_BUFFER, A9N_CAPABILITY_FRAME, 0));
    TRY(make(w, root, FUZZ_SLOT_TIMER, A9N_CAPABILITY_TIMER, 0));
    TRY(a9n_timer_bind(fuzz_world_slot(w, FUZZ_SLOT_TIMER),
                       fuzz_world_slot(w, FUZZ_SLOT_NOTIFICATION_BADGED), 0x1));
    if (fuzz_world_has_io_port())
        TRY(a9n_io_port_mint(a9n_init_slot(A9N_INIT_SLOT_IO_PORT), root, FUZZ_SLOT_IO_PORT,
                             FUZZ_IO_PORT, FUZZ_IO_PORT));
    return A9N_ERROR_NONE;
}

enum a9n_error fuzz_world_build(struct fuzz_world *w, a9n_word_t seed)
{
    const struct a9n_init_info *info = system_test_init_info();
    w->keep_node = system_test_descriptor(w->keep_slot);
    w->root = fuzz_world_keep(w, FUZZ_KEEP_ROOT);
    w->next_frame = FUZZ_KEEP_FIRST_FRAME;
    w->tables = (struct a9n_page_table_supply){
        .generic = w->generic,
        .node = w->keep_node,
        .radix = FUZZ_KEEP_RADIX,
        .next = 1u << (FUZZ_KEEP_RADIX - 1),
        .end = 1u << FUZZ_KEEP_RADIX,
    };

    TRY(make(w, SYSTEM_TEST_ROOT, w->keep_slot, A9N_CAPABILITY_NODE, FUZZ_KEEP_RADIX));
    TRY(make(w, w->keep_node, FUZZ_KEEP_ROOT, A9N_CAPABILITY_NODE, FUZZ_ROOT_RADIX));
    TRY(make(w, w->keep_node, FUZZ_KEEP_PROCESS, A9N_CAPABILITY_PROCESS, 0));
    TRY(make(w, w->keep_node, FUZZ_KEEP_ADDRESS_SPACE, A9N_CAPABILITY_ADDRESS_SPACE, 0));
    TRY(make(w, w->keep_node, FUZZ_KEEP_IPC_BUFFER, A9N_CAPABILITY_FRAME, 0));
    TRY(make(w, w->keep_node, FUZZ_KEEP_RESOLVER, A9N_CAPABILITY_IPC_PORT, 0));
    TRY(a9n_node_mint(w->keep_node, FUZZ_KEEP_RESOLVER_BADGED,
                      fuzz_world_keep(w, FUZZ_KEEP_RESOLVER), A9N_RIGHTS_ALL, RESOLVER_BADGE));
    TRY(fill_root(w));
    TRY(map_image(w));
    TRY(a9n_map_frame_building_tables(fuzz_world_keep(w, FUZZ_KEEP_ADDRESS_SPACE),
                                      fuzz_world_keep(w, FUZZ_KEEP_IPC_BUFFER),
                                      FUZZ_IPC_BUFFER_ADDRESS, A9N_MAP_READ | A9N_MAP_WRITE,
                                      &w->tables));
    TRY(map_copy(w, fuzz_world_slot(w, FUZZ_SLOT_PARTNER_IPC_BUFFER),
                 FUZZ_PARTNER_IPC_BUFFER_ADDRESS, A9N_MAP_READ | A9N_MAP_WRITE));
    /* Last: aligned to its size, it lands past everything above. */
    TRY(make(w, w->root, FUZZ_SLOT_GENERIC, A9N_CAPABILITY_GENERIC, w->generic_bits));

    struct fuzz_shared *shared = &lent[w->lent].shared.shared;
    *shared = (struct fuzz_shared){
        .seed = seed,
        .paging_levels = info->paging_levels,
        .interrupt_lines = info->interrupt_count,
        .io_port = FUZZ_IO_PORT,
        .slot_count = w->slot_count,
        .generic_bits = w->generic_bits,
    };
    return A9N_ERROR_NONE;
}

enum a9n_error fuzz_world_start(const struct fuzz_world *w)
{
    struct lent_pages *pages = &lent[w->lent];
    /* The partner's PCB runs on the fuzzer's own capabilities: the fuzzer can pull them away. */
    TRY(a9n_thread_start(&(struct a9n_thread_start){
        .process = fuzz_world_slot(w, FUZZ_SLOT_PARTNER),
        .address_space = fuzz_world_slot(w, FUZZ_SLOT_ADDRESS_SPACE),
        .root_node = w->root,
        .ipc_buffer = fuzz_world_slot(w, FUZZ_SLOT_PARTNER_IPC_BUFFER),
        .resolver = fuzz_world_slot(w, FUZZ_SLOT_PARTNER_RESOLVER),
        .priority = TEST_PRIORITY_INIT,
        .function = fuzzer_partner_main,
        .argument = ~pages->shared.shared.seed,
        .stack = pages->partner_stack,
        .stack_size = sizeof(pages->partner_stack),
    }));
    /* At init's priority: they share the CPU round robin, so a busy fuzzer cannot starve init. */
    TRY(a9n_thread_start(&(struct a9n_thread_start){
        .process = fuzz_world_keep(w, FUZZ_KEEP_PROCESS),
        .address_space = fuzz_world_keep(w, FUZZ_KEEP_ADDRESS_SPACE),
        .root_node = w->root,
        .ipc_buffer = fuzz_world_keep(w, FUZZ_KEEP_IPC_BUFFER),
        .resolver = fuzz_world_keep(w, FUZZ_KEEP_RESOLVER_BADGED),
        .priority = TEST_PRIORITY_INIT,
        .function = fuzzer_main,
        .argument = (a9n_word_t)&pages->shared.shared,
        .stack = pages->fuzzer_stack,
        .stack_size = sizeof(pages->fuzzer_stack),
    }));
    return A9N_ERROR_NONE;
}

enum fuzz_fault fuzz_world_take_fault(const struct fuzz_world *w)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive_non_blocking(fuzz_world_keep(w, FUZZ_KEEP_RESOLVER), mr) != A9N_ERROR_NONE)
        return FUZZ_NO_FAULT;
    if (mr[A9N_FAULT_MR_KIND] != A9N_FAULT_UNKNOWN_KERNEL_CALL)
        return FUZZ_FAULTED;
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    a9n_ipc_reply(fuzz_world_keep(w, FUZZ_KEEP_RESOLVER), mr);
    return FUZZ_UNKNOWN_CALL_ANSWERED;
}

/*
 * A look gives the fuzzer at most one time slice (20 ms); under emulation
 * that is a few thousand calls. Far more means its own code, running on
 * registers written at random, scribbled over the count: stop believing it.
 */
#define CALLS_PER_LOOK_MAX 65536

bool fuzz_calls_plausible(a9n_word_t counted, a9n_word_t calls)
{
    return calls >= counted && calls - counted <= CALLS_PER_LOOK_MAX;
}

a9n_word_t fuzz_next_seed(a9n_word_t seed)
{
    return (seed * 6364136223846793005ul + 1442695040888963407ul) | 1;
}

bool fuzz_world_has_io_port(void)
{
    return system_test_init_info()->io_port_count > FUZZ_IO_PORT;
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

void fuzz_check_kernel_healthy(void)
{
    /* The whole test Generic is free again: nothing the fuzzers made survived. */
    for (unsigned half = 0; half < 2; half++)
        CHECK_EQUAL(a9n_generic_convert(system_test_generic(), A9N_CAPABILITY_GENERIC,
                                        SYSTEM_TEST_GENERIC_BITS - 1, 1, SYSTEM_TEST_ROOT,
                                        system_test_slot()),
                    A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, a9n_descriptor_path(system_test_generic())),
                A9N_ERROR_NONE);

    /* IPC and notifications still work. */
    health_reply = 0;
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
