/*
 * Processes, scheduling and IPC bookkeeping on the host: priorities and
 * round robin, that destroying a process or a port leaves no queue or
 * reply link behind, and who gets the FPU (kernel/fpu.h).
 */
#include <a9n/ipc.h>
#include <a9n/process.h>

#include "cap_test.h"
#include "fake_scheduling.h"
#include "ipc_port.h"
#include "message.h"
#include "notification_port.h"
#include "scheduler.h"

#define ADDRESS_SPACE_SLOT 15
#define PORT_SLOT 14

/* A universe with an address space and an IPC port for the processes to use. */
static int process_setup(void **state)
{
    setup(state);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_ADDRESS_SPACE, 0, 1, 0,
                             ADDRESS_SPACE_SLOT),
                     A9N_ERROR_NONE);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_IPC_PORT, 0, 1, 0, PORT_SLOT),
                     A9N_ERROR_NONE);
    return 0;
}

/* A runnable process in root slot `index`. */
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

static a9n_word_t error_of(struct process *process)
{
    return *message_register(process, A9N_MR_ERROR);
}

static void highest_priority_runs_and_a_level_takes_turns(void **state)
{
    (void)state;
    struct process *low = make_process(4, 10);
    struct process *first = make_process(5, 20);
    struct process *second = make_process(6, 20);
    assert_ptr_equal(fake_scheduling_exit(), first);
    scheduler_yield();
    assert_ptr_equal(fake_scheduling_exit(), second);
    /* One tick is not a quantum; two are. */
    scheduler_tick();
    assert_ptr_equal(fake_scheduling_exit(), second);
    scheduler_tick();
    assert_ptr_equal(fake_scheduling_exit(), first);
    scheduler_remove(first);
    scheduler_remove(second);
    second->state = first->state = PROCESS_STATE_INACTIVE;
    assert_ptr_equal(fake_scheduling_exit(), low);
    scheduler_remove(low);
    low->state = PROCESS_STATE_INACTIVE;
    assert_null(fake_scheduling_exit());
}

static void destroyed_receiver_leaves_the_port_queue(void **state)
{
    (void)state;
    struct process *receiver = make_process(4, 10);
    struct process *sender = make_process(5, 10);
    const struct slot *port = universe_slot(R(PORT_SLOT));
    ipc_port_invoke(receiver, port, A9N_IPC_PORT_RECEIVE);
    assert_int_equal(receiver->state, PROCESS_STATE_BLOCKED_RECEIVE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 4), A9N_ERROR_NONE);
    assert_null(((struct ipc_port *)slot_object(port))->queue.head);
    *message_register(sender, A9N_MR_INFO) = a9n_message_info(0, 0, 0);
    ipc_port_invoke(sender, port, A9N_IPC_PORT_SEND_NON_BLOCKING);
    assert_int_equal(error_of(sender), A9N_ERROR_WOULD_BLOCK);
    assert_ptr_equal(fake_scheduling_exit(), sender);
    ASSERT_INVARIANTS();
}

static void destroyed_caller_clears_the_reply_right(void **state)
{
    (void)state;
    struct process *server = make_process(4, 10);
    struct process *client = make_process(5, 10);
    const struct slot *port = universe_slot(R(PORT_SLOT));
    ipc_port_invoke(server, port, A9N_IPC_PORT_RECEIVE);
    *message_register(client, A9N_MR_INFO) = a9n_message_info(1, 0, 0);
    ipc_port_invoke(client, port, A9N_IPC_PORT_CALL);
    assert_int_equal(client->state, PROCESS_STATE_BLOCKED_REPLY);
    assert_ptr_equal(server->reply_to, client);
    assert_int_equal(server->state, PROCESS_STATE_READY);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    assert_null(server->reply_to);
    *message_register(server, A9N_MR_INFO) = a9n_message_info(0, 0, 0);
    ipc_port_invoke(server, port, A9N_IPC_PORT_REPLY);
    assert_int_equal(error_of(server), A9N_ERROR_INVALID_STATE);
    ASSERT_INVARIANTS();
}

static void destroyed_server_cancels_the_call(void **state)
{
    (void)state;
    struct process *server = make_process(4, 10);
    struct process *client = make_process(5, 10);
    const struct slot *port = universe_slot(R(PORT_SLOT));
    *message_register(client, A9N_MR_INFO) = a9n_message_info(1, 0, 0);
    ipc_port_invoke(client, port, A9N_IPC_PORT_CALL);
    assert_int_equal(client->state, PROCESS_STATE_BLOCKED_SEND);
    ipc_port_invoke(server, port, A9N_IPC_PORT_RECEIVE);
    assert_ptr_equal(client->replier, server);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 4), A9N_ERROR_NONE);
    assert_int_equal(client->state, PROCESS_STATE_READY);
    assert_null(client->replier);
    assert_int_equal(error_of(client), A9N_ERROR_CANCELLED);
    ASSERT_INVARIANTS();
}

static void destroyed_ports_wake_their_waiters(void **state)
{
    (void)state;
    struct process *receiver = make_process(4, 10);
    struct process *waiter = make_process(5, 10);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_NOTIFICATION_PORT, 0, 1, 0, 6),
                     A9N_ERROR_NONE);
    ipc_port_invoke(receiver, universe_slot(R(PORT_SLOT)), A9N_IPC_PORT_RECEIVE);
    notification_port_invoke(waiter, universe_slot(R(6)), A9N_NOTIFICATION_WAIT);
    assert_int_equal(waiter->state, PROCESS_STATE_BLOCKED_NOTIFICATION);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, PORT_SLOT), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 6), A9N_ERROR_NONE);
    assert_int_equal(receiver->state, PROCESS_STATE_READY);
    assert_int_equal(waiter->state, PROCESS_STATE_READY);
    assert_int_equal(error_of(receiver), A9N_ERROR_DESTROYED);
    assert_int_equal(error_of(waiter), A9N_ERROR_DESTROYED);
    ASSERT_INVARIANTS();
}

static void notification_signal_wakes_the_longest_waiter_with_the_word(void **state)
{
    (void)state;
    struct process *first = make_process(4, 10);
    struct process *second = make_process(5, 10);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_NOTIFICATION_PORT, 0, 1, 0, 6),
                     A9N_ERROR_NONE);
    struct notification_port *port = notification_port_of(universe_slot(R(6)));
    notification_port_invoke(first, universe_slot(R(6)), A9N_NOTIFICATION_WAIT);
    notification_port_invoke(second, universe_slot(R(6)), A9N_NOTIFICATION_WAIT);
    notification_port_signal(port, 0);
    assert_int_equal(first->state, PROCESS_STATE_BLOCKED_NOTIFICATION);
    notification_port_signal(port, 6);
    assert_int_equal(first->state, PROCESS_STATE_READY);
    assert_int_equal(*message_register(first, A9N_NOTIFICATION_ARG_WORD), 6);
    assert_int_equal(second->state, PROCESS_STATE_BLOCKED_NOTIFICATION);
    assert_int_equal(port->word, 0);
}

static void configure_failure_changes_nothing(void **state)
{
    (void)state;
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_PROCESS, 0, 1, 0, 4),
                     A9N_ERROR_NONE);
    unsigned fields = A9N_PROCESS_FIELD_ADDRESS_SPACE | A9N_PROCESS_FIELD_RESOLVER;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_WRONG_TYPE,
                           CALL(R(4), A9N_PROCESS_CONFIGURE, a9n_process_configure_word(fields, 0, 0),
                                R(ADDRESS_SPACE_SLOT), 0, 0, R(ADDRESS_SPACE_SLOT)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(4), A9N_PROCESS_CONFIGURE,
                                a9n_process_configure_word(A9N_PROCESS_FIELD_PRIORITY, 256, 0)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_STATE, CALL(R(4), A9N_PROCESS_RESUME));
    ASSERT_INVARIANTS();
}

/* Two runnable processes at one priority, the first running; the fake FPU off and unused. */
static void start_two(struct process **first, struct process **second)
{
    fake_scheduling.fpu_access = false;
    fake_scheduling.fpu_switches = 0;
    *first = make_process(4, 20);
    *second = make_process(5, 20);
    assert_ptr_equal(fake_scheduling_exit(), *first);
}

static void fpu_goes_to_its_user_and_access_follows_the_owner(void **state)
{
    (void)state;
    struct process *first, *second;
    start_two(&first, &second);
    /* Nobody owns the FPU yet: leaving the kernel touches nothing. */
    assert_false(fake_scheduling.fpu_access);
    assert_int_equal(fake_scheduling.fpu_switches, 0);

    /* First use: nothing to save, the thread's own (initial) state loaded. */
    assert_ptr_equal(fake_scheduling_fpu_trap(), first);
    assert_int_equal(fake_scheduling.fpu_switches, 1);
    assert_null(fake_scheduling.fpu_saved);
    assert_ptr_equal(fake_scheduling.fpu_loaded, &first->fpu);
    assert_true(fake_scheduling.fpu_access);
    assert_int_equal(first->fpu_role, PROCESS_FPU_ACCESS);

    /* Another thread runs: access off, the registers stay (no switch). */
    scheduler_yield();
    assert_ptr_equal(fake_scheduling_exit(), second);
    assert_false(fake_scheduling.fpu_access);
    assert_int_equal(first->fpu_role, PROCESS_FPU_IDLE);
    assert_int_equal(second->fpu_role, PROCESS_FPU_NONE);
    assert_int_equal(fake_scheduling.fpu_switches, 1);

    /* It uses FP: the owner's registers go to the owner's PCB. */
    assert_ptr_equal(fake_scheduling_fpu_trap(), second);
    assert_int_equal(fake_scheduling.fpu_switches, 2);
    assert_ptr_equal(fake_scheduling.fpu_saved, &first->fpu);
    assert_ptr_equal(fake_scheduling.fpu_loaded, &second->fpu);
    assert_int_equal(first->fpu_role, PROCESS_FPU_NONE);
    assert_int_equal(second->fpu_role, PROCESS_FPU_ACCESS);

    /* Away and back: the owner gets access again without a switch. */
    scheduler_yield();
    assert_ptr_equal(fake_scheduling_exit(), first);
    assert_false(fake_scheduling.fpu_access);
    assert_int_equal(second->fpu_role, PROCESS_FPU_IDLE);
    scheduler_yield();
    assert_ptr_equal(fake_scheduling_exit(), second);
    assert_true(fake_scheduling.fpu_access);
    assert_int_equal(second->fpu_role, PROCESS_FPU_ACCESS);
    assert_int_equal(fake_scheduling.fpu_switches, 2);
}

static void destroyed_fpu_owner_is_forgotten(void **state)
{
    (void)state;
    struct process *first, *second;
    start_two(&first, &second);
    assert_ptr_equal(fake_scheduling_fpu_trap(), first);

    /* The owner dies while running with access: access off, its registers dropped. */
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 4), A9N_ERROR_NONE);
    assert_false(fake_scheduling.fpu_access);
    assert_ptr_equal(fake_scheduling_exit(), second);
    assert_false(fake_scheduling.fpu_access);
    assert_ptr_equal(fake_scheduling_fpu_trap(), second);
    assert_int_equal(fake_scheduling.fpu_switches, 2);
    assert_null(fake_scheduling.fpu_saved);
    assert_ptr_equal(fake_scheduling.fpu_loaded, &second->fpu);
    ASSERT_INVARIANTS();
}

int main(void)
{
#define PROCESS_TEST(name) cmocka_unit_test_setup_teardown(name, process_setup, teardown)
    const struct CMUnitTest tests[] = {
        PROCESS_TEST(highest_priority_runs_and_a_level_takes_turns),
        PROCESS_TEST(destroyed_receiver_leaves_the_port_queue),
        PROCESS_TEST(destroyed_caller_clears_the_reply_right),
        PROCESS_TEST(destroyed_server_cancels_the_call),
        PROCESS_TEST(destroyed_ports_wake_their_waiters),
        PROCESS_TEST(notification_signal_wakes_the_longest_waiter_with_the_word),
        PROCESS_TEST(configure_failure_changes_nothing),
        PROCESS_TEST(fpu_goes_to_its_user_and_access_follows_the_owner),
        PROCESS_TEST(destroyed_fpu_owner_is_forgotten),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
