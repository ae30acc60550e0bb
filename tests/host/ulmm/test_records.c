/* ULMM's per-client records: ownership, freeability, the lists reclaim walks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ulmm/records.h"
#include "ulmm/slot_allocator.h"

#define COUNT 64

static struct ulmm_records records;
static struct ulmm_record array[COUNT];

static int setup(void **state)
{
    (void)state;
    ulmm_records_init(&records, array, COUNT);
    return 0;
}

static void register_checks_pid_range_and_duplicates(void **state)
{
    (void)state;
    assert_int_equal(ulmm_client_register(&records, 0), ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_client_register(&records, ULMM_MAX_CLIENTS),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_client_register(&records, 5), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_client_register(&records, 5), ULMM_ERROR_INVALID_ARGUMENT);
    assert_true(ulmm_client_is_registered(&records, 5));
    assert_false(ulmm_client_is_registered(&records, 6));
    assert_int_equal(ulmm_client_count(&records), 1);
    ulmm_client_unregister(&records, 5);
    assert_false(ulmm_client_is_registered(&records, 5));
    assert_int_equal(ulmm_client_count(&records), 0);
}

static void only_the_owner_frees_and_only_what_it_may(void **state)
{
    (void)state;
    ulmm_client_register(&records, 2);
    ulmm_client_register(&records, 3);
    ulmm_record_add(&records, 10, 2, ULMM_RECORD_OBJECT, 11, ULMM_RECORD_CLIENT_FREEABLE);
    ulmm_record_add(&records, 12, 2, ULMM_RECORD_OBJECT, 13, 0); /* e.g. a page table */
    ulmm_record_add(&records, 14, 3, ULMM_RECORD_RUN, 15, ULMM_RECORD_CLIENT_FREEABLE);
    ulmm_record_add_run_frame(&records, 15);

    assert_int_equal(ulmm_record_check_free(&records, 10, 2, false), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_record_check_free(&records, 10, 3, false), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, 10, 3, true), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, 12, 2, false), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, 12, 2, true), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_record_check_free(&records, 14, 3, false), ULMM_ERROR_NONE);
    /* A run's frame, an empty slot, a handle past the table: no allocation. */
    assert_int_equal(ulmm_record_check_free(&records, 15, 3, false), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, 20, 2, false), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, COUNT, 2, true), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, (a9n_word_t)-1, 2, true),
                     ULMM_ERROR_NOT_ALLOCATED);
}

static void reclaim_walks_newest_first_and_empties_the_list(void **state)
{
    (void)state;
    ulmm_client_register(&records, 7);
    ulmm_client_register(&records, 8);
    for (uint32_t handle = 20; handle < 30; handle++)
        ulmm_record_add(&records, handle, handle % 2 ? 7 : 8, ULMM_RECORD_OBJECT, handle + 10,
                        ULMM_RECORD_CLIENT_FREEABLE);
    /* Remove one from the middle of 7's list first, as a client's free does. */
    ulmm_record_remove(&records, 25);

    uint32_t expected[] = { 29, 27, 23, 21 };
    for (unsigned i = 0; i < 4; i++) {
        uint32_t newest = ulmm_client_newest(&records, 7);
        assert_int_equal(newest, expected[i]);
        ulmm_record_remove(&records, newest);
        assert_int_equal(array[newest].kind, ULMM_RECORD_NONE);
    }
    assert_int_equal(ulmm_client_newest(&records, 7), ULMM_NO_SLOT);
    /* The other client's list is whole. */
    unsigned count = 0;
    for (uint32_t h = ulmm_client_newest(&records, 8); h != ULMM_NO_SLOT; h = array[h].next)
        count++;
    assert_int_equal(count, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(register_checks_pid_range_and_duplicates, setup),
        cmocka_unit_test_setup(only_the_owner_frees_and_only_what_it_may, setup),
        cmocka_unit_test_setup(reclaim_walks_newest_first_and_empties_the_list, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
