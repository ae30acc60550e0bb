/*
 * Isolation at kernel entry: a trap from user mode saves the thread's
 * registers into its PCB and nowhere else. Regression for the kernel-call
 * fuzzer's first find: the x86_64 trap entry pushed a word just below the
 * interrupted thread's context (the start of its PCB), zeroing the last
 * word of whatever object precedes the PCB in memory — there, a derivation
 * link in the fuzzer's root node, which broke a later revoke.
 */
#include "../memory/memory_test.h"
#include "../process/threads.h"

static volatile a9n_word_t stop_spinning;

/* Stays in user mode until told to stop: the timer interrupts it there. */
static void spin(a9n_word_t unused)
{
    (void)unused;
    while (!stop_spinning)
        ;
}

#define PATTERN 0x5ca1ab1e0ddba11ul

SYSTEM_TEST(isolation_traps_from_user_mode_leave_the_object_below_the_pcb_alone)
{
    a9n_word_t process;
    a9n_word_t address = memory_test_address(60);
    volatile a9n_word_t *last_word =
        (volatile a9n_word_t *)(address + A9N_ARCH_PAGE_SIZE) - 1;

    /* The test's Generic is fresh: the frame takes its first page, the PCB the next. */
    a9n_word_t frame = memory_test_frame();
    stop_spinning = 0;
    CHECK_EQUAL(test_thread_start(spin, 0, TEST_PRIORITY_INIT, NULL, &process), A9N_ERROR_NONE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address,
                                A9N_MAP_READ | A9N_MAP_WRITE),
                A9N_ERROR_NONE);
    *last_word = PATTERN;
    /* Each yield lets the spinner run until the timer takes the CPU back from it. */
    test_yield(4);
    stop_spinning = 1;
    CHECK_EQUAL(*last_word, PATTERN);
}
