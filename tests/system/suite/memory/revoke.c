/* System tests: removing or revoking memory capabilities removes exactly their mappings. */
#include "memory_test.h"

#define RW (A9N_MAP_READ | A9N_MAP_WRITE)

SYSTEM_TEST(revoke_unmaps_frame_everywhere)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t first_copy = system_test_slot();
    a9n_word_t second_copy = system_test_slot();
    a9n_word_t first = memory_test_address(20);
    a9n_word_t second = first + A9N_ARCH_PAGE_SIZE;
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, first_copy, system_test_descriptor(frame)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, second_copy, system_test_descriptor(frame)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), first_copy, first, RW), A9N_ERROR_NONE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), second_copy, second, RW),
                A9N_ERROR_NONE);
    *(volatile a9n_word_t *)first = 42;
    CHECK_EQUAL(*(volatile a9n_word_t *)second, 42);

    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, frame), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, first_copy), A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, second_copy), A9N_ERROR_EMPTY_SLOT);
    /* Both entries are gone: other frames map at the same addresses. */
    a9n_word_t other = memory_test_frame();
    a9n_word_t another = memory_test_frame();
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(other), memory_test_own_space(), first, RW),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(another), memory_test_own_space(), second,
                              RW),
                A9N_ERROR_NONE);
    CHECK_EQUAL(*(volatile a9n_word_t *)first, 0); /* fresh memory, not the revoked frame */
}

SYSTEM_TEST(remove_unmaps_only_that_capability)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t copy = system_test_slot();
    a9n_word_t first = memory_test_address(21);
    a9n_word_t second = first + A9N_ARCH_PAGE_SIZE;
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(frame)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, first, RW), A9N_ERROR_NONE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), copy, second, RW), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, copy), A9N_ERROR_NONE);
    /* The original's mapping stays and still reaches the memory. */
    *(volatile a9n_word_t *)first = 7;
    CHECK_EQUAL(*(volatile a9n_word_t *)first, 7);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(memory_test_frame()),
                              memory_test_own_space(), first, RW),
                A9N_ERROR_ALREADY_MAPPED);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(memory_test_frame()),
                              memory_test_own_space(), second, RW),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(moved_frame_capability_keeps_its_mapping)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t moved = system_test_slot();
    a9n_word_t address = memory_test_address(22);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, RW), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_move(SYSTEM_TEST_ROOT, moved, system_test_descriptor(frame)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(moved)), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(memory_test_frame()),
                              memory_test_own_space(), address, RW),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(remove_of_page_table_unmaps_it)
{
    a9n_word_t address = memory_test_address(23);
    a9n_word_t space = memory_test_own_space();
    a9n_word_t lowest = 0;
    for (;;) {
        struct a9n_word_result missing = a9n_address_space_missing_depth(space, address);
        CHECK_EQUAL(missing.error, A9N_ERROR_NONE);
        if (missing.value == 0)
            break;
        a9n_word_t table = system_test_make(A9N_CAPABILITY_PAGE_TABLE, missing.value);
        CHECK_EQUAL(a9n_page_table_map(system_test_descriptor(table), space, address),
                    A9N_ERROR_NONE);
        lowest = table;
    }
    a9n_word_t frame = memory_test_frame();
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(frame), space, address, A9N_MAP_READ),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, lowest), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_address_space_missing_depth(space, address).value, 1);
    /* The frame's entry went with its table: unmap only clears the record. */
    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(frame)), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(frame)), A9N_ERROR_NOT_MAPPED);
}
