/* Test threads: PCBs converted from the test's Generic, stacks from a static pool. */
#include "threads.h"

#include <liba9n/memory.h>

#define STACK_SIZE 8192

static unsigned char stacks[TEST_THREAD_STACKS][STACK_SIZE] __attribute__((aligned(16)));
/* Runs round robin over the pool: a test's threads die with its Generic. */
static unsigned next_stack;

static enum a9n_error start_in(a9n_word_t address_space, void (*function)(a9n_word_t),
                               a9n_word_t argument, unsigned priority,
                               const struct test_thread_options *options, a9n_word_t *process)
{
    *process = system_test_make(A9N_CAPABILITY_PROCESS, 0);
    struct a9n_thread_start start = {
        .process = system_test_descriptor(*process),
        .address_space = address_space,
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
    if (options != NULL && options->root_node != 0)
        start.root_node = system_test_descriptor(options->root_node);
    return a9n_thread_start(&start);
}

enum a9n_error test_thread_start(void (*function)(a9n_word_t), a9n_word_t argument,
                                 unsigned priority, const struct test_thread_options *options,
                                 a9n_word_t *process)
{
    return start_in(a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE), function, argument, priority,
                    options, process);
}

/* Radix of the node holding the new address space's frame copies and tables. */
#define IMAGE_NODE_RADIX 10

enum a9n_error test_thread_start_in_new_address_space(void (*function)(a9n_word_t),
                                                      a9n_word_t argument, unsigned priority,
                                                      const struct test_thread_options *options,
                                                      a9n_word_t *process,
                                                      a9n_word_t *address_space)
{
    const struct a9n_init_info *info = system_test_init_info();
    unsigned frame_radix = info->node_radix[A9N_INIT_SLOT_FRAME_NODE];
    a9n_word_t node = system_test_make(A9N_CAPABILITY_NODE, IMAGE_NODE_RADIX);
    a9n_word_t node_descriptor = system_test_descriptor(node);
    a9n_word_t next = 0;
    enum a9n_error error;

    *address_space = system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0);
    /* Frames take the low slots of the node, page tables the high half. */
    struct a9n_page_table_supply tables = {
        .generic = system_test_generic(),
        .node = node_descriptor,
        .radix = IMAGE_NODE_RADIX,
        .next = 1u << (IMAGE_NODE_RADIX - 1),
        .end = 1u << IMAGE_NODE_RADIX,
    };
    for (unsigned i = 0; i < info->segment_count; i++) {
        const struct a9n_init_segment *segment = &info->segments[i];
        for (unsigned page = 0; page < segment->pages; page++, next++) {
            a9n_word_t source = a9n_init_child_slot(A9N_INIT_SLOT_FRAME_NODE, frame_radix,
                                                    segment->first_frame + page);
            if ((error = a9n_node_copy(node_descriptor, next, source)) != A9N_ERROR_NONE)
                return error;
            error = a9n_map_frame_building_tables(
                system_test_descriptor(*address_space),
                a9n_descriptor_child(node_descriptor, IMAGE_NODE_RADIX, next),
                segment->address + page * ((a9n_word_t)1 << info->page_bits),
                segment->attributes, &tables);
            if (error != A9N_ERROR_NONE)
                return error;
        }
    }
    return start_in(system_test_descriptor(*address_space), function, argument, priority, options,
                    process);
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
