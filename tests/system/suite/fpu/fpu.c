/*
 * FP and SIMD state per thread: every FP register and the FP control
 * register a thread holds survive yields, IPC (fast and general path),
 * preemption and another thread's fault, in one address space and across
 * two; a server without FP never gets its caller's registers; a new
 * thread starts from the architecture's initial state; FP
 * arithmetic gives correctly rounded results while another thread rounds
 * differently; a destroyed FPU owner leaves nothing that points at its
 * memory. The kernel switches lazily (kernel/fpu.h): every test makes
 * threads hand the FPU over, so a lost or leaked register shows.
 */
#include <a9n/kernel_call.h>
#include <liba9n/ipc.h>
#include <liba9n/memory.h>
#include <liba9n/node.h>

#include "../fastpath/hits.h"
#include "../fault/resolver.h"
#include "../framework/system_test.h"
#include "../process/threads.h"
#include "registers.h"

#define ROUNDS 20
/* Seeds: every thread's registers differ from every other's. */
#define SEED_INIT 0x1001
#define SEED_WORKER 0x2002
#define SEED_SERVER 0x3003
/* Round toward zero on both ports (x86 RC = seed % 4 = 3, riscv frm = seed % 5 = 1). */
#define SEED_TOWARD_ZERO 11

static unsigned hold_across_yield(a9n_word_t seed)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    return fpu_hold_across_kernel_call(seed, (a9n_word_t)A9N_KERNEL_CALL_YIELD, mr);
}

/* What worker threads report (shared memory in both address-space setups). */
static volatile a9n_word_t worker_differences, worker_done, worker_stop, initial_seen;

/* Yields ROUNDS times with its registers full, then reports. */
static void yielding_worker(a9n_word_t seed)
{
    a9n_word_t differences = 0;
    for (unsigned round = 0; round < ROUNDS; round++)
        differences += hold_across_yield(seed + round);
    worker_differences = differences;
    worker_done = 1;
}

/* Holds its registers across yields until told to stop (an FPU user in the background). */
static void busy_worker(a9n_word_t seed)
{
    a9n_word_t differences = 0;
    while (!worker_stop)
        differences += hold_across_yield(seed);
    worker_differences = differences;
    worker_done = 1;
}

/* Fills its registers once and keeps them there (the FPU's owner until someone else uses it). */
static void filling_worker(a9n_word_t seed)
{
    fpu_fill(seed);
    worker_done = 1;
    for (;;)
        a9n_yield();
}

/* A thread's first FP instruction: 1 if it saw the initial state, 2 if not. */
static void initial_state_checker(a9n_word_t argument)
{
    (void)argument;
    initial_seen = fpu_is_initial() ? 1 : 2;
}

static enum a9n_error start_worker(void (*function)(a9n_word_t), a9n_word_t argument,
                                   bool new_address_space)
{
    a9n_word_t process, address_space;
    worker_differences = worker_done = worker_stop = 0;
    if (new_address_space)
        return test_thread_start_in_new_address_space(function, argument, TEST_PRIORITY_INIT,
                                                      NULL, &process, &address_space);
    return test_thread_start(function, argument, TEST_PRIORITY_INIT, NULL, &process);
}

/* Init and a worker at its priority take turns through yields, both with full registers. */
static void yield_between(bool new_address_space)
{
    CHECK_EQUAL(start_worker(yielding_worker, SEED_WORKER, new_address_space), A9N_ERROR_NONE);
    a9n_word_t differences = 0;
    for (unsigned round = 0; round < ROUNDS; round++)
        differences += hold_across_yield(SEED_INIT + round);
    CHECK_EQUAL(test_wait_for(&worker_done, 10), 1);
    CHECK_EQUAL(differences, 0);
    CHECK_EQUAL(worker_differences, 0);
}

SYSTEM_TEST(fpu_registers_survive_yields_in_one_address_space)
{
    yield_between(false);
}

SYSTEM_TEST(fpu_registers_survive_yields_between_address_spaces)
{
    yield_between(true);
}

/* ---- IPC ------------------------------------------------------------------------- */

static volatile a9n_word_t server_port, server_differences, server_rounds;

/* Answers every call with payload + 1, holding its registers across each reply-receive. */
static void fpu_server(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive(port, mr) != A9N_ERROR_NONE)
        return;
    for (;;) {
        mr[A9N_MR_TARGET] = server_port;
        mr[A9N_MR_OPERATION] = A9N_IPC_PORT_REPLY_RECEIVE;
        mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
        mr[A9N_MR_PAYLOAD] += 1;
        server_differences += fpu_hold_across_kernel_call(
            SEED_SERVER + server_rounds, (a9n_word_t)A9N_KERNEL_CALL_CAPABILITY, mr);
        server_rounds++;
        if (mr[A9N_MR_ERROR] != A9N_ERROR_NONE)
            return;
    }
}

/*
 * Init calls a server ROUNDS times, both with full registers across every
 * call and reply-receive. A port in a root slot (one-level descriptor)
 * takes the fast path, a copy in a child node the general path.
 */
static void call_server(bool new_address_space, bool fast_path)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t node = system_test_make(A9N_CAPABILITY_NODE, 1);
    CHECK_EQUAL(a9n_node_copy(system_test_descriptor(node), 0, system_test_descriptor(port)),
                A9N_ERROR_NONE);
    a9n_word_t descriptor = fast_path ? system_test_descriptor(port)
                                      : a9n_descriptor_child(system_test_descriptor(node), 1, 0);
    server_port = descriptor;
    server_differences = server_rounds = 0;
    CHECK_EQUAL(start_worker(fpu_server, descriptor, new_address_space), A9N_ERROR_NONE);
    test_yield(2);

    a9n_word_t differences = 0, hits = fastpath_hits();
    for (a9n_word_t round = 0; round < ROUNDS; round++) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
        mr[A9N_MR_TARGET] = descriptor;
        mr[A9N_MR_OPERATION] = A9N_IPC_PORT_CALL;
        mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
        mr[A9N_MR_PAYLOAD] = round;
        differences += fpu_hold_across_kernel_call(SEED_INIT + round,
                                                   (a9n_word_t)A9N_KERNEL_CALL_CAPABILITY, mr);
        CHECK_EQUAL(mr[A9N_MR_ERROR], A9N_ERROR_NONE);
        CHECK_EQUAL(mr[A9N_MR_PAYLOAD], round + 1);
    }
    hits = fastpath_hits() - hits;
    CHECK_EQUAL(differences, 0);
    /* The server's last round waits for the next call. */
    CHECK_EQUAL(server_rounds, ROUNDS - 1);
    CHECK_EQUAL(server_differences, 0);
    /* Calls and replies, minus the first call (the server was not yet in reply-receive). */
    if (fast_path)
        CHECK(hits >= 2 * ROUNDS - 2);
    else
        CHECK_EQUAL(hits, 0);
}

SYSTEM_TEST(fpu_registers_survive_ipc_fast_path_between_address_spaces)
{
    call_server(true, true);
}

SYSTEM_TEST(fpu_registers_survive_ipc_fast_path_in_one_address_space)
{
    call_server(false, true);
}

SYSTEM_TEST(fpu_registers_survive_ipc_general_path_between_address_spaces)
{
    call_server(true, false);
}

#define FIRST_FP_ROUND (ROUNDS / 2)

/*
 * Answers without FP until round FIRST_FP_ROUND, then checks that its
 * first FP instruction sees the initial state. The fast path takes FPU
 * access from the caller at each call and gives it back at each reply:
 * the server must never get it.
 */
static void late_fp_server(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive(port, mr) != A9N_ERROR_NONE)
        return;
    for (;;) {
        if (server_rounds == FIRST_FP_ROUND)
            initial_seen = fpu_is_initial() ? 1 : 2;
        server_rounds++;
        mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
        mr[A9N_MR_PAYLOAD] += 1;
        if (a9n_ipc_reply_receive(port, mr) != A9N_ERROR_NONE)
            return;
    }
}

SYSTEM_TEST(fpu_server_without_fp_never_sees_the_callers_registers)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    server_rounds = initial_seen = 0;
    CHECK_EQUAL(start_worker(late_fp_server, system_test_descriptor(port), true), A9N_ERROR_NONE);
    test_yield(2);

    a9n_word_t differences = 0, hits = fastpath_hits();
    for (a9n_word_t round = 0; round < ROUNDS; round++) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
        mr[A9N_MR_TARGET] = system_test_descriptor(port);
        mr[A9N_MR_OPERATION] = A9N_IPC_PORT_CALL;
        mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
        mr[A9N_MR_PAYLOAD] = round;
        differences += fpu_hold_across_kernel_call(SEED_INIT + round,
                                                   (a9n_word_t)A9N_KERNEL_CALL_CAPABILITY, mr);
        CHECK_EQUAL(mr[A9N_MR_PAYLOAD], round + 1);
    }
    CHECK(fastpath_hits() - hits >= 2 * ROUNDS - 2);
    CHECK_EQUAL(differences, 0);
    CHECK_EQUAL(initial_seen, 1);
}

/* ---- preemption ---------------------------------------------------------------------- */

#define PREEMPTED_ROUNDS 6
/* Far more than a quantum of spinning under TCG: running out means no preemption came. */
#define SPIN_LIMIT (1ul << 27)

static volatile a9n_word_t progress[2], finished[2], preempted_differences[2], not_preempted[2];

/*
 * Two threads that never yield while their registers are full: each spins
 * until the other made progress, which only the timer lets happen.
 */
static void preempted_worker(a9n_word_t id)
{
    a9n_word_t other = 1 - id, differences = 0, stuck = 0;
    for (unsigned round = 0; round < PREEMPTED_ROUNDS; round++) {
        progress[id]++;
        bool changed;
        differences += fpu_hold_while_equal(SEED_WORKER + 0x100 * id + round, &progress[other],
                                            progress[other], SPIN_LIMIT, &changed);
        stuck += !changed;
    }
    preempted_differences[id] = differences;
    not_preempted[id] = stuck;
    finished[id] = 1;
    /* Keep the other one's last wait short. */
    while (!finished[other]) {
        progress[id]++;
        a9n_yield();
    }
}

SYSTEM_TEST(fpu_registers_survive_timer_preemption)
{
    for (unsigned i = 0; i < 2; i++)
        progress[i] = finished[i] = preempted_differences[i] = not_preempted[i] = 0;
    a9n_word_t process, address_space;
    CHECK_EQUAL(test_thread_start(preempted_worker, 0, TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_thread_start_in_new_address_space(preempted_worker, 1, TEST_PRIORITY_INIT,
                                                       NULL, &process, &address_space),
                A9N_ERROR_NONE);
    for (unsigned i = 0; i < 100000 && !(finished[0] && finished[1]); i++)
        a9n_yield();
    CHECK(finished[0] && finished[1]);
    CHECK_EQUAL(not_preempted[0], 0);
    CHECK_EQUAL(not_preempted[1], 0);
    CHECK_EQUAL(preempted_differences[0], 0);
    CHECK_EQUAL(preempted_differences[1], 0);
}

/* ---- initial state, arithmetic ------------------------------------------------------- */

SYSTEM_TEST(fpu_new_thread_starts_in_the_initial_state)
{
    /* The FPU holds another thread's registers, with every control field changed. */
    CHECK_EQUAL(start_worker(filling_worker, SEED_WORKER, false), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&worker_done, 10), 1);
    initial_seen = 0;
    a9n_word_t process;
    CHECK_EQUAL(test_thread_start(initial_state_checker, 0, TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&initial_seen, 10), 1);
}

static a9n_word_t bits(double value)
{
    a9n_word_t word;
    __builtin_memcpy(&word, &value, sizeof word);
    return word;
}

static uint32_t float_bits(float value)
{
    uint32_t word;
    __builtin_memcpy(&word, &value, sizeof word);
    return word;
}

/* Inputs the compiler cannot fold. */
static volatile double one = 1.0, two = 2.0, ten = 10.0, n355 = 355.0, n113 = 113.0, zero = 0.0;
static volatile float one_f = 1.0f, three_f = 3.0f;
static volatile int64_t big = -123456789012345;

/*
 * Round to nearest gives the results below; round toward zero, which the
 * other thread uses all along, would give the first four an ulp lower.
 */
SYSTEM_TEST(fpu_arithmetic_is_right_while_another_thread_rounds_toward_zero)
{
    CHECK_EQUAL(start_worker(busy_worker, SEED_TOWARD_ZERO, true), A9N_ERROR_NONE);
    test_yield(2);
    CHECK_EQUAL(bits(fpu_sqrt(two)), 0x3ff6a09e667f3bcdul);
    CHECK_EQUAL(bits(n355 / n113), 0x400921fb78121fb8ul);
    CHECK_EQUAL(bits(one / ten), 0x3fb999999999999aul);
    CHECK_EQUAL(float_bits(one_f / three_f), 0x3eaaaaabu);
    /* Divide by zero is masked: +infinity, no fault. */
    CHECK_EQUAL(bits(one / zero), 0x7ff0000000000000ul);
    CHECK_EQUAL((int64_t)((double)big * 4.0), big * 4);

    /* Newton's iteration for sqrt(2) in C, with the other thread running between steps. */
    double x = one;
    for (unsigned step = 0; step < 8; step++) {
        x = (x + two / x) / 2;
        a9n_yield();
    }
    CHECK_EQUAL(bits(x), 0x3ff6a09e667f3bccul);

    worker_stop = 1;
    CHECK_EQUAL(test_wait_for(&worker_done, 10), 1);
    CHECK_EQUAL(worker_differences, 0);
}

/* ---- faults, destruction ------------------------------------------------------------- */

/* Unmapped in init's address space until the resolver maps it. */
#define FAULT_PAGE 0x32000000ul

static volatile a9n_word_t faulter_differences, faulter_done;

static void storing_faulter(a9n_word_t address)
{
    faulter_differences = fpu_hold_across_store(SEED_WORKER, (volatile a9n_word_t *)address, 0x5a);
    faulter_done = 1;
}

/*
 * A thread page-faults with full registers; the resolver (init) receives
 * the report and replies with its own registers full, after mapping the
 * page. Both keep their state, and the faulting store completes.
 */
SYSTEM_TEST(fpu_registers_survive_a_fault_and_its_resolution)
{
    struct faulting_thread thread;
    faulter_differences = faulter_done = 0;
    CHECK_EQUAL(fault_thread_start(storing_faulter, FAULT_PAGE, &thread), A9N_ERROR_NONE);

    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_TARGET] = system_test_descriptor(thread.port);
    mr[A9N_MR_OPERATION] = A9N_IPC_PORT_RECEIVE;
    CHECK_EQUAL(fpu_hold_across_kernel_call(SEED_INIT, (a9n_word_t)A9N_KERNEL_CALL_CAPABILITY, mr),
                0);
    CHECK_EQUAL(mr[A9N_MR_ERROR], A9N_ERROR_NONE);
    CHECK_EQUAL(mr[A9N_FAULT_MR_KIND], A9N_FAULT_PAGE);
    CHECK_EQUAL(mr[A9N_FAULT_MR_ADDRESS], FAULT_PAGE);

    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    CHECK_EQUAL(system_test_map_frame(a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
                                      system_test_descriptor(frame), FAULT_PAGE),
                A9N_ERROR_NONE);

    for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++)
        mr[i] = 0;
    mr[A9N_MR_TARGET] = system_test_descriptor(thread.port);
    mr[A9N_MR_OPERATION] = A9N_IPC_PORT_REPLY;
    CHECK_EQUAL(fpu_hold_across_kernel_call(SEED_INIT + 1, (a9n_word_t)A9N_KERNEL_CALL_CAPABILITY,
                                            mr),
                0);
    CHECK_EQUAL(mr[A9N_MR_ERROR], A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&faulter_done, 10), 1);
    CHECK_EQUAL(faulter_differences, 0);
    CHECK_EQUAL(*(volatile a9n_word_t *)FAULT_PAGE, 0x5a);
}

/* Where the dead owner's memory is mapped again, as a frame. */
#define REUSED_PAGE 0x33000000ul
#define PAGE_WORDS (A9N_ARCH_PAGE_SIZE / sizeof(a9n_word_t))

static unsigned char owner_stack[8192] __attribute__((aligned(16)));

/*
 * The FPU's owner dies with its memory: a PCB converted from a page-sized
 * Generic, which revoke then turns into a frame at the same address. The
 * next thread to use the FPU must not save the dead owner's registers
 * (into what is now the frame), and a new thread still starts clean.
 */
SYSTEM_TEST(fpu_destroyed_owner_leaves_nothing_behind)
{
    a9n_word_t generic = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_generic(), A9N_CAPABILITY_GENERIC,
                                    A9N_ARCH_PAGE_BITS, 1, SYSTEM_TEST_ROOT, generic),
                A9N_ERROR_NONE);
    a9n_word_t owner = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(generic), A9N_CAPABILITY_PROCESS, 0, 1,
                                    SYSTEM_TEST_ROOT, owner),
                A9N_ERROR_NONE);
    worker_done = 0;
    CHECK_EQUAL(a9n_thread_start(&(struct a9n_thread_start){
                    .process = system_test_descriptor(owner),
                    .address_space = a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
                    .root_node = SYSTEM_TEST_ROOT,
                    .priority = TEST_PRIORITY_INIT,
                    .function = filling_worker,
                    .argument = SEED_WORKER,
                    .stack = owner_stack,
                    .stack_size = sizeof owner_stack,
                }),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&worker_done, 10), 1);

    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, generic), A9N_ERROR_NONE);
    a9n_word_t frame = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(generic), A9N_CAPABILITY_FRAME, 0, 1,
                                    SYSTEM_TEST_ROOT, frame),
                A9N_ERROR_NONE);
    CHECK_EQUAL(system_test_map_frame(a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
                                      system_test_descriptor(frame), REUSED_PAGE),
                A9N_ERROR_NONE);

    CHECK_EQUAL(hold_across_yield(SEED_INIT), 0);
    const volatile a9n_word_t *page = (const volatile a9n_word_t *)REUSED_PAGE;
    for (unsigned i = 0; i < PAGE_WORDS; i++)
        CHECK_EQUAL(page[i], 0);

    initial_seen = 0;
    a9n_word_t process;
    CHECK_EQUAL(test_thread_start(initial_state_checker, 0, TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&initial_seen, 10), 1);
}
