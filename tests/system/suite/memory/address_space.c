/*
 * System tests: destroying an address space leaves no mapping record that
 * could act on whatever reuses its memory.
 */
#include "memory_test.h"

#define RW (A9N_MAP_READ | A9N_MAP_WRITE)

/* A Generic just big enough for one address space, so that a re-convert reuses its memory. */
static a9n_word_t address_space_generic(void)
{
    return system_test_make(A9N_CAPABILITY_GENERIC, A9N_ARCH_PAGE_BITS + 1);
}

SYSTEM_TEST(destroyed_address_space_reused_as_address_space_keeps_new_mappings)
{
    a9n_word_t generic = address_space_generic();
    a9n_word_t old_space = system_test_slot();
    a9n_word_t address = memory_test_address(40);
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(generic), A9N_CAPABILITY_ADDRESS_SPACE,
                                    0, 1, SYSTEM_TEST_ROOT, old_space),
                A9N_ERROR_NONE);
    a9n_word_t frame = memory_test_frame();
    CHECK_EQUAL(memory_test_map(system_test_descriptor(old_space), frame, address, RW),
                A9N_ERROR_NONE);

    /* Destroy it (its last capability) and make a new one in the same memory. */
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, old_space), A9N_ERROR_NONE);
    a9n_word_t new_space = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(generic), A9N_CAPABILITY_ADDRESS_SPACE,
                                    0, 1, SYSTEM_TEST_ROOT, new_space),
                A9N_ERROR_NONE);
    a9n_word_t space = system_test_descriptor(new_space);
    a9n_word_t other = memory_test_frame();
    CHECK_EQUAL(memory_test_map(space, other, address, RW), A9N_ERROR_NONE);

    /* The old record is stale: unmap and remove must not touch the new address space. */
    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(frame)), A9N_ERROR_NOT_MAPPED);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, frame), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(memory_test_frame()), space, address, RW),
                A9N_ERROR_ALREADY_MAPPED);
    CHECK_EQUAL(a9n_address_space_missing_depth(space, address).value, 0);
    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(other)), A9N_ERROR_NONE);
}

SYSTEM_TEST(destroyed_address_space_reused_as_frames_is_never_written)
{
    a9n_word_t generic = address_space_generic();
    a9n_word_t space = system_test_slot();
    a9n_word_t address = memory_test_address(41);
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(generic), A9N_CAPABILITY_ADDRESS_SPACE,
                                    0, 1, SYSTEM_TEST_ROOT, space),
                A9N_ERROR_NONE);
    a9n_word_t frame = memory_test_frame();
    CHECK_EQUAL(memory_test_map(system_test_descriptor(space), frame, address, RW),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, space), A9N_ERROR_NONE);

    /* Its two pages become frames mapped in init, filled with what would look like entries. */
    a9n_word_t reused = system_test_slot();
    system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(generic), A9N_CAPABILITY_FRAME, 0, 2,
                                    SYSTEM_TEST_ROOT, reused),
                A9N_ERROR_NONE);
    a9n_word_t window = memory_test_address(42);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), reused, window, RW), A9N_ERROR_NONE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), reused + 1, window + A9N_ARCH_PAGE_SIZE,
                                RW),
                A9N_ERROR_NONE);
    volatile a9n_word_t *words = (volatile a9n_word_t *)window;
    unsigned count = 2 * A9N_ARCH_PAGE_SIZE / sizeof(a9n_word_t);
    for (unsigned i = 0; i < count; i++)
        words[i] = ~(a9n_word_t)i;

    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(frame)), A9N_ERROR_NOT_MAPPED);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, frame), A9N_ERROR_NONE);
    for (unsigned i = 0; i < count; i++)
        CHECK_EQUAL(words[i], ~(a9n_word_t)i);
}

SYSTEM_TEST(tables_of_a_destroyed_address_space_map_again_empty)
{
    a9n_word_t space = system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0);
    a9n_word_t address = memory_test_address(43);
    a9n_word_t lowest = 0;
    for (;;) {
        struct a9n_word_result missing =
            a9n_address_space_missing_depth(system_test_descriptor(space), address);
        CHECK_EQUAL(missing.error, A9N_ERROR_NONE);
        if (missing.value == 0)
            break;
        lowest = system_test_make(A9N_CAPABILITY_PAGE_TABLE, missing.value);
        CHECK_EQUAL(a9n_page_table_map(system_test_descriptor(lowest),
                                       system_test_descriptor(space), address),
                    A9N_ERROR_NONE);
    }
    a9n_word_t frame = memory_test_frame();
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(frame), system_test_descriptor(space),
                              address, RW),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, space), A9N_ERROR_NONE);

    /* The lowest table's record is stale: it maps into init, without the old frame entry. */
    CHECK_EQUAL(a9n_page_table_unmap(system_test_descriptor(lowest)), A9N_ERROR_NOT_MAPPED);
    memory_test_build_tables(memory_test_own_space(), address, 1);
    CHECK_EQUAL(a9n_page_table_map(system_test_descriptor(lowest), memory_test_own_space(),
                                   address),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(memory_test_frame()), memory_test_own_space(),
                              address, RW),
                A9N_ERROR_NONE);
    /* And the frame, unmapped with its address space, maps again. */
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(frame), memory_test_own_space(),
                              address + A9N_ARCH_PAGE_SIZE, RW),
                A9N_ERROR_NONE);
}

/*
 * Not in the checked kernel (docs/checked-build.md): some 16,000 kernel
 * calls over as many as 8,000 objects, each call checking all of them
 * twice, would take the better part of an hour under emulation.
 */
#ifndef A9N_CHECKED
/* Two 32 MiB pools: one exactly holds every address space, the other a table each and a node. */
#define ID_TEST_POOL_BITS 25
#define ID_TEST_NODE_RADIX 13

/* A 32 MiB Generic from whichever of init's Generics has room; false if none has. */
static bool make_pool(a9n_word_t slot)
{
    const struct a9n_init_info *info = system_test_init_info();
    for (unsigned i = 0; i < info->generic_count; i++) {
        a9n_word_t generic = a9n_init_child_slot(
            A9N_INIT_SLOT_GENERIC_NODE, info->node_radix[A9N_INIT_SLOT_GENERIC_NODE], i);
        if (a9n_generic_convert(generic, A9N_CAPABILITY_GENERIC, ID_TEST_POOL_BITS, 1,
                                SYSTEM_TEST_ROOT, slot) == A9N_ERROR_NONE)
            return true;
    }
    return false;
}

/*
 * Give every possible address space a mapping until the identifiers run
 * out; the number of address spaces that got one, or a9n_word_t(-1) on an
 * unexpected error. Everything is made from the pools, which the caller
 * revokes.
 */
static a9n_word_t exhaust_identifiers(a9n_word_t spaces_pool, a9n_word_t tables_pool,
                                      a9n_word_t *first_refused)
{
    const struct a9n_init_info *info = system_test_init_info();
    unsigned levels = info->paging_levels;
    a9n_word_t node_slot = system_test_slot();
    if (a9n_generic_convert(system_test_descriptor(tables_pool), A9N_CAPABILITY_NODE,
                            ID_TEST_NODE_RADIX, 1, SYSTEM_TEST_ROOT, node_slot) != A9N_ERROR_NONE)
        return (a9n_word_t)-1;
    a9n_word_t node = system_test_descriptor(node_slot);
    if (a9n_generic_convert(system_test_descriptor(spaces_pool), A9N_CAPABILITY_ADDRESS_SPACE, 0,
                            A9N_ADDRESS_SPACE_IDS, node, 0) != A9N_ERROR_NONE ||
        a9n_generic_convert(system_test_descriptor(tables_pool), A9N_CAPABILITY_PAGE_TABLE,
                            levels - 1, A9N_ADDRESS_SPACE_IDS, node,
                            A9N_ADDRESS_SPACE_IDS) != A9N_ERROR_NONE)
        return (a9n_word_t)-1;
    for (a9n_word_t i = 0; i < A9N_ADDRESS_SPACE_IDS; i++) {
        a9n_word_t space = a9n_descriptor_child(node, ID_TEST_NODE_RADIX, i);
        a9n_word_t table =
            a9n_descriptor_child(node, ID_TEST_NODE_RADIX, A9N_ADDRESS_SPACE_IDS + i);
        enum a9n_error error = a9n_page_table_map(table, space, 0);
        if (error == A9N_ERROR_INSUFFICIENT_MEMORY) {
            *first_refused = i;
            /* An address space that has an identifier still maps more. */
            a9n_word_t span = 1ul << (info->page_bits + (levels - 1) * info->index_bits[0]);
            if (a9n_page_table_map(table, a9n_descriptor_child(node, ID_TEST_NODE_RADIX, 0),
                                   span) != A9N_ERROR_NONE ||
                a9n_page_table_unmap(table) != A9N_ERROR_NONE)
                return (a9n_word_t)-1;
            /* Destroying one gives its identifier back. */
            if (a9n_node_remove(node, 0) != A9N_ERROR_NONE ||
                a9n_page_table_map(table, space, 0) != A9N_ERROR_NONE)
                return (a9n_word_t)-1;
            return i;
        }
        if (error != A9N_ERROR_NONE)
            return (a9n_word_t)-1;
    }
    return A9N_ADDRESS_SPACE_IDS;
}

SYSTEM_TEST(address_space_identifiers_run_out_and_come_back)
{
    a9n_word_t spaces_pool = system_test_slot();
    a9n_word_t tables_pool = system_test_slot();
    /* Both arches boot the suite with 256 MiB, which has room for both pools. */
    CHECK(make_pool(spaces_pool));
    if (!make_pool(tables_pool)) {
        a9n_node_revoke(SYSTEM_TEST_ROOT, spaces_pool);
        CHECK(false);
    }
    a9n_word_t refused = 0;
    a9n_word_t granted = exhaust_identifiers(spaces_pool, tables_pool, &refused);
    /* Revoke before checking: a failed check must not leave thousands of identifiers taken. */
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, spaces_pool), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, tables_pool), A9N_ERROR_NONE);
    /* Init's address space holds one; identifier 0 is never used. */
    CHECK(granted != (a9n_word_t)-1);
    CHECK(granted < A9N_ADDRESS_SPACE_IDS - 1);
    CHECK(granted > A9N_ADDRESS_SPACE_IDS / 2);
    CHECK_EQUAL(refused, granted);
}
#endif
