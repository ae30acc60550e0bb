/*
 * The slab allocator against the real capability core: objects of every
 * convertible type come from cells (child Generics of the object size) of
 * slabs (buddy blocks), freeing revokes the cell, and an empty slab goes
 * back to the buddy allocator.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ulmm/kernel_interface.h"
#include "ulmm_test.h"

struct kind {
    enum a9n_capability_type type;
    a9n_word_t parameter;
};

struct held {
    uint32_t object;
    uint32_t destination;
};

/* Convert one object into a fresh slot of ULMM's node, checking what the kernel made. */
static struct held make(enum a9n_capability_type type, a9n_word_t parameter)
{
    struct held held = { .destination = take_slot() };
    assert_int_equal(ulmm_slab_allocate(&slab, type, parameter, slots.node, held.destination,
                                        &held.object),
                     ULMM_ERROR_NONE);
    const struct slot *object = simulated_ulmm_slot(held.destination);
    assert_int_equal(object->type, type);
    assert_int_equal(object->size_bits, a9n_object_size_bits(type, parameter));
    /* The object lives in its cell: same memory, derived from it. */
    const struct slot *cell = simulated_ulmm_slot(held.object);
    assert_ptr_equal(object->parent, cell);
    assert_int_equal(object->object, cell->object);
    return held;
}

static void unmake(struct held held)
{
    assert_int_equal(ulmm_slab_free(&slab, held.object), ULMM_ERROR_NONE);
    assert_true(slot_is_empty(simulated_ulmm_slot(held.destination)));
    give_slot(held.destination);
}

static unsigned slabs_alive(void)
{
    unsigned count = 0;
    for (uint32_t i = 0; i < ULMM_SLOTS; i++)
        count += slab_entries[i].kind == ULMM_SLAB_ENTRY_SLAB;
    return count;
}

static void every_convertible_type_is_made_and_freed(void **state)
{
    (void)state;
    struct held held[64];
    unsigned count = 0;

    for (a9n_word_t radix = A9N_NODE_RADIX_MIN; radix <= 12; radix++)
        held[count++] = make(A9N_CAPABILITY_NODE, radix);
    for (a9n_word_t bits = A9N_GENERIC_MIN_BITS; bits <= 18; bits++)
        held[count++] = make(A9N_CAPABILITY_GENERIC, bits);
    for (a9n_word_t depth = 1; depth < TEST_PAGING_LEVELS; depth++)
        held[count++] = make(A9N_CAPABILITY_PAGE_TABLE, depth);
    held[count++] = make(A9N_CAPABILITY_PROCESS, 0);
    held[count++] = make(A9N_CAPABILITY_IPC_PORT, 0);
    held[count++] = make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    held[count++] = make(A9N_CAPABILITY_ADDRESS_SPACE, 0);
    held[count++] = make(A9N_CAPABILITY_FRAME, 0);
    held[count++] = make(A9N_CAPABILITY_INTERRUPT_PORT, 0);
    ASSERT_ULMM_CONSISTENT();

    /* A Node made by ULMM works as a node: the kernel takes it as a destination. */
    struct held inner;
    inner.destination = 0;
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_IPC_PORT, 0,
                                        ulmm_slot_descriptor(&slots, held[0].destination), 1,
                                        &inner.object),
                     ULMM_ERROR_NONE);
    assert_int_equal(ulmm_slab_free(&slab, inner.object), ULMM_ERROR_NONE);

    for (unsigned i = 0; i < count; i++) {
        unmake(held[(i * 7) % count]);
        ASSERT_ULMM_CONSISTENT();
    }
    ASSERT_ALL_MEMORY_FREE();
}

static void objects_as_large_as_all_memory(void **state)
{
    (void)state;
    static const struct kind large[] = {
        { A9N_CAPABILITY_NODE, UNIVERSE_GENERIC_BITS - A9N_SLOT_BITS },
        { A9N_CAPABILITY_GENERIC, UNIVERSE_GENERIC_BITS },
        { A9N_CAPABILITY_NODE, 13 },
    };
    for (unsigned i = 0; i < 3; i++) {
        struct held held = make(large[i].type, large[i].parameter);
        ASSERT_ULMM_CONSISTENT();
        unmake(held);
        ASSERT_ALL_MEMORY_FREE();
    }
    struct held whole = make(A9N_CAPABILITY_GENERIC, UNIVERSE_GENERIC_BITS);
    uint32_t none;
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_IPC_PORT, 0, slots.node,
                                        whole.destination + 1, &none),
                     ULMM_ERROR_OUT_OF_MEMORY);
    unmake(whole);
    ASSERT_ALL_MEMORY_FREE();
}

static void types_convert_cannot_create_are_refused(void **state)
{
    (void)state;
    static const struct kind refused[] = {
        { A9N_CAPABILITY_NONE, 0 },
        { A9N_CAPABILITY_INTERRUPT_REGION, 0 },
        { A9N_CAPABILITY_IO_PORT, 0 },
        { A9N_CAPABILITY_VIRTUAL_CPU, 0 },
        { A9N_CAPABILITY_TYPE_COUNT, 0 },
        { (enum a9n_capability_type)99, 0 },
        { A9N_CAPABILITY_NODE, 0 },
        { A9N_CAPABILITY_NODE, A9N_NODE_RADIX_MAX + 1 },
        { A9N_CAPABILITY_GENERIC, A9N_GENERIC_MIN_BITS - 1 },
        { A9N_CAPABILITY_GENERIC, A9N_GENERIC_MAX_BITS + 1 },
        { A9N_CAPABILITY_PAGE_TABLE, 0 },
        { A9N_CAPABILITY_PAGE_TABLE, TEST_PAGING_LEVELS },
        { A9N_CAPABILITY_FRAME, 1 },
        { A9N_CAPABILITY_IPC_PORT, 1 },
    };
    uint32_t destination = take_slot(), object;

    for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        assert_int_equal(ulmm_slab_allocate(&slab, refused[i].type, refused[i].parameter,
                                            slots.node, destination, &object),
                         ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(simulated_kernel_calls(), 0);
    give_slot(destination);
    ASSERT_ALL_MEMORY_FREE();
}

static void page_table_depths_follow_the_paging_levels_given(void **state)
{
    (void)state;
    struct ulmm_slab three_levels;
    uint32_t destination = take_slot(), object;

    assert_int_equal(ulmm_slab_init(&three_levels, &buddy, slab_entries, TEST_SLAB_BITS, 3),
                     ULMM_ERROR_NONE);
    assert_int_equal(ulmm_slab_allocate(&three_levels, A9N_CAPABILITY_PAGE_TABLE, 3, slots.node,
                                        destination, &object),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_slab_allocate(&three_levels, A9N_CAPABILITY_PAGE_TABLE, 2, slots.node,
                                        destination, &object),
                     ULMM_ERROR_NONE);
    assert_int_equal(ulmm_slab_free(&three_levels, object), ULMM_ERROR_NONE);
    give_slot(destination);

    assert_int_equal(ulmm_slab_init(&three_levels, &buddy, slab_entries, TEST_SLAB_BITS, 1),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_slab_init(&three_levels, &buddy, slab_entries, TEST_SLAB_BITS,
                                    A9N_PAGING_MAX_LEVELS + 1),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_slab_init(&three_levels, &buddy, slab_entries,
                                    A9N_GENERIC_MIN_BITS - 1, 3),
                     ULMM_ERROR_INVALID_ARGUMENT);
    ASSERT_ALL_MEMORY_FREE();
}

static void objects_of_one_size_share_a_slab(void **state)
{
    (void)state;
    static const struct kind kinds[] = {
        { A9N_CAPABILITY_IPC_PORT, 0 },   { A9N_CAPABILITY_NOTIFICATION_PORT, 0 },
        { A9N_CAPABILITY_GENERIC, 6 },    { A9N_CAPABILITY_INTERRUPT_PORT, 0 },
        { A9N_CAPABILITY_NODE, 1 },       { A9N_CAPABILITY_GENERIC, 7 },
        { A9N_CAPABILITY_FRAME, 0 },      { A9N_CAPABILITY_PAGE_TABLE, 1 },
        { A9N_CAPABILITY_ADDRESS_SPACE, 0 }, { A9N_CAPABILITY_PROCESS, 0 },
        { A9N_CAPABILITY_NODE, 5 },
    };
    enum { KINDS = sizeof(kinds) / sizeof(kinds[0]) };
    struct held held[KINDS];
    bool sizes[A9N_GENERIC_MAX_BITS + 1] = { false };
    unsigned distinct = 0;

    for (unsigned i = 0; i < KINDS; i++) {
        held[i] = make(kinds[i].type, kinds[i].parameter);
        unsigned bits = a9n_object_size_bits(kinds[i].type, kinds[i].parameter);
        distinct += !sizes[bits];
        sizes[bits] = true;
    }
    /* Same size, same slab; different sizes, different slabs. */
    for (unsigned i = 0; i < KINDS; i++) {
        for (unsigned j = 0; j < KINDS; j++) {
            bool same_size = a9n_object_size_bits(kinds[i].type, kinds[i].parameter) ==
                             a9n_object_size_bits(kinds[j].type, kinds[j].parameter);
            bool same_slab = slab_entries[held[i].object].slab == slab_entries[held[j].object].slab;
            assert_int_equal(same_size, same_slab);
        }
    }
    assert_int_equal(slabs_alive(), distinct);
    ASSERT_ULMM_CONSISTENT();
    for (unsigned i = 0; i < KINDS; i++)
        unmake(held[(i * 3) % KINDS]);
    ASSERT_ALL_MEMORY_FREE();
}

static void freed_cell_is_reused_without_a_new_convert(void **state)
{
    (void)state;
    struct held a = make(A9N_CAPABILITY_PROCESS, 0);
    struct held b = make(A9N_CAPABILITY_PROCESS, 0);
    uint32_t cell = a.object;
    unmake(a);

    simulated_kernel = (struct simulated_kernel){ 0 };
    struct held c = make(A9N_CAPABILITY_PROCESS, 0);
    assert_int_equal(c.object, cell);
    /* Only the object's own convert: the cell already existed. */
    assert_int_equal(simulated_kernel.converts, 1);
    assert_int_equal(slab_entries[slab_entries[cell].slab].cells_made, 2);
    unmake(b);
    unmake(c);
    ASSERT_ALL_MEMORY_FREE();
}

static void empty_slab_goes_back_to_the_buddy(void **state)
{
    (void)state;
    struct held a = make(A9N_CAPABILITY_FRAME, 0);
    struct held b = make(A9N_CAPABILITY_FRAME, 0);
    uint32_t home = slab_entries[a.object].slab;
    assert_int_equal(buddy.free_bytes, TOTAL_BYTES - (1u << TEST_SLAB_BITS));

    unmake(a);
    assert_int_equal(slabs_alive(), 1);
    unmake(b);
    assert_int_equal(slabs_alive(), 0);
    assert_int_equal(slab_entries[home].kind, ULMM_SLAB_ENTRY_NONE);
    assert_int_equal(slab.partial[A9N_FRAME_BITS - ULMM_ORDER_MIN], ULMM_NO_SLOT);
    ASSERT_ALL_MEMORY_FREE();
    assert_null(simulated_ulmm_slot(buddy.roots[0])->first_child);
}

static void free_destroys_every_copy_a_client_holds(void **state)
{
    (void)state;
    struct held port = make(A9N_CAPABILITY_IPC_PORT, 0);
    struct held other = make(A9N_CAPABILITY_IPC_PORT, 0);
    a9n_word_t copy = universe_root_slot(UNIVERSE_FIRST_FREE + 1);
    a9n_word_t badged = universe_root_slot(UNIVERSE_FIRST_FREE + 2);

    assert_int_equal(CALL(universe_root_slot(0), A9N_NODE_COPY, UNIVERSE_FIRST_FREE + 1,
                          ulmm_slot_descriptor(&slots, port.destination)),
                     A9N_ERROR_NONE);
    assert_int_equal(CALL(universe_root_slot(0), A9N_NODE_MINT, UNIVERSE_FIRST_FREE + 2, copy,
                          A9N_RIGHT_WRITE, 42),
                     A9N_ERROR_NONE);
    unsigned destroyed = universe_events.destroyed_by_type[A9N_CAPABILITY_IPC_PORT];

    unmake(port);
    assert_true(slot_is_empty(universe_slot(copy)));
    assert_true(slot_is_empty(universe_slot(badged)));
    assert_int_equal(universe_events.destroyed_by_type[A9N_CAPABILITY_IPC_PORT], destroyed + 1);
    /* The other port in the same slab is untouched. */
    assert_int_equal(simulated_ulmm_slot(other.destination)->type, A9N_CAPABILITY_IPC_PORT);
    unmake(other);
    ASSERT_ALL_MEMORY_FREE();
}

static void double_free_and_frees_of_what_was_not_allocated_are_refused(void **state)
{
    (void)state;
    struct held a = make(A9N_CAPABILITY_FRAME, 0);
    struct held b = make(A9N_CAPABILITY_FRAME, 0);
    uint32_t home = slab_entries[a.object].slab;
    unmake(a);
    simulated_kernel = (struct simulated_kernel){ 0 };

    assert_int_equal(ulmm_slab_free(&slab, a.object), ULMM_ERROR_NOT_ALLOCATED); /* free cell */
    assert_int_equal(ulmm_slab_free(&slab, home), ULMM_ERROR_NOT_ALLOCATED);     /* the slab */
    assert_int_equal(ulmm_slab_free(&slab, buddy.roots[0]), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_slab_free(&slab, b.destination), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_slab_free(&slab, 0), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_slab_free(&slab, ULMM_SLOTS), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_slab_free(&slab, ULMM_NO_SLOT), ULMM_ERROR_NOT_ALLOCATED);
    /* A block the buddy allocator gave out directly is not the slab's. */
    uint32_t block;
    assert_int_equal(ulmm_buddy_allocate(&buddy, 12, &block), ULMM_ERROR_NONE);
    simulated_kernel = (struct simulated_kernel){ 0 };
    assert_int_equal(ulmm_slab_free(&slab, block), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(simulated_kernel_calls(), 0);
    assert_int_equal(ulmm_buddy_free(&buddy, block), ULMM_ERROR_NONE);

    unmake(b);
    assert_int_equal(ulmm_slab_free(&slab, b.object), ULMM_ERROR_NOT_ALLOCATED); /* slab gone */
    ASSERT_ALL_MEMORY_FREE();
}

static void refused_destination_leaves_no_trace(void **state)
{
    (void)state;
    uint32_t object;
    /* Into an occupied slot (the root Generic's), then into a slot of a non-node. */
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_FRAME, 0, slots.node,
                                        buddy.roots[0], &object),
                     ULMM_ERROR_KERNEL_REFUSED);
    ASSERT_ALL_MEMORY_FREE();
    struct held port = make(A9N_CAPABILITY_IPC_PORT, 0);
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_IPC_PORT, 0,
                                        ulmm_slot_descriptor(&slots, port.destination), 0,
                                        &object),
                     ULMM_ERROR_KERNEL_REFUSED);
    /* The cell made for it is kept, free, in the slab that is still in use. */
    uint32_t home = slab_entries[port.object].slab;
    assert_int_equal(slab_entries[home].in_use, 1);
    assert_int_equal(slab_entries[home].cells_made, 2);
    ASSERT_ULMM_CONSISTENT();
    unmake(port);
    ASSERT_ALL_MEMORY_FREE();
}

static void full_slab_leaves_the_partial_list_until_a_cell_frees(void **state)
{
    (void)state;
    enum { PER_SLAB = 1u << (TEST_SLAB_BITS - A9N_FRAME_BITS) };
    struct held frames[PER_SLAB + 1];
    uint32_t *partial = &slab.partial[A9N_FRAME_BITS - ULMM_ORDER_MIN];

    for (unsigned i = 0; i < PER_SLAB; i++)
        frames[i] = make(A9N_CAPABILITY_FRAME, 0);
    uint32_t first = slab_entries[frames[0].object].slab;
    assert_int_equal(*partial, ULMM_NO_SLOT);
    frames[PER_SLAB] = make(A9N_CAPABILITY_FRAME, 0);
    uint32_t second = slab_entries[frames[PER_SLAB].object].slab;
    assert_int_not_equal(first, second);
    assert_int_equal(*partial, second);
    ASSERT_ULMM_CONSISTENT();

    unmake(frames[1]);
    assert_int_equal(*partial, first);
    assert_int_equal(slab_entries[first].next, second);
    ASSERT_ULMM_CONSISTENT();
    for (unsigned i = 0; i <= PER_SLAB; i++) {
        if (i != 1)
            unmake(frames[i]);
    }
    ASSERT_ALL_MEMORY_FREE();
}

static void exhaustion_returns_out_of_memory_and_everything_comes_back(void **state)
{
    (void)state;
    enum { FRAMES = 1u << (UNIVERSE_GENERIC_BITS - A9N_FRAME_BITS) };
    static struct held frames[FRAMES];
    uint32_t destination = take_slot(), object;

    for (unsigned i = 0; i < FRAMES; i++)
        frames[i] = make(A9N_CAPABILITY_FRAME, 0);
    assert_int_equal(buddy.free_bytes, 0);
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_FRAME, 0, slots.node, destination,
                                        &object),
                     ULMM_ERROR_OUT_OF_MEMORY);
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_IPC_PORT, 0, slots.node,
                                        destination, &object),
                     ULMM_ERROR_OUT_OF_MEMORY);
    ASSERT_ULMM_CONSISTENT();
    /* Freed memory is usable by another size at once. */
    for (unsigned i = 0; i < 1u << (TEST_SLAB_BITS - A9N_FRAME_BITS); i++)
        unmake(frames[i]);
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_IPC_PORT, 0, slots.node,
                                        destination, &object),
                     ULMM_ERROR_NONE);
    assert_int_equal(ulmm_slab_free(&slab, object), ULMM_ERROR_NONE);
    give_slot(destination);
    for (unsigned i = 1u << (TEST_SLAB_BITS - A9N_FRAME_BITS); i < FRAMES; i++)
        unmake(frames[i]);
    ASSERT_ALL_MEMORY_FREE();
}

static void lack_of_slots_changes_nothing(void **state)
{
    (void)state;
    static uint32_t taken[ULMM_SLOTS];
    struct held first = make(A9N_CAPABILITY_IPC_PORT, 0);
    uint32_t destination = take_slot(), object;
    unsigned taken_count = 0;

    while (slots.free_count > 0)
        taken[taken_count++] = take_slot();
    /* The slab has room, but a new cell needs a slot. */
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_IPC_PORT, 0, slots.node,
                                        destination, &object),
                     ULMM_ERROR_OUT_OF_SLOTS);
    /* A new slab needs slots to split the buddy's blocks. */
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_FRAME, 0, slots.node, destination,
                                        &object),
                     ULMM_ERROR_OUT_OF_SLOTS);
    ASSERT_ULMM_CONSISTENT();
    /* Freeing needs no slot, and gives back the slab's. */
    unmake(first);
    assert_int_equal(slabs_alive(), 0);
    while (taken_count > 0)
        give_slot(taken[--taken_count]);
    give_slot(destination);
    ASSERT_ALL_MEMORY_FREE();
}

static void kernel_refusals_leave_the_allocator_consistent(void **state)
{
    (void)state;
    uint32_t destination = take_slot(), object;
    /* A first object: the buddy's splits, the cell's convert, the object's convert. */
    unsigned calls = 2 * (UNIVERSE_GENERIC_BITS - TEST_SLAB_BITS) + 2;

    for (unsigned call = 1; call <= calls; call++) {
        simulated_kernel = (struct simulated_kernel){ .fail_call = call,
                                                      .fail_error = A9N_ERROR_SLOT_OCCUPIED };
        assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_IPC_PORT, 0, slots.node,
                                            destination, &object),
                         ULMM_ERROR_KERNEL_REFUSED);
        ASSERT_ULMM_CONSISTENT();
        assert_int_equal(slabs_alive(), 0);
        assert_int_equal(buddy.free_bytes, TOTAL_BYTES);
    }
    /* And a refused revoke on free leaves the object allocated. */
    simulated_kernel = (struct simulated_kernel){ 0 };
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_IPC_PORT, 0, slots.node,
                                        destination, &object),
                     ULMM_ERROR_NONE);
    assert_int_equal(simulated_kernel_calls(), calls);
    simulated_kernel = (struct simulated_kernel){ .fail_call = 1,
                                                  .fail_error = A9N_ERROR_EMPTY_SLOT };
    assert_int_equal(ulmm_slab_free(&slab, object), ULMM_ERROR_KERNEL_REFUSED);
    assert_int_equal(slab_entries[object].kind, ULMM_SLAB_ENTRY_OBJECT);
    ASSERT_ULMM_CONSISTENT();
    /* The buddy refuses to take the empty slab back: it stays for the next object. */
    simulated_kernel = (struct simulated_kernel){ .fail_call = 2,
                                                  .fail_error = A9N_ERROR_EMPTY_SLOT };
    assert_int_equal(ulmm_slab_free(&slab, object), ULMM_ERROR_NONE);
    assert_true(slot_is_empty(simulated_ulmm_slot(destination)));
    assert_int_equal(slabs_alive(), 1);
    simulated_kernel = (struct simulated_kernel){ 0 };
    assert_int_equal(ulmm_slab_allocate(&slab, A9N_CAPABILITY_IPC_PORT, 0, slots.node,
                                        destination, &object),
                     ULMM_ERROR_NONE);
    assert_int_equal(simulated_kernel_calls(), 1);
    assert_int_equal(ulmm_slab_free(&slab, object), ULMM_ERROR_NONE);
    assert_int_equal(slabs_alive(), 0);
    give_slot(destination);
    ASSERT_ALL_MEMORY_FREE();
}

/* Kernel calls per slab operation, from an empty allocator. */
static void cost_of_allocation_and_free(void **state)
{
    (void)state;
    unsigned splits = UNIVERSE_GENERIC_BITS - TEST_SLAB_BITS;
    struct held a, b, c;

    simulated_kernel = (struct simulated_kernel){ 0 };
    a = make(A9N_CAPABILITY_IPC_PORT, 0);
    unsigned first = simulated_kernel_calls();
    simulated_kernel = (struct simulated_kernel){ 0 };
    b = make(A9N_CAPABILITY_IPC_PORT, 0);
    unsigned new_cell = simulated_kernel_calls();
    simulated_kernel = (struct simulated_kernel){ 0 };
    unmake(b);
    unsigned free_one = simulated_kernel_calls();
    simulated_kernel = (struct simulated_kernel){ 0 };
    c = make(A9N_CAPABILITY_IPC_PORT, 0);
    unsigned reuse = simulated_kernel_calls();
    unmake(c);
    simulated_kernel = (struct simulated_kernel){ 0 };
    unmake(a);
    unsigned free_last = simulated_kernel_calls();

    printf("    slab cost (kernel calls), 2^%u slabs from a 2^%u Generic\n", TEST_SLAB_BITS,
           UNIVERSE_GENERIC_BITS);
    printf("    first object (new slab: %u splits, cell, object)  %u\n", splits, first);
    printf("    object in a new cell                             %u\n", new_cell);
    printf("    object in a freed cell                           %u\n", reuse);
    printf("    free, slab still in use                          %u\n", free_one);
    printf("    free of the last object (slab to buddy, merges)  %u\n", free_last);
    assert_int_equal(first, 2 * splits + 2);
    assert_int_equal(new_cell, 2);
    assert_int_equal(reuse, 1);
    assert_int_equal(free_one, 1);
    /* The cell's revoke, the slab block's revoke, one revoke per merge. */
    assert_int_equal(free_last, 2 + splits);
    ASSERT_ALL_MEMORY_FREE();
}

static void randomized_stress_of_slab_and_buddy_together(void **state)
{
    (void)state;
    static const struct kind kinds[] = {
        { A9N_CAPABILITY_IPC_PORT, 0 },     { A9N_CAPABILITY_NOTIFICATION_PORT, 0 },
        { A9N_CAPABILITY_FRAME, 0 },        { A9N_CAPABILITY_PAGE_TABLE, 1 },
        { A9N_CAPABILITY_PAGE_TABLE, 3 },   { A9N_CAPABILITY_ADDRESS_SPACE, 0 },
        { A9N_CAPABILITY_PROCESS, 0 },      { A9N_CAPABILITY_INTERRUPT_PORT, 0 },
        { A9N_CAPABILITY_NODE, 2 },         { A9N_CAPABILITY_NODE, 10 },
        { A9N_CAPABILITY_GENERIC, 16 },     { A9N_CAPABILITY_GENERIC, 9 },
    };
    enum { HELD_MAX = 500, STEPS = 12000, KINDS = sizeof(kinds) / sizeof(kinds[0]) };
    /* object == ULMM_NO_SLOT: a block taken from the buddy allocator directly. */
    static struct held held[HELD_MAX];
    unsigned held_count = 0, refused = 0, peak_slabs = 0;
    const char *seed = getenv("ULMM_SEED");
    random_state = seed != NULL ? strtoull(seed, NULL, 0) : 0x243f6a8885a308d3ull;

    for (unsigned step = 0; step < STEPS; step++) {
        bool allocating = held_count == 0 || (held_count < HELD_MAX && random_next() % 100 < 60);
        if (allocating && random_next() % 8 == 0) {
            uint32_t block;
            unsigned bits = 12 + (unsigned)(random_next() % 6);
            enum ulmm_error error = ulmm_buddy_allocate(&buddy, bits, &block);
            if (error == ULMM_ERROR_NONE)
                held[held_count++] = (struct held){ ULMM_NO_SLOT, block };
            else
                refused++;
        } else if (allocating) {
            const struct kind *kind = &kinds[random_next() % KINDS];
            struct held new = { .destination = take_slot() };
            enum ulmm_error error = ulmm_slab_allocate(&slab, kind->type, kind->parameter,
                                                       slots.node, new.destination, &new.object);
            if (error == ULMM_ERROR_NONE) {
                held[held_count++] = new;
            } else {
                assert_true(error == ULMM_ERROR_OUT_OF_MEMORY || error == ULMM_ERROR_OUT_OF_SLOTS);
                give_slot(new.destination);
                refused++;
            }
        } else {
            unsigned i = (unsigned)(random_next() % held_count);
            if (held[i].object == ULMM_NO_SLOT)
                assert_int_equal(ulmm_buddy_free(&buddy, held[i].destination), ULMM_ERROR_NONE);
            else
                unmake(held[i]);
            held[i] = held[--held_count];
        }
        if (slabs_alive() > peak_slabs)
            peak_slabs = slabs_alive();
        ASSERT_ULMM_CONSISTENT();
    }
    printf("    %u steps, %u allocations refused, at most %u slabs at once\n", STEPS, refused,
           peak_slabs);
    while (held_count > 0) {
        struct held last = held[--held_count];
        if (last.object == ULMM_NO_SLOT)
            assert_int_equal(ulmm_buddy_free(&buddy, last.destination), ULMM_ERROR_NONE);
        else
            unmake(last);
    }
    ASSERT_ALL_MEMORY_FREE();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        ULMM_TEST(every_convertible_type_is_made_and_freed),
        ULMM_TEST(objects_as_large_as_all_memory),
        ULMM_TEST(types_convert_cannot_create_are_refused),
        ULMM_TEST(page_table_depths_follow_the_paging_levels_given),
        ULMM_TEST(objects_of_one_size_share_a_slab),
        ULMM_TEST(freed_cell_is_reused_without_a_new_convert),
        ULMM_TEST(empty_slab_goes_back_to_the_buddy),
        ULMM_TEST(free_destroys_every_copy_a_client_holds),
        ULMM_TEST(double_free_and_frees_of_what_was_not_allocated_are_refused),
        ULMM_TEST(refused_destination_leaves_no_trace),
        ULMM_TEST(full_slab_leaves_the_partial_list_until_a_cell_frees),
        ULMM_TEST(exhaustion_returns_out_of_memory_and_everything_comes_back),
        ULMM_TEST(lack_of_slots_changes_nothing),
        ULMM_TEST(kernel_refusals_leave_the_allocator_consistent),
        ULMM_TEST(cost_of_allocation_and_free),
        ULMM_TEST(randomized_stress_of_slab_and_buddy_together),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
