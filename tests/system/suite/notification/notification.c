/*
 * System tests of the Notification Port operations: notify ORs badges,
 * wait and poll take and clear the word, several waiters are woken one per
 * notify in arrival order, rights and badge rules, destruction.
 */
#include <liba9n/notification.h>

#include "../process/threads.h"

/* A badged copy of `port` (root-slot index); its descriptor. */
static a9n_word_t badged(a9n_word_t port, a9n_word_t badge)
{
    a9n_word_t slot = system_test_slot();
    a9n_node_mint(SYSTEM_TEST_ROOT, slot, system_test_descriptor(port), A9N_RIGHTS_ALL, badge);
    return system_test_descriptor(slot);
}

SYSTEM_TEST(notification_notify_ors_badges_and_poll_takes_the_word)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t one = badged(port, 1), four = badged(port, 4);
    CHECK_EQUAL(a9n_notification_poll(system_test_descriptor(port)).error, A9N_ERROR_WOULD_BLOCK);
    CHECK_EQUAL(a9n_notification_notify(one), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_notification_notify(four), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_notification_notify(one), A9N_ERROR_NONE);
    struct a9n_word_result word = a9n_notification_poll(system_test_descriptor(port));
    CHECK_EQUAL(word.error, A9N_ERROR_NONE);
    CHECK_EQUAL(word.value, 5);
    CHECK_EQUAL(a9n_notification_poll(system_test_descriptor(port)).error, A9N_ERROR_WOULD_BLOCK);
    /* Wait does not block when the word is already set. */
    CHECK_EQUAL(a9n_notification_notify(four), A9N_ERROR_NONE);
    word = a9n_notification_wait(system_test_descriptor(port));
    CHECK_EQUAL(word.error, A9N_ERROR_NONE);
    CHECK_EQUAL(word.value, 4);
}

SYSTEM_TEST(notification_rights_and_badge_rules)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t read_only = system_test_slot(), write_only = system_test_slot();
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, read_only, system_test_descriptor(port),
                              A9N_RIGHT_READ | A9N_RIGHT_COPY | A9N_RIGHT_MODIFY, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, write_only, system_test_descriptor(port),
                              A9N_RIGHT_WRITE, 2),
                A9N_ERROR_NONE);
    /* An unbadged capability carries no bits to notify with. */
    CHECK_EQUAL(a9n_notification_notify(system_test_descriptor(port)), A9N_ERROR_INVALID_STATE);
    CHECK_EQUAL(a9n_notification_notify(badged(read_only, 8)), A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_notification_wait(system_test_descriptor(write_only)).error,
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_notification_poll(system_test_descriptor(write_only)).error,
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_capability_call(system_test_descriptor(port), 9, mr),
                A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(a9n_notification_notify(system_test_descriptor(write_only)), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_notification_poll(system_test_descriptor(read_only)).value, 2);
}

static volatile a9n_word_t wake_order[3];
static volatile a9n_word_t wake_words[3];
static volatile a9n_word_t wake_count;
static volatile a9n_word_t wait_port;

static void wait_and_record(a9n_word_t id)
{
    struct a9n_word_result word = a9n_notification_wait(wait_port);
    wake_words[id] = word.error == A9N_ERROR_NONE ? word.value : 0x100 + word.error;
    wake_order[wake_count++] = id;
}

SYSTEM_TEST(notification_several_waiters_wake_one_per_notify_in_order)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t process;
    wait_port = system_test_descriptor(port);
    wake_count = 0;
    for (a9n_word_t id = 0; id < 3; id++) {
        CHECK_EQUAL(test_thread_start(wait_and_record, id, TEST_PRIORITY_INIT, NULL, &process),
                    A9N_ERROR_NONE);
        test_yield(2); /* it blocks in wait, after the ones before it */
    }
    CHECK_EQUAL(wake_count, 0);
    a9n_word_t bits[3] = { badged(port, 1), badged(port, 2), badged(port, 4) };
    for (a9n_word_t n = 0; n < 3; n++) {
        CHECK_EQUAL(a9n_notification_notify(bits[n]), A9N_ERROR_NONE);
        test_yield(2);
        CHECK_EQUAL(wake_count, n + 1);
        CHECK_EQUAL(wake_order[n], n);
        CHECK_EQUAL(wake_words[n], (a9n_word_t)1 << n);
    }
}

SYSTEM_TEST(notification_destroyed_wakes_its_waiters_with_destroyed)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    a9n_word_t copy = system_test_slot();
    a9n_word_t process;
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(port)),
                A9N_ERROR_NONE);
    wait_port = system_test_descriptor(copy);
    wake_count = 0;
    wake_words[0] = 0;
    CHECK_EQUAL(test_thread_start(wait_and_record, 0, TEST_PRIORITY_INIT, NULL, &process),
                A9N_ERROR_NONE);
    test_yield(2);
    /* Revoke takes the waiter's copy, remove the last capability: the port dies. */
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, port), A9N_ERROR_NONE);
    test_yield(2);
    CHECK_EQUAL(wake_count, 0);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, port), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&wake_count, 10), 1);
    CHECK_EQUAL(wake_words[0], 0x100 + A9N_ERROR_DESTROYED);
}
