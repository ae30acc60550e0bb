/*
 * Per-test resources: a private Generic carved from init's largest Generic,
 * and free root-node slots, both reclaimed after every test.
 */
#include "resources.h"

#include <liba9n/memory.h>

#include "system_test.h"

/* Slot of the per-test Generic; tests take slots above it. */
#define TEST_GENERIC_SLOT A9N_INIT_SLOT_FIRST_FREE
#define FIRST_TEST_SLOT (TEST_GENERIC_SLOT + 1)

static a9n_word_t next_slot = FIRST_TEST_SLOT;
static a9n_word_t parent_generic;

a9n_word_t system_test_descriptor(a9n_word_t index)
{
    return a9n_init_slot(index);
}

a9n_word_t system_test_generic(void)
{
    return system_test_descriptor(TEST_GENERIC_SLOT);
}

a9n_word_t system_test_slot(void)
{
    a9n_word_t slot = next_slot++;
    if (slot >= (1u << A9N_INIT_ROOT_RADIX)) {
        a9n_debug_puts("\nsystem tests: a test took every free root slot\n");
        a9n_debug_exit(2);
    }
    return slot;
}

a9n_word_t system_test_make(enum a9n_capability_type type, a9n_word_t parameter)
{
    a9n_word_t slot = system_test_slot();
    enum a9n_error error =
        a9n_generic_convert(system_test_generic(), type, parameter, 1, SYSTEM_TEST_ROOT, slot);
    if (error != A9N_ERROR_NONE) {
        a9n_debug_puts("\nsystem tests: cannot make a test object, error ");
        a9n_debug_put_unsigned(error);
        a9n_debug_puts("\n");
        a9n_debug_exit(2);
    }
    return slot;
}

bool resources_init(void)
{
    const struct a9n_init_info *info = system_test_init_info();
    unsigned largest = 0;
    if (info == NULL)
        return false;
    for (unsigned i = 1; i < info->generic_count; i++) {
        if (info->generics[i].size_bits > info->generics[largest].size_bits)
            largest = i;
    }
    if (info->generic_count == 0 || info->generics[largest].size_bits < SYSTEM_TEST_GENERIC_BITS)
        return false;
    parent_generic = a9n_init_child_slot(A9N_INIT_SLOT_GENERIC_NODE,
                                         info->node_radix[A9N_INIT_SLOT_GENERIC_NODE], largest);
    return true;
}

bool resources_prepare_test(void)
{
    return a9n_generic_convert(parent_generic, A9N_CAPABILITY_GENERIC, SYSTEM_TEST_GENERIC_BITS, 1,
                               SYSTEM_TEST_ROOT, TEST_GENERIC_SLOT) == A9N_ERROR_NONE;
}

bool resources_reclaim_test(void)
{
    bool clean = true;
    /* Revoke first: objects from the Generic die even if a test moved their caps away. */
    if (a9n_node_revoke(SYSTEM_TEST_ROOT, TEST_GENERIC_SLOT) != A9N_ERROR_NONE)
        clean = false;
    if (a9n_node_remove(SYSTEM_TEST_ROOT, TEST_GENERIC_SLOT) != A9N_ERROR_NONE)
        clean = false;
    for (a9n_word_t slot = FIRST_TEST_SLOT; slot < next_slot; slot++)
        a9n_node_remove(SYSTEM_TEST_ROOT, slot); /* EMPTY_SLOT is fine: the test cleaned up */
    next_slot = FIRST_TEST_SLOT;
    return clean;
}

enum a9n_error system_test_map_frame(a9n_word_t address_space, a9n_word_t frame,
                                     a9n_word_t address)
{
    /* Room for a page table per level below the root on both ports. */
    a9n_word_t node = system_test_make(A9N_CAPABILITY_NODE, 3);
    struct a9n_page_table_supply tables = {
        .generic = system_test_generic(),
        .node = system_test_descriptor(node),
        .radix = 3,
        .next = 0,
        .end = 8,
    };
    return a9n_map_frame_building_tables(address_space, frame, address,
                                         A9N_MAP_READ | A9N_MAP_WRITE, &tables);
}
