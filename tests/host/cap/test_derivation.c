/* The derivation tree: revoke, remove, finality and destruction of objects. */
#include "cap_test.h"

#include "derivation.h"
#include "node.h"

static void revoke_removes_deep_tree(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    a9n_word_t node = make_node(6, 6);
    a9n_word_t slots = (a9n_word_t)1 << 6;
    /* Slot i is derived from slot (i - 1) / 3: a ternary tree 4 levels deep. */
    assert_int_equal(CALL(node, A9N_NODE_COPY, 0, R(5)), A9N_ERROR_NONE);
    for (a9n_word_t i = 1; i < slots; i++) {
        a9n_word_t source = a9n_descriptor_child(node, 6, (i - 1) / 3);
        assert_int_equal(CALL(node, A9N_NODE_MINT, i, source, A9N_RIGHTS_ALL, i == 1 ? 9 : 0),
                         A9N_ERROR_NONE);
    }
    ASSERT_INVARIANTS();
    assert_int_equal(CALL(0, A9N_NODE_REVOKE, 5), A9N_ERROR_NONE);
    for (a9n_word_t i = 0; i < slots; i++)
        assert_true(slot_is_empty(node_slot(universe_slot(node), i)));
    struct slot *port = universe_slot(R(5));
    assert_int_equal(port->type, A9N_CAPABILITY_IPC_PORT);
    assert_false(derivation_has_children(port));
    assert_true(derivation_is_final(port));
    assert_int_equal(universe_events.torn_down, slots);
    assert_int_equal(universe_events.destroyed, 0);
}

static void revoke_of_a_long_chain_is_iterative(void **state)
{
    (void)state;
    const unsigned radix = 10;
    a9n_word_t node = make_node(5, radix);
    a9n_word_t slots = (a9n_word_t)1 << radix;
    make_objects(node, 0, A9N_CAPABILITY_FRAME, 1);
    for (a9n_word_t i = 1; i < slots; i++)
        assert_int_equal(CALL(node, A9N_NODE_COPY, i, a9n_descriptor_child(node, radix, i - 1)),
                         A9N_ERROR_NONE);
    /* Removing a link in the middle keeps the chain connected. */
    assert_int_equal(CALL(node, A9N_NODE_REMOVE, slots / 2), A9N_ERROR_NONE);
    assert_ptr_equal(node_slot(universe_slot(node), slots / 2 + 1)->parent,
                     node_slot(universe_slot(node), slots / 2 - 1));
    ASSERT_INVARIANTS();
    assert_int_equal(CALL(node, A9N_NODE_REVOKE, 0), A9N_ERROR_NONE);
    for (a9n_word_t i = 1; i < slots; i++)
        assert_true(slot_is_empty(node_slot(universe_slot(node), i)));
    assert_int_equal(universe_events.destroyed, 0);
}

static void remove_of_last_capability_destroys_object(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_NOTIFICATION_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 6, R(5)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 6), A9N_ERROR_NONE);
    assert_int_equal(universe_events.torn_down, 1);
    assert_int_equal(universe_events.torn_down_last, 0);
    assert_int_equal(universe_events.destroyed, 0);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    assert_int_equal(universe_events.torn_down, 2);
    assert_int_equal(universe_events.torn_down_last, 1);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_NOTIFICATION_PORT], 1);
}

static void finality_survives_removal_of_the_original(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 2);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 7, R(5)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 8, R(5)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 9, R(8)), A9N_ERROR_NONE);
    /* The copies now sit among the Generic's children, next to each other. */
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    assert_ptr_equal(universe_slot(R(7))->parent, universe_slot(R(UNIVERSE_GENERIC)));
    assert_int_equal(universe_events.destroyed, 0);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 8), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 7), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed, 0);
    assert_true(derivation_is_final(universe_slot(R(9))));
    assert_true(derivation_is_final(universe_slot(R(6))));
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 9), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed, 1);
}

static void copy_next_to_a_sibling_copy_is_not_final(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 6, R(5)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 7, R(5)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    /* 7 is now the Generic's first child, followed by 6. */
    assert_ptr_equal(universe_slot(R(UNIVERSE_GENERIC))->first_child, universe_slot(R(7)));
    assert_false(derivation_is_final(universe_slot(R(7))));
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 7), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed, 0);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 6), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed, 1);
}

static void boot_capability_without_parent_is_final(void **state)
{
    (void)state;
    struct slot *slot = universe_slot(R(10));
    slot_make_root(slot, A9N_CAPABILITY_FRAME, UNIVERSE_PHYS_BASE + (16u << 10), 0);
    assert_null(slot->parent);
    assert_true(derivation_is_final(slot));
    assert_int_equal(CALL(0, A9N_NODE_COPY, 11, R(10)), A9N_ERROR_NONE);
    assert_false(derivation_is_final(slot));
    /* Removing the parentless original leaves the copy parentless too. */
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 10), A9N_ERROR_NONE);
    assert_null(universe_slot(R(11))->parent);
    assert_int_equal(universe_events.destroyed, 0);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 11), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_FRAME], 1);
}

static void remove_splices_children_into_place(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 1);
    for (a9n_word_t i = 6; i <= 8; i++)
        assert_int_equal(CALL(0, A9N_NODE_COPY, i, R(5)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 9, R(7)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 10, R(7)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 7), A9N_ERROR_NONE);
    struct slot *parent = universe_slot(R(5));
    assert_ptr_equal(universe_slot(R(9))->parent, parent);
    assert_ptr_equal(universe_slot(R(10))->parent, parent);
    /* Order: 8, then 7's children (10, 9), then 6. */
    assert_ptr_equal(parent->first_child, universe_slot(R(8)));
    assert_ptr_equal(universe_slot(R(8))->next_sibling, universe_slot(R(10)));
    assert_ptr_equal(universe_slot(R(9))->next_sibling, universe_slot(R(6)));
}

static void remove_of_last_node_capability_removes_what_it_holds(void **state)
{
    (void)state;
    a9n_word_t a = make_node(5, 2);
    a9n_word_t b = a9n_descriptor_child(a, 2, 0);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_NODE, 2, 1, a, 0), A9N_ERROR_NONE);
    make_objects(b, 1, A9N_CAPABILITY_IPC_PORT, 1);
    make_objects(a, 1, A9N_CAPABILITY_FRAME, 1);
    /* A copy of something that lives on outside: removed, not destroyed. */
    make_objects(0, 6, A9N_CAPABILITY_PROCESS, 1);
    assert_int_equal(CALL(b, A9N_NODE_COPY, 2, R(6)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_NODE], 2);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_IPC_PORT], 1);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_FRAME], 1);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_PROCESS], 0);
    assert_false(derivation_has_children(universe_slot(R(6))));
}

static void deeply_nested_nodes_are_destroyed_without_recursion(void **state)
{
    (void)state;
    const int levels = 2000;
    make_node(6, 1);
    /* Each round wraps the chain in R(6) into a new node. */
    for (int i = 1; i < levels; i++) {
        a9n_word_t outer = make_node(7, 1);
        assert_int_equal(CALL(outer, A9N_NODE_MOVE, 0, R(6)), A9N_ERROR_NONE);
        assert_int_equal(CALL(0, A9N_NODE_MOVE, 6, R(7)), A9N_ERROR_NONE);
    }
    ASSERT_INVARIANTS();
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 6), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_NODE], levels);
    /* All gone: the Generic starts over. */
    assert_false(derivation_has_children(universe_slot(R(UNIVERSE_GENERIC))));
}

static void nodes_holding_each_others_last_capability_are_reclaimed_by_revoke(void **state)
{
    (void)state;
    a9n_word_t a = make_node(5, 1);
    make_node(6, 1);
    assert_int_equal(CALL(a, A9N_NODE_MOVE, 0, R(6)), A9N_ERROR_NONE);
    a9n_word_t b = a9n_descriptor_child(a, 1, 0);
    assert_int_equal(CALL(b, A9N_NODE_COPY, 0, R(5)), A9N_ERROR_NONE);
    /* A and B now keep each other alive: removing our handle destroys nothing. */
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed, 0);
    ASSERT_INVARIANTS();
    assert_int_equal(CALL(0, A9N_NODE_REVOKE, UNIVERSE_GENERIC), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_NODE], 2);
}

static void self_referencing_node_is_destroyed_by_generic_revoke(void **state)
{
    (void)state;
    a9n_word_t node = make_node(5, 2);
    assert_int_equal(CALL(node, A9N_NODE_COPY, 3, R(5)), A9N_ERROR_NONE);
    make_objects(node, 1, A9N_CAPABILITY_FRAME, 1);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed, 0);
    assert_int_equal(CALL(0, A9N_NODE_REVOKE, UNIVERSE_GENERIC), A9N_ERROR_NONE);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_NODE], 1);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_FRAME], 1);
}

static void revoke_of_generic_kept_inside_its_own_node(void **state)
{
    (void)state;
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_GENERIC, 16, 1, 0, 5),
                     A9N_ERROR_NONE);
    assert_int_equal(convert(R(5), A9N_CAPABILITY_NODE, 2, 1, 0, 6), A9N_ERROR_NONE);
    assert_int_equal(CALL(R(6), A9N_NODE_MOVE, 0, R(5)), A9N_ERROR_NONE);
    make_objects(R(6), 1, A9N_CAPABILITY_IPC_PORT, 1);
    /* Revoking the Generic destroys the node that holds the Generic. */
    assert_int_equal(CALL(R(6), A9N_NODE_REVOKE, 0), A9N_ERROR_NONE);
    assert_true(slot_is_empty(universe_slot(R(6))));
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_NODE], 1);
}

static void revoke_tears_down_every_capability_and_destroys_each_object_once(void **state)
{
    (void)state;
    a9n_word_t node = make_node(5, 3);
    make_objects(node, 0, A9N_CAPABILITY_IPC_PORT, 3);
    for (a9n_word_t i = 0; i < 3; i++)
        assert_int_equal(CALL(node, A9N_NODE_COPY, 4 + i, a9n_descriptor_child(node, 3, i)),
                         A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REVOKE, UNIVERSE_GENERIC), A9N_ERROR_NONE);
    /* Six port capabilities and the node's. */
    assert_int_equal(universe_events.torn_down, 7);
    assert_int_equal(universe_events.torn_down_last, 4);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_IPC_PORT], 3);
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_NODE], 1);
    assert_true(slot_is_empty(universe_slot(R(5))));
}

static void move_repoints_children_and_neighbours(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 3);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 8, R(6)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 9, R(6)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_MOVE, 10, R(6)), A9N_ERROR_NONE);
    struct slot *moved = universe_slot(R(10));
    assert_ptr_equal(universe_slot(R(8))->parent, moved);
    assert_ptr_equal(universe_slot(R(9))->parent, moved);
    assert_ptr_equal(universe_slot(R(5))->prev_sibling, moved);
    assert_ptr_equal(universe_slot(R(7))->next_sibling, moved);
    assert_int_equal(universe_events.torn_down, 0);
}

/* The checker is only worth something if it notices broken states. */
static void invariant_checker_detects_corruption(void **state)
{
    (void)state;
    char message[256];
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 2);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 7, R(5)), A9N_ERROR_NONE);
    struct slot *original = universe_slot(R(5)), *other = universe_slot(R(6));
    struct slot *copy = universe_slot(R(7)), *generic = universe_slot(R(UNIVERSE_GENERIC));
    assert_true(universe_check(message, sizeof(message)));

    struct slot saved = *copy;
    copy->parent = other;
    assert_false(universe_check(message, sizeof(message)));
    *copy = saved;

    original->rights = A9N_RIGHT_READ;
    assert_false(universe_check(message, sizeof(message)));
    original->rights = A9N_RIGHTS_ALL;

    saved = *other;
    other->type = A9N_CAPABILITY_NOTIFICATION_PORT;
    other->object = original->object;
    assert_false(universe_check(message, sizeof(message)));
    *other = saved;

    uint64_t watermark = generic->local.watermark;
    generic->local.watermark = 64;
    assert_false(universe_check(message, sizeof(message)));
    generic->local.watermark = watermark;

    /* A second, unrelated capability to the object breaks finality. */
    saved = *universe_slot(R(8));
    *universe_slot(R(8)) = *other;
    universe_slot(R(8))->parent = NULL;
    universe_slot(R(8))->prev_sibling = NULL;
    universe_slot(R(8))->next_sibling = NULL;
    assert_false(universe_check(message, sizeof(message)));
    *universe_slot(R(8)) = saved;

    assert_true(universe_check(message, sizeof(message)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        CAP_TEST(revoke_removes_deep_tree),
        CAP_TEST(revoke_of_a_long_chain_is_iterative),
        CAP_TEST(remove_of_last_capability_destroys_object),
        CAP_TEST(finality_survives_removal_of_the_original),
        CAP_TEST(copy_next_to_a_sibling_copy_is_not_final),
        CAP_TEST(boot_capability_without_parent_is_final),
        CAP_TEST(remove_splices_children_into_place),
        CAP_TEST(remove_of_last_node_capability_removes_what_it_holds),
        CAP_TEST(deeply_nested_nodes_are_destroyed_without_recursion),
        CAP_TEST(nodes_holding_each_others_last_capability_are_reclaimed_by_revoke),
        CAP_TEST(self_referencing_node_is_destroyed_by_generic_revoke),
        CAP_TEST(revoke_of_generic_kept_inside_its_own_node),
        CAP_TEST(revoke_tears_down_every_capability_and_destroys_each_object_once),
        CAP_TEST(move_repoints_children_and_neighbours),
        CAP_TEST(invariant_checker_detects_corruption),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
