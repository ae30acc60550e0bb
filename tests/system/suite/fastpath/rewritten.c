/*
 * Partners changed by someone else while they waited in IPC.
 *
 * The fast path never enters a context a user rewrote while its thread
 * waited as it would one the kernel-call entry saved. Here the partner's
 * IP is set to an address that is not canonical on x86_64 (sysret to it
 * would fault in ring 0) and outside Sv39, through "write registers" of
 * the whole raw context read back first (so on x86_64 the entry's mark is
 * written back too, and must not survive). The partner must fault in user
 * mode at that address, which without a resolver suspends it, and the
 * kernel must go on. (QEMU's sysret, like AMD's, faults in user mode even
 * on a non-canonical rip; on Intel hardware the ring-0 fault is what this
 * guards against.)
 */
#include <liba9n/init.h>
#include <liba9n/ipc.h>
#include <liba9n/process.h>

#include "../framework/system_test.h"
#include "../process/threads.h"
#include "hits.h"

#define BAD_IP (1ul << 62)

/* Every raw word of the context as it is, then the IP replaced. */
static void rewrite_ip(a9n_word_t process)
{
    a9n_word_t pcb = system_test_descriptor(process);
    for (unsigned i = 0; i < A9N_REGISTER_RAW_COUNT; i++) {
        struct a9n_word_result word = a9n_process_read_register(pcb, A9N_REGISTER_RAW + i);
        CHECK_EQUAL(word.error, A9N_ERROR_NONE);
        CHECK_EQUAL(a9n_process_write_register(pcb, A9N_REGISTER_RAW + i, word.value),
                    A9N_ERROR_NONE);
    }
    CHECK_EQUAL(a9n_process_write_register(pcb, A9N_REGISTER_IP, BAD_IP), A9N_ERROR_NONE);
}

static volatile a9n_word_t returned;

static void receive_once(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_ipc_receive(port, mr);
    returned = 1;
}

/* A thread at init's priority that waits in receive on `port` once it returns. */
static enum a9n_error start_receiver(a9n_word_t port, a9n_word_t *process)
{
    returned = 0;
    enum a9n_error error = test_thread_start(receive_once, system_test_descriptor(port),
                                             TEST_PRIORITY_INIT, NULL, process);
    test_yield(2);
    return error;
}

/* Call direction: the receiver waits in receive when its IP is rewritten. */
SYSTEM_TEST(fastpath_call_to_a_rewritten_receiver_faults_in_user_mode)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t process;
    CHECK_EQUAL(start_receiver(port, &process), A9N_ERROR_NONE);
    rewrite_ip(process);

    /* The receiver takes the call, faults at BAD_IP and is suspended: the call is cancelled. */
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_ipc_call(system_test_descriptor(port), mr), A9N_ERROR_CANCELLED);
    system_test_restate_name();
    CHECK_EQUAL(a9n_process_read_register(system_test_descriptor(process), A9N_REGISTER_IP).value,
                BAD_IP);
    CHECK_EQUAL(returned, 0);
}

static void call_once(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_ipc_call(port, mr);
    returned = 1;
}

static void send_once(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_ipc_send(port, mr);
}

/* Reply direction: the caller waits for the reply when its IP is rewritten. */
SYSTEM_TEST(fastpath_reply_to_a_rewritten_caller_faults_in_user_mode)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t wake = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t caller, waker;
    returned = 0;
    CHECK_EQUAL(test_thread_start(call_once, system_test_descriptor(port), TEST_PRIORITY_INIT,
                                  NULL, &caller),
                A9N_ERROR_NONE);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_ipc_receive(system_test_descriptor(port), mr), A9N_ERROR_NONE);
    rewrite_ip(caller);

    /*
     * Reply and wait on `wake`: the caller resumes at BAD_IP, faults and
     * is suspended; then the lower waker runs and its message ends the wait.
     */
    CHECK_EQUAL(test_thread_start(send_once, system_test_descriptor(wake), TEST_PRIORITY_INIT - 1,
                                  NULL, &waker),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_ipc_reply_receive(system_test_descriptor(wake), mr), A9N_ERROR_NONE);
    system_test_restate_name();
    CHECK_EQUAL(a9n_process_read_register(system_test_descriptor(caller), A9N_REGISTER_IP).value,
                BAD_IP);
    CHECK_EQUAL(returned, 0);
}

/*
 * The receiver's address space is replaced, while it waits, by a new one
 * in which nothing was ever mapped: no identifier, so no switch word, and
 * the fast path has the HAL activate it (hal_address_space_activate). The
 * receiver then faults at its first instruction and is suspended; the
 * previous address space must be active again for init to go on.
 */
SYSTEM_TEST(fastpath_call_into_an_address_space_without_identifier)
{
    a9n_word_t port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t empty = system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0);
    a9n_word_t process;
    CHECK_EQUAL(start_receiver(port, &process), A9N_ERROR_NONE);
    struct a9n_process_configuration configuration = {
        .fields = A9N_PROCESS_FIELD_ADDRESS_SPACE,
        .address_space = system_test_descriptor(empty),
    };
    CHECK_EQUAL(a9n_process_configure(system_test_descriptor(process), &configuration),
                A9N_ERROR_NONE);

    a9n_word_t hits_before = fastpath_hits();
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_ipc_call(system_test_descriptor(port), mr), A9N_ERROR_CANCELLED);
    system_test_restate_name();
    CHECK_EQUAL(fastpath_hits(), hits_before + 1);
    CHECK_EQUAL(returned, 0);
}
