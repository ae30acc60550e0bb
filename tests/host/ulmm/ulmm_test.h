/*
 * Shared fixture of ULMM's allocator tests: ULMM's node in the simulated
 * kernel, a slot allocator over it, a buddy allocator holding the
 * universe's big Generic, and a slab allocator on top.
 */
#ifndef TESTS_ULMM_TEST_H
#define TESTS_ULMM_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "simulated_kernel.h"
#include "ulmm/buddy.h"
#include "ulmm/slab.h"
#include "ulmm/slot_allocator.h"
#include "ulmm_check.h"

#define ULMM_SLOTS (1u << SIMULATED_ULMM_RADIX)
/* Slot 0 of ULMM's node stays unmanaged, as a server's fixed slots would. */
#define ULMM_FIRST_SLOT 1
/* Slabs for small objects: 16 KiB, so that tests fill them quickly. */
#define TEST_SLAB_BITS 14
/* The universe's paging geometry (tests/host/cap/universe.c). */
#define TEST_PAGING_LEVELS 4

#define TOTAL_BYTES ((uint64_t)1 << UNIVERSE_GENERIC_BITS)

static struct ulmm_slot_allocator slots;
static uint32_t slot_links[ULMM_SLOTS];
static struct ulmm_buddy buddy;
static struct ulmm_buddy_block blocks[ULMM_SLOTS];
static struct ulmm_slab slab;
static struct ulmm_slab_entry slab_entries[ULMM_SLOTS];
/* Slots of ULMM's node the test itself holds (objects' destinations). */
static uint32_t test_held_slots;

static inline int ulmm_setup(void **state)
{
    (void)state;
    simulated_kernel_setup();
    assert_int_equal(ulmm_slot_allocator_init(&slots, simulated_ulmm_node(), SIMULATED_ULMM_RADIX,
                                              ULMM_FIRST_SLOT, slot_links),
                     ULMM_ERROR_NONE);
    ulmm_buddy_init(&buddy, &slots, blocks);
    assert_int_equal(ulmm_buddy_add_generic(&buddy, universe_root_slot(UNIVERSE_GENERIC),
                                            UNIVERSE_GENERIC_BASE, UNIVERSE_GENERIC_BITS),
                     ULMM_ERROR_NONE);
    assert_int_equal(ulmm_slab_init(&slab, &buddy, slab_entries, TEST_SLAB_BITS,
                                    TEST_PAGING_LEVELS),
                     ULMM_ERROR_NONE);
    test_held_slots = 0;
    simulated_kernel = (struct simulated_kernel){ 0 };
    return 0;
}

/* Everything consistent: allocators, kernel, and no slot leaked. */
#define ASSERT_ULMM_CONSISTENT()                                                 \
    do {                                                                         \
        char message_[256];                                                      \
        if (!ulmm_check_buddy(&buddy, message_, sizeof(message_)))               \
            fail_msg("buddy: %s", message_);                                     \
        if (!ulmm_check_slab(&slab, message_, sizeof(message_)))                 \
            fail_msg("slab: %s", message_);                                      \
        if (!universe_check(message_, sizeof(message_)))                         \
            fail_msg("kernel: %s", message_);                                    \
        assert_int_equal(ULMM_SLOTS - ULMM_FIRST_SLOT - slots.free_count,        \
                         ulmm_check_slots_accounted(&buddy, &slab) + test_held_slots); \
    } while (0)

/* All memory back in one piece: the Generic whole, free and childless. */
#define ASSERT_ALL_MEMORY_FREE()                                                 \
    do {                                                                         \
        ASSERT_ULMM_CONSISTENT();                                                \
        assert_int_equal(buddy.free_bytes, buddy.total_bytes);                   \
        assert_int_equal(ulmm_check_slots_accounted(&buddy, &slab), buddy.root_count); \
    } while (0)

static inline int ulmm_teardown(void **state)
{
    (void)state;
    ASSERT_ULMM_CONSISTENT();
    universe_teardown();
    return 0;
}

#define ULMM_TEST(name) cmocka_unit_test_setup_teardown(name, ulmm_setup, ulmm_teardown)

/* A slot of ULMM's node for the test's own use (an object's destination). */
static inline uint32_t take_slot(void)
{
    uint32_t index;
    assert_int_equal(ulmm_slot_allocate(&slots, &index), ULMM_ERROR_NONE);
    test_held_slots++;
    return index;
}

static inline void give_slot(uint32_t index)
{
    assert_int_equal(ulmm_slot_free(&slots, index), ULMM_ERROR_NONE);
    test_held_slots--;
}

/* Deterministic pseudo-random numbers (xorshift), the same on every host. */
static uint64_t random_state;

static inline uint64_t random_next(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

#endif
