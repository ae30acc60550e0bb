/* Generic convert: placement, zeroing, reuse and every rejected argument. */
#include "cap_test.h"

#include <string.h>

#include "derivation.h"
#include "node.h"

static const unsigned char *memory_of(const struct slot *slot)
{
    return hal_phys_to_virt(slot->object);
}

static bool all_zero(const unsigned char *bytes, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        if (bytes[i] != 0)
            return false;
    }
    return true;
}

static void object_sizes_are_powers_of_two_from_the_abi(void **state)
{
    (void)state;
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_NODE, 4), A9N_SLOT_BITS + 4);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_NODE, 0), 0);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_NODE, A9N_NODE_RADIX_MAX + 1), 0);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_PROCESS, 0), 11);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_FRAME, 0), A9N_ARCH_PAGE_BITS);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_ADDRESS_SPACE, 0), A9N_ARCH_PAGE_BITS + 1);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_PAGE_TABLE, 2), A9N_ARCH_PAGE_BITS);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_PAGE_TABLE, 0), 0);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_GENERIC, 20), 20);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_GENERIC, A9N_GENERIC_MIN_BITS - 1), 0);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_IPC_PORT, 1), 0);
    assert_int_equal(a9n_object_size_bits(A9N_CAPABILITY_IO_PORT, 0), 0);
    assert_int_equal(sizeof(struct slot), 1u << A9N_SLOT_BITS);
}

static void convert_fills_consecutive_slots_with_children_of_the_generic(void **state)
{
    (void)state;
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_IPC_PORT, 0, 3, 0, 5),
                     A9N_ERROR_NONE);
    struct slot *generic = universe_slot(R(UNIVERSE_GENERIC));
    for (int i = 0; i < 3; i++) {
        struct slot *port = universe_slot(R(5 + i));
        assert_int_equal(port->type, A9N_CAPABILITY_IPC_PORT);
        assert_int_equal(port->rights, A9N_RIGHTS_ALL);
        assert_int_equal(port->object, UNIVERSE_GENERIC_BASE + (a9n_paddr_t)i * 64);
        assert_ptr_equal(port->parent, generic);
        assert_true(derivation_is_final(port));
    }
    assert_int_equal(generic->local.watermark, 3 * 64);
    assert_int_equal(universe_events.created, 3);
}

static void convert_zeroes_object_memory(void **state)
{
    (void)state;
    /* The arena starts full of garbage. */
    assert_int_equal(universe_arena[UNIVERSE_GENERIC_BASE - UNIVERSE_PHYS_BASE], UNIVERSE_GARBAGE);
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 2);
    make_objects(0, 7, A9N_CAPABILITY_PROCESS, 1);
    make_node(8, 6);
    assert_true(all_zero(memory_of(universe_slot(R(5))), 4096));
    assert_true(all_zero(memory_of(universe_slot(R(6))), 4096));
    assert_true(all_zero(memory_of(universe_slot(R(7))), 2048));
    assert_true(all_zero(memory_of(universe_slot(R(8))), 64 << 6));
    /* What is beyond the watermark is untouched. */
    struct slot *generic = universe_slot(R(UNIVERSE_GENERIC));
    assert_int_equal(universe_arena[generic->object + generic->local.watermark - UNIVERSE_PHYS_BASE],
                     UNIVERSE_GARBAGE);
}

static void convert_aligns_watermark_to_object_size(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    make_objects(0, 6, A9N_CAPABILITY_FRAME, 1);
    make_objects(0, 7, A9N_CAPABILITY_NOTIFICATION_PORT, 1);
    make_objects(0, 8, A9N_CAPABILITY_PROCESS, 1);
    assert_int_equal(universe_slot(R(6))->object, UNIVERSE_GENERIC_BASE + 4096);
    assert_int_equal(universe_slot(R(7))->object, UNIVERSE_GENERIC_BASE + 8192);
    assert_int_equal(universe_slot(R(8))->object, UNIVERSE_GENERIC_BASE + 8192 + 2048);
    assert_int_equal(universe_slot(R(UNIVERSE_GENERIC))->local.watermark, 8192 + 4096);
}

static void convert_partly_occupied_destination_changes_nothing(void **state)
{
    (void)state;
    make_objects(0, 7, A9N_CAPABILITY_FRAME, 1);
    unsigned created = universe_events.created;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_SLOT_OCCUPIED,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_IPC_PORT, 0, 4, 0, 5));
    assert_true(slot_is_empty(universe_slot(R(5))));
    assert_true(slot_is_empty(universe_slot(R(6))));
    assert_int_equal(universe_events.created, created);
}

static void convert_rejects_bad_count(void **state)
{
    (void)state;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 0, 0, 5));
    /* 12 slots from 5 would run past the 16-slot root node. */
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 12, 0, 5));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0,
                                   ~(a9n_word_t)0, 0, 5));
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 11, 0, 5),
                     A9N_ERROR_NONE);
}

static void convert_rejects_index_out_of_range(void **state)
{
    (void)state;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INDEX_OUT_OF_RANGE,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 1, 0, 16));
    a9n_word_t node = make_node(5, 2);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INDEX_OUT_OF_RANGE,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 1, node, 4));
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 4, node, 0),
                     A9N_ERROR_NONE);
}

static void convert_rejects_bad_destination_node(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_FRAME, 1);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_WRONG_TYPE,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 1, R(5), 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_EMPTY_SLOT,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 1, R(9), 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_DEPTH,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 1,
                                   a9n_descriptor(2, 0), 0));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INDEX_OUT_OF_RANGE,
                           convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 1,
                                   a9n_descriptor(0, 3), 0));
}

static void convert_rejects_bad_radix_size_and_depth(void **state)
{
    (void)state;
    a9n_word_t g = R(UNIVERSE_GENERIC);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT, convert(g, A9N_CAPABILITY_NODE, 0, 1, 0, 5));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(g, A9N_CAPABILITY_NODE, A9N_NODE_RADIX_MAX + 1, 1, 0, 5));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(g, A9N_CAPABILITY_GENERIC, A9N_GENERIC_MIN_BITS - 1, 1, 0, 5));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(g, A9N_CAPABILITY_GENERIC, A9N_GENERIC_MAX_BITS + 1, 1, 0, 5));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(g, A9N_CAPABILITY_PAGE_TABLE, 0, 1, 0, 5));
    /* The fake HAL has 4 levels: depth 4 is the address space itself. */
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(g, A9N_CAPABILITY_PAGE_TABLE, 4, 1, 0, 5));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT, convert(g, A9N_CAPABILITY_FRAME, 1, 1, 0, 5));
    assert_int_equal(convert(g, A9N_CAPABILITY_PAGE_TABLE, 3, 1, 0, 5), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(5))->parameter, 3);
    /* A Generic larger than its parent never fits. */
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INSUFFICIENT_MEMORY,
                           convert(g, A9N_CAPABILITY_GENERIC, UNIVERSE_GENERIC_BITS + 1, 1, 0, 6));
}

static void convert_rejects_types_that_are_not_made_from_memory(void **state)
{
    (void)state;
    a9n_word_t g = R(UNIVERSE_GENERIC);
    const a9n_word_t types[] = { A9N_CAPABILITY_NONE,        A9N_CAPABILITY_INTERRUPT_REGION,
                                 A9N_CAPABILITY_IO_PORT,      A9N_CAPABILITY_VIRTUAL_CPU,
                                 A9N_CAPABILITY_DEBUG,        A9N_CAPABILITY_TYPE_COUNT,
                                 ~(a9n_word_t)0 };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                               CALL(g, A9N_GENERIC_CONVERT, types[i], 0, 1, 0, 5));
}

static void convert_reports_insufficient_memory(void **state)
{
    (void)state;
    a9n_word_t small = R(UNIVERSE_SMALL_GENERIC);
    a9n_word_t frames = (a9n_word_t)1 << (UNIVERSE_SMALL_GENERIC_BITS - 12);
    a9n_word_t node = make_node(5, 8);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INSUFFICIENT_MEMORY,
                           convert(small, A9N_CAPABILITY_FRAME, 0, frames + 1, node, 0));
    assert_int_equal(convert(small, A9N_CAPABILITY_IPC_PORT, 0, 1, node, 0), A9N_ERROR_NONE);
    /* One port took the first page once frames are page-aligned. */
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INSUFFICIENT_MEMORY,
                           convert(small, A9N_CAPABILITY_FRAME, 0, frames, node, 1));
    assert_int_equal(convert(small, A9N_CAPABILITY_FRAME, 0, frames - 1, node, 1), A9N_ERROR_NONE);
    assert_int_equal(universe_slot(small)->local.watermark,
                     (uint64_t)1 << UNIVERSE_SMALL_GENERIC_BITS);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INSUFFICIENT_MEMORY,
                           convert(small, A9N_CAPABILITY_IPC_PORT, 0, 1, node, 200));
}

static void device_generic_only_becomes_frames_and_generics(void **state)
{
    (void)state;
    a9n_word_t device = R(UNIVERSE_DEVICE_GENERIC);
    const unsigned kernel_types[] = { A9N_CAPABILITY_NODE, A9N_CAPABILITY_PROCESS,
                                      A9N_CAPABILITY_IPC_PORT, A9N_CAPABILITY_NOTIFICATION_PORT,
                                      A9N_CAPABILITY_ADDRESS_SPACE, A9N_CAPABILITY_PAGE_TABLE,
                                      A9N_CAPABILITY_INTERRUPT_PORT };
    for (size_t i = 0; i < sizeof(kernel_types) / sizeof(kernel_types[0]); i++) {
        a9n_word_t parameter = kernel_types[i] == A9N_CAPABILITY_NODE         ? 2
                               : kernel_types[i] == A9N_CAPABILITY_PAGE_TABLE ? 1
                                                                               : 0;
        ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                               convert(device, kernel_types[i], parameter, 1, 0, 5));
    }
    /* Frames: allowed, flagged as device, and never written (MMIO). */
    assert_int_equal(convert(device, A9N_CAPABILITY_FRAME, 0, 1, 0, 5), A9N_ERROR_NONE);
    struct slot *frame = universe_slot(R(5));
    assert_true(frame->flags & SLOT_FLAG_DEVICE);
    assert_int_equal(memory_of(frame)[0], UNIVERSE_GARBAGE);
    /* A smaller device Generic stays a device Generic. */
    assert_int_equal(convert(device, A9N_CAPABILITY_GENERIC, 13, 1, 0, 6), A9N_ERROR_NONE);
    assert_true(universe_slot(R(6))->flags & SLOT_FLAG_DEVICE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           convert(R(6), A9N_CAPABILITY_IPC_PORT, 0, 1, 0, 7));
    assert_int_equal(convert(R(6), A9N_CAPABILITY_FRAME, 0, 2, 0, 7), A9N_ERROR_NONE);
}

static void generic_reused_after_revoke(void **state)
{
    (void)state;
    a9n_word_t node = make_node(5, 3);
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_FRAME, 0, 8, node, 0),
                     A9N_ERROR_NONE);
    a9n_paddr_t node_memory = universe_slot(node)->object;
    a9n_paddr_t frame_memory = node_slot(universe_slot(node), 0)->object;
    /* Dirty a frame so that reuse must zero again. */
    memset(hal_phys_to_virt(frame_memory), 0x5a, 4096);
    assert_int_equal(CALL(0, A9N_NODE_REVOKE, UNIVERSE_GENERIC), A9N_ERROR_NONE);
    assert_true(slot_is_empty(universe_slot(node)));
    assert_false(derivation_has_children(universe_slot(R(UNIVERSE_GENERIC))));
    make_objects(0, 6, A9N_CAPABILITY_FRAME, 2);
    assert_int_equal(universe_slot(R(6))->object, node_memory);
    assert_int_equal(universe_slot(R(7))->object, frame_memory);
    assert_true(all_zero(memory_of(universe_slot(R(7))), 4096));
}

static void generic_not_reused_while_a_child_remains(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 2);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(universe_slot(R(5))->object, UNIVERSE_GENERIC_BASE + 128);
    /* Once every child is gone the Generic starts over at its base. */
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 6), A9N_ERROR_NONE);
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(universe_slot(R(5))->object, UNIVERSE_GENERIC_BASE);
}

static void copies_of_an_object_keep_its_generic_busy(void **state)
{
    (void)state;
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_equal(CALL(0, A9N_NODE_COPY, 6, R(5)), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, 5), A9N_ERROR_NONE);
    /* The copy now hangs off the Generic directly; its memory stays taken. */
    assert_ptr_equal(universe_slot(R(6))->parent, universe_slot(R(UNIVERSE_GENERIC)));
    make_objects(0, 5, A9N_CAPABILITY_IPC_PORT, 1);
    assert_int_not_equal(universe_slot(R(5))->object, universe_slot(R(6))->object);
}

static void nested_generics_convert_independently(void **state)
{
    (void)state;
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_GENERIC, 14, 2, 0, 5),
                     A9N_ERROR_NONE);
    assert_int_equal(universe_slot(R(6))->object, UNIVERSE_GENERIC_BASE + (1u << 14));
    assert_int_equal(convert(R(6), A9N_CAPABILITY_FRAME, 0, 4, 0, 7), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INSUFFICIENT_MEMORY,
                           convert(R(6), A9N_CAPABILITY_FRAME, 0, 1, 0, 11));
    assert_int_equal(universe_slot(R(7))->object, UNIVERSE_GENERIC_BASE + (1u << 14));
    /* Revoking the outer Generic takes the inner ones and their frames. */
    assert_int_equal(CALL(0, A9N_NODE_REVOKE, UNIVERSE_GENERIC), A9N_ERROR_NONE);
    for (int i = 5; i <= 10; i++)
        assert_true(slot_is_empty(universe_slot(R(i))));
}

static void boot_helpers_build_root_capabilities(void **state)
{
    (void)state;
    struct slot *generic = universe_slot(R(UNIVERSE_DEVICE_GENERIC));
    assert_int_equal(generic->type, A9N_CAPABILITY_GENERIC);
    assert_int_equal(generic->size_bits, UNIVERSE_DEVICE_GENERIC_BITS);
    assert_true(generic->flags & SLOT_FLAG_DEVICE);
    assert_null(generic->parent);
    assert_int_equal(universe_root.parameter, UNIVERSE_ROOT_RADIX);
    assert_int_equal(universe_root.size_bits, A9N_SLOT_BITS + UNIVERSE_ROOT_RADIX);
    for (int i = UNIVERSE_FIRST_FREE; i < 16; i++)
        assert_true(slot_is_empty(node_slot(&universe_root, i)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        CAP_TEST(object_sizes_are_powers_of_two_from_the_abi),
        CAP_TEST(convert_fills_consecutive_slots_with_children_of_the_generic),
        CAP_TEST(convert_zeroes_object_memory),
        CAP_TEST(convert_aligns_watermark_to_object_size),
        CAP_TEST(convert_partly_occupied_destination_changes_nothing),
        CAP_TEST(convert_rejects_bad_count),
        CAP_TEST(convert_rejects_index_out_of_range),
        CAP_TEST(convert_rejects_bad_destination_node),
        CAP_TEST(convert_rejects_bad_radix_size_and_depth),
        CAP_TEST(convert_rejects_types_that_are_not_made_from_memory),
        CAP_TEST(convert_reports_insufficient_memory),
        CAP_TEST(device_generic_only_becomes_frames_and_generics),
        CAP_TEST(generic_reused_after_revoke),
        CAP_TEST(generic_not_reused_while_a_child_remains),
        CAP_TEST(copies_of_an_object_keep_its_generic_busy),
        CAP_TEST(nested_generics_convert_independently),
        CAP_TEST(boot_helpers_build_root_capabilities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
