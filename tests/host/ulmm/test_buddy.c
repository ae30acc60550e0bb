/*
 * The buddy allocator against the real capability core: every split is a
 * convert, every merge a revoke, and after each step the allocator's
 * bookkeeping must match the kernel's capabilities exactly.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ulmm/kernel_interface.h"
#include "ulmm_test.h"

#define PAGE_BITS 12
#define ROOT_BITS UNIVERSE_GENERIC_BITS

static uint32_t allocate(unsigned size_bits)
{
    uint32_t block;
    assert_int_equal(ulmm_buddy_allocate(&buddy, size_bits, &block), ULMM_ERROR_NONE);
    assert_int_equal(blocks[block].size_bits, size_bits);
    assert_int_equal(blocks[block].state, ULMM_BLOCK_ALLOCATED);
    return block;
}

static void release(uint32_t block)
{
    assert_int_equal(ulmm_buddy_free(&buddy, block), ULMM_ERROR_NONE);
}

static void add_generic_takes_over_the_whole_generic(void **state)
{
    (void)state;
    ASSERT_ALL_MEMORY_FREE();
    assert_int_equal(buddy.total_bytes, TOTAL_BYTES);
    assert_int_equal(buddy.root_count, 1);
    /* Moved out of the universe's root node into ULMM's node. */
    assert_true(slot_is_empty(universe_slot(universe_root_slot(UNIVERSE_GENERIC))));
    struct slot *kernel = simulated_ulmm_slot(buddy.roots[0]);
    assert_int_equal(kernel->type, A9N_CAPABILITY_GENERIC);
    assert_int_equal(kernel->object, UNIVERSE_GENERIC_BASE);
}

static void add_generic_revokes_what_was_made_from_it_before(void **state)
{
    (void)state;
    simulated_kernel_setup();
    ulmm_slot_allocator_init(&slots, simulated_ulmm_node(), SIMULATED_ULMM_RADIX, ULMM_FIRST_SLOT,
                             slot_links);
    ulmm_buddy_init(&buddy, &slots, blocks);
    /* A frame made from the Generic before ULMM gets it would sit at its base. */
    assert_int_equal(CALL(universe_root_slot(UNIVERSE_GENERIC), A9N_GENERIC_CONVERT,
                          A9N_CAPABILITY_FRAME, 0, 1, 0, UNIVERSE_FIRST_FREE + 1),
                     A9N_ERROR_NONE);
    assert_int_equal(ulmm_buddy_add_generic(&buddy, universe_root_slot(UNIVERSE_GENERIC),
                                            UNIVERSE_GENERIC_BASE, ROOT_BITS),
                     ULMM_ERROR_NONE);
    assert_true(slot_is_empty(universe_slot(universe_root_slot(UNIVERSE_FIRST_FREE + 1))));
    /* So the first split starts at the base, where the bookkeeping says. */
    allocate(PAGE_BITS);
    ASSERT_ULMM_CONSISTENT();
}

static void add_generic_refuses_bad_sizes_bases_and_overlaps(void **state)
{
    (void)state;
    a9n_word_t none = universe_root_slot(UNIVERSE_FIRST_FREE + 1);
    uint32_t free_count = slots.free_count;

    assert_int_equal(ulmm_buddy_add_generic(&buddy, none, 0, A9N_GENERIC_MIN_BITS - 1),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_buddy_add_generic(&buddy, none, 0, A9N_GENERIC_MAX_BITS + 1),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_buddy_add_generic(&buddy, none, UNIVERSE_PHYS_BASE + 64, 12),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_buddy_add_generic(&buddy, none, UNIVERSE_GENERIC_BASE + 4096, 12),
                     ULMM_ERROR_OVERLAP);
    assert_int_equal(ulmm_buddy_add_generic(&buddy, none, UNIVERSE_PHYS_BASE, ROOT_BITS + 1),
                     ULMM_ERROR_OVERLAP);
    assert_int_equal(simulated_kernel_calls(), 0);
    /* The kernel refuses to move from an empty slot: no slot is lost. */
    assert_int_equal(ulmm_buddy_add_generic(&buddy, none, UNIVERSE_PHYS_BASE, 12),
                     ULMM_ERROR_KERNEL_REFUSED);
    assert_int_equal(slots.free_count, free_count);
    ASSERT_ALL_MEMORY_FREE();
}

static void generics_of_different_sizes_are_separate_trees(void **state)
{
    (void)state;
    simulated_kernel_setup();
    ulmm_slot_allocator_init(&slots, simulated_ulmm_node(), SIMULATED_ULMM_RADIX, ULMM_FIRST_SLOT,
                             slot_links);
    ulmm_buddy_init(&buddy, &slots, blocks);
    ulmm_slab_init(&slab, &buddy, slab_entries, TEST_SLAB_BITS, TEST_PAGING_LEVELS);
    /* Halves of the big Generic, one of them halved again: 2^20, 2^19, 2^19. */
    assert_int_equal(CALL(universe_root_slot(UNIVERSE_GENERIC), A9N_GENERIC_CONVERT,
                          A9N_CAPABILITY_GENERIC, ROOT_BITS - 1, 2, 0, 5),
                     A9N_ERROR_NONE);
    assert_int_equal(CALL(universe_root_slot(6), A9N_GENERIC_CONVERT, A9N_CAPABILITY_GENERIC,
                          ROOT_BITS - 2, 2, 0, 7),
                     A9N_ERROR_NONE);
    a9n_paddr_t half = (a9n_paddr_t)1 << (ROOT_BITS - 1), quarter = half / 2;
    assert_int_equal(ulmm_buddy_add_generic(&buddy, universe_root_slot(8),
                                            UNIVERSE_GENERIC_BASE + half + quarter, ROOT_BITS - 2),
                     ULMM_ERROR_NONE);
    assert_int_equal(ulmm_buddy_add_generic(&buddy, universe_root_slot(5), UNIVERSE_GENERIC_BASE,
                                            ROOT_BITS - 1),
                     ULMM_ERROR_NONE);
    assert_int_equal(ulmm_buddy_add_generic(&buddy, universe_root_slot(7),
                                            UNIVERSE_GENERIC_BASE + half, ROOT_BITS - 2),
                     ULMM_ERROR_NONE);
    assert_int_equal(buddy.total_bytes, TOTAL_BYTES);
    ASSERT_ALL_MEMORY_FREE();

    /* Two quarters never merge: they are separate Generics, not buddies here. */
    uint32_t a = allocate(ROOT_BITS - 2), b = allocate(ROOT_BITS - 2);
    uint32_t big = allocate(ROOT_BITS - 1);
    uint32_t none;
    assert_int_equal(ulmm_buddy_allocate(&buddy, PAGE_BITS, &none), ULMM_ERROR_OUT_OF_MEMORY);
    release(a);
    release(b);
    assert_int_equal(ulmm_buddy_allocate(&buddy, ROOT_BITS - 1, &none), ULMM_ERROR_OUT_OF_MEMORY);
    release(big);
    ASSERT_ALL_MEMORY_FREE();
    assert_int_equal(buddy.free_lists[ROOT_BITS - 2 - ULMM_ORDER_MIN] != ULMM_NO_SLOT, true);
}

static void allocation_splits_down_to_the_size_asked_for(void **state)
{
    (void)state;
    uint32_t block = allocate(PAGE_BITS);

    assert_int_equal(blocks[block].base, UNIVERSE_GENERIC_BASE);
    assert_int_equal(simulated_kernel.converts, 2 * (ROOT_BITS - PAGE_BITS));
    /* One free upper half of every size on the way down. */
    for (unsigned order = PAGE_BITS; order < ROOT_BITS; order++) {
        uint32_t half = buddy.free_lists[order - ULMM_ORDER_MIN];
        assert_int_not_equal(half, ULMM_NO_SLOT);
        assert_int_equal(blocks[half].base, UNIVERSE_GENERIC_BASE + ((a9n_paddr_t)1 << order));
        assert_int_equal(blocks[half].next, ULMM_NO_SLOT);
    }
    assert_int_equal(buddy.free_bytes, TOTAL_BYTES - 4096);
    ASSERT_ULMM_CONSISTENT();
}

static void free_merges_back_into_the_whole_generic(void **state)
{
    (void)state;
    uint32_t block = allocate(PAGE_BITS);
    simulated_kernel = (struct simulated_kernel){ 0 };

    release(block);
    /* One revoke of the block itself, one per merge. */
    assert_int_equal(simulated_kernel.revokes, 1 + (ROOT_BITS - PAGE_BITS));
    assert_int_equal(simulated_kernel.converts, 0);
    ASSERT_ALL_MEMORY_FREE();
    assert_null(simulated_ulmm_slot(buddy.roots[0])->first_child);
}

static void buddies_merge_only_when_both_are_free(void **state)
{
    (void)state;
    uint32_t a = allocate(PAGE_BITS), b = allocate(PAGE_BITS), c = allocate(PAGE_BITS);

    assert_int_equal(blocks[a].parent, blocks[b].parent);
    assert_int_equal(blocks[b].base, blocks[a].base + 4096);
    assert_int_equal(blocks[c].base, blocks[a].base + 2 * 4096);
    release(a);
    /* b is still allocated: a stays a page on its own. */
    assert_int_equal(blocks[a].state, ULMM_BLOCK_FREE);
    assert_int_equal(blocks[blocks[a].parent].state, ULMM_BLOCK_SPLIT);
    ASSERT_ULMM_CONSISTENT();
    release(b);
    /* a and b merged into 8 KiB; c keeps the 16 KiB split. */
    assert_int_equal(blocks[c].state, ULMM_BLOCK_ALLOCATED);
    assert_int_not_equal(buddy.free_lists[PAGE_BITS + 1 - ULMM_ORDER_MIN], ULMM_NO_SLOT);
    ASSERT_ULMM_CONSISTENT();
    release(c);
    ASSERT_ALL_MEMORY_FREE();
}

static void split_and_merge_sequence_of_mixed_sizes(void **state)
{
    (void)state;
    static const unsigned sizes[] = { 12, 16, 6, 20, 13, 6, 7, 14 };
    static const unsigned order[] = { 3, 0, 7, 2, 5, 1, 6, 4 };
    uint32_t held[8];

    for (unsigned i = 0; i < 8; i++) {
        held[i] = allocate(sizes[i]);
        /* Natural alignment: the kernel could not have made it otherwise. */
        assert_int_equal(blocks[held[i]].base & (((a9n_paddr_t)1 << sizes[i]) - 1), 0);
        ASSERT_ULMM_CONSISTENT();
    }
    for (unsigned i = 0; i < 8; i++) {
        release(held[order[i]]);
        ASSERT_ULMM_CONSISTENT();
    }
    ASSERT_ALL_MEMORY_FREE();
}

static void fragmentation_keeps_free_pages_that_cannot_merge(void **state)
{
    (void)state;
    enum { PAGES = 1u << (ROOT_BITS - PAGE_BITS) };
    static uint32_t pages[PAGES];
    uint32_t block;

    for (unsigned i = 0; i < PAGES; i++)
        pages[i] = allocate(PAGE_BITS);
    assert_int_equal(buddy.free_bytes, 0);
    assert_int_equal(ulmm_buddy_allocate(&buddy, PAGE_BITS, &block), ULMM_ERROR_OUT_OF_MEMORY);
    /* Every other page: half the memory free, yet no two free pages are buddies. */
    for (unsigned i = 0; i < PAGES; i += 2)
        release(pages[i]);
    ASSERT_ULMM_CONSISTENT();
    assert_int_equal(buddy.free_bytes, TOTAL_BYTES / 2);
    assert_int_equal(ulmm_buddy_allocate(&buddy, PAGE_BITS + 1, &block), ULMM_ERROR_OUT_OF_MEMORY);
    /* A page still fits, and giving it back restores the same picture. */
    block = allocate(PAGE_BITS);
    release(block);
    for (unsigned i = 1; i < PAGES; i += 2)
        release(pages[i]);
    ASSERT_ALL_MEMORY_FREE();
}

static void exhaustion_and_bad_sizes_return_errors(void **state)
{
    (void)state;
    uint32_t block;

    assert_int_equal(ulmm_buddy_allocate(&buddy, ROOT_BITS + 1, &block), ULMM_ERROR_OUT_OF_MEMORY);
    assert_int_equal(ulmm_buddy_allocate(&buddy, A9N_GENERIC_MIN_BITS - 1, &block),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_buddy_allocate(&buddy, A9N_GENERIC_MAX_BITS + 1, &block),
                     ULMM_ERROR_INVALID_ARGUMENT);
    uint32_t whole = allocate(ROOT_BITS);
    assert_int_equal(simulated_kernel_calls(), 0);
    for (unsigned bits = A9N_GENERIC_MIN_BITS; bits <= ROOT_BITS; bits++)
        assert_int_equal(ulmm_buddy_allocate(&buddy, bits, &block), ULMM_ERROR_OUT_OF_MEMORY);
    assert_int_equal(simulated_kernel_calls(), 0);
    release(whole);
    ASSERT_ALL_MEMORY_FREE();
}

static void lack_of_slots_is_found_before_anything_changes(void **state)
{
    (void)state;
    uint32_t block;

    /* Leave 17 slots: splitting 2^21 down to 2^12 takes 18. */
    while (slots.free_count > 2 * (ROOT_BITS - PAGE_BITS) - 1)
        take_slot();
    assert_int_equal(ulmm_buddy_allocate(&buddy, PAGE_BITS, &block), ULMM_ERROR_OUT_OF_SLOTS);
    assert_int_equal(simulated_kernel_calls(), 0);
    ASSERT_ALL_MEMORY_FREE();
    /* One size up needs only 16. */
    block = allocate(PAGE_BITS + 1);
    release(block);
    ASSERT_ALL_MEMORY_FREE();
}

static void double_free_and_frees_of_unallocated_blocks_are_refused(void **state)
{
    (void)state;
    uint32_t a = allocate(PAGE_BITS), b = allocate(PAGE_BITS);
    uint32_t root = buddy.roots[0];
    uint32_t free_half = buddy.free_lists[PAGE_BITS + 1 - ULMM_ORDER_MIN];
    release(a);
    simulated_kernel = (struct simulated_kernel){ 0 };

    assert_int_equal(ulmm_buddy_free(&buddy, a), ULMM_ERROR_NOT_ALLOCATED);        /* double */
    assert_int_equal(ulmm_buddy_free(&buddy, free_half), ULMM_ERROR_NOT_ALLOCATED); /* free */
    assert_int_equal(ulmm_buddy_free(&buddy, root), ULMM_ERROR_NOT_ALLOCATED);      /* split */
    assert_int_equal(ulmm_buddy_free(&buddy, 0), ULMM_ERROR_NOT_ALLOCATED);  /* not a block */
    assert_int_equal(ulmm_buddy_free(&buddy, ULMM_SLOTS), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_buddy_free(&buddy, ULMM_NO_SLOT), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(simulated_kernel_calls(), 0);
    ASSERT_ULMM_CONSISTENT();
    release(b);
    ASSERT_ALL_MEMORY_FREE();
}

static void free_destroys_everything_made_from_the_block(void **state)
{
    (void)state;
    uint32_t block = allocate(PAGE_BITS + 2);
    uint32_t frames = take_slot();
    take_slot(); take_slot(); take_slot(); /* the next three, in order */
    assert_int_equal(ulmm_kernel_convert(ulmm_slot_descriptor(&slots, block), A9N_CAPABILITY_FRAME,
                                         0, 4, slots.node, frames),
                     A9N_ERROR_NONE);
    /* A client's copy of one of the frames. */
    assert_int_equal(CALL(universe_root_slot(0), A9N_NODE_COPY, UNIVERSE_FIRST_FREE + 1,
                          ulmm_slot_descriptor(&slots, frames + 2)),
                     A9N_ERROR_NONE);
    ASSERT_ULMM_CONSISTENT();

    release(block);
    for (uint32_t i = 0; i < 4; i++)
        assert_true(slot_is_empty(simulated_ulmm_slot(frames + i)));
    assert_true(slot_is_empty(universe_slot(universe_root_slot(UNIVERSE_FIRST_FREE + 1))));
    for (uint32_t i = 0; i < 4; i++)
        give_slot(frames + i);
    ASSERT_ALL_MEMORY_FREE();
}

static void kernel_refusal_during_a_split_leaves_everything_merged_back(void **state)
{
    (void)state;
    /* Fail each of the 18 converts of one allocation in turn. */
    for (unsigned call = 1; call <= 2 * (ROOT_BITS - PAGE_BITS); call++) {
        uint32_t block;
        simulated_kernel = (struct simulated_kernel){ .fail_call = call,
                                                      .fail_error = A9N_ERROR_INSUFFICIENT_MEMORY };
        assert_int_equal(ulmm_buddy_allocate(&buddy, PAGE_BITS, &block),
                         ULMM_ERROR_KERNEL_REFUSED);
        ASSERT_ALL_MEMORY_FREE();
    }
}

static void kernel_refusal_during_free_is_reported_or_only_fragments(void **state)
{
    (void)state;
    uint32_t a = allocate(PAGE_BITS), b = allocate(PAGE_BITS);
    release(b);

    /* The block's own revoke fails: still allocated. */
    simulated_kernel =
        (struct simulated_kernel){ .fail_call = 1, .fail_error = A9N_ERROR_EMPTY_SLOT };
    assert_int_equal(ulmm_buddy_free(&buddy, a), ULMM_ERROR_KERNEL_REFUSED);
    assert_int_equal(blocks[a].state, ULMM_BLOCK_ALLOCATED);
    ASSERT_ULMM_CONSISTENT();
    /* A merge's revoke fails: the block is free all the same, only not merged. */
    simulated_kernel =
        (struct simulated_kernel){ .fail_call = 2, .fail_error = A9N_ERROR_EMPTY_SLOT };
    assert_int_equal(ulmm_buddy_free(&buddy, a), ULMM_ERROR_NONE);
    assert_int_equal(blocks[a].state, ULMM_BLOCK_FREE);
    assert_int_equal(blocks[b].state, ULMM_BLOCK_FREE);
    char message[256];
    assert_false(ulmm_check_buddy(&buddy, message, sizeof(message)));
    /* The next allocation of a page takes one of the two pages again. */
    uint32_t again = allocate(PAGE_BITS);
    assert_true(again == a || again == b);
    release(again);
    ASSERT_ALL_MEMORY_FREE();
}

/* Kernel calls of one allocation and the free of it, for each block size. */
static void cost_is_logarithmic_in_the_size_range(void **state)
{
    (void)state;
    printf("    buddy cost from a whole 2^%u Generic (kernel calls)\n", ROOT_BITS);
    printf("    %6s %8s %8s %8s\n", "size", "splits", "alloc", "free");
    for (unsigned bits = A9N_GENERIC_MIN_BITS; bits <= ROOT_BITS; bits++) {
        simulated_kernel = (struct simulated_kernel){ 0 };
        uint32_t block = allocate(bits);
        unsigned allocation = simulated_kernel_calls();
        simulated_kernel = (struct simulated_kernel){ 0 };
        release(block);
        unsigned release_calls = simulated_kernel_calls();
        printf("    2^%-4u %8u %8u %8u\n", bits, ROOT_BITS - bits, allocation, release_calls);
        assert_int_equal(allocation, 2 * (ROOT_BITS - bits));
        assert_int_equal(release_calls, 1 + (ROOT_BITS - bits));
    }
    ASSERT_ALL_MEMORY_FREE();
}

/*
 * The cost does not grow with the number of blocks alive: with thousands
 * of pages held, one more allocation and free still cost at most the
 * depth of the tree in kernel calls.
 */
static void cost_does_not_grow_with_blocks_held(void **state)
{
    (void)state;
    enum { PAGES = (1u << (ROOT_BITS - PAGE_BITS)) - 1 };
    static uint32_t pages[PAGES];
    unsigned worst_allocation = 0, worst_free = 0;

    for (unsigned i = 0; i < PAGES; i++) {
        simulated_kernel = (struct simulated_kernel){ 0 };
        pages[i] = allocate(PAGE_BITS);
        if (simulated_kernel_calls() > worst_allocation)
            worst_allocation = simulated_kernel_calls();
    }
    for (unsigned i = 0; i < PAGES; i++) {
        simulated_kernel = (struct simulated_kernel){ 0 };
        release(pages[(i * 5) % PAGES]); /* 5 and 511 are coprime: each once */
        if (simulated_kernel_calls() > worst_free)
            worst_free = simulated_kernel_calls();
    }
    printf("    %u pages: worst allocation %u calls, worst free %u calls\n", PAGES,
           worst_allocation, worst_free);
    assert_true(worst_allocation <= 2 * (ROOT_BITS - PAGE_BITS));
    assert_true(worst_free <= 1 + (ROOT_BITS - PAGE_BITS));
    ASSERT_ALL_MEMORY_FREE();
}

static void randomized_stress_keeps_every_invariant(void **state)
{
    (void)state;
    enum { HELD_MAX = 600, STEPS = 20000 };
    static uint32_t held[HELD_MAX];
    unsigned held_count = 0, refused = 0;
    const char *seed = getenv("ULMM_SEED");
    random_state = seed != NULL ? strtoull(seed, NULL, 0) : 0x9e3779b97f4a7c15ull;

    for (unsigned step = 0; step < STEPS; step++) {
        bool allocating = held_count == 0 || (held_count < HELD_MAX && random_next() % 100 < 55);
        if (allocating) {
            /* Mostly small, sometimes large: both fragment and exhaust. */
            unsigned bits = random_next() % 4 == 0
                                ? A9N_GENERIC_MIN_BITS + (unsigned)(random_next() % (ROOT_BITS - 5))
                                : A9N_GENERIC_MIN_BITS + (unsigned)(random_next() % 8);
            uint32_t block;
            enum ulmm_error error = ulmm_buddy_allocate(&buddy, bits, &block);
            if (error == ULMM_ERROR_NONE) {
                held[held_count++] = block;
            } else {
                assert_true(error == ULMM_ERROR_OUT_OF_MEMORY || error == ULMM_ERROR_OUT_OF_SLOTS);
                refused++;
            }
        } else {
            unsigned i = (unsigned)(random_next() % held_count);
            release(held[i]);
            held[i] = held[--held_count];
        }
        ASSERT_ULMM_CONSISTENT();
    }
    printf("    %u steps, %u allocations refused for lack of memory or slots\n", STEPS, refused);
    while (held_count > 0)
        release(held[--held_count]);
    ASSERT_ALL_MEMORY_FREE();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        ULMM_TEST(add_generic_takes_over_the_whole_generic),
        ULMM_TEST(add_generic_revokes_what_was_made_from_it_before),
        ULMM_TEST(add_generic_refuses_bad_sizes_bases_and_overlaps),
        ULMM_TEST(generics_of_different_sizes_are_separate_trees),
        ULMM_TEST(allocation_splits_down_to_the_size_asked_for),
        ULMM_TEST(free_merges_back_into_the_whole_generic),
        ULMM_TEST(buddies_merge_only_when_both_are_free),
        ULMM_TEST(split_and_merge_sequence_of_mixed_sizes),
        ULMM_TEST(fragmentation_keeps_free_pages_that_cannot_merge),
        ULMM_TEST(exhaustion_and_bad_sizes_return_errors),
        ULMM_TEST(lack_of_slots_is_found_before_anything_changes),
        ULMM_TEST(double_free_and_frees_of_unallocated_blocks_are_refused),
        ULMM_TEST(free_destroys_everything_made_from_the_block),
        ULMM_TEST(kernel_refusal_during_a_split_leaves_everything_merged_back),
        ULMM_TEST(kernel_refusal_during_free_is_reported_or_only_fragments),
        ULMM_TEST(cost_is_logarithmic_in_the_size_range),
        ULMM_TEST(cost_does_not_grow_with_blocks_held),
        ULMM_TEST(randomized_stress_keeps_every_invariant),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
