/* Helpers of the memory system tests. */
#include "memory_test.h"

a9n_word_t memory_test_address(unsigned n)
{
    /* Half way up user space, rounded down to 1 GiB (user_top need not be a power of two). */
    a9n_word_t base = system_test_init_info()->user_top / 2 & ~((1ul << 30) - 1);
    return base + (a9n_word_t)n * (1ul << 30);
}

a9n_word_t memory_test_frame(void)
{
    return system_test_make(A9N_CAPABILITY_FRAME, 0);
}

/* Enough consecutive fresh root slots for every table a mapping can need. */
static struct a9n_page_table_supply table_supply(void)
{
    unsigned levels = system_test_init_info()->paging_levels;
    a9n_word_t first = system_test_slot();
    for (unsigned i = 1; i < levels; i++)
        system_test_slot();
    return (struct a9n_page_table_supply){
        .generic = system_test_generic(),
        .node = SYSTEM_TEST_ROOT,
        .radix = A9N_INIT_ROOT_RADIX,
        .next = first,
        .end = first + levels,
    };
}

enum a9n_error memory_test_map(a9n_word_t space, a9n_word_t frame, a9n_word_t address,
                               unsigned attributes)
{
    struct a9n_page_table_supply tables = table_supply();
    return a9n_map_frame_building_tables(space, system_test_descriptor(frame), address,
                                         attributes, &tables);
}

unsigned memory_test_build_tables(a9n_word_t space, a9n_word_t address, unsigned depth)
{
    unsigned made = 0;
    for (;;) {
        struct a9n_word_result missing = a9n_address_space_missing_depth(space, address);
        if (missing.error != A9N_ERROR_NONE || missing.value <= depth)
            return made;
        a9n_word_t table = system_test_make(A9N_CAPABILITY_PAGE_TABLE, missing.value);
        if (a9n_page_table_map(system_test_descriptor(table), space, address) != A9N_ERROR_NONE)
            return made;
        made++;
    }
}
