/* The test resolver: a badged port copy in the thread's PCB, init receiving on the port. */
#include "resolver.h"

enum a9n_error fault_thread_start(void (*function)(a9n_word_t), a9n_word_t argument,
                                  struct faulting_thread *thread)
{
    thread->port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    struct test_thread_options options = { .resolver = system_test_slot() };
    enum a9n_error error =
        a9n_node_mint(SYSTEM_TEST_ROOT, options.resolver, system_test_descriptor(thread->port),
                      A9N_RIGHTS_ALL, RESOLVER_BADGE);
    if (error != A9N_ERROR_NONE)
        return error;
    return test_thread_start(function, argument, TEST_PRIORITY_INIT, &options, &thread->process);
}

struct fault_report fault_receive(const struct faulting_thread *thread)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    struct fault_report report;
    report.error = a9n_ipc_receive(system_test_descriptor(thread->port), mr);
    report.info = mr[A9N_MR_INFO];
    report.badge = mr[A9N_MR_BADGE];
    report.kind = mr[A9N_FAULT_MR_KIND];
    report.address = mr[A9N_FAULT_MR_ADDRESS];
    report.ip = mr[A9N_FAULT_MR_IP];
    report.flags = mr[A9N_FAULT_MR_FLAGS];
    return report;
}
