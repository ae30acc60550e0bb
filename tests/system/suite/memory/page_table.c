/* System tests of Page Table capabilities and the depth query of Address Space. */
#include "memory_test.h"

SYSTEM_TEST(missing_depth_builds_a_whole_tree_in_a_fresh_address_space)
{
    const struct a9n_init_info *info = system_test_init_info();
    a9n_word_t space = system_test_descriptor(system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0));
    a9n_word_t address = memory_test_address(30);
    unsigned expected = info->paging_levels - 1;
    for (;;) {
        struct a9n_word_result missing = a9n_address_space_missing_depth(space, address);
        CHECK_EQUAL(missing.error, A9N_ERROR_NONE);
        /* One level at a time, from just under the root down to the lowest table. */
        CHECK_EQUAL(missing.value, expected);
        if (missing.value == 0)
            break;
        a9n_word_t table = system_test_make(A9N_CAPABILITY_PAGE_TABLE, missing.value);
        CHECK_EQUAL(a9n_page_table_map(system_test_descriptor(table), space, address),
                    A9N_ERROR_NONE);
        expected--;
    }
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(memory_test_frame()), space, address,
                              A9N_MAP_READ | A9N_MAP_WRITE),
                A9N_ERROR_NONE);
    /* The next page shares every table; a page one lowest-table span away needs a new one. */
    CHECK_EQUAL(a9n_address_space_missing_depth(space, address + A9N_ARCH_PAGE_SIZE).value, 0);
    a9n_word_t span = 1ul << (info->page_bits + info->index_bits[0]);
    CHECK_EQUAL(a9n_address_space_missing_depth(space, address + span).value, 1);
}

SYSTEM_TEST(map_frame_building_tables_helper_works_in_a_fresh_address_space)
{
    const struct a9n_init_info *info = system_test_init_info();
    a9n_word_t space = system_test_descriptor(system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0));
    a9n_word_t node = system_test_make(A9N_CAPABILITY_NODE, 4);
    struct a9n_page_table_supply tables = {
        .generic = system_test_generic(),
        .node = system_test_descriptor(node),
        .radix = 4,
        .next = 0,
        .end = 16,
    };
    CHECK_EQUAL(a9n_map_frame_building_tables(space, system_test_descriptor(memory_test_frame()),
                                              memory_test_address(31), A9N_MAP_READ, &tables),
                A9N_ERROR_NONE);
    CHECK_EQUAL(tables.next, info->paging_levels - 1);
    /* Out of slots: the helper stops before converting anything. */
    tables.end = tables.next;
    CHECK_EQUAL(a9n_map_frame_building_tables(space, system_test_descriptor(memory_test_frame()),
                                              memory_test_address(32), A9N_MAP_READ, &tables),
                A9N_ERROR_INDEX_OUT_OF_RANGE);
}

SYSTEM_TEST(page_table_of_the_wrong_depth_is_refused)
{
    const struct a9n_init_info *info = system_test_init_info();
    a9n_word_t space = system_test_descriptor(system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0));
    a9n_word_t address = memory_test_address(33);
    a9n_word_t lowest = system_test_descriptor(system_test_make(A9N_CAPABILITY_PAGE_TABLE, 1));
    /* Nothing above it yet: the table that would hold it is missing. */
    CHECK_EQUAL(a9n_page_table_map(lowest, space, address), A9N_ERROR_NOT_MAPPED);
    a9n_word_t top = system_test_descriptor(
        system_test_make(A9N_CAPABILITY_PAGE_TABLE, info->paging_levels - 1));
    CHECK_EQUAL(a9n_page_table_map(top, space, address), A9N_ERROR_NONE);
    /* A second table of the top depth for the same region: the place is taken. */
    a9n_word_t second_top = system_test_descriptor(
        system_test_make(A9N_CAPABILITY_PAGE_TABLE, info->paging_levels - 1));
    CHECK_EQUAL(a9n_page_table_map(second_top, space, address), A9N_ERROR_ALREADY_MAPPED);
    if (info->paging_levels - 1 > 2) {
        /* A level is still missing between the top table and the lowest one. */
        CHECK_EQUAL(a9n_page_table_map(lowest, space, address), A9N_ERROR_NOT_MAPPED);
    }
}

SYSTEM_TEST(page_table_maps_only_once_and_unmaps)
{
    const struct a9n_init_info *info = system_test_init_info();
    a9n_word_t space = system_test_descriptor(system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0));
    a9n_word_t table = system_test_descriptor(
        system_test_make(A9N_CAPABILITY_PAGE_TABLE, info->paging_levels - 1));
    a9n_word_t address = memory_test_address(34);
    CHECK_EQUAL(a9n_page_table_unmap(table), A9N_ERROR_NOT_MAPPED);
    CHECK_EQUAL(a9n_page_table_map(table, space, address), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_page_table_map(table, space, 0), A9N_ERROR_INVALID_STATE);
    CHECK_EQUAL(a9n_address_space_missing_depth(space, address).value, info->paging_levels - 2);
    CHECK_EQUAL(a9n_page_table_unmap(table), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_address_space_missing_depth(space, address).value, info->paging_levels - 1);
    CHECK_EQUAL(a9n_page_table_unmap(table), A9N_ERROR_NOT_MAPPED);
    /* Mapped again somewhere else. */
    CHECK_EQUAL(a9n_page_table_map(table, space, 0), A9N_ERROR_NONE);
}

SYSTEM_TEST(page_table_remapped_elsewhere_comes_back_empty)
{
    a9n_word_t space = system_test_descriptor(system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0));
    a9n_word_t first = memory_test_address(35);
    a9n_word_t lowest = 0;
    for (;;) {
        struct a9n_word_result missing = a9n_address_space_missing_depth(space, first);
        CHECK_EQUAL(missing.error, A9N_ERROR_NONE);
        if (missing.value == 0)
            break;
        lowest = system_test_make(A9N_CAPABILITY_PAGE_TABLE, missing.value);
        CHECK_EQUAL(a9n_page_table_map(system_test_descriptor(lowest), space, first),
                    A9N_ERROR_NONE);
    }
    a9n_word_t frame = system_test_descriptor(memory_test_frame());
    CHECK_EQUAL(a9n_frame_map(frame, space, first, A9N_MAP_READ), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_page_table_unmap(system_test_descriptor(lowest)), A9N_ERROR_NONE);

    /* The same table at another place: the frame's old entry must not come with it. */
    a9n_word_t second = memory_test_address(36);
    memory_test_build_tables(space, second, 1);
    CHECK_EQUAL(a9n_address_space_missing_depth(space, second).value, 1);
    CHECK_EQUAL(a9n_page_table_map(system_test_descriptor(lowest), space, second),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(memory_test_frame()), space, second,
                              A9N_MAP_READ),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(page_table_cannot_be_copied)
{
    a9n_word_t table = system_test_make(A9N_CAPABILITY_PAGE_TABLE, 1);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, system_test_slot(), system_test_descriptor(table)),
                A9N_ERROR_WRONG_TYPE);
}

SYSTEM_TEST(page_table_map_refuses_bad_addresses)
{
    a9n_word_t space = system_test_descriptor(system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0));
    a9n_word_t table = system_test_descriptor(
        system_test_make(A9N_CAPABILITY_PAGE_TABLE, system_test_init_info()->paging_levels - 1));
    CHECK_EQUAL(a9n_page_table_map(table, space, memory_test_address(37) + 1),
                A9N_ERROR_INVALID_ADDRESS);
    CHECK_EQUAL(a9n_page_table_map(table, space, system_test_init_info()->user_top),
                A9N_ERROR_INVALID_ADDRESS);
    CHECK_EQUAL(a9n_page_table_map(table, space, 0xffffffff80000000ul), A9N_ERROR_INVALID_ADDRESS);
    CHECK_EQUAL(a9n_page_table_map(table, space, 1ul << 62), A9N_ERROR_INVALID_ADDRESS);
    CHECK_EQUAL(a9n_address_space_missing_depth(space, 0xffffffff80000000ul).error,
                A9N_ERROR_INVALID_ADDRESS);
    CHECK_EQUAL(a9n_address_space_missing_depth(space, 3).error, A9N_ERROR_INVALID_ADDRESS);
}

SYSTEM_TEST(memory_unknown_operations_are_refused)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_word_t space = system_test_descriptor(system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0));
    a9n_word_t table = system_test_descriptor(system_test_make(A9N_CAPABILITY_PAGE_TABLE, 1));
    CHECK_EQUAL(a9n_capability_call(space, 0, mr), A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(a9n_capability_call(space, 2, mr), A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(a9n_capability_call(table, 3, mr), A9N_ERROR_UNKNOWN_OPERATION);
}
