/*
 * System tests of fault delivery: a page fault, an illegal instruction and
 * an unknown kernel call each reach the thread's resolver with kind,
 * address, IP and flags; the resolver's reply resumes the thread (after
 * moving its IP, or not); without a resolver the thread is suspended and
 * the system runs on.
 */
#include "resolver.h"

#define UNMAPPED_ADDRESS 0x10000 /* below every program's image */

static volatile a9n_word_t recovered;

/* Where the resolver sends a thread whose faulting instruction must not run again. */
static void recover(a9n_word_t argument)
{
    (void)argument;
    recovered = 1;
    for (;;)
        a9n_yield(); /* suspended by the test's end */
}

static void read_unmapped(a9n_word_t address)
{
    recovered = *(volatile a9n_word_t *)address;
}

static enum a9n_error resume_at(const struct faulting_thread *thread, void (*function)(a9n_word_t))
{
    enum a9n_error error = a9n_process_write_register(system_test_descriptor(thread->process),
                                                      A9N_REGISTER_IP, (a9n_word_t)function);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    if (error == A9N_ERROR_NONE)
        error = a9n_ipc_reply(system_test_descriptor(thread->port), mr);
    return error;
}

SYSTEM_TEST(fault_page_fault_reaches_the_resolver_and_a_reply_resumes)
{
    struct faulting_thread thread;
    recovered = 0;
    CHECK_EQUAL(fault_thread_start(read_unmapped, UNMAPPED_ADDRESS, &thread), A9N_ERROR_NONE);
    struct fault_report report = fault_receive(&thread);
    CHECK_EQUAL(report.error, A9N_ERROR_NONE);
    CHECK_EQUAL(report.info, a9n_message_info(A9N_FAULT_LABEL, A9N_FAULT_MESSAGE_LENGTH, 0));
    CHECK_EQUAL(report.badge, RESOLVER_BADGE);
    CHECK_EQUAL(report.kind, A9N_FAULT_PAGE);
    CHECK_EQUAL(report.address, UNMAPPED_ADDRESS);
    CHECK(ip_in_function(report.ip, read_unmapped, 64));
    CHECK_EQUAL(report.flags, A9N_FAULT_ACCESS_READ);
    CHECK_EQUAL(resume_at(&thread, recover), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&recovered, 10), 1);
}

static void execute_trap(a9n_word_t argument)
{
    (void)argument;
    __builtin_trap();
}

SYSTEM_TEST(fault_illegal_instruction_reaches_the_resolver)
{
    struct faulting_thread thread;
    recovered = 0;
    CHECK_EQUAL(fault_thread_start(execute_trap, 0, &thread), A9N_ERROR_NONE);
    struct fault_report report = fault_receive(&thread);
    CHECK_EQUAL(report.error, A9N_ERROR_NONE);
    CHECK_EQUAL(report.kind, A9N_FAULT_ILLEGAL_INSTRUCTION);
    CHECK(ip_in_function(report.ip, execute_trap, 32));
    CHECK_EQUAL(report.badge, RESOLVER_BADGE);
    CHECK_EQUAL(resume_at(&thread, recover), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&recovered, 10), 1);
}

static volatile a9n_word_t after_call;

static void unknown_kernel_call(a9n_word_t argument)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_arch_kernel_call(argument, mr);
    /* The resolver replied without touching anything: the call just returns. */
    after_call = 1;
}

SYSTEM_TEST(fault_unknown_kernel_call_reaches_the_resolver_and_resumes_after_the_call)
{
    struct faulting_thread thread;
    after_call = 0;
    CHECK_EQUAL(fault_thread_start(unknown_kernel_call, 7, &thread), A9N_ERROR_NONE);
    struct fault_report report = fault_receive(&thread);
    CHECK_EQUAL(report.error, A9N_ERROR_NONE);
    CHECK_EQUAL(report.kind, A9N_FAULT_UNKNOWN_KERNEL_CALL);
    CHECK_EQUAL(report.address, 7);
    /* The IP is the one after the call instruction, inside the stub. */
    CHECK(ip_in_function(report.ip, (void (*)(a9n_word_t))a9n_arch_kernel_call, 512));
    CHECK_EQUAL(after_call, 0);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    CHECK_EQUAL(a9n_ipc_reply(system_test_descriptor(thread.port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&after_call, 10), 1);
}

SYSTEM_TEST(fault_without_resolver_suspends_the_thread_and_the_system_runs_on)
{
    a9n_word_t process;
    recovered = 0;
    CHECK_EQUAL(test_thread_start(read_unmapped, UNMAPPED_ADDRESS, TEST_PRIORITY_INIT, NULL,
                                  &process),
                A9N_ERROR_NONE);
    test_yield(5);
    system_test_restate_name();
    CHECK_EQUAL(recovered, 0);
    /* Suspended where it faulted: the IP is still in the function. */
    struct a9n_word_result ip =
        a9n_process_read_register(system_test_descriptor(process), A9N_REGISTER_IP);
    CHECK_EQUAL(ip.error, A9N_ERROR_NONE);
    CHECK(ip_in_function(ip.value, read_unmapped, 64));
    /* Moved past the fault and resumed, it runs again. */
    CHECK_EQUAL(a9n_process_write_register(system_test_descriptor(process), A9N_REGISTER_IP,
                                           (a9n_word_t)recover),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_process_resume(system_test_descriptor(process)), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&recovered, 10), 1);
}

SYSTEM_TEST(fault_resolved_by_suspending_cancels_the_reply)
{
    struct faulting_thread thread;
    recovered = 0;
    CHECK_EQUAL(fault_thread_start(read_unmapped, UNMAPPED_ADDRESS, &thread), A9N_ERROR_NONE);
    CHECK_EQUAL(fault_receive(&thread).kind, A9N_FAULT_PAGE);
    CHECK_EQUAL(a9n_process_suspend(system_test_descriptor(thread.process)), A9N_ERROR_NONE);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    CHECK_EQUAL(a9n_ipc_reply(system_test_descriptor(thread.port), mr), A9N_ERROR_INVALID_STATE);
    /* Resumed untouched, it faults again: a second report arrives. */
    CHECK_EQUAL(a9n_process_resume(system_test_descriptor(thread.process)), A9N_ERROR_NONE);
    struct fault_report again = fault_receive(&thread);
    CHECK_EQUAL(again.kind, A9N_FAULT_PAGE);
    CHECK_EQUAL(again.address, UNMAPPED_ADDRESS);
    CHECK_EQUAL(recovered, 0);
}
