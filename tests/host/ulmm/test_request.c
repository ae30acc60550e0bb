/* Decoding of ULMM requests: every check made before ULMM touches anything. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <a9n/ipc.h>
#include <a9n/paging.h>

#include "ulmm/request.h"

static const struct ulmm_limits limits = { 12, 4, 0x800000000000ul };
static a9n_word_t mr[16];
static struct ulmm_request request;

static enum ulmm_status decode(a9n_word_t label, a9n_word_t badge)
{
    return ulmm_request_decode(mr, a9n_message_info(label, 5, 0), badge, &limits, &request);
}

static int setup(void **state)
{
    (void)state;
    for (unsigned i = 0; i < 16; i++)
        mr[i] = 0;
    return 0;
}

static void unknown_labels_are_refused(void **state)
{
    (void)state;
    assert_int_equal(decode(0, 3), ULMM_STATUS_UNKNOWN_REQUEST);
    assert_int_equal(decode(ULMM_REQUEST_ADD_MEMORY + 1, 3), ULMM_STATUS_UNKNOWN_REQUEST);
    assert_int_equal(decode(0xffff, 0), ULMM_STATUS_UNKNOWN_REQUEST);
}

static void the_badge_is_the_owner_and_clients_cannot_name_another(void **state)
{
    (void)state;
    mr[ULMM_MR_ARG0] = A9N_CAPABILITY_IPC_PORT;
    assert_int_equal(decode(ULMM_REQUEST_ALLOC_OBJECT, 9), ULMM_STATUS_OK);
    assert_int_equal(request.owner, 9);
    assert_false(request.by_init);
    mr[ULMM_MR_OWNER] = 4;
    assert_int_equal(decode(ULMM_REQUEST_ALLOC_OBJECT, 9), ULMM_STATUS_NOT_PERMITTED);
    /* Init (badge 0) acts for the client it names. */
    assert_int_equal(decode(ULMM_REQUEST_ALLOC_OBJECT, 0), ULMM_STATUS_OK);
    assert_int_equal(request.owner, 4);
    assert_true(request.by_init);
}

static void management_requests_need_badge_zero(void **state)
{
    (void)state;
    mr[ULMM_MR_ARG0] = 5;
    mr[ULMM_MR_ARG3] = 20;
    a9n_word_t labels[] = { ULMM_REQUEST_REGISTER_CLIENT, ULMM_REQUEST_CLIENT_EXITED,
                            ULMM_REQUEST_ADD_MEMORY };
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(decode(labels[i], 2), ULMM_STATUS_NOT_PERMITTED);
        assert_int_equal(decode(labels[i], 0), ULMM_STATUS_OK);
    }
    assert_int_equal(request.size_bits, 20);
    mr[ULMM_MR_ARG3] = 5; /* below the smallest Generic */
    assert_int_equal(decode(ULMM_REQUEST_ADD_MEMORY, 0), ULMM_STATUS_INVALID_ARGUMENT);
    /* Statistics are anyone's. */
    assert_int_equal(decode(ULMM_REQUEST_STATISTICS, 2), ULMM_STATUS_OK);
}

static void map_checks_order_alignment_range_and_attributes(void **state)
{
    (void)state;
    mr[ULMM_MR_ARG0] = 3;
    mr[ULMM_MR_ARG2] = 0x40000000;
    mr[ULMM_MR_ARG3] = A9N_MAP_READ | A9N_MAP_WRITE;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_OK);
    assert_int_equal(request.order, 3);
    assert_false(request.transfer);

    mr[ULMM_MR_ARG2] = 0x40000800;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_INVALID_ADDRESS);
    /* The run's last page at user_top - 1 page is fine; one page more is not. */
    mr[ULMM_MR_ARG2] = limits.user_top - 8 * 4096;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_OK);
    mr[ULMM_MR_ARG2] = limits.user_top - 7 * 4096;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_INVALID_ADDRESS);
    mr[ULMM_MR_ARG2] = (a9n_word_t)-4096;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_INVALID_ADDRESS);

    mr[ULMM_MR_ARG2] = 0x40000000;
    mr[ULMM_MR_ARG0] = ULMM_MAX_FRAME_ORDER + 1;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_TOO_LARGE);
    mr[ULMM_MR_ARG0] = (a9n_word_t)-1;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_TOO_LARGE);
    /* A transferred run of any order travels as one Node. */
    mr[ULMM_MR_ARG0] = ULMM_MAX_FRAME_ORDER;
    mr[ULMM_MR_ARG4] = ULMM_MAP_TRANSFER;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_OK);
    assert_true(request.transfer);
    assert_int_equal(request.count, ULMM_MAX_RUN_FRAMES);
    mr[ULMM_MR_ARG0] = 2;
    mr[ULMM_MR_ARG4] = 2;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_INVALID_ARGUMENT);
    mr[ULMM_MR_ARG4] = 0;

    mr[ULMM_MR_ARG3] = A9N_MAP_READ | A9N_MAP_WRITE | A9N_MAP_EXECUTE;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_INVALID_ARGUMENT);
    mr[ULMM_MR_ARG3] = A9N_MAP_WRITE;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_INVALID_ARGUMENT);
    mr[ULMM_MR_ARG3] = A9N_MAP_READ | A9N_MAP_DEVICE;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_INVALID_ARGUMENT);
}

static void objects_exclude_generics_page_tables_and_bad_parameters(void **state)
{
    (void)state;
    struct { a9n_word_t type, parameter; enum ulmm_status status; } cases[] = {
        { A9N_CAPABILITY_NODE, 8, ULMM_STATUS_OK },
        { A9N_CAPABILITY_NODE, 0, ULMM_STATUS_INVALID_ARGUMENT },
        { A9N_CAPABILITY_PROCESS, 0, ULMM_STATUS_OK },
        { A9N_CAPABILITY_PROCESS, 1, ULMM_STATUS_INVALID_ARGUMENT },
        { A9N_CAPABILITY_FRAME, 0, ULMM_STATUS_OK },
        { A9N_CAPABILITY_GENERIC, 12, ULMM_STATUS_INVALID_ARGUMENT },
        { A9N_CAPABILITY_PAGE_TABLE, 1, ULMM_STATUS_INVALID_ARGUMENT },
        { A9N_CAPABILITY_IO_PORT, 0, ULMM_STATUS_INVALID_ARGUMENT },
        { A9N_CAPABILITY_NONE, 0, ULMM_STATUS_INVALID_ARGUMENT },
        { A9N_CAPABILITY_TYPE_COUNT, 0, ULMM_STATUS_INVALID_ARGUMENT },
        { (a9n_word_t)-1, 0, ULMM_STATUS_INVALID_ARGUMENT },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        mr[ULMM_MR_ARG0] = cases[i].type;
        mr[ULMM_MR_ARG2] = cases[i].parameter;
        assert_int_equal(decode(ULMM_REQUEST_ALLOC_OBJECT, 2), cases[i].status);
    }
}

static void alloc_frames_takes_any_count_up_to_the_largest_run(void **state)
{
    (void)state;
    struct { a9n_word_t count; enum ulmm_status status; unsigned order, radix; } cases[] = {
        { 1, ULMM_STATUS_OK, 0, 1 },
        { 2, ULMM_STATUS_OK, 1, 1 },
        { 4, ULMM_STATUS_OK, 2, 2 },
        { 5, ULMM_STATUS_OK, 3, 3 },
        { 64, ULMM_STATUS_OK, 6, 6 },
        { ULMM_MAX_RUN_FRAMES, ULMM_STATUS_OK, ULMM_MAX_FRAME_ORDER, ULMM_MAX_FRAME_ORDER },
        { 0, ULMM_STATUS_INVALID_ARGUMENT, 0, 0 },
        { ULMM_MAX_RUN_FRAMES + 1, ULMM_STATUS_TOO_LARGE, 0, 0 },
        { (a9n_word_t)1 << 63, ULMM_STATUS_TOO_LARGE, 0, 0 },
        { (a9n_word_t)-1, ULMM_STATUS_TOO_LARGE, 0, 0 },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        mr[ULMM_MR_ARG0] = cases[i].count;
        assert_int_equal(decode(ULMM_REQUEST_ALLOC_FRAMES, 6), cases[i].status);
        if (cases[i].status != ULMM_STATUS_OK)
            continue;
        assert_int_equal(request.count, cases[i].count);
        assert_int_equal(request.order, cases[i].order);
        assert_true(request.transfer);
        assert_int_equal(ulmm_run_radix(cases[i].count), cases[i].radix);
    }
}

/* Fewer payload words than a request reads: refused, whatever the registers hold. */
static void short_messages_are_refused(void **state)
{
    (void)state;
    struct { a9n_word_t label; unsigned length; } cases[] = {
        { ULMM_REQUEST_ALLOC_FRAMES, 2 },  { ULMM_REQUEST_MAP_FRAMES, 5 },
        { ULMM_REQUEST_ALLOC_OBJECT, 3 },  { ULMM_REQUEST_FREE, 2 },
        { ULMM_REQUEST_STATISTICS, 2 },    { ULMM_REQUEST_REGISTER_CLIENT, 3 },
        { ULMM_REQUEST_CLIENT_EXITED, 2 }, { ULMM_REQUEST_ADD_MEMORY, 4 },
    };
    mr[ULMM_MR_ARG0] = 1;
    mr[ULMM_MR_ARG2] = 0x40000000;
    mr[ULMM_MR_ARG3] = A9N_MAP_READ;
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        a9n_word_t label = cases[i].label;
        if (label == ULMM_REQUEST_ALLOC_OBJECT) {
            mr[ULMM_MR_ARG0] = A9N_CAPABILITY_IPC_PORT;
            mr[ULMM_MR_ARG2] = 0;
        }
        if (label == ULMM_REQUEST_ADD_MEMORY)
            mr[ULMM_MR_ARG3] = 20;
        for (unsigned length = 0; length < cases[i].length; length++)
            assert_int_equal(ulmm_request_decode(mr, a9n_message_info(label, length, 0), 0,
                                                 &limits, &request),
                             ULMM_STATUS_INVALID_ARGUMENT);
        /* Exactly long enough, and longer (the rest is never read). */
        assert_int_equal(ulmm_request_decode(mr, a9n_message_info(label, cases[i].length, 0), 0,
                                             &limits, &request),
                         ULMM_STATUS_OK);
        assert_int_equal(ulmm_request_decode(mr, a9n_message_info(label, 200, 3), 0, &limits,
                                             &request),
                         ULMM_STATUS_OK);
        mr[ULMM_MR_ARG0] = 1;
        mr[ULMM_MR_ARG2] = 0x40000000;
        mr[ULMM_MR_ARG3] = A9N_MAP_READ;
    }
}

static void register_carries_the_quota_and_statistics_the_owner(void **state)
{
    (void)state;
    mr[ULMM_MR_ARG0] = 7;
    mr[ULMM_MR_ARG2] = 1 << 20;
    assert_int_equal(decode(ULMM_REQUEST_REGISTER_CLIENT, 0), ULMM_STATUS_OK);
    assert_int_equal(request.pid, 7);
    assert_int_equal(request.quota, 1 << 20);
    mr[ULMM_MR_ARG2] = 0;
    assert_int_equal(decode(ULMM_REQUEST_STATISTICS, 7), ULMM_STATUS_OK);
    assert_int_equal(request.owner, 7);
    mr[ULMM_MR_OWNER] = 8;
    assert_int_equal(decode(ULMM_REQUEST_STATISTICS, 7), ULMM_STATUS_NOT_PERMITTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(unknown_labels_are_refused, setup),
        cmocka_unit_test_setup(the_badge_is_the_owner_and_clients_cannot_name_another, setup),
        cmocka_unit_test_setup(management_requests_need_badge_zero, setup),
        cmocka_unit_test_setup(map_checks_order_alignment_range_and_attributes, setup),
        cmocka_unit_test_setup(objects_exclude_generics_page_tables_and_bad_parameters, setup),
        cmocka_unit_test_setup(alloc_frames_takes_any_count_up_to_the_largest_run, setup),
        cmocka_unit_test_setup(short_messages_are_refused, setup),
        cmocka_unit_test_setup(register_carries_the_quota_and_statistics_the_owner, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
