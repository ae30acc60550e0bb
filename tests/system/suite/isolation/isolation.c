/*
 * Isolation: what user mode and a holder of capabilities must never get,
 * one system test each, all in this file:
 *  - isolation_user_mode_cannot_touch_kernel_memory: the kernel image and
 *    the direct map of RAM, read and written;
 *  - isolation_user_mode_faults_everywhere_in_the_kernel_half: a sweep of
 *    addresses spread over the whole upper half, read and written;
 *  - isolation_traps_from_user_mode_leave_the_object_below_the_pcb_alone;
 *  - isolation_badge_cannot_be_forged_by_mint: without the modify right,
 *    or on a capability that has a badge already;
 *  - isolation_copy_mint_move_never_add_rights: the results are invoked;
 *  - isolation_forbidden_instructions_reach_the_resolver (illegal and
 *    privileged instructions);
 *  - isolation_misaligned_access_is_done_or_reaches_the_resolver;
 *  - isolation_divide_by_zero_gives_the_architectures_answer;
 *  - isolation_bad_kernel_call_numbers_reach_the_resolver;
 *  - isolation_destroyed_server_cancels_only_the_call_it_held;
 *  - isolation_revoking_a_generic_wakes_and_forgets_its_blocked_users.
 * Every fault goes to a resolver (a test port init receives on) or, with
 * none, suspends the thread (fault/fault.c, which also has the resolver's
 * protocol: a reply resumes, page faults in user space); never a panic.
 * What C cannot express is in isolation/<arch>/traps.c.
 */
#include <liba9n/notification.h>

#include "../fault/resolver.h"
#include "../memory/memory_test.h"
#include "traps.h"

/* ---- one thread, run again for each access a test tries ---------------------------- */

/* A thread that reports its faults to the test; started once, then pointed at the next access. */
struct prober {
    struct faulting_thread thread;
    bool started;
};

static unsigned char prober_stack[8192] __attribute__((aligned(16)));

/* Run `function(argument)` in the prober's thread; the report of its first fault. */
static struct fault_report probe(struct prober *prober, void (*function)(a9n_word_t),
                                 a9n_word_t argument)
{
    enum a9n_error error;
    if (!prober->started) {
        error = fault_thread_start(function, argument, &prober->thread);
        prober->started = error == A9N_ERROR_NONE;
    } else {
        /* Suspending it cancels the fault it waits in; configure keeps its resolver. */
        a9n_word_t process = system_test_descriptor(prober->thread.process);
        error = a9n_process_suspend(process);
        if (error == A9N_ERROR_NONE)
            error = a9n_thread_start(&(struct a9n_thread_start){
                .process = process,
                .address_space = a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
                .root_node = SYSTEM_TEST_ROOT,
                .priority = TEST_PRIORITY_INIT,
                .function = function,
                .argument = argument,
                .stack = prober_stack,
                .stack_size = sizeof(prober_stack),
            });
    }
    if (error != A9N_ERROR_NONE)
        return (struct fault_report){ .error = error };
    return fault_receive(&prober->thread);
}

/* A fault report from the test's resolver of `kind` whose IP lies in `function`. */
static bool reported(const struct fault_report *report, enum a9n_fault_kind kind,
                     void (*function)(a9n_word_t), a9n_word_t size)
{
    return report->error == A9N_ERROR_NONE && report->badge == RESOLVER_BADGE &&
           report->info == a9n_message_info(A9N_FAULT_LABEL, A9N_FAULT_MESSAGE_LENGTH, 0) &&
           report->kind == kind && ip_in_function(report->ip, function, size);
}

/* Ends a probe that must not fault before it: the resolver then sees this instruction. */
#define END_OF_PROBE() __builtin_trap()

/* ---- kernel memory ----------------------------------------------------------------- */

static volatile a9n_word_t survived;

static void read_address(a9n_word_t address)
{
    survived = *(volatile a9n_word_t *)address + 1;
}

static void write_address(a9n_word_t address)
{
    *(volatile a9n_word_t *)address = 0x5a5a;
    survived = 1;
}

/* Reading and writing `address` each arrive as a page fault on exactly that address. */
static bool read_and_write_fault(struct prober *prober, a9n_word_t address)
{
    struct fault_report read = probe(prober, read_address, address);
    struct fault_report write = probe(prober, write_address, address);
    return reported(&read, A9N_FAULT_PAGE, read_address, 64) && read.address == address &&
           (read.flags & A9N_FAULT_ACCESS_READ) != 0 &&
           reported(&write, A9N_FAULT_PAGE, write_address, 64) && write.address == address &&
           (write.flags & A9N_FAULT_ACCESS_WRITE) != 0;
}

static a9n_word_t ram_address(void)
{
    return (a9n_word_t)system_test_init_info()->generics[0].base;
}

SYSTEM_TEST(isolation_user_mode_cannot_touch_kernel_memory)
{
    const a9n_word_t all_ones = ~(a9n_word_t)0;
    const a9n_word_t addresses[] = {
        all_ones << 31,                   /* kernel image base (riscv64: its text) */
        (all_ones << 31) + 0x100000,      /* x86_64: kernel text at physical 1 MiB */
        (all_ones << 47) + ram_address(), /* x86_64 direct map of RAM */
        (all_ones << 38) + ram_address(), /* riscv64 direct map of RAM */
        all_ones & ~(a9n_word_t)0xfff,    /* the last page */
    };
    struct prober prober = { .started = false };
    survived = 0;
    for (unsigned i = 0; i < sizeof(addresses) / sizeof(addresses[0]); i++)
        CHECK(read_and_write_fault(&prober, addresses[i]));
    CHECK_EQUAL(survived, 0);
}

/* Addresses tried across the kernel half, each in its own stretch of it. */
#define SWEEP_ADDRESSES 128

SYSTEM_TEST(isolation_user_mode_faults_everywhere_in_the_kernel_half)
{
    /* The virtual address width from the paging geometry; the kernel has the top half of it. */
    const struct a9n_init_info *info = system_test_init_info();
    unsigned bits = info->page_bits;
    for (unsigned level = 0; level < info->paging_levels; level++)
        bits += info->index_bits[level];
    a9n_word_t start = ~(a9n_word_t)0 << (bits - 1);
    a9n_word_t stretch = (0 - start) / SWEEP_ADDRESSES;
    CHECK(start >= info->user_top);

    struct prober prober = { .started = false };
    survived = 0;
    for (a9n_word_t i = 0; i < SWEEP_ADDRESSES; i++) {
        /* A different offset into each stretch (word-aligned), by a multiplicative hash. */
        a9n_word_t offset = (i * 0x9e3779b97f4a7c15ul) % stretch & ~(a9n_word_t)7;
        a9n_word_t address = start + i * stretch + offset;
        if (!read_and_write_fault(&prober, address)) {
            CHECK_EQUAL(address, 0);
            return;
        }
    }
    CHECK_EQUAL(survived, 0);
}

/* ---- trap entry -------------------------------------------------------------------- */

/*
 * A trap from user mode saves the thread's registers into its PCB and
 * nowhere else. Regression for the kernel-call fuzzer's first find: the
 * x86_64 trap entry pushed a word just below the interrupted thread's
 * context (the start of its PCB), zeroing the last word of whatever object
 * precedes the PCB in memory — there, a derivation link in the fuzzer's
 * root node, which broke a later revoke.
 */
static volatile a9n_word_t stop_spinning;

/* Stays in user mode until told to stop: the timer interrupts it there. */
static void spin(a9n_word_t unused)
{
    (void)unused;
    while (!stop_spinning)
        ;
}

#define PATTERN 0x5ca1ab1e0ddba11ul

SYSTEM_TEST(isolation_traps_from_user_mode_leave_the_object_below_the_pcb_alone)
{
    a9n_word_t process;
    a9n_word_t address = memory_test_address(60);
    volatile a9n_word_t *last_word =
        (volatile a9n_word_t *)(address + A9N_ARCH_PAGE_SIZE) - 1;

    /* The test's Generic is fresh: the frame takes its first page, the PCB the next. */
    a9n_word_t frame = memory_test_frame();
    stop_spinning = 0;
    CHECK_EQUAL(test_thread_start(spin, 0, TEST_PRIORITY_INIT, NULL, &process), A9N_ERROR_NONE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address,
                                A9N_MAP_READ | A9N_MAP_WRITE),
                A9N_ERROR_NONE);
    *last_word = PATTERN;
    /* Each yield lets the spinner run until the timer takes the CPU back from it. */
    test_yield(4);
    stop_spinning = 1;
    CHECK_EQUAL(*last_word, PATTERN);
}

/* ---- badges and rights ------------------------------------------------------------- */

/* The word a notification through capability `slot` leaves (its badge), read by a poll. */
static a9n_word_t badge_of(a9n_word_t port, a9n_word_t slot)
{
    if (a9n_notification_notify(system_test_descriptor(slot)) != A9N_ERROR_NONE)
        return ~(a9n_word_t)0;
    struct a9n_word_result word = a9n_notification_poll(system_test_descriptor(port));
    return word.error == A9N_ERROR_NONE ? word.value : ~(a9n_word_t)0;
}

SYSTEM_TEST(isolation_badge_cannot_be_forged_by_mint)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t badged = system_test_slot(), same = system_test_slot();
    a9n_word_t no_modify = system_test_slot(), unbadged_no_modify = system_test_slot();
    a9n_word_t target = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, badged, system_test_descriptor(port),
                              A9N_RIGHTS_ALL, 42),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, no_modify, system_test_descriptor(badged),
                              A9N_RIGHTS_ALL & ~A9N_RIGHT_MODIFY, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, unbadged_no_modify, system_test_descriptor(port),
                              A9N_RIGHTS_ALL & ~A9N_RIGHT_MODIFY, 0),
                A9N_ERROR_NONE);
    /* Without modify no mint at all, not even one asking for fewer rights. */
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, target, system_test_descriptor(unbadged_no_modify),
                              A9N_RIGHTS_ALL, 7),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, target, system_test_descriptor(unbadged_no_modify),
                              A9N_RIGHT_WRITE, 7),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, target, system_test_descriptor(no_modify),
                              A9N_RIGHT_WRITE, 0),
                A9N_ERROR_MISSING_RIGHTS);
    /* A badge is set once: re-badging would let a client forge another identity. */
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, target, system_test_descriptor(badged),
                              A9N_RIGHTS_ALL, 43),
                A9N_ERROR_INVALID_ARGUMENT);
    /* Badge 0 keeps the badge: it cannot be cleared and set anew either. */
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, same, system_test_descriptor(badged),
                              A9N_RIGHTS_ALL, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, target, system_test_descriptor(same),
                              A9N_RIGHTS_ALL, 43),
                A9N_ERROR_INVALID_ARGUMENT);
    /* Rights outside the defined ones are refused, not ignored. */
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, target, system_test_descriptor(port), 1u << 7, 0),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, target), A9N_ERROR_EMPTY_SLOT);
    /* Used, each says the one badge minted with modify; an unbadged one says nothing. */
    CHECK_EQUAL(badge_of(port, badged), 42);
    CHECK_EQUAL(badge_of(port, same), 42);
    CHECK_EQUAL(badge_of(port, no_modify), 42);
    CHECK_EQUAL(a9n_notification_notify(system_test_descriptor(unbadged_no_modify)),
                A9N_ERROR_INVALID_STATE);
    CHECK_EQUAL(a9n_notification_poll(system_test_descriptor(port)).error, A9N_ERROR_WOULD_BLOCK);
}

/* Whether frame capability `slot` maps read-only and refuses to map writable. */
static bool maps_read_only(a9n_word_t slot, a9n_word_t address)
{
    if (memory_test_map(memory_test_own_space(), slot, address, A9N_MAP_READ | A9N_MAP_WRITE) !=
        A9N_ERROR_MISSING_RIGHTS)
        return false;
    if (memory_test_map(memory_test_own_space(), slot, address, A9N_MAP_READ) != A9N_ERROR_NONE)
        return false;
    return a9n_frame_unmap(system_test_descriptor(slot)) == A9N_ERROR_NONE;
}

/* Whether IPC Port capability `slot` refuses a send (it lacks write). */
static bool refuses_send(a9n_word_t slot)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    return a9n_ipc_send_non_blocking(system_test_descriptor(slot), mr) == A9N_ERROR_MISSING_RIGHTS;
}

SYSTEM_TEST(isolation_copy_mint_move_never_add_rights)
{
    const a9n_word_t address = memory_test_address(61);
    const unsigned no_write = A9N_RIGHTS_ALL & ~A9N_RIGHT_WRITE;
    a9n_word_t frame = memory_test_frame();
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t frame_copy = system_test_slot(), frame_minted = system_test_slot();
    a9n_word_t frame_moved = system_test_slot(), read_frame = system_test_slot();
    a9n_word_t port_copy = system_test_slot(), port_minted = system_test_slot();
    a9n_word_t port_moved = system_test_slot(), read_port = system_test_slot();

    /* Read-only frame and receive-only port that may still be copied, minted and moved. */
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, read_frame, system_test_descriptor(frame),
                              no_write & ~A9N_RIGHT_EXECUTE, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, read_port, system_test_descriptor(port),
                              no_write, 0),
                A9N_ERROR_NONE);
    const a9n_word_t weak[] = { read_frame, read_port };
    const a9n_word_t copies[] = { frame_copy, port_copy };
    const a9n_word_t minted[] = { frame_minted, port_minted };
    const a9n_word_t moved[] = { frame_moved, port_moved };
    for (unsigned i = 0; i < 2; i++) {
        CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copies[i], system_test_descriptor(weak[i])),
                    A9N_ERROR_NONE);
        /* Mint asks for everything: it gets at most what the source has. */
        CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, minted[i], system_test_descriptor(weak[i]),
                                  A9N_RIGHTS_ALL, 0),
                    A9N_ERROR_NONE);
        CHECK_EQUAL(a9n_node_move(SYSTEM_TEST_ROOT, moved[i], system_test_descriptor(copies[i])),
                    A9N_ERROR_NONE);
    }
    CHECK(maps_read_only(read_frame, address));
    CHECK(maps_read_only(frame_minted, address));
    CHECK(maps_read_only(frame_moved, address));
    CHECK(refuses_send(read_port));
    CHECK(refuses_send(port_minted));
    CHECK(refuses_send(port_moved));

    /* Without copy: no copy, no mint, and what it moves to still cannot be copied. */
    a9n_word_t sealed = system_test_slot(), sealed_moved = system_test_slot();
    a9n_word_t target = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, sealed, system_test_descriptor(port),
                              A9N_RIGHTS_ALL & ~A9N_RIGHT_COPY, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, target, system_test_descriptor(sealed)),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, target, system_test_descriptor(sealed),
                              A9N_RIGHTS_ALL, 0),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_node_move(SYSTEM_TEST_ROOT, sealed_moved, system_test_descriptor(sealed)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, target, system_test_descriptor(sealed_moved)),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, target), A9N_ERROR_EMPTY_SLOT);
}

/* ---- faults ------------------------------------------------------------------------ */

SYSTEM_TEST(isolation_forbidden_instructions_reach_the_resolver)
{
    struct prober prober = { .started = false };
    for (unsigned i = 0; i < isolation_forbidden_instruction_count; i++) {
        const struct isolation_instruction *instruction = &isolation_forbidden_instructions[i];
        struct fault_report report = probe(&prober, instruction->execute, 0);
        if (!reported(&report, instruction->kind, instruction->execute, 32)) {
            a9n_debug_puts(instruction->name);
            CHECK_EQUAL(report.kind, instruction->kind);
            CHECK(false);
        }
    }
}

static unsigned char misaligned_buffer[64] __attribute__((aligned(16)));
static volatile a9n_word_t misaligned_loaded;

static void misaligned_plain(a9n_word_t address)
{
    *(volatile a9n_word_t *)address = PATTERN;
    misaligned_loaded = *(volatile a9n_word_t *)address;
    END_OF_PROBE();
}

static void misaligned_refused(a9n_word_t address)
{
    isolation_misaligned_trap(address);
    END_OF_PROBE();
}

SYSTEM_TEST(isolation_misaligned_access_is_done_or_reaches_the_resolver)
{
    static const unsigned offsets[] = { 1, 3, 7, 9 };
    struct prober prober = { .started = false };
    for (unsigned i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
        a9n_word_t address = (a9n_word_t)misaligned_buffer + offsets[i];
        misaligned_loaded = 0;
        /* Plain loads and stores are done: the first fault is the probe's end. */
        struct fault_report report = probe(&prober, misaligned_plain, address);
        CHECK(reported(&report, A9N_FAULT_ILLEGAL_INSTRUCTION, misaligned_plain, 128));
        CHECK_EQUAL(misaligned_loaded, PATTERN);
        CHECK_EQUAL(misaligned_buffer[offsets[i]], PATTERN & 0xff);
        /* An instruction that needs alignment is refused, before the probe's end. */
        report = probe(&prober, misaligned_refused, address);
        CHECK(reported(&report, isolation_misaligned_fault_kind(),
                       (void (*)(a9n_word_t))isolation_misaligned_trap, 32));
        if (report.kind == A9N_FAULT_MISALIGNED_ACCESS)
            CHECK_EQUAL(report.address, address);
    }
}

static volatile a9n_word_t quotient, remainder;

static void divide(a9n_word_t divisor)
{
    a9n_word_t rest;
    quotient = isolation_divide(1234, divisor, &rest);
    remainder = rest;
    END_OF_PROBE();
}

SYSTEM_TEST(isolation_divide_by_zero_gives_the_architectures_answer)
{
    struct prober prober = { .started = false };
    struct fault_report report = probe(&prober, divide, 10);
    CHECK(reported(&report, A9N_FAULT_ILLEGAL_INSTRUCTION, divide, 128));
    CHECK_EQUAL(quotient, 123);
    CHECK_EQUAL(remainder, 4);

    quotient = remainder = 0x5a;
    report = probe(&prober, divide, 0);
    if (isolation_divide_by_zero_traps()) {
        CHECK(reported(&report, A9N_FAULT_ARITHMETIC,
                       (void (*)(a9n_word_t))isolation_divide, 64));
        CHECK_EQUAL(quotient, 0x5a);
    } else {
        /* No trap: the defined results, and the first fault is the probe's end. */
        CHECK(reported(&report, A9N_FAULT_ILLEGAL_INSTRUCTION, divide, 128));
        CHECK_EQUAL(quotient, ~(a9n_word_t)0);
        CHECK_EQUAL(remainder, 1234);
    }
}

static void kernel_call_number(a9n_word_t number)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_arch_kernel_call(number, mr);
    END_OF_PROBE();
}

SYSTEM_TEST(isolation_bad_kernel_call_numbers_reach_the_resolver)
{
    /* Every number but the three calls (-1, -2, -3), near them and far away. */
    const a9n_word_t numbers[] = {
        0, 1, 2, 3, 7, (a9n_word_t)-4, (a9n_word_t)-5, (a9n_word_t)-256,
        (a9n_word_t)1 << 31, (a9n_word_t)1 << 32, ~(a9n_word_t)0 >> 1, (a9n_word_t)1 << 63,
    };
    struct prober prober = { .started = false };
    for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
        struct fault_report report = probe(&prober, kernel_call_number, numbers[i]);
        CHECK(reported(&report, A9N_FAULT_UNKNOWN_KERNEL_CALL,
                       (void (*)(a9n_word_t))a9n_arch_kernel_call, 512));
        CHECK_EQUAL(report.address, numbers[i]);
    }
}

/* ---- destruction under blocked threads --------------------------------------------- */

#define CALLERS 3
#define SERVERS 2

static volatile a9n_word_t call_results[CALLERS], call_replies[CALLERS];
static volatile a9n_word_t held_badge[SERVERS];
static a9n_word_t server_port, server_go[SERVERS], server_go_badged[SERVERS];

/* Call the server port through the capability badged `index + 1` (root slot in the high bits). */
static void call_server(a9n_word_t argument)
{
    a9n_word_t index = argument & 0xff;
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    enum a9n_error error = a9n_ipc_call(system_test_descriptor(argument >> 8), mr);
    call_replies[index] = mr[A9N_MR_PAYLOAD];
    call_results[index] = error + 0x100;
}

/* Take a call, hold it until notified, answer with the caller's badge; again. */
static void hold_and_serve(a9n_word_t index)
{
    for (;;) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
        if (a9n_ipc_receive(server_port, mr) != A9N_ERROR_NONE)
            return;
        held_badge[index] = mr[A9N_MR_BADGE];
        a9n_notification_wait(server_go[index]);
        mr[A9N_MR_PAYLOAD] = held_badge[index];
        mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
        a9n_ipc_reply(server_port, mr);
    }
}

SYSTEM_TEST(isolation_destroyed_server_cancels_only_the_call_it_held)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t servers[SERVERS], process;
    server_port = system_test_descriptor(port);
    for (unsigned i = 0; i < SERVERS; i++) {
        /* A notify needs a badge: the server waits on the port, the test notifies the copy. */
        a9n_word_t go = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
        server_go[i] = system_test_descriptor(go);
        server_go_badged[i] = system_test_slot();
        CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, server_go_badged[i], server_go[i],
                                  A9N_RIGHTS_ALL, 1),
                    A9N_ERROR_NONE);
        held_badge[i] = 0;
        CHECK_EQUAL(test_thread_start(hold_and_serve, i, TEST_PRIORITY_INIT, NULL, &servers[i]),
                    A9N_ERROR_NONE);
    }
    test_yield(3);
    for (unsigned i = 0; i < CALLERS; i++) {
        a9n_word_t badged = system_test_slot();
        CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, badged, server_port, A9N_RIGHT_WRITE, i + 1),
                    A9N_ERROR_NONE);
        call_results[i] = call_replies[i] = 0;
        CHECK_EQUAL(test_thread_start(call_server, badged << 8 | i, TEST_PRIORITY_INIT, NULL,
                                      &process),
                    A9N_ERROR_NONE);
        test_yield(3);
    }
    /* Each server holds a call; the third caller waits in the port's queue. */
    CHECK(held_badge[0] != 0 && held_badge[1] != 0);
    a9n_word_t cancelled = held_badge[0] - 1, answered = held_badge[1] - 1;
    a9n_word_t queued = (0 + 1 + 2) - cancelled - answered; /* the index left */
    for (unsigned i = 0; i < CALLERS; i++)
        CHECK_EQUAL(call_results[i], 0);

    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, servers[0]), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&call_results[cancelled], 10), 0x100 + A9N_ERROR_CANCELLED);
    test_yield(3);
    CHECK_EQUAL(call_results[answered], 0);
    CHECK_EQUAL(call_results[queued], 0);
    /* The other server answers its caller, then takes the queued call and answers it too. */
    CHECK_EQUAL(a9n_notification_notify(system_test_descriptor(server_go_badged[1])),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&call_results[answered], 10), 0x100 + A9N_ERROR_NONE);
    CHECK_EQUAL(call_replies[answered], answered + 1);
    test_yield(3);
    CHECK_EQUAL(a9n_notification_notify(system_test_descriptor(server_go_badged[1])),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&call_results[queued], 10), 0x100 + A9N_ERROR_NONE);
    CHECK_EQUAL(call_replies[queued], queued + 1);
}

static volatile a9n_word_t woken[3];
static volatile a9n_word_t stranger_received;

static void receive_and_record(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    woken[0] = a9n_ipc_receive(port, mr) + 0x100;
}

static void call_and_record(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    woken[1] = a9n_ipc_call(port, mr) + 0x100;
}

static void wait_and_record(a9n_word_t notification)
{
    woken[2] = a9n_notification_wait(notification).error + 0x100;
}

static void receive_once(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive(port, mr) == A9N_ERROR_NONE)
        stranger_received = mr[A9N_MR_PAYLOAD];
}

static unsigned char carved_thread_stack[4096] __attribute__((aligned(16)));

SYSTEM_TEST(isolation_revoking_a_generic_wakes_and_forgets_its_blocked_users)
{
    /* A Generic of its own, so that revoking it destroys what was carved from it. */
    a9n_word_t generic = system_test_make(A9N_CAPABILITY_GENERIC, 16);
    a9n_word_t receive_port = system_test_slot(), call_port = system_test_slot();
    a9n_word_t notification = system_test_slot(), carved = system_test_slot();
    const struct {
        enum a9n_capability_type type;
        a9n_word_t slot;
    } objects[] = {
        { A9N_CAPABILITY_IPC_PORT, receive_port },
        { A9N_CAPABILITY_IPC_PORT, call_port },
        { A9N_CAPABILITY_NOTIFICATION_PORT, notification },
        { A9N_CAPABILITY_PROCESS, carved },
    };
    for (unsigned i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
        CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(generic), objects[i].type, 0, 1,
                                        SYSTEM_TEST_ROOT, objects[i].slot),
                    A9N_ERROR_NONE);
    /* Threads of the test's own Generic wait on the carved objects ... */
    a9n_word_t process;
    woken[0] = woken[1] = woken[2] = 0;
    CHECK_EQUAL(test_thread_start(receive_and_record, system_test_descriptor(receive_port),
                                  TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_thread_start(call_and_record, system_test_descriptor(call_port),
                                  TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_thread_start(wait_and_record, system_test_descriptor(notification),
                                  TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    /* ... and the carved PCB waits on a port of the test's Generic. */
    a9n_word_t kept_port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    CHECK_EQUAL(a9n_thread_start(&(struct a9n_thread_start){
                    .process = system_test_descriptor(carved),
                    .address_space = a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
                    .root_node = SYSTEM_TEST_ROOT,
                    .priority = TEST_PRIORITY_INIT,
                    .function = receive_once,
                    .argument = system_test_descriptor(kept_port),
                    .stack = carved_thread_stack,
                    .stack_size = sizeof(carved_thread_stack),
                }),
                A9N_ERROR_NONE);
    test_yield(3);
    CHECK_EQUAL(woken[0], 0);
    CHECK_EQUAL(woken[1], 0);
    CHECK_EQUAL(woken[2], 0);

    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, generic), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&woken[0], 10), 0x100 + A9N_ERROR_DESTROYED);
    CHECK_EQUAL(test_wait_for(&woken[1], 10), 0x100 + A9N_ERROR_DESTROYED);
    CHECK_EQUAL(test_wait_for(&woken[2], 10), 0x100 + A9N_ERROR_DESTROYED);
    for (unsigned i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
        CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, objects[i].slot), A9N_ERROR_EMPTY_SLOT);

    /* The destroyed PCB left the kept port's queue: nobody receives there now ... */
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
    mr[A9N_MR_PAYLOAD] = 0x600d;
    CHECK_EQUAL(a9n_ipc_send_non_blocking(system_test_descriptor(kept_port), mr),
                A9N_ERROR_WOULD_BLOCK);
    /* ... and a new receiver there gets the next message. */
    stranger_received = 0;
    CHECK_EQUAL(test_thread_start(receive_once, system_test_descriptor(kept_port),
                                  TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    test_yield(3);
    mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
    mr[A9N_MR_PAYLOAD] = 0x600d;
    CHECK_EQUAL(a9n_ipc_send_non_blocking(system_test_descriptor(kept_port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&stranger_received, 10), 0x600d);
    /* The revoked Generic is whole again. */
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(generic), A9N_CAPABILITY_GENERIC, 16,
                                    1, SYSTEM_TEST_ROOT, system_test_slot()),
                A9N_ERROR_NONE);
}
