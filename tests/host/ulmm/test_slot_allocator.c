/* ULMM's slot allocator: pure bookkeeping, no kernel involved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ulmm/slot_allocator.h"

#define RADIX 6
#define FIRST 4
#define NODE a9n_descriptor(8, 0x21)

static struct ulmm_slot_allocator slots;
static uint32_t links[1u << RADIX];

static int setup(void **state)
{
    (void)state;
    assert_int_equal(ulmm_slot_allocator_init(&slots, NODE, RADIX, FIRST, links), ULMM_ERROR_NONE);
    return 0;
}

static void hands_out_every_managed_slot_once_then_runs_out(void **state)
{
    (void)state;
    bool taken[1u << RADIX] = { false };
    uint32_t index;

    assert_int_equal(slots.free_count, (1u << RADIX) - FIRST);
    for (uint32_t n = 0; n < (1u << RADIX) - FIRST; n++) {
        assert_int_equal(ulmm_slot_allocate(&slots, &index), ULMM_ERROR_NONE);
        assert_true(index >= FIRST && index < (1u << RADIX));
        assert_false(taken[index]);
        taken[index] = true;
        assert_true(ulmm_slot_is_allocated(&slots, index));
    }
    assert_int_equal(slots.free_count, 0);
    assert_int_equal(ulmm_slot_allocate(&slots, &index), ULMM_ERROR_OUT_OF_SLOTS);
}

static void freed_slot_is_handed_out_next(void **state)
{
    (void)state;
    uint32_t a, b, again;

    assert_int_equal(ulmm_slot_allocate(&slots, &a), ULMM_ERROR_NONE);
    assert_int_equal(a, FIRST);
    assert_int_equal(ulmm_slot_allocate(&slots, &b), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_slot_free(&slots, a), ULMM_ERROR_NONE);
    assert_false(ulmm_slot_is_allocated(&slots, a));
    assert_int_equal(ulmm_slot_allocate(&slots, &again), ULMM_ERROR_NONE);
    assert_int_equal(again, a);
}

static void double_free_is_refused_and_changes_nothing(void **state)
{
    (void)state;
    uint32_t a, next;

    assert_int_equal(ulmm_slot_allocate(&slots, &a), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_slot_free(&slots, a), ULMM_ERROR_NONE);
    uint32_t free_count = slots.free_count;
    assert_int_equal(ulmm_slot_free(&slots, a), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(slots.free_count, free_count);
    /* The free list is intact: a comes out once, then the next slot. */
    assert_int_equal(ulmm_slot_allocate(&slots, &next), ULMM_ERROR_NONE);
    assert_int_equal(next, a);
    assert_int_equal(ulmm_slot_allocate(&slots, &next), ULMM_ERROR_NONE);
    assert_int_not_equal(next, a);
}

static void freeing_reserved_unused_or_foreign_slots_is_refused(void **state)
{
    (void)state;
    assert_int_equal(ulmm_slot_free(&slots, 0), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_slot_free(&slots, FIRST - 1), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_slot_free(&slots, FIRST), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_slot_free(&slots, 1u << RADIX), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_slot_free(&slots, ULMM_NO_SLOT), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(slots.free_count, (1u << RADIX) - FIRST);
}

static void init_rejects_unusable_nodes(void **state)
{
    (void)state;
    struct ulmm_slot_allocator other;

    assert_int_equal(ulmm_slot_allocator_init(&other, NODE, 0, 0, links),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_slot_allocator_init(&other, NODE, ULMM_SLOT_RADIX_MAX + 1, 0, links),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_slot_allocator_init(&other, NODE, RADIX, 1u << RADIX, links),
                     ULMM_ERROR_INVALID_ARGUMENT);
    /* Depth 52 + radix 6 would not fit a descriptor. */
    assert_int_equal(ulmm_slot_allocator_init(&other, a9n_descriptor(52, 0), RADIX, 0, links),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_slot_allocator_init(&other, NODE, RADIX, 0, NULL),
                     ULMM_ERROR_INVALID_ARGUMENT);
}

static void descriptor_names_the_slot_inside_the_node(void **state)
{
    (void)state;
    a9n_word_t descriptor = ulmm_slot_descriptor(&slots, 5);
    assert_int_equal(a9n_descriptor_depth(descriptor), 8 + RADIX);
    assert_int_equal(a9n_descriptor_path(descriptor), (0x21u << RADIX) | 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(hands_out_every_managed_slot_once_then_runs_out, setup),
        cmocka_unit_test_setup(freed_slot_is_handed_out_next, setup),
        cmocka_unit_test_setup(double_free_is_refused_and_changes_nothing, setup),
        cmocka_unit_test_setup(freeing_reserved_unused_or_foreign_slots_is_refused, setup),
        cmocka_unit_test_setup(init_rejects_unusable_nodes, setup),
        cmocka_unit_test_setup(descriptor_names_the_slot_inside_the_node, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
