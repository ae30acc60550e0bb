/* ULMM's per-client records: ownership, freeability, the lists reclaim walks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ulmm/records.h"
#include "ulmm/slot_allocator.h"

/* A quota with no limit, as REGISTER_CLIENT takes it. */
#define UNLIMITED (~(a9n_word_t)0)

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
    assert_int_equal(ulmm_client_register(&records, 0, UNLIMITED), ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_client_register(&records, ULMM_MAX_CLIENTS, UNLIMITED),
                     ULMM_ERROR_INVALID_ARGUMENT);
    assert_int_equal(ulmm_client_register(&records, 5, UNLIMITED), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_client_register(&records, 5, UNLIMITED), ULMM_ERROR_INVALID_ARGUMENT);
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
    ulmm_client_register(&records, 2, UNLIMITED);
    ulmm_client_register(&records, 3, UNLIMITED);
    ulmm_record_add(&records, 10, 2, ULMM_RECORD_OBJECT, 11, ULMM_RECORD_CLIENT_FREEABLE, 6);
    ulmm_record_add(&records, 12, 2, ULMM_RECORD_OBJECT, 13, 0, 12); /* e.g. a page table */
    ulmm_record_add(&records, 14, 3, ULMM_RECORD_RUN, 15, ULMM_RECORD_CLIENT_FREEABLE, 14);
    ulmm_record_add_run_node(&records, 15, 3, 16, 7);

    assert_int_equal(ulmm_record_check_free(&records, 10, 2, false), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_record_check_free(&records, 10, 3, false), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, 10, 3, true), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, 12, 2, false), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, 12, 2, true), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_record_check_free(&records, 14, 3, false), ULMM_ERROR_NONE);
    /* A run's node, an empty slot, a handle past the table: no allocation. */
    assert_int_equal(ulmm_record_check_free(&records, 15, 3, false), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, 20, 2, false), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, COUNT, 2, true), ULMM_ERROR_NOT_ALLOCATED);
    assert_int_equal(ulmm_record_check_free(&records, (a9n_word_t)-1, 2, true),
                     ULMM_ERROR_NOT_ALLOCATED);
}

static void reclaim_walks_newest_first_and_empties_the_list(void **state)
{
    (void)state;
    ulmm_client_register(&records, 7, UNLIMITED);
    ulmm_client_register(&records, 8, UNLIMITED);
    for (uint32_t handle = 20; handle < 30; handle++)
        ulmm_record_add(&records, handle, handle % 2 ? 7 : 8, ULMM_RECORD_OBJECT, handle + 10,
                        ULMM_RECORD_CLIENT_FREEABLE, 6);
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

static void quota_charges_every_record_and_frees_give_it_back(void **state)
{
    (void)state;
    ulmm_client_register(&records, 4, 3 * 4096);
    ulmm_client_register(&records, 5, 4096);
    assert_int_equal(ulmm_client_check_quota(&records, 4, 3 * 4096), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_client_check_quota(&records, 4, 3 * 4096 + 1),
                     ULMM_ERROR_QUOTA_EXCEEDED);
    ulmm_record_add(&records, 10, 4, ULMM_RECORD_RUN, 11, ULMM_RECORD_CLIENT_FREEABLE, 13);
    ulmm_record_add_run_node(&records, 11, 4, 12, 6);
    assert_int_equal(records.clients[4].charged, 2 * 4096 + 64);
    assert_int_equal(ulmm_client_check_quota(&records, 4, 4096 - 64), ULMM_ERROR_NONE);
    assert_int_equal(ulmm_client_check_quota(&records, 4, 4096), ULMM_ERROR_QUOTA_EXCEEDED);
    /* The other client's quota is its own. */
    assert_int_equal(ulmm_client_check_quota(&records, 5, 4096), ULMM_ERROR_NONE);
    /* Absurd sizes never wrap around the remaining quota. */
    assert_int_equal(ulmm_client_check_quota(&records, 4, (a9n_word_t)-1),
                     ULMM_ERROR_QUOTA_EXCEEDED);

    ulmm_record_remove(&records, 10);
    ulmm_record_remove_run_node(&records, 11);
    assert_int_equal(records.clients[4].charged, 0);
    assert_int_equal(ulmm_client_check_quota(&records, 4, 3 * 4096), ULMM_ERROR_NONE);
    /* No limit: the largest word. */
    ulmm_client_register(&records, 6, UNLIMITED);
    ulmm_record_add(&records, 20, 6, ULMM_RECORD_OBJECT, 21, 0, 40);
    assert_int_equal(ulmm_client_check_quota(&records, 6, (a9n_word_t)1 << 40), ULMM_ERROR_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(register_checks_pid_range_and_duplicates, setup),
        cmocka_unit_test_setup(only_the_owner_frees_and_only_what_it_may, setup),
        cmocka_unit_test_setup(reclaim_walks_newest_first_and_empties_the_list, setup),
        cmocka_unit_test_setup(quota_charges_every_record_and_frees_give_it_back, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
