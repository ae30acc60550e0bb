/*
 * System tests that need fault delivery: what the hardware does with the
 * mappings. A frame unmapped by revoke faults on access even right after it
 * was used (no TLB entry survives), and the attributes are enforced.
 */
#include "../fault/resolver.h"
#include "memory_test.h"

#define RW (A9N_MAP_READ | A9N_MAP_WRITE)

static volatile a9n_word_t seen;

static void read_word(a9n_word_t address)
{
    seen = *(volatile a9n_word_t *)address + 1;
}

static void write_word(a9n_word_t address)
{
    *(volatile a9n_word_t *)address = 0xbad;
    seen = 1;
}

/* Start `function(address)` with a resolver; its first fault, after which it is suspended. */
static struct fault_report first_fault(void (*function)(a9n_word_t), a9n_word_t address)
{
    struct faulting_thread thread;
    struct fault_report report = { .error = fault_thread_start(function, address, &thread) };
    if (report.error != A9N_ERROR_NONE)
        return report;
    /* A missing fault must fail the test, not leave init waiting for a report forever. */
    if (test_wait_for(&seen, 10) != 0) {
        report.error = A9N_ERROR_INVALID_STATE;
        return report;
    }
    report = fault_receive(&thread);
    a9n_process_suspend(system_test_descriptor(thread.process));
    return report;
}

SYSTEM_TEST(revoked_frame_faults_on_access)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t copy = system_test_slot();
    a9n_word_t address = memory_test_address(50);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(frame)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), copy, address, RW), A9N_ERROR_NONE);
    /* Used through the mapping, so the TLB holds its translation now. */
    *(volatile a9n_word_t *)address = 42;
    CHECK_EQUAL(*(volatile a9n_word_t *)address, 42);
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, frame), A9N_ERROR_NONE);

    /* A thread in the same address space (no address-space switch flushes for it) reads it. */
    seen = 0;
    struct fault_report report = first_fault(read_word, address);
    CHECK_EQUAL(report.error, A9N_ERROR_NONE);
    CHECK_EQUAL(report.kind, A9N_FAULT_PAGE);
    CHECK_EQUAL(report.address, address);
    CHECK_EQUAL(report.flags & A9N_FAULT_ACCESS_READ, A9N_FAULT_ACCESS_READ);
    CHECK_EQUAL(seen, 0);
}

SYSTEM_TEST(read_only_mapping_faults_on_write)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t address = memory_test_address(51);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, A9N_MAP_READ),
                A9N_ERROR_NONE);
    seen = 0;
    struct fault_report report = first_fault(write_word, address);
    CHECK_EQUAL(report.error, A9N_ERROR_NONE);
    CHECK_EQUAL(report.kind, A9N_FAULT_PAGE);
    CHECK_EQUAL(report.address, address);
    CHECK_EQUAL(report.flags & A9N_FAULT_ACCESS_WRITE, A9N_FAULT_ACCESS_WRITE);
    CHECK_EQUAL(seen, 0);
    CHECK_EQUAL(*(volatile a9n_word_t *)address, 0);
}

SYSTEM_TEST(mapping_without_execute_faults_on_instruction_fetch)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t address = memory_test_address(52);
    seen = 0;
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, RW), A9N_ERROR_NONE);
    /* Jump to the page itself: fetching from it must fault, whatever its bytes. */
    struct fault_report report = first_fault((void (*)(a9n_word_t))address, 0);
    CHECK_EQUAL(report.error, A9N_ERROR_NONE);
    CHECK_EQUAL(report.kind, A9N_FAULT_PAGE);
    CHECK_EQUAL(report.ip, address);
    CHECK_EQUAL(report.flags & A9N_FAULT_ACCESS_EXECUTE, A9N_FAULT_ACCESS_EXECUTE);
}
