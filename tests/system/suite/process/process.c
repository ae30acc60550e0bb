/*
 * System tests of the Process operations: configure (and its errors),
 * registers, resume, suspend, the priority rule, scheduling (priorities,
 * round robin) and the destruction of a running thread.
 */
#include <liba9n/ipc.h>
#include <liba9n/notification.h>

#include "threads.h"

static volatile a9n_word_t result;
static volatile a9n_word_t counter;
static volatile a9n_word_t spinning;

static void double_argument(a9n_word_t argument)
{
    result = argument * 2;
}

SYSTEM_TEST(process_thread_runs_its_function)
{
    a9n_word_t process;
    result = 0;
    CHECK_EQUAL(test_thread_start(double_argument, 21, TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&result, 100), 42);
}

static void count_forever(a9n_word_t argument)
{
    (void)argument;
    for (;;)
        counter++;
}

SYSTEM_TEST(process_suspend_stops_a_running_thread)
{
    a9n_word_t process;
    counter = 0;
    CHECK_EQUAL(test_thread_start(count_forever, 0, TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK(test_wait_for(&counter, 100) != 0);
    CHECK_EQUAL(a9n_process_suspend(system_test_descriptor(process)), A9N_ERROR_NONE);
    a9n_word_t stopped_at = counter;
    test_yield(20);
    CHECK_EQUAL(counter, stopped_at);
    /* Suspending twice is harmless; resume lets it go on. */
    CHECK_EQUAL(a9n_process_suspend(system_test_descriptor(process)), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_process_resume(system_test_descriptor(process)), A9N_ERROR_NONE);
    test_yield(5);
    CHECK(counter != stopped_at);
}

SYSTEM_TEST(process_resume_needs_address_space_and_root_node)
{
    a9n_word_t process = system_test_make(A9N_CAPABILITY_PROCESS, 0);
    a9n_word_t pcb = system_test_descriptor(process);
    CHECK_EQUAL(a9n_process_resume(pcb), A9N_ERROR_INVALID_STATE);
    struct a9n_process_configuration configuration = {
        .fields = A9N_PROCESS_FIELD_ADDRESS_SPACE,
        .address_space = a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
    };
    CHECK_EQUAL(a9n_process_configure(pcb, &configuration), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_process_resume(pcb), A9N_ERROR_INVALID_STATE);
}

SYSTEM_TEST(process_configure_refuses_bad_arguments_and_changes_nothing)
{
    a9n_word_t process = system_test_make(A9N_CAPABILITY_PROCESS, 0);
    a9n_word_t pcb = system_test_descriptor(process);
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t notification = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t read_only = system_test_slot();
    a9n_word_t no_write_port = system_test_slot();
    a9n_word_t no_copy_space = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, read_only, system_test_descriptor(frame),
                              A9N_RIGHT_READ | A9N_RIGHT_COPY, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, no_write_port, system_test_descriptor(port),
                              A9N_RIGHT_READ | A9N_RIGHT_COPY, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, no_copy_space,
                              a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE), A9N_RIGHT_READ, 0),
                A9N_ERROR_NONE);

    /* Every case also sets a valid address space and root node: none may stick. */
    struct a9n_process_configuration c = {
        .fields = A9N_PROCESS_FIELD_ADDRESS_SPACE | A9N_PROCESS_FIELD_ROOT_NODE,
        .address_space = a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
        .root_node = SYSTEM_TEST_ROOT,
    };
    struct a9n_process_configuration bad = c;
    bad.fields |= 1u << 9;
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_INVALID_ARGUMENT);
    bad = c;
    bad.fields |= A9N_PROCESS_FIELD_PRIORITY;
    bad.priority = A9N_PROCESS_PRIORITIES;
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_INVALID_ARGUMENT);
    bad = c;
    bad.fields |= A9N_PROCESS_FIELD_AFFINITY;
    bad.affinity = 1;
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_INVALID_ARGUMENT);
    bad = c;
    bad.address_space = system_test_descriptor(frame);
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_WRONG_TYPE);
    bad = c;
    bad.address_space = system_test_descriptor(system_test_slot());
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_EMPTY_SLOT);
    bad = c;
    bad.address_space = system_test_descriptor(no_copy_space);
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_MISSING_RIGHTS);
    bad = c;
    bad.root_node = system_test_descriptor(frame);
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_WRONG_TYPE);
    bad = c;
    bad.fields |= A9N_PROCESS_FIELD_IPC_BUFFER;
    bad.ipc_buffer = system_test_descriptor(read_only);
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_MISSING_RIGHTS);
    bad.ipc_buffer = system_test_descriptor(port);
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_WRONG_TYPE);
    bad = c;
    bad.fields |= A9N_PROCESS_FIELD_RESOLVER;
    bad.resolver = system_test_descriptor(notification);
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_WRONG_TYPE);
    bad.resolver = system_test_descriptor(no_write_port);
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_MISSING_RIGHTS);
    bad.resolver = a9n_descriptor(60, 0);
    CHECK_EQUAL(a9n_process_configure(pcb, &bad), A9N_ERROR_INVALID_DEPTH);

    CHECK_EQUAL(a9n_process_resume(pcb), A9N_ERROR_INVALID_STATE);
    CHECK_EQUAL(a9n_process_configure(pcb, &c), A9N_ERROR_NONE);
    /* Configured: it could run now (from IP 0, so it is left suspended). */
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_capability_call(pcb, 77, mr), A9N_ERROR_UNKNOWN_OPERATION);
}

/* A thread and the notification (badge 1) it signals when done. */
static a9n_word_t make_done_signal(a9n_word_t *wait_slot)
{
    *wait_slot = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t badged = system_test_slot();
    a9n_node_mint(SYSTEM_TEST_ROOT, badged, system_test_descriptor(*wait_slot), A9N_RIGHTS_ALL, 1);
    return system_test_descriptor(badged);
}

static volatile a9n_word_t probe_target, probe_self, probe_done_signal;
static volatile a9n_word_t probe_above, probe_equal, probe_raise_self;

static void configure_priorities(a9n_word_t priority)
{
    struct a9n_process_configuration c = { .fields = A9N_PROCESS_FIELD_PRIORITY };
    c.priority = (unsigned)priority + 1;
    probe_above = a9n_process_configure(probe_target, &c);
    probe_raise_self = a9n_process_configure(probe_self, &c);
    c.priority = (unsigned)priority;
    probe_equal = a9n_process_configure(probe_target, &c);
    a9n_notification_notify(probe_done_signal);
}

SYSTEM_TEST(process_priority_cannot_exceed_the_callers)
{
    a9n_word_t process, done;
    a9n_word_t target = system_test_make(A9N_CAPABILITY_PROCESS, 0);
    probe_target = system_test_descriptor(target);
    probe_done_signal = make_done_signal(&done);
    probe_above = probe_equal = probe_raise_self = ~(a9n_word_t)0;
    CHECK_EQUAL(test_thread_start(configure_priorities, 100, 100, NULL, &process),
                A9N_ERROR_NONE);
    probe_self = system_test_descriptor(process);
    /* Init outranks the thread: it runs while init waits. */
    CHECK_EQUAL(a9n_notification_wait(system_test_descriptor(done)).value, 1);
    CHECK_EQUAL(probe_above, A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(probe_raise_self, A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(probe_equal, A9N_ERROR_NONE);
}

static volatile a9n_word_t order[4];
static volatile a9n_word_t order_count;
static volatile a9n_word_t order_signal;

static void record_order(a9n_word_t id)
{
    order[order_count++] = id;
    if (order_count == 2)
        a9n_notification_notify(order_signal);
}

SYSTEM_TEST(process_higher_priority_runs_first)
{
    a9n_word_t low, high, done;
    order_count = 0;
    order_signal = make_done_signal(&done);
    /* Resumed first, but lower: it must still run second. */
    CHECK_EQUAL(test_thread_start(record_order, 1, 100, NULL, &low), A9N_ERROR_NONE);
    CHECK_EQUAL(test_thread_start(record_order, 2, 200, NULL, &high), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_notification_wait(system_test_descriptor(done)).value, 1);
    CHECK_EQUAL(order_count, 2);
    CHECK_EQUAL(order[0], 2);
    CHECK_EQUAL(order[1], 1);
}

static volatile a9n_word_t observer_signal;

static void spin_forever(a9n_word_t argument)
{
    (void)argument;
    spinning = 1;
    for (;;)
        counter++;
}

static void observe_spinner(a9n_word_t argument)
{
    (void)argument;
    result = spinning;
    a9n_notification_notify(observer_signal);
}

SYSTEM_TEST(process_round_robin_preempts_a_thread_that_never_yields)
{
    a9n_word_t spinner, observer, done;
    spinning = 0;
    result = 0;
    observer_signal = make_done_signal(&done);
    CHECK_EQUAL(test_thread_start(spin_forever, 0, 100, NULL, &spinner), A9N_ERROR_NONE);
    CHECK_EQUAL(test_thread_start(observe_spinner, 0, 100, NULL, &observer), A9N_ERROR_NONE);
    /* The spinner runs first; only the timer's quantum can let the observer in. */
    CHECK_EQUAL(a9n_notification_wait(system_test_descriptor(done)).value, 1);
    CHECK_EQUAL(result, 1);
}

SYSTEM_TEST(process_read_and_write_registers)
{
    a9n_word_t process = system_test_make(A9N_CAPABILITY_PROCESS, 0);
    a9n_word_t pcb = system_test_descriptor(process);
    a9n_word_t portable[4] = { 0x400123, 0x7ff000, 0x5000, 0xabcdef };
    a9n_word_t back[4] = { 0 };
    CHECK_EQUAL(a9n_process_write_registers(pcb, A9N_REGISTER_IP, 4, portable), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_process_read_registers(pcb, A9N_REGISTER_IP, 4, back), A9N_ERROR_NONE);
    for (unsigned i = 0; i < 4; i++)
        CHECK_EQUAL(back[i], portable[i]);

    /* MR0 is the first argument register on both ports' ABIs. */
    CHECK_EQUAL(a9n_process_read_register(pcb, A9N_REGISTER_MR + 0).value, 0xabcdef);
    CHECK_EQUAL(a9n_process_write_register(pcb, A9N_REGISTER_MR + A9N_ARCH_REGISTER_MRS - 1, 99),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_process_read_register(pcb, A9N_REGISTER_MR + A9N_ARCH_REGISTER_MRS - 1).value,
                99);

    /* The raw context holds the same IP somewhere, and writes through it show up. */
    unsigned found = A9N_REGISTER_RAW_COUNT;
    for (unsigned i = 0; i < A9N_REGISTER_RAW_COUNT; i++) {
        struct a9n_word_result word = a9n_process_read_register(pcb, A9N_REGISTER_RAW + i);
        CHECK_EQUAL(word.error, A9N_ERROR_NONE);
        if (word.value == 0x400123)
            found = i;
    }
    CHECK(found < A9N_REGISTER_RAW_COUNT);
    CHECK_EQUAL(a9n_process_write_register(pcb, A9N_REGISTER_RAW + found, 0x400456),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_process_read_register(pcb, A9N_REGISTER_IP).value, 0x400456);

    CHECK_EQUAL(a9n_process_read_registers(pcb, A9N_REGISTER_IP, 0, back),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_process_read_registers(pcb, A9N_REGISTER_IP, A9N_PROCESS_REGISTERS_PER_CALL + 1,
                                           back),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_process_read_register(pcb, A9N_REGISTER_PORTABLE_COUNT).error,
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_process_read_register(pcb, A9N_REGISTER_MR + A9N_ARCH_REGISTER_MRS).error,
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_process_write_register(pcb, A9N_REGISTER_RAW + A9N_REGISTER_RAW_COUNT, 1),
                A9N_ERROR_INVALID_ARGUMENT);
    /* A range running off the end is refused whole. */
    CHECK_EQUAL(a9n_process_read_registers(pcb, A9N_REGISTER_ARG0, 2, back),
                A9N_ERROR_INVALID_ARGUMENT);
}

SYSTEM_TEST(process_destroyed_while_runnable_never_runs_again)
{
    a9n_word_t process;
    counter = 0;
    CHECK_EQUAL(test_thread_start(count_forever, 0, TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    CHECK(test_wait_for(&counter, 100) != 0);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, process), A9N_ERROR_NONE);
    a9n_word_t stopped_at = counter;
    test_yield(20);
    CHECK_EQUAL(counter, stopped_at);
}

static volatile a9n_word_t self_slot;

static void destroy_self(a9n_word_t argument)
{
    (void)argument;
    result = 1;
    a9n_node_remove(SYSTEM_TEST_ROOT, self_slot);
    /* Never reached: the PCB died in that call. */
    result = 2;
}

SYSTEM_TEST(process_that_destroys_itself_leaves_the_system_running)
{
    a9n_word_t process = system_test_make(A9N_CAPABILITY_PROCESS, 0);
    result = 0;
    self_slot = process;
    struct a9n_thread_start start = {
        .process = system_test_descriptor(process),
        .address_space = a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
        .root_node = SYSTEM_TEST_ROOT,
        .priority = TEST_PRIORITY_INIT,
        .function = destroy_self,
    };
    static unsigned char stack[4096] __attribute__((aligned(16)));
    start.stack = stack;
    start.stack_size = sizeof(stack);
    CHECK_EQUAL(a9n_thread_start(&start), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&result, 100), 1);
    test_yield(10);
    CHECK_EQUAL(result, 1);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, process), A9N_ERROR_EMPTY_SLOT);
}

static volatile a9n_word_t cancelled_error;

static void receive_once(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    cancelled_error = a9n_ipc_receive(port, mr) + 0x100;
}

SYSTEM_TEST(process_suspend_cancels_a_pending_receive)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t process;
    cancelled_error = 0;
    CHECK_EQUAL(test_thread_start(receive_once, system_test_descriptor(port), TEST_PRIORITY_INIT,
                                  NULL, &process),
                A9N_ERROR_NONE);
    test_yield(3); /* it blocks in receive */
    CHECK_EQUAL(a9n_process_suspend(system_test_descriptor(process)), A9N_ERROR_NONE);
    /* Dequeued: nobody receives on the port any more. */
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    CHECK_EQUAL(a9n_ipc_send_non_blocking(system_test_descriptor(port), mr),
                A9N_ERROR_WOULD_BLOCK);
    CHECK_EQUAL(cancelled_error, 0);
    CHECK_EQUAL(a9n_process_resume(system_test_descriptor(process)), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&cancelled_error, 100), 0x100 + A9N_ERROR_CANCELLED);
}
