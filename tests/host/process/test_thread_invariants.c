/*
 * The scheduler and IPC half of the invariant checker
 * (invariant_check_threads) notices each broken rule: every test builds a
 * consistent state, breaks one thing the way a kernel bug would, and
 * expects the checker to name that rule. The checked kernel
 * (docs/checked-build.md) runs the same checker at every entry and exit.
 */
#include <a9n/ipc.h>
#include <a9n/process.h>

#include "cap_test.h"
#include "fake_scheduling.h"
#include "fpu.h"
#include "invariant.h"
#include "ipc_port.h"
#include "message.h"
#include "notification_port.h"
#include "scheduler.h"

#define ADDRESS_SPACE_SLOT 15
#define PORT_SLOT 14
#define OTHER_PORT_SLOT 13
#define NOTIFICATION_SLOT 12

/*
 * Ports first, so that they lie below the processes in memory and the
 * checker, which goes by address, looks at a port before its waiters.
 */
static int thread_setup(void **state)
{
    setup(state);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_ADDRESS_SPACE, 0, 1, 0,
                             ADDRESS_SPACE_SLOT),
                     A9N_ERROR_NONE);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_IPC_PORT, 0, 1, 0, PORT_SLOT),
                     A9N_ERROR_NONE);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_IPC_PORT, 0, 1, 0,
                             OTHER_PORT_SLOT),
                     A9N_ERROR_NONE);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_NOTIFICATION_PORT, 0, 1, 0,
                             NOTIFICATION_SLOT),
                     A9N_ERROR_NONE);
    return 0;
}

/* The states are broken on purpose: no invariant check on the way out. */
static int thread_teardown(void **state)
{
    (void)state;
    universe_teardown();
    return 0;
}

static struct process *make_process(a9n_word_t index, unsigned priority)
{
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_PROCESS, 0, 1, 0, index),
                     A9N_ERROR_NONE);
    unsigned fields = A9N_PROCESS_FIELD_ADDRESS_SPACE | A9N_PROCESS_FIELD_ROOT_NODE |
                      A9N_PROCESS_FIELD_PRIORITY;
    assert_int_equal(CALL(R(index), A9N_PROCESS_CONFIGURE,
                          a9n_process_configure_word(fields, priority, 0), R(ADDRESS_SPACE_SLOT),
                          a9n_descriptor(0, 0)),
                     A9N_ERROR_NONE);
    assert_int_equal(CALL(R(index), A9N_PROCESS_RESUME), A9N_ERROR_NONE);
    return process_of(universe_slot(R(index)));
}

static const struct slot *port_slot(void)
{
    return universe_slot(R(PORT_SLOT));
}

static struct ipc_port *port(void)
{
    return slot_object(port_slot());
}

/* The rule the thread checker reports, or NULL; the capability half must hold. */
static const char *violated_rule(void)
{
    char message[256];
    if (universe_check_at_kernel_exit(message, sizeof(message)))
        return NULL;
    if (universe_last_violation()->object == NULL)
        fail_msg("a capability rule broke instead: %s", message);
    return universe_last_violation()->what;
}

#define ASSERT_VIOLATION(rule) assert_string_equal(violated_rule(), (rule))

/* One running and one queued thread at priority 10, a lower one queued at 5. */
static struct process *running, *queued, *low;
static void start_three(void)
{
    low = make_process(4, 5);
    running = make_process(5, 10);
    queued = make_process(6, 10);
    assert_ptr_equal(fake_scheduling_exit(), running);
    assert_null(violated_rule());
}

/* A receiver blocked on the port; `running` is the other thread. */
static struct process *receiver;
static void block_receiver(void)
{
    receiver = make_process(4, 10);
    running = make_process(5, 10);
    assert_ptr_equal(fake_scheduling_exit(), receiver);
    ipc_port_invoke(receiver, port_slot(), A9N_IPC_PORT_RECEIVE);
    assert_ptr_equal(fake_scheduling_exit(), running);
    assert_int_equal(receiver->state, PROCESS_STATE_BLOCKED_RECEIVE);
    assert_null(violated_rule());
}

/* `client` called `server`, which took the call and is running. */
static struct process *client, *server;
static void call_server(void)
{
    server = make_process(4, 10);
    client = make_process(5, 10);
    assert_ptr_equal(fake_scheduling_exit(), server);
    ipc_port_invoke(server, port_slot(), A9N_IPC_PORT_RECEIVE);
    assert_ptr_equal(fake_scheduling_exit(), client);
    *message_register(client, A9N_MR_INFO) = a9n_message_info(0, 0, 0);
    ipc_port_invoke(client, port_slot(), A9N_IPC_PORT_CALL);
    assert_ptr_equal(fake_scheduling_exit(), server);
    assert_int_equal(client->state, PROCESS_STATE_BLOCKED_REPLY);
    assert_null(violated_rule());
}

static void running_thread_must_be_ready(void **state)
{
    (void)state;
    start_three();
    running->state = PROCESS_STATE_INACTIVE;
    ASSERT_VIOLATION("running thread not READY");
}

static void running_thread_must_have_a_priority_in_range(void **state)
{
    (void)state;
    start_three();
    running->priority = SCHEDULER_PRIORITIES;
    ASSERT_VIOLATION("thread priority out of range");
}

static void running_thread_must_be_in_no_queue(void **state)
{
    (void)state;
    block_receiver();
    running->waiting_on = &port()->queue;
    ASSERT_VIOLATION("running thread in a queue");
}

static void cpu_must_be_in_the_running_threads_address_space(void **state)
{
    (void)state;
    start_three();
    scheduler_active_address_space = 0;
    ASSERT_VIOLATION("CPU not in the running thread's address space");
}

static void running_thread_must_not_be_in_a_ready_queue(void **state)
{
    (void)state;
    block_receiver();
    /* A ready queue of its own level, bitmap and all, while it still runs. */
    scheduler_make_ready(running);
    ASSERT_VIOLATION("running thread in a ready queue");
}

static void ready_bitmap_must_match_the_queues(void **state)
{
    (void)state;
    start_three();
    process_queue_remove((struct process_queue *)scheduler_ready_queue(5), low);
    ASSERT_VIOLATION("ready bitmap disagrees with its queue");
}

static void ready_queue_holds_only_ready_threads(void **state)
{
    (void)state;
    start_three();
    queued->state = PROCESS_STATE_INACTIVE;
    ASSERT_VIOLATION("thread in a ready queue not READY");
}

static void ready_queue_holds_only_its_own_priority(void **state)
{
    (void)state;
    start_three();
    low->priority = 4;
    ASSERT_VIOLATION("thread in the ready queue of another priority");
}

static void ready_thread_waits_on_no_port(void **state)
{
    (void)state;
    start_three();
    queued->waiting_on = &port()->queue;
    ASSERT_VIOLATION("ready thread waits on a port");
}

static void no_ready_thread_outranks_the_running_one(void **state)
{
    (void)state;
    start_three();
    /* What a wake-up that forgot to preempt would leave. */
    scheduler_set_priority(queued, 11);
    ASSERT_VIOLATION("a ready thread outranks the running one");
}

static void queue_links_must_be_mutual(void **state)
{
    (void)state;
    start_three();
    struct process *second = make_process(7, 10);
    second->queue_previous = NULL;
    ASSERT_VIOLATION("queue links not mutual");
}

static void queue_must_end_at_its_tail(void **state)
{
    (void)state;
    start_three();
    (void)make_process(7, 10);
    ((struct process_queue *)scheduler_ready_queue(10))->tail = queued;
    ASSERT_VIOLATION("queue tail is not its last thread");
}

static void ready_thread_must_be_in_its_ready_queue(void **state)
{
    (void)state;
    start_three();
    (void)make_process(7, 10);
    process_queue_remove((struct process_queue *)scheduler_ready_queue(10), queued);
    ASSERT_VIOLATION("ready thread in no ready queue");
}

static void blocked_thread_must_wait_on_a_queue(void **state)
{
    (void)state;
    block_receiver();
    process_queue_remove(&port()->queue, receiver);
    receiver->waiting_on = NULL;
    ASSERT_VIOLATION("blocked thread waits on no queue");
}

static void blocked_thread_must_be_in_the_queue_it_names(void **state)
{
    (void)state;
    block_receiver();
    process_queue_remove(&port()->queue, receiver);
    ASSERT_VIOLATION("blocked thread not in the queue it waits on");
}

static void waiter_must_name_the_queue_it_is_in(void **state)
{
    (void)state;
    block_receiver();
    receiver->waiting_on = &((struct ipc_port *)slot_object(universe_slot(R(OTHER_PORT_SLOT))))->queue;
    ASSERT_VIOLATION("waiter names another queue than the one it is in");
}

static void port_waiter_must_be_sending_or_receiving(void **state)
{
    (void)state;
    block_receiver();
    receiver->state = PROCESS_STATE_BLOCKED_NOTIFICATION;
    ASSERT_VIOLATION("waiter in a state its queue does not hold");
}

static void port_queue_holds_one_kind(void **state)
{
    (void)state;
    block_receiver();
    struct process *second = make_process(6, 10);
    scheduler_remove(running);
    running->state = PROCESS_STATE_INACTIVE;
    assert_ptr_equal(fake_scheduling_exit(), second);
    ipc_port_invoke(second, port_slot(), A9N_IPC_PORT_RECEIVE);
    assert_null(violated_rule());
    second->state = PROCESS_STATE_BLOCKED_SEND;
    ASSERT_VIOLATION("IPC port queue mixes senders and receivers");
}

static void notification_word_is_clear_while_threads_wait(void **state)
{
    (void)state;
    struct process *waiter = make_process(4, 10);
    running = make_process(5, 10);
    assert_ptr_equal(fake_scheduling_exit(), waiter);
    const struct slot *notification = universe_slot(R(NOTIFICATION_SLOT));
    notification_port_invoke(waiter, notification, A9N_NOTIFICATION_WAIT);
    assert_ptr_equal(fake_scheduling_exit(), running);
    assert_null(violated_rule());
    notification_port_of(notification)->word = 1;
    ASSERT_VIOLATION("notification word set while threads wait");
}

static void thread_in_no_queue_has_no_queue_links(void **state)
{
    (void)state;
    start_three();
    assert_int_equal(CALL(R(4), A9N_PROCESS_SUSPEND), A9N_ERROR_NONE);
    assert_null(violated_rule());
    low->queue_next = queued;
    ASSERT_VIOLATION("thread in no queue has queue links");
}

static void caller_waits_for_a_replier_exactly_while_blocked_on_the_reply(void **state)
{
    (void)state;
    call_server();
    client->replier = NULL;
    server->reply_to = NULL;
    ASSERT_VIOLATION("replier without BLOCKED_REPLY, or BLOCKED_REPLY without one");
}

static void replier_link_must_lead_back(void **state)
{
    (void)state;
    call_server();
    server->reply_to = NULL;
    ASSERT_VIOLATION("reply link not mutual (replier)");
}

static void reply_right_must_lead_back(void **state)
{
    (void)state;
    call_server();
    client->replier = NULL;
    client->state = PROCESS_STATE_INACTIVE;
    ASSERT_VIOLATION("reply link not mutual (reply_to)");
}

static void fault_flag_comes_only_with_a_call(void **state)
{
    (void)state;
    call_server();
    client->ipc_flags = PROCESS_IPC_FAULT;
    ASSERT_VIOLATION("invalid IPC flags");
}

static void ipc_flags_only_while_sending_or_awaiting_a_reply(void **state)
{
    (void)state;
    start_three();
    queued->ipc_flags = PROCESS_IPC_CALL;
    ASSERT_VIOLATION("IPC flags outside a send or reply wait");
}

static void only_the_fpu_owner_has_an_fpu_role(void **state)
{
    (void)state;
    start_three();
    queued->fpu_role = PROCESS_FPU_IDLE;
    ASSERT_VIOLATION("FPU role disagrees with the FPU's owner");
}

static void fpu_owner_has_access_exactly_while_it_runs(void **state)
{
    (void)state;
    start_three();
    assert_ptr_equal(fake_scheduling_fpu_trap(), running);
    assert_null(violated_rule());
    running->fpu_role = PROCESS_FPU_IDLE;
    ASSERT_VIOLATION("FPU owner's access disagrees with whether it runs");
}

static void fpu_owner_must_have_an_fpu_role(void **state)
{
    (void)state;
    start_three();
    fpu_owner = queued;
    ASSERT_VIOLATION("FPU owner without an FPU role");
}

static void thread_state_must_be_valid(void **state)
{
    (void)state;
    start_three();
    assert_int_equal(CALL(R(4), A9N_PROCESS_SUSPEND), A9N_ERROR_NONE);
    low->state = PROCESS_STATE_BLOCKED_NOTIFICATION + 1;
    ASSERT_VIOLATION("invalid thread state");
}

int main(void)
{
#define THREAD_TEST(name) cmocka_unit_test_setup_teardown(name, thread_setup, thread_teardown)
    const struct CMUnitTest tests[] = {
        THREAD_TEST(running_thread_must_be_ready),
        THREAD_TEST(running_thread_must_have_a_priority_in_range),
        THREAD_TEST(running_thread_must_be_in_no_queue),
        THREAD_TEST(cpu_must_be_in_the_running_threads_address_space),
        THREAD_TEST(running_thread_must_not_be_in_a_ready_queue),
        THREAD_TEST(ready_bitmap_must_match_the_queues),
        THREAD_TEST(ready_queue_holds_only_ready_threads),
        THREAD_TEST(ready_queue_holds_only_its_own_priority),
        THREAD_TEST(ready_thread_waits_on_no_port),
        THREAD_TEST(no_ready_thread_outranks_the_running_one),
        THREAD_TEST(queue_links_must_be_mutual),
        THREAD_TEST(queue_must_end_at_its_tail),
        THREAD_TEST(ready_thread_must_be_in_its_ready_queue),
        THREAD_TEST(blocked_thread_must_wait_on_a_queue),
        THREAD_TEST(blocked_thread_must_be_in_the_queue_it_names),
        THREAD_TEST(waiter_must_name_the_queue_it_is_in),
        THREAD_TEST(port_waiter_must_be_sending_or_receiving),
        THREAD_TEST(port_queue_holds_one_kind),
        THREAD_TEST(notification_word_is_clear_while_threads_wait),
        THREAD_TEST(thread_in_no_queue_has_no_queue_links),
        THREAD_TEST(caller_waits_for_a_replier_exactly_while_blocked_on_the_reply),
        THREAD_TEST(replier_link_must_lead_back),
        THREAD_TEST(reply_right_must_lead_back),
        THREAD_TEST(fault_flag_comes_only_with_a_call),
        THREAD_TEST(ipc_flags_only_while_sending_or_awaiting_a_reply),
        THREAD_TEST(only_the_fpu_owner_has_an_fpu_role),
        THREAD_TEST(fpu_owner_has_access_exactly_while_it_runs),
        THREAD_TEST(fpu_owner_must_have_an_fpu_role),
        THREAD_TEST(thread_state_must_be_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
