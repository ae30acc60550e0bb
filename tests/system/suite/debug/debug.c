/*
 * System tests of the Debug capability (docs/abi.md section 16): only a
 * holder can print, stop the machine or read the fast-path counter; a
 * thread without it gets an error from every operation and nothing
 * happens; rights narrow what a copy may do; the kernel never makes one
 * from a Generic; the old debug kernel call is an unknown call. Init (this
 * suite) holds the one the kernel made, in A9N_INIT_SLOT_DEBUG.
 */
#include <a9n/debug.h>
#include <a9n/fault.h>

#include "../fault/resolver.h"
#include "../process/threads.h"

/* Printed only if the kernel let a refused PUT_CHARS through: the suite greps the log for it. */
#define REFUSED_TEXT "DEBUG-REFUSED!"
#define REFUSED_LENGTH (sizeof REFUSED_TEXT - 1)

static a9n_word_t debug_slot(void)
{
    return a9n_init_slot(A9N_INIT_SLOT_DEBUG);
}

/* A Debug operation on `debug` with `argument` in MR2 and the refused marker from MR3. */
static enum a9n_error debug_call(a9n_word_t debug, a9n_word_t operation, a9n_word_t argument,
                                 a9n_word_t *result)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_DEBUG_ARG_COUNT] = argument;
    for (unsigned i = 0; i < REFUSED_LENGTH; i++)
        mr[A9N_DEBUG_ARG_BYTES + i / sizeof(a9n_word_t)] |=
            (a9n_word_t)(unsigned char)REFUSED_TEXT[i] << (8 * (i % sizeof(a9n_word_t)));
    enum a9n_error error = a9n_capability_call(debug, operation, mr);
    if (result != NULL)
        *result = mr[A9N_DEBUG_RESULT_HITS];
    return error;
}

/* A copy of init's Debug capability with only `rights`, in a fresh slot (*copy: its descriptor). */
static enum a9n_error debug_copy(unsigned rights, a9n_word_t *copy)
{
    a9n_word_t slot = system_test_slot();
    *copy = system_test_descriptor(slot);
    return a9n_node_mint(SYSTEM_TEST_ROOT, slot, debug_slot(), rights, 0);
}

SYSTEM_TEST(debug_capability_is_in_its_init_slot)
{
    a9n_word_t hits = 0;
    CHECK_EQUAL(debug_call(debug_slot(), A9N_DEBUG_FASTPATH_HITS, 0, &hits), A9N_ERROR_NONE);
    CHECK_EQUAL(debug_call(debug_slot(), A9N_DEBUG_PUT_CHARS, 0, NULL), A9N_ERROR_NONE);
    /* liba9n prints through the same slot. */
    CHECK_EQUAL(a9n_debug_capability(), debug_slot());
}

SYSTEM_TEST(debug_capability_cannot_be_made_from_a_generic)
{
    a9n_word_t slot = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_generic(), A9N_CAPABILITY_DEBUG, 0, 1,
                                    SYSTEM_TEST_ROOT, slot),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(debug_call(system_test_descriptor(slot), A9N_DEBUG_PUT_CHARS, 0, NULL),
                A9N_ERROR_EMPTY_SLOT);
}

/* Read only: the counter, but neither output nor exit (the machine would stop here). */
SYSTEM_TEST(debug_copy_without_write_cannot_print_or_exit)
{
    a9n_word_t reader;
    CHECK_EQUAL(debug_copy(A9N_RIGHT_READ, &reader), A9N_ERROR_NONE);
    CHECK_EQUAL(debug_call(reader, A9N_DEBUG_PUT_CHARS, REFUSED_LENGTH, NULL),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(debug_call(reader, A9N_DEBUG_EXIT, 0, NULL), A9N_ERROR_MISSING_RIGHTS);
    a9n_word_t hits = 0;
    CHECK_EQUAL(debug_call(reader, A9N_DEBUG_FASTPATH_HITS, 0, &hits), A9N_ERROR_NONE);
    struct a9n_word_result own = a9n_debug_fastpath_hits();
    CHECK_EQUAL(own.error, A9N_ERROR_NONE);
    /* Nothing between the two reads took the fast path. */
    CHECK_EQUAL(own.value, hits);
}

SYSTEM_TEST(debug_copy_without_read_cannot_read_the_counter)
{
    a9n_word_t writer;
    CHECK_EQUAL(debug_copy(A9N_RIGHT_WRITE, &writer), A9N_ERROR_NONE);
    a9n_word_t hits = 0x5a5a;
    CHECK_EQUAL(debug_call(writer, A9N_DEBUG_FASTPATH_HITS, 0, &hits), A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(debug_call(writer, A9N_DEBUG_PUT_CHARS, 0, NULL), A9N_ERROR_NONE);
}

SYSTEM_TEST(debug_bad_arguments_are_refused)
{
    CHECK_EQUAL(debug_call(debug_slot(), A9N_DEBUG_PUT_CHARS, A9N_DEBUG_PUT_CHARS_MAX + 1, NULL),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(debug_call(debug_slot(), A9N_DEBUG_PUT_CHARS, ~(a9n_word_t)0, NULL),
                A9N_ERROR_INVALID_ARGUMENT);
    /* Cut to 8 bits, 256 and 2^32 would read as a pass. */
    CHECK_EQUAL(debug_call(debug_slot(), A9N_DEBUG_EXIT, A9N_DEBUG_EXIT_STATUS_MAX + 1, NULL),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(debug_call(debug_slot(), A9N_DEBUG_EXIT, (a9n_word_t)1 << 32, NULL),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(debug_call(debug_slot(), 0, 0, NULL), A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(debug_call(debug_slot(), A9N_DEBUG_FASTPATH_HITS + 1, 0, NULL),
                A9N_ERROR_UNKNOWN_OPERATION);
}

/* Copy, move, mint and remove work as for any capability; a badge does not. */
SYSTEM_TEST(debug_capability_is_copied_moved_and_removed_like_others)
{
    a9n_word_t copy = system_test_slot(), moved = system_test_slot();
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, debug_slot()), A9N_ERROR_NONE);
    CHECK_EQUAL(debug_call(system_test_descriptor(copy), A9N_DEBUG_FASTPATH_HITS, 0, NULL),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_move(SYSTEM_TEST_ROOT, moved, system_test_descriptor(copy)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(debug_call(system_test_descriptor(copy), A9N_DEBUG_FASTPATH_HITS, 0, NULL),
                A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(debug_call(system_test_descriptor(moved), A9N_DEBUG_FASTPATH_HITS, 0, NULL),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, moved), A9N_ERROR_NONE);
    CHECK_EQUAL(debug_call(system_test_descriptor(moved), A9N_DEBUG_FASTPATH_HITS, 0, NULL),
                A9N_ERROR_EMPTY_SLOT);
    a9n_word_t badged = system_test_slot();
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, badged, debug_slot(), A9N_RIGHTS_ALL, 7),
                A9N_ERROR_INVALID_ARGUMENT);
    /* The original is untouched by all of it. */
    CHECK_EQUAL(debug_call(debug_slot(), A9N_DEBUG_FASTPATH_HITS, 0, NULL), A9N_ERROR_NONE);
}

/* What a thread with a root node of its own (no Debug capability) got back. */
static volatile a9n_word_t outsider_errors[3];
static volatile a9n_word_t outsider_done;

static void outsider(a9n_word_t argument)
{
    (void)argument;
    outsider_errors[0] = debug_call(debug_slot(), A9N_DEBUG_PUT_CHARS, REFUSED_LENGTH, NULL);
    outsider_errors[1] = debug_call(debug_slot(), A9N_DEBUG_EXIT, 0, NULL);
    outsider_errors[2] = debug_call(debug_slot(), A9N_DEBUG_FASTPATH_HITS, 0, NULL);
    outsider_done = 1;
    for (;;)
        a9n_yield(); /* suspended by the test's end */
}

SYSTEM_TEST(debug_operations_fail_for_a_thread_without_the_capability)
{
    outsider_done = 0;
    /* Init's layout, every slot empty: the Debug slot's descriptor resolves to nothing. */
    struct test_thread_options options = {
        .root_node = system_test_make(A9N_CAPABILITY_NODE, A9N_INIT_ROOT_RADIX),
    };
    a9n_word_t process;
    CHECK_EQUAL(test_thread_start(outsider, 0, TEST_PRIORITY_INIT, &options, &process),
                A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&outsider_done, 10), 1);
    /* Still running after its EXIT, and REFUSED_TEXT is not in the log (tests/suites/30-system.sh). */
    CHECK_EQUAL(outsider_errors[0], A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(outsider_errors[1], A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(outsider_errors[2], A9N_ERROR_EMPTY_SLOT);
}

static volatile a9n_word_t after_old_debug_call;

static void old_debug_call(a9n_word_t argument)
{
    (void)argument;
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    /* What the removed debug kernel call's EXIT looked like: MR0 = 1, status 0. */
    mr[0] = 1;
    a9n_arch_kernel_call((a9n_word_t)-3, mr);
    after_old_debug_call = 1;
}

SYSTEM_TEST(debug_kernel_call_of_old_is_an_unknown_kernel_call)
{
    struct faulting_thread thread;
    after_old_debug_call = 0;
    CHECK_EQUAL(fault_thread_start(old_debug_call, 0, &thread), A9N_ERROR_NONE);
    struct fault_report report = fault_receive(&thread);
    CHECK_EQUAL(report.error, A9N_ERROR_NONE);
    CHECK_EQUAL(report.kind, A9N_FAULT_UNKNOWN_KERNEL_CALL);
    CHECK_EQUAL(report.address, (a9n_word_t)-3);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
    CHECK_EQUAL(a9n_ipc_reply(system_test_descriptor(thread.port), mr), A9N_ERROR_NONE);
    CHECK_EQUAL(test_wait_for(&after_old_debug_call, 10), 1);
}
