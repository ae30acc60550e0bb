/* Descriptor lookup and the node operations: copy, move, mint, demote, remove. */
#include "cap_test.h"

#include "derivation.h"
#include "node.h"

/*
 * root[4] = node A (radix 3), A[5] = node B (radix 2), B[1] = node C
 * (radix 5), C[7] = IPC port. Returns the descriptors of A, B, C, port.
 */
struct nest {
    a9n_word_t a, b, c, port;
};

static struct nest build_nest(void)
{
    struct nest nest;
    nest.a = make_node(4, 3);
    nest.b = a9n_descriptor_child(nest.a, 3, 5);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_NODE, 2, 1, nest.a, 5),
                     A9N_ERROR_NONE);
    nest.c = a9n_descriptor_child(nest.b, 2, 1);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_NODE, 5, 1, nest.b, 1),
                     A9N_ERROR_NONE);
    nest.port = a9n_descriptor_child(nest.c, 5, 7);
    make_objects(nest.c, 7, A9N_CAPABILITY_IPC_PORT, 1);
    return nest;
}

static void lookup_finds_root_slot(void **state)
{
    (void)state;
    struct slot *slot;
    assert_int_equal(node_lookup(&universe_root, R(UNIVERSE_GENERIC), &slot), A9N_ERROR_NONE);
    assert_ptr_equal(slot, node_slot(&universe_root, UNIVERSE_GENERIC));
    assert_int_equal(slot->type, A9N_CAPABILITY_GENERIC);
}

static void lookup_walks_nested_nodes_at_several_depths(void **state)
{
    (void)state;
    struct nest nest = build_nest();
    assert_int_equal(a9n_descriptor_depth(nest.port), 4 + 3 + 2 + 5);
    assert_int_equal(universe_slot(nest.a)->type, A9N_CAPABILITY_NODE);
    assert_int_equal(universe_slot(nest.b)->parameter, 2);
    assert_int_equal(universe_slot(nest.c)->parameter, 5);
    struct slot *port = universe_slot(nest.port);
    assert_int_equal(port->type, A9N_CAPABILITY_IPC_PORT);
    assert_ptr_equal(port, node_slot(universe_slot(nest.c), 7));
}

static void lookup_rejects_depth_over_56(void **state)
{
    (void)state;
    struct slot *slot;
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(57, 0), &slot),
                     A9N_ERROR_INVALID_DEPTH);
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(255, 0), &slot),
                     A9N_ERROR_INVALID_DEPTH);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_DEPTH, CALL(a9n_descriptor(200, 1), A9N_NODE_REMOVE, 0));
}

static void lookup_rejects_depth_ending_inside_a_node(void **state)
{
    (void)state;
    struct nest nest = build_nest();
    struct slot *slot;
    /* 3 bits into the radix-4 root, then 4+2 bits into radix-3 A. */
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(3, 1), &slot),
                     A9N_ERROR_INVALID_DEPTH);
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(6, (4 << 2) | 1), &slot),
                     A9N_ERROR_INVALID_DEPTH);
    /* Into C with only 4 of its 5 bits. */
    a9n_word_t short_c = a9n_descriptor(a9n_descriptor_depth(nest.c) + 4,
                                        a9n_descriptor_path(nest.c) << 4);
    assert_int_equal(node_lookup(&universe_root, short_c, &slot), A9N_ERROR_INVALID_DEPTH);
}

static void lookup_rejects_non_node_inside_path(void **state)
{
    (void)state;
    struct nest nest = build_nest();
    struct slot *slot;
    /* The Generic in root[1] is not a node; neither is the port at the end. */
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(8, (1 << 4) | 3), &slot),
                     A9N_ERROR_INVALID_DEPTH);
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor_child(nest.port, 1, 0), &slot),
                     A9N_ERROR_INVALID_DEPTH);
}

static void lookup_reports_empty_slot_on_the_way(void **state)
{
    (void)state;
    struct slot *slot;
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(8, (9 << 4) | 3), &slot),
                     A9N_ERROR_EMPTY_SLOT);
    struct slot empty_root = { 0 };
    assert_int_equal(node_lookup(&empty_root, R(1), &slot), A9N_ERROR_EMPTY_SLOT);
}

static void index_out_of_range_at_every_level(void **state)
{
    (void)state;
    struct nest nest = build_nest();
    struct slot *slot;
    /* Path bits above the depth: the first index is wider than the nodes. */
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(4, 16), &slot),
                     A9N_ERROR_INDEX_OUT_OF_RANGE);
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(7, 1 << 7), &slot),
                     A9N_ERROR_INDEX_OUT_OF_RANGE);
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(0, 1), &slot),
                     A9N_ERROR_INDEX_OUT_OF_RANGE);
    /* Slot index arguments beyond each node's radix, at every level. */
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INDEX_OUT_OF_RANGE, CALL(0, A9N_NODE_REMOVE, 16));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INDEX_OUT_OF_RANGE, CALL(nest.a, A9N_NODE_REMOVE, 8));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INDEX_OUT_OF_RANGE, CALL(nest.b, A9N_NODE_REMOVE, 4));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INDEX_OUT_OF_RANGE, CALL(nest.c, A9N_NODE_REMOVE, 32));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INDEX_OUT_OF_RANGE,
                           CALL(nest.c, A9N_NODE_COPY, ~(a9n_word_t)0, nest.port));
    /* ... while the last valid index works. */
    assert_int_equal(CALL(nest.c, A9N_NODE_COPY, 31, nest.port), A9N_ERROR_NONE);
}

static void lookup_through_self_referencing_node_terminates(void **state)
{
    (void)state;
    /* root[0] holds the root node: 13 hops through it, then slot 1. */
    a9n_word_t path = 0;
    for (int i = 0; i < 13; i++)
        path = (path << 4) | UNIVERSE_SELF;
    path = (path << 4) | UNIVERSE_GENERIC;
    struct slot *slot;
    assert_int_equal(node_lookup(&universe_root, a9n_descriptor(56, path), &slot), A9N_ERROR_NONE);
    assert_ptr_equal(slot, node_slot(&universe_root, UNIVERSE_GENERIC));
    /* A node operation through the loop works like one on the root. */
    a9n_word_t self = a9n_descriptor(52, path >> 4);
    assert_int_equal(CALL(self, A9N_NODE_COPY, 5, R(UNIVERSE_SELF)), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(5))->type, A9N_CAPABILITY_NODE);
}

static void depth_zero_names_the_root_node_only_as_a_node(void **state)
{
    (void)state;
    assert_int_equal(CALL(0, A9N_NODE_COPY, 5, R(UNIVERSE_SELF)), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(5))->object, universe_root.object);
    /* Not as a slot to copy from: the root slot belongs to the thread. */
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_DEPTH, CALL(0, A9N_NODE_COPY, 6, 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_DEPTH, CALL(0, A9N_NODE_MOVE, 6, 0));
    struct slot *slot;
    assert_int_equal(node_lookup(&universe_root, 0, &slot), A9N_ERROR_INVALID_DEPTH);
}

static void call_on_empty_slot_fails(void **state)
{
    (void)state;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT, CALL(R(9), A9N_NODE_REMOVE, 0));
    struct slot empty_root = { 0 };
    struct capability_message message = { { 0, A9N_NODE_REMOVE, 0 } };
    assert_int_equal(capability_call(&empty_root, &message), A9N_ERROR_EMPTY_SLOT);
}

static void unknown_operations_are_reported(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 1);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION, CALL(0, 0, 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION, CALL(0, A9N_NODE_REVOKE + 1, 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION, CALL(R(UNIVERSE_GENERIC), 2, 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION, CALL(R(5), 99, 0));
}

static void copy_duplicates_with_same_rights(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 6, R(5)), A9N_ERROR_NONE);
    struct slot *original = universe_slot(R(5)), *copy = universe_slot(R(6));
    assert_int_equal(copy->type, A9N_CAPABILITY_IPC_PORT);
    assert_int_equal(copy->object, original->object);
    assert_int_equal(copy->rights, original->rights);
    assert_ptr_equal(copy->parent, original);
    assert_false(derivation_is_final(original));
    assert_false(derivation_is_final(copy));
}

static void copy_without_copy_right_refused(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_DEMOTE, 5, A9N_RIGHTS_ALL & ~A9N_RIGHT_COPY), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS, CALL(0, A9N_NODE_COPY, 6, R(5)));
}

static void copy_into_occupied_slot_refused(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 2);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_SLOT_OCCUPIED, CALL(0, A9N_NODE_COPY, 6, R(5)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_SLOT_OCCUPIED, CALL(0, A9N_NODE_COPY, 5, R(5)));
}

static void copy_from_empty_slot_refused(void **state)
{
    (void)state;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT, CALL(0, A9N_NODE_COPY, 6, R(9)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_DEPTH, CALL(0, A9N_NODE_COPY, 6, a9n_descriptor(3, 0)));
}

static void generic_cannot_be_copied_or_minted(void **state)
{
    (void)state;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_WRONG_TYPE, CALL(0, A9N_NODE_COPY, 6, R(UNIVERSE_GENERIC)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_WRONG_TYPE,
                           CALL(0, A9N_NODE_MINT, 6, R(UNIVERSE_GENERIC), A9N_RIGHT_READ, 0));
}

static void mint_attenuates_rights(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 1);
    assert_int_equal(CALL(0, A9N_NODE_MINT, 6, R(5), A9N_RIGHT_READ | A9N_RIGHT_COPY, 0),
                     A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(6))->rights, A9N_RIGHT_READ | A9N_RIGHT_COPY);
    /* Asking for everything back gives nothing more than the source has. */
    assert_int_equal(CALL(0, A9N_NODE_COPY, 7, R(6)), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(7))->rights, A9N_RIGHT_READ | A9N_RIGHT_COPY);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS,
                           CALL(0, A9N_NODE_MINT, 8, R(7), A9N_RIGHTS_ALL, 0));
}

static void mint_without_modify_right_refused(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_DEMOTE, 5, A9N_RIGHTS_ALL & ~A9N_RIGHT_MODIFY), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS,
                           CALL(0, A9N_NODE_MINT, 6, R(5), A9N_RIGHT_READ, 7));
    /* Plain copy still works. */
    assert_int_equal(CALL(0, A9N_NODE_COPY, 6, R(5)), A9N_ERROR_NONE);
}

static void mint_without_copy_right_refused(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_DEMOTE, 5, A9N_RIGHTS_ALL & ~A9N_RIGHT_COPY), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS,
                           CALL(0, A9N_NODE_MINT, 6, R(5), A9N_RIGHT_READ, 7));
}

static void mint_sets_badge_once(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_MINT, 6, R(5), A9N_RIGHTS_ALL, 42), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(6))->local.badge, 42);
    assert_int_equal(universe_slot(R(5))->local.badge, 0);
    /* Badge 0 keeps it; a new badge on a badged capability is refused. */
    assert_int_equal(CALL(0, A9N_NODE_MINT, 7, R(6), A9N_RIGHT_READ | A9N_RIGHT_WRITE, 0),
                     A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(7))->local.badge, 42);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 8, R(6)), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(8))->local.badge, 42);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(0, A9N_NODE_MINT, 9, R(6), A9N_RIGHTS_ALL, 43));
}

static void mint_badge_on_unbadged_type_refused(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 1);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(0, A9N_NODE_MINT, 6, R(5), A9N_RIGHTS_ALL, 1));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(0, A9N_NODE_MINT, 6, R(UNIVERSE_SELF), A9N_RIGHTS_ALL, 1));
}

static void mint_rejects_unknown_rights_bits(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 1);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(0, A9N_NODE_MINT, 6, R(5), A9N_RIGHTS_ALL + 1, 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT, CALL(0, A9N_NODE_DEMOTE, 5, 1u << 8));
}

static void move_transfers_capability_and_keeps_derivation(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 6, R(5)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 7, R(6)), A9N_ERROR_NONE);
    a9n_word_t node = make_node(8, 2);
    assert_int_equal(CALL(node, A9N_NODE_MOVE, 3, R(6)), A9N_ERROR_NONE);
    struct slot *moved = universe_slot(a9n_descriptor_child(node, 2, 3));
    assert_true(slot_is_empty(universe_slot(R(6))));
    assert_int_equal(moved->type, A9N_CAPABILITY_IPC_PORT);
    assert_ptr_equal(moved->parent, universe_slot(R(5)));
    assert_ptr_equal(universe_slot(R(7))->parent, moved);
    /* Revoke still reaches the grandchild through the moved slot. */
    assert_int_equal(CALL(0, A9N_NODE_REVOKE, 5), A9N_ERROR_NONE);
    assert_true(slot_is_empty(moved));
    assert_true(slot_is_empty(universe_slot(R(7))));
}

static void move_errors_change_nothing(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 2);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_SLOT_OCCUPIED, CALL(0, A9N_NODE_MOVE, 6, R(5)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_SLOT_OCCUPIED, CALL(0, A9N_NODE_MOVE, 5, R(5)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT, CALL(0, A9N_NODE_MOVE, 9, R(10)));
    /* A port is not a node: node operations are unknown to it. */
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_UNKNOWN_OPERATION, CALL(R(5), A9N_NODE_MOVE, 9, R(6)));
}

static void generic_can_be_moved(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 1);
    assert_int_equal(CALL(0, A9N_NODE_MOVE, 9, R(UNIVERSE_GENERIC)), A9N_ERROR_NONE);
    assert_ptr_equal(universe_slot(R(5))->parent, universe_slot(R(9)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 1, 0, 6));
    /* The moved Generic goes on after its watermark: the frame is still there. */
    assert_int_equal(convert(R(9), A9N_CAPABILITY_FRAME, 0, 1, 0, 6), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(6))->object,
                     universe_slot(R(5))->object + A9N_ARCH_PAGE_SIZE);
}

static void demote_drops_rights_in_place(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 1);
    assert_int_equal(CALL(0, A9N_NODE_DEMOTE, 5, A9N_RIGHT_READ | A9N_RIGHT_EXECUTE), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(5))->rights, A9N_RIGHT_READ | A9N_RIGHT_EXECUTE);
    /* Demote never adds. */
    assert_int_equal(CALL(0, A9N_NODE_DEMOTE, 5, A9N_RIGHTS_ALL), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(5))->rights, A9N_RIGHT_READ | A9N_RIGHT_EXECUTE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT, CALL(0, A9N_NODE_DEMOTE, 9, 0));
}

static void demote_with_derived_capabilities_refused(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 1);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 6, R(5)), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_HAS_CHILDREN, CALL(0, A9N_NODE_DEMOTE, 5, A9N_RIGHT_READ));
    assert_int_equal(CALL(0, A9N_NODE_DEMOTE, 6, A9N_RIGHT_READ), A9N_ERROR_NONE);
}

static void remove_empties_slot_and_keeps_children(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 6, R(5)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 7, R(6)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 6), A9N_ERROR_NONE);
    assert_true(slot_is_empty(universe_slot(R(6))));
    assert_ptr_equal(universe_slot(R(7))->parent, universe_slot(R(5)));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT, CALL(0, A9N_NODE_REMOVE, 6));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT, CALL(0, A9N_NODE_REVOKE, 6));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        CAP_TEST(lookup_finds_root_slot),
        CAP_TEST(lookup_walks_nested_nodes_at_several_depths),
        CAP_TEST(lookup_rejects_depth_over_56),
        CAP_TEST(lookup_rejects_depth_ending_inside_a_node),
        CAP_TEST(lookup_rejects_non_node_inside_path),
        CAP_TEST(lookup_reports_empty_slot_on_the_way),
        CAP_TEST(index_out_of_range_at_every_level),
        CAP_TEST(lookup_through_self_referencing_node_terminates),
        CAP_TEST(depth_zero_names_the_root_node_only_as_a_node),
        CAP_TEST(call_on_empty_slot_fails),
        CAP_TEST(unknown_operations_are_reported),
        CAP_TEST(copy_duplicates_with_same_rights),
        CAP_TEST(copy_without_copy_right_refused),
        CAP_TEST(copy_into_occupied_slot_refused),
        CAP_TEST(copy_from_empty_slot_refused),
        CAP_TEST(generic_cannot_be_copied_or_minted),
        CAP_TEST(mint_attenuates_rights),
        CAP_TEST(mint_without_modify_right_refused),
        CAP_TEST(mint_without_copy_right_refused),
        CAP_TEST(mint_sets_badge_once),
        CAP_TEST(mint_badge_on_unbadged_type_refused),
        CAP_TEST(mint_rejects_unknown_rights_bits),
        CAP_TEST(move_transfers_capability_and_keeps_derivation),
        CAP_TEST(move_errors_change_nothing),
        CAP_TEST(generic_can_be_moved),
        CAP_TEST(demote_drops_rights_in_place),
        CAP_TEST(demote_with_derived_capabilities_refused),
        CAP_TEST(remove_empties_slot_and_keeps_children),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
