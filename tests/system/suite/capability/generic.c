/* System tests of Generic convert through real kernel calls. */
#include "../framework/system_test.h"

SYSTEM_TEST(generic_convert_every_convertible_type)
{
    static const struct { enum a9n_capability_type type; a9n_word_t parameter; } kinds[] = {
        { A9N_CAPABILITY_NODE, 3 },
        { A9N_CAPABILITY_GENERIC, 16 },
        { A9N_CAPABILITY_PROCESS, 0 },
        { A9N_CAPABILITY_IPC_PORT, 0 },
        { A9N_CAPABILITY_NOTIFICATION_PORT, 0 },
        { A9N_CAPABILITY_ADDRESS_SPACE, 0 },
        { A9N_CAPABILITY_PAGE_TABLE, 1 },
        { A9N_CAPABILITY_FRAME, 0 },
        { A9N_CAPABILITY_INTERRUPT_PORT, 0 },
    };
    for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        a9n_word_t slot = system_test_slot();
        CHECK_EQUAL(a9n_generic_convert(system_test_generic(), kinds[i].type, kinds[i].parameter,
                                        1, SYSTEM_TEST_ROOT, slot),
                    A9N_ERROR_NONE);
    }
}

SYSTEM_TEST(generic_convert_refuses_bad_arguments)
{
    a9n_word_t slot = system_test_slot();
    a9n_word_t generic = system_test_generic();
    CHECK_EQUAL(a9n_generic_convert(generic, A9N_CAPABILITY_INTERRUPT_REGION, 0, 1,
                                    SYSTEM_TEST_ROOT, slot),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_generic_convert(generic, A9N_CAPABILITY_NODE, 0, 1, SYSTEM_TEST_ROOT, slot),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_generic_convert(generic, A9N_CAPABILITY_FRAME, 1, 1, SYSTEM_TEST_ROOT, slot),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_generic_convert(generic, A9N_CAPABILITY_FRAME, 0, 0, SYSTEM_TEST_ROOT, slot),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_generic_convert(generic, A9N_CAPABILITY_FRAME, 0, 1, SYSTEM_TEST_ROOT,
                                    1u << A9N_INIT_ROOT_RADIX),
                A9N_ERROR_INDEX_OUT_OF_RANGE);
    CHECK_EQUAL(a9n_generic_convert(generic, A9N_CAPABILITY_FRAME, 0,
                                    (1u << A9N_INIT_ROOT_RADIX) - slot + 1, SYSTEM_TEST_ROOT, slot),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(a9n_generic_convert(generic, A9N_CAPABILITY_GENERIC, SYSTEM_TEST_GENERIC_BITS + 1,
                                    1, SYSTEM_TEST_ROOT, slot),
                A9N_ERROR_INSUFFICIENT_MEMORY);
}

SYSTEM_TEST(generic_convert_is_all_or_nothing)
{
    a9n_word_t first = system_test_slot();
    system_test_slot();
    a9n_word_t third = system_test_make(A9N_CAPABILITY_FRAME, 0);
    /* slots first .. first+2: the third is occupied, so nothing may be created. */
    CHECK_EQUAL(third, first + 2);
    CHECK_EQUAL(a9n_generic_convert(system_test_generic(), A9N_CAPABILITY_FRAME, 0, 3,
                                    SYSTEM_TEST_ROOT, first),
                A9N_ERROR_SLOT_OCCUPIED);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, first), A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(a9n_node_remove(SYSTEM_TEST_ROOT, first + 1), A9N_ERROR_EMPTY_SLOT);
}

SYSTEM_TEST(generic_fills_up_then_is_reusable_after_revoke)
{
    /* Split the test Generic into two halves and exhaust one with frames. */
    a9n_word_t half = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_generic(), A9N_CAPABILITY_GENERIC,
                                    SYSTEM_TEST_GENERIC_BITS - 1, 1, SYSTEM_TEST_ROOT, half),
                A9N_ERROR_NONE);
    a9n_word_t node = system_test_make(A9N_CAPABILITY_NODE, 10);
    a9n_word_t frames = 1u << (SYSTEM_TEST_GENERIC_BITS - 1 - 12);
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(half), A9N_CAPABILITY_FRAME, 0,
                                    frames, system_test_descriptor(node), 0),
                A9N_ERROR_NONE);
    a9n_word_t extra = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(half), A9N_CAPABILITY_FRAME, 0, 1,
                                    SYSTEM_TEST_ROOT, extra),
                A9N_ERROR_INSUFFICIENT_MEMORY);
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, half), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_generic_convert(system_test_descriptor(half), A9N_CAPABILITY_FRAME, 0, 1,
                                    SYSTEM_TEST_ROOT, extra),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(generic_cannot_be_copied)
{
    a9n_word_t half = system_test_make(A9N_CAPABILITY_GENERIC, 16);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, system_test_slot(), system_test_descriptor(half)),
                A9N_ERROR_WRONG_TYPE);
}

SYSTEM_TEST(device_generic_only_becomes_frames)
{
    const struct a9n_init_info *info = system_test_init_info();
    if (info->device_generic_count == 0)
        return; /* this machine reports no device memory */
    a9n_word_t device = a9n_init_child_slot(A9N_INIT_SLOT_DEVICE_NODE,
                                            info->node_radix[A9N_INIT_SLOT_DEVICE_NODE], 0);
    CHECK_EQUAL(a9n_generic_convert(device, A9N_CAPABILITY_NODE, 1, 1, SYSTEM_TEST_ROOT,
                                    system_test_slot()),
                A9N_ERROR_INVALID_ARGUMENT);
}
