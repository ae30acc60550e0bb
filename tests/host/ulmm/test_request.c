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
    mr[ULMM_MR_ARG0] = 3;
    mr[ULMM_MR_ARG4] = ULMM_MAP_TRANSFER; /* 8 frames are more than one message carries */
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_TOO_LARGE);
    mr[ULMM_MR_ARG0] = 2;
    assert_int_equal(decode(ULMM_REQUEST_MAP_FRAMES, 2), ULMM_STATUS_OK);
    assert_true(request.transfer);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(unknown_labels_are_refused, setup),
        cmocka_unit_test_setup(the_badge_is_the_owner_and_clients_cannot_name_another, setup),
        cmocka_unit_test_setup(management_requests_need_badge_zero, setup),
        cmocka_unit_test_setup(map_checks_order_alignment_range_and_attributes, setup),
        cmocka_unit_test_setup(objects_exclude_generics_page_tables_and_bad_parameters, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
