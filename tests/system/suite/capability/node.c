/*
 * System tests of the Node operations through real kernel calls: every
 * operation and its documented errors, lookups through nested nodes.
 * That copy, mint and move never add rights or forge a badge is in
 * isolation/isolation.c.
 */
#include <liba9n/kernel_call.h>

#include "../framework/system_test.h"

/* Descriptor of slot `index` of a radix-`radix` node sitting in root slot `node_slot`. */
static a9n_word_t child(a9n_word_t node_slot, unsigned radix, a9n_word_t index)
{
    return a9n_descriptor_child(system_test_descriptor(node_slot), radix, index);
}

SYSTEM_TEST(node_copy_move_remove)
{
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    a9n_word_t copy = system_test_slot();
    a9n_word_t moved = system_test_slot();
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(frame)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(frame)),
                A9N_ERROR_SLOT_OCCUPIED);
    CHECK_EQUAL(a9n_node_move(SYSTEM_TEST_ROOT, moved, system_test_descriptor(copy)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, copy), A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, moved), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(moved)),
                A9N_ERROR_EMPTY_SLOT);
}

SYSTEM_TEST(node_demote_drops_rights_in_place)
{
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    a9n_word_t copy = system_test_slot();
    CHECK_EQUAL(a9n_node_demote(SYSTEM_TEST_ROOT, frame, A9N_RIGHT_READ), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(frame)),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(a9n_node_demote(SYSTEM_TEST_ROOT, copy, A9N_RIGHT_READ), A9N_ERROR_EMPTY_SLOT);
}

SYSTEM_TEST(node_revoke_removes_derived_capabilities)
{
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    a9n_word_t first = system_test_slot();
    a9n_word_t second = system_test_slot();
    a9n_word_t probe = system_test_slot();
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, first, system_test_descriptor(frame)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, second, system_test_descriptor(first)),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, frame), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, probe, system_test_descriptor(first)),
                A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, probe, system_test_descriptor(second)),
                A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, probe, system_test_descriptor(frame)),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(node_lookup_through_nested_nodes)
{
    /* root -> node A (radix 4) -> node B (radix 3) -> frame */
    a9n_word_t a = system_test_make(A9N_CAPABILITY_NODE, 4);
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    a9n_word_t a_desc = system_test_descriptor(a);
    CHECK_EQUAL(a9n_generic_convert(system_test_generic(), A9N_CAPABILITY_NODE, 3, 1, a_desc, 5),
                A9N_ERROR_NONE);
    a9n_word_t b_desc = child(a, 4, 5);
    CHECK_EQUAL(a9n_node_copy(b_desc, 6, system_test_descriptor(frame)), A9N_ERROR_NONE);
    a9n_word_t deep = a9n_descriptor_child(b_desc, 3, 6);
    a9n_word_t probe = system_test_slot();
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, probe, deep), A9N_ERROR_NONE);
    /* Depth that stops inside a node's index bits. */
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, system_test_slot(),
                              a9n_descriptor(a9n_descriptor_depth(deep) - 1,
                                             a9n_descriptor_path(deep) >> 1)),
                A9N_ERROR_INVALID_DEPTH);
    /* An empty slot on the way. */
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, system_test_slot(),
                              a9n_descriptor_child(child(a, 4, 6), 3, 1)),
                A9N_ERROR_EMPTY_SLOT);
    /* Going through a frame as if it were a node. */
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, system_test_slot(),
                              a9n_descriptor_child(deep, 2, 1)),
                A9N_ERROR_INVALID_DEPTH);
}

SYSTEM_TEST(node_out_of_range_indices_refused_at_every_level)
{
    a9n_word_t a = system_test_make(A9N_CAPABILITY_NODE, 2);
    a9n_word_t scratch = system_test_slot();
    /* Root level: index beyond the root's 2^8 slots. */
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, 1u << A9N_INIT_ROOT_RADIX),
                A9N_ERROR_INDEX_OUT_OF_RANGE);
    /* Second level: index beyond node A's 4 slots. */
    CHECK_EQUAL(a9n_node_remove(system_test_descriptor(a), 4), A9N_ERROR_INDEX_OUT_OF_RANGE);
    /* Path bits above the depth. */
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, scratch, a9n_descriptor(8, 0x1ff)),
                A9N_ERROR_INDEX_OUT_OF_RANGE);
    /* Depth beyond the descriptor's path field. */
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, scratch, a9n_descriptor(57, 0)),
                A9N_ERROR_INVALID_DEPTH);
}

SYSTEM_TEST(node_in_its_own_slot_is_reachable_by_any_depth)
{
    a9n_word_t self = system_test_slot();
    a9n_word_t probe = system_test_slot();
    /* The root node holds itself in A9N_INIT_SLOT_ROOT_NODE: walk through it twice. */
    a9n_word_t twice = a9n_descriptor_child(a9n_init_slot(A9N_INIT_SLOT_ROOT_NODE),
                                            A9N_INIT_ROOT_RADIX, A9N_INIT_SLOT_ROOT_NODE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, self, twice), A9N_ERROR_NONE);
    a9n_word_t thrice = a9n_descriptor_child(twice, A9N_INIT_ROOT_RADIX, A9N_INIT_SLOT_PROCESS);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, probe, thrice), A9N_ERROR_NONE);
}

SYSTEM_TEST(unknown_operation_and_empty_target_are_refused)
{
    a9n_word_t frame = system_test_make(A9N_CAPABILITY_NODE, 1);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_capability_call(system_test_descriptor(frame), 99, mr),
                A9N_ERROR_UNKNOWN_OPERATION);
    CHECK_EQUAL(a9n_capability_call(system_test_descriptor(system_test_slot()), 1, mr),
                A9N_ERROR_EMPTY_SLOT);
}
