/* Test threads: PCBs converted from the test's Generic, stacks from a static pool. */
#include "threads.h"

#define STACK_SIZE 8192

static unsigned char stacks[TEST_THREAD_STACKS][STACK_SIZE] __attribute__((aligned(16)));
/* Runs round robin over the pool: a test's threads die with its Generic. */
static unsigned next_stack;

enum a9n_error test_thread_start(void (*function)(a9n_word_t), a9n_word_t argument,
                                 unsigned priority, const struct test_thread_options *options,
                                 a9n_word_t *process)
{
    *process = system_test_make(A9N_CAPABILITY_PROCESS, 0);
    struct a9n_thread_start start = {
        .process = system_test_descriptor(*process),
        .address_space = a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
        .root_node = SYSTEM_TEST_ROOT,
        .priority = priority,
        .function = function,
        .argument = argument,
        .stack = stacks[next_stack],
        .stack_size = STACK_SIZE,
    };
    next_stack = (next_stack + 1) % TEST_THREAD_STACKS;
    if (options != NULL && options->ipc_buffer != 0)
        start.ipc_buffer = system_test_descriptor(options->ipc_buffer);
    if (options != NULL && options->resolver != 0)
        start.resolver = system_test_descriptor(options->resolver);
    return a9n_thread_start(&start);
}

a9n_word_t test_wait_for(volatile a9n_word_t *flag, unsigned rounds)
{
    for (unsigned i = 0; i < rounds && *flag == 0; i++)
        a9n_yield();
    return *flag;
}

void test_yield(unsigned rounds)
{
    for (unsigned i = 0; i < rounds; i++)
        a9n_yield();
}
