/*
 * Address Space, Page Table and Frame in the host universe, over the paging
 * model: mapping records, copies, revoke, and records that outlive their
 * address space.
 */
#include "cap_test.h"

#include <a9n/memory.h>

#include "mapping.h"
#include "node.h"

#define SPACE 5
#define FRAME 6
#define COPY 7
#define TABLES 8 /* slots 8, 9, 10 hold the tables of one mapping (11, 12, 13 a second) */
#define SMALL_GENERIC 14
#define VA 0x40000000ul
#define RW (A9N_MAP_READ | A9N_MAP_WRITE)

static unsigned missing_depth(a9n_word_t space, a9n_word_t va)
{
    a9n_word_t arguments[] = { va };
    struct capability_message out;
    assert_int_equal(universe_call_words(space, A9N_ADDRESS_SPACE_MISSING_DEPTH, 1, arguments,
                                         &out),
                     A9N_ERROR_NONE);
    return (unsigned)out.mr[A9N_ADDRESS_SPACE_RESULT_DEPTH];
}

/* Convert and map every table va needs, into root slots first, first + 1, ... */
static void build_tables(a9n_word_t space, a9n_word_t va, a9n_word_t first)
{
    unsigned depth;
    while ((depth = missing_depth(space, va)) > 0) {
        assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_PAGE_TABLE, depth, 1, 0,
                                 first),
                         A9N_ERROR_NONE);
        assert_int_equal(CALL(R(first), A9N_PAGE_TABLE_MAP, space, va), A9N_ERROR_NONE);
        first++;
    }
}

/* What the space's entry for va holds (0: nothing). */
static a9n_paddr_t installed(a9n_word_t space, a9n_word_t va)
{
    a9n_paddr_t target = 0;
    if (!hal_lookup(universe_slot(space)->object, va, 0, &target))
        return 0;
    return target;
}

static void space_with_frame(void)
{
    make_objects(0, SPACE, A9N_CAPABILITY_ADDRESS_SPACE, 1);
    make_objects(0, FRAME, A9N_CAPABILITY_FRAME, 1);
    build_tables(R(SPACE), VA, TABLES);
    assert_int_equal(CALL(R(FRAME), A9N_FRAME_MAP, R(SPACE), VA, RW), A9N_ERROR_NONE);
}

static void map_records_and_unmap_removes(void **state)
{
    (void)state;
    space_with_frame();
    struct slot *frame = universe_slot(R(FRAME));
    assert_true(mapping_root(frame) == universe_slot(R(SPACE))->object);
    assert_int_equal(mapping_address(frame), VA);
    assert_true(installed(R(SPACE), VA) == frame->object);
    assert_int_equal(CALL(R(FRAME), A9N_FRAME_UNMAP), A9N_ERROR_NONE);
    assert_true(installed(R(SPACE), VA) == 0);
    assert_false(mapping_is_recorded(frame));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_NOT_MAPPED, CALL(R(FRAME), A9N_FRAME_UNMAP));
}

static void bad_map_requests_change_nothing(void **state)
{
    (void)state;
    space_with_frame();
    make_objects(0, COPY, A9N_CAPABILITY_FRAME, 1);
    a9n_word_t next = VA + A9N_ARCH_PAGE_SIZE;
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(COPY), A9N_FRAME_MAP, R(SPACE), next,
                                RW | A9N_MAP_EXECUTE));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ARGUMENT,
                           CALL(R(COPY), A9N_FRAME_MAP, R(SPACE), next, A9N_MAP_EXECUTE));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ADDRESS,
                           CALL(R(COPY), A9N_FRAME_MAP, R(SPACE), next + 1, RW));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_ADDRESS,
                           CALL(R(COPY), A9N_FRAME_MAP, R(SPACE), A9N_ARCH_USER_TOP, RW));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_ALREADY_MAPPED,
                           CALL(R(COPY), A9N_FRAME_MAP, R(SPACE), VA, RW));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_STATE,
                           CALL(R(FRAME), A9N_FRAME_MAP, R(SPACE), next, RW));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_WRONG_TYPE,
                           CALL(R(COPY), A9N_FRAME_MAP, R(FRAME), next, RW));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_NOT_MAPPED,
                           CALL(R(COPY), A9N_FRAME_MAP, R(SPACE), VA + (1ul << 30), RW));
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_INVALID_STATE,
                           CALL(R(TABLES), A9N_PAGE_TABLE_MAP, R(SPACE), VA));
    /* Rights: a read-only copy of the frame maps read-only only. */
    assert_int_equal(CALL(0, A9N_NODE_MINT, 12, R(COPY), A9N_RIGHT_READ, 0), A9N_ERROR_NONE);
    ASSERT_FAILS_UNCHANGED(A9N_ERROR_MISSING_RIGHTS,
                           CALL(R(12), A9N_FRAME_MAP, R(SPACE), next, RW));
    assert_int_equal(CALL(R(12), A9N_FRAME_MAP, R(SPACE), next, A9N_MAP_READ), A9N_ERROR_NONE);
}

static void copy_of_a_mapped_frame_starts_unmapped(void **state)
{
    (void)state;
    space_with_frame();
    assert_int_equal(CALL(0, A9N_NODE_COPY, COPY, R(FRAME)), A9N_ERROR_NONE);
    assert_false(mapping_is_recorded(universe_slot(R(COPY))));
    assert_int_equal(CALL(R(COPY), A9N_FRAME_UNMAP), A9N_ERROR_NOT_MAPPED);
    assert_true(installed(R(SPACE), VA) == universe_slot(R(FRAME))->object);
}

static void revoke_removes_every_copy_mapping(void **state)
{
    (void)state;
    make_objects(0, SPACE, A9N_CAPABILITY_ADDRESS_SPACE, 1);
    make_objects(0, FRAME, A9N_CAPABILITY_FRAME, 1);
    build_tables(R(SPACE), VA, TABLES);
    for (a9n_word_t i = 0; i < 3; i++) {
        assert_int_equal(CALL(0, A9N_NODE_COPY, COPY + 5 + i, R(FRAME)), A9N_ERROR_NONE);
        assert_int_equal(CALL(R(COPY + 5 + i), A9N_FRAME_MAP, R(SPACE),
                              VA + i * A9N_ARCH_PAGE_SIZE, RW),
                         A9N_ERROR_NONE);
    }
    assert_int_equal(CALL(0, A9N_NODE_REVOKE, FRAME), A9N_ERROR_NONE);
    for (a9n_word_t i = 0; i < 3; i++)
        assert_true(installed(R(SPACE), VA + i * A9N_ARCH_PAGE_SIZE) == 0);
}

static void records_outlive_their_address_space_harmlessly(void **state)
{
    (void)state;
    /* An address space alone in a small Generic, so the next convert reuses its memory. */
    assert_int_equal(convert(R(UNIVERSE_GENERIC), A9N_CAPABILITY_GENERIC, A9N_ADDRESS_SPACE_BITS,
                             1, 0, SMALL_GENERIC),
                     A9N_ERROR_NONE);
    assert_int_equal(convert(R(SMALL_GENERIC), A9N_CAPABILITY_ADDRESS_SPACE, 0, 1, 0, SPACE),
                     A9N_ERROR_NONE);
    a9n_paddr_t memory = universe_slot(R(SPACE))->object;
    make_objects(0, FRAME, A9N_CAPABILITY_FRAME, 1);
    build_tables(R(SPACE), VA, TABLES);
    assert_int_equal(CALL(R(FRAME), A9N_FRAME_MAP, R(SPACE), VA, RW), A9N_ERROR_NONE);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, SPACE), A9N_ERROR_NONE);
    assert_true(mapping_root(universe_slot(R(FRAME))) == 0);
    assert_true(mapping_root(universe_slot(R(TABLES))) == 0);

    assert_int_equal(convert(R(SMALL_GENERIC), A9N_CAPABILITY_ADDRESS_SPACE, 0, 1, 0, SPACE),
                     A9N_ERROR_NONE);
    assert_true(universe_slot(R(SPACE))->object == memory);
    make_objects(0, COPY, A9N_CAPABILITY_FRAME, 1);
    build_tables(R(SPACE), VA, TABLES + 3);
    assert_int_equal(CALL(R(COPY), A9N_FRAME_MAP, R(SPACE), VA, RW), A9N_ERROR_NONE);
    /* Neither the old frame's nor the old tables' records touch the new address space. */
    assert_int_equal(CALL(R(FRAME), A9N_FRAME_UNMAP), A9N_ERROR_NOT_MAPPED);
    assert_int_equal(CALL(0, A9N_NODE_REMOVE, FRAME), A9N_ERROR_NONE);
    for (a9n_word_t i = 0; i < 3; i++)
        assert_int_equal(CALL(0, A9N_NODE_REMOVE, TABLES + i), A9N_ERROR_NONE);
    assert_true(installed(R(SPACE), VA) == universe_slot(R(COPY))->object);
    assert_int_equal(missing_depth(R(SPACE), VA), 0);
}

static void page_table_is_zeroed_when_mapped_again(void **state)
{
    (void)state;
    space_with_frame();
    a9n_word_t lowest = R(TABLES + 2);
    assert_int_equal(CALL(lowest, A9N_PAGE_TABLE_UNMAP), A9N_ERROR_NONE);
    assert_int_equal(missing_depth(R(SPACE), VA), 1);
    assert_int_equal(CALL(lowest, A9N_PAGE_TABLE_MAP, R(SPACE), VA), A9N_ERROR_NONE);
    assert_true(installed(R(SPACE), VA) == 0);
    /* The frame's record is live but its entry is gone: unmap only clears the record. */
    assert_int_equal(CALL(R(FRAME), A9N_FRAME_UNMAP), A9N_ERROR_NONE);
    assert_false(mapping_is_recorded(universe_slot(R(FRAME))));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        CAP_TEST(map_records_and_unmap_removes),
        CAP_TEST(bad_map_requests_change_nothing),
        CAP_TEST(copy_of_a_mapped_frame_starts_unmapped),
        CAP_TEST(revoke_removes_every_copy_mapping),
        CAP_TEST(records_outlive_their_address_space_harmlessly),
        CAP_TEST(page_table_is_zeroed_when_mapped_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
