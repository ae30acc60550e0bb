/* System tests of Frame capabilities: map, unmap, attributes and rights, physical address. */
#include "memory_test.h"

#define RW (A9N_MAP_READ | A9N_MAP_WRITE)

SYSTEM_TEST(frame_map_write_read_unmap_in_own_address_space)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t address = memory_test_address(0);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, RW), A9N_ERROR_NONE);
    volatile a9n_word_t *page = (volatile a9n_word_t *)address;
    CHECK_EQUAL(page[0], 0); /* convert zeroed it */
    page[0] = 0x1234;
    page[511] = 0x5678;
    CHECK_EQUAL(page[0], 0x1234);
    CHECK_EQUAL(page[511], 0x5678);
    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(frame)), A9N_ERROR_NONE);
    /* The entry is gone: the same capability maps there again and sees the same memory. */
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(frame), memory_test_own_space(), address,
                              A9N_MAP_READ),
                A9N_ERROR_NONE);
    CHECK_EQUAL(page[0], 0x1234);
}

SYSTEM_TEST(frame_copy_maps_the_same_memory_at_a_second_address)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t copy = system_test_slot();
    a9n_word_t first = memory_test_address(1);
    a9n_word_t second = first + A9N_ARCH_PAGE_SIZE;
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, first, RW), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(SYSTEM_TEST_ROOT, copy, system_test_descriptor(frame)),
                A9N_ERROR_NONE);
    /* A copy of a mapped capability is a different capability: it starts unmapped. */
    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(copy)), A9N_ERROR_NOT_MAPPED);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), copy, second, RW), A9N_ERROR_NONE);
    *(volatile a9n_word_t *)first = 0xfeed;
    CHECK_EQUAL(*(volatile a9n_word_t *)second, 0xfeed);
}

SYSTEM_TEST(frame_capability_maps_only_once)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t address = memory_test_address(2);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, RW), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(frame), memory_test_own_space(),
                              address + A9N_ARCH_PAGE_SIZE, RW),
                A9N_ERROR_INVALID_STATE);
}

SYSTEM_TEST(frame_map_refuses_write_and_execute_together)
{
    a9n_word_t frame = memory_test_frame();
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, memory_test_address(3),
                                A9N_MAP_READ | A9N_MAP_WRITE | A9N_MAP_EXECUTE),
                A9N_ERROR_INVALID_ARGUMENT);
}

SYSTEM_TEST(frame_map_refuses_bad_attributes)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t address = memory_test_address(4);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, 0),
                A9N_ERROR_INVALID_ARGUMENT);
    /* Every mapping is readable on every port: READ must be asked for. */
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, A9N_MAP_WRITE),
                A9N_ERROR_INVALID_ARGUMENT);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, A9N_MAP_READ | 0x100),
                A9N_ERROR_INVALID_ARGUMENT);
    /* DEVICE is for MMIO frames only. */
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address,
                                A9N_MAP_READ | A9N_MAP_DEVICE),
                A9N_ERROR_INVALID_ARGUMENT);
}

/* A copy of the test frame with only `rights`; its slot. */
static a9n_word_t frame_with_rights(unsigned rights)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t minted = system_test_slot();
    if (a9n_node_mint(SYSTEM_TEST_ROOT, minted, system_test_descriptor(frame), rights, 0) !=
        A9N_ERROR_NONE)
        return frame; /* the CHECKs below then fail visibly */
    return minted;
}

SYSTEM_TEST(frame_map_writable_needs_write_right)
{
    a9n_word_t frame = frame_with_rights(A9N_RIGHT_READ | A9N_RIGHT_EXECUTE);
    a9n_word_t address = memory_test_address(5);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, RW),
                A9N_ERROR_MISSING_RIGHTS);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address, A9N_MAP_READ),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(frame_map_executable_needs_execute_right)
{
    a9n_word_t frame = frame_with_rights(A9N_RIGHT_READ | A9N_RIGHT_WRITE);
    a9n_word_t address = memory_test_address(6);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, address,
                                A9N_MAP_READ | A9N_MAP_EXECUTE),
                A9N_ERROR_MISSING_RIGHTS);
    a9n_word_t executable = frame_with_rights(A9N_RIGHT_READ | A9N_RIGHT_EXECUTE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), executable, address,
                                A9N_MAP_READ | A9N_MAP_EXECUTE),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(frame_map_readable_needs_read_right)
{
    a9n_word_t frame = frame_with_rights(A9N_RIGHT_WRITE);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, memory_test_address(7),
                                A9N_MAP_READ),
                A9N_ERROR_MISSING_RIGHTS);
}

SYSTEM_TEST(frame_map_refuses_unaligned_kernel_and_noncanonical_addresses)
{
    a9n_word_t frame = system_test_descriptor(memory_test_frame());
    a9n_word_t space = memory_test_own_space();
    a9n_word_t user_top = system_test_init_info()->user_top;
    static const a9n_word_t kernel_addresses[] = {
        0xffffffff80000000ul, /* where kernels are linked */
        0xfffffffffffff000ul, /* the last page */
        0xffff800000000000ul, /* a direct map's usual start */
    };
    CHECK_EQUAL(a9n_frame_map(frame, space, memory_test_address(8) + 8, A9N_MAP_READ),
                A9N_ERROR_INVALID_ADDRESS);
    CHECK_EQUAL(a9n_frame_map(frame, space, user_top, A9N_MAP_READ), A9N_ERROR_INVALID_ADDRESS);
    /* Not canonical on any 64-bit paging mode. */
    CHECK_EQUAL(a9n_frame_map(frame, space, 1ul << 62, A9N_MAP_READ), A9N_ERROR_INVALID_ADDRESS);
    for (unsigned i = 0; i < sizeof(kernel_addresses) / sizeof(kernel_addresses[0]); i++)
        CHECK_EQUAL(a9n_frame_map(frame, space, kernel_addresses[i], A9N_MAP_READ),
                    A9N_ERROR_INVALID_ADDRESS);
}

SYSTEM_TEST(frame_map_over_an_existing_mapping_is_refused)
{
    a9n_word_t first = memory_test_frame();
    a9n_word_t second = memory_test_frame();
    a9n_word_t address = memory_test_address(9);
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), first, address, RW), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(second), memory_test_own_space(), address, RW),
                A9N_ERROR_ALREADY_MAPPED);
    /* Nor over what the kernel mapped for init (its IPC buffer). */
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(second), memory_test_own_space(),
                              system_test_init_info()->ipc_buffer, RW),
                A9N_ERROR_ALREADY_MAPPED);
}

SYSTEM_TEST(frame_map_without_page_tables_is_refused)
{
    a9n_word_t space = system_test_make(A9N_CAPABILITY_ADDRESS_SPACE, 0);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(memory_test_frame()),
                              system_test_descriptor(space), memory_test_address(10), A9N_MAP_READ),
                A9N_ERROR_NOT_MAPPED);
}

SYSTEM_TEST(frame_unmap_of_an_unmapped_capability_is_refused)
{
    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(memory_test_frame())),
                A9N_ERROR_NOT_MAPPED);
}

SYSTEM_TEST(frame_map_needs_a_writable_address_space)
{
    a9n_word_t frame = memory_test_frame();
    a9n_word_t space = system_test_slot();
    a9n_word_t address = memory_test_address(11);
    memory_test_build_tables(memory_test_own_space(), address, 0);
    CHECK_EQUAL(a9n_node_mint(SYSTEM_TEST_ROOT, space, memory_test_own_space(),
                              A9N_RIGHT_READ | A9N_RIGHT_COPY, 0),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(frame), system_test_descriptor(space),
                              address, A9N_MAP_READ),
                A9N_ERROR_MISSING_RIGHTS);
    /* The depth query only reads. */
    CHECK_EQUAL(a9n_address_space_missing_depth(system_test_descriptor(space), address).error,
                A9N_ERROR_NONE);
}

SYSTEM_TEST(frame_map_names_an_address_space)
{
    a9n_word_t frame = system_test_descriptor(memory_test_frame());
    a9n_word_t address = memory_test_address(12);
    CHECK_EQUAL(a9n_frame_map(frame, frame, address, A9N_MAP_READ), A9N_ERROR_WRONG_TYPE);
    CHECK_EQUAL(a9n_frame_map(frame, system_test_descriptor(system_test_slot()), address,
                              A9N_MAP_READ),
                A9N_ERROR_EMPTY_SLOT);
    CHECK_EQUAL(a9n_frame_map(frame, SYSTEM_TEST_ROOT, address, A9N_MAP_READ),
                A9N_ERROR_INVALID_DEPTH);
}

SYSTEM_TEST(frame_physical_address_lies_in_its_generic)
{
    const struct a9n_init_info *info = system_test_init_info();
    struct a9n_word_result address = a9n_frame_physical_address(
        system_test_descriptor(memory_test_frame()));
    CHECK_EQUAL(address.error, A9N_ERROR_NONE);
    CHECK_EQUAL(address.value & (A9N_ARCH_PAGE_SIZE - 1), 0);
    /* The test's Generic is carved from one of init's Generics. */
    bool inside = false;
    for (unsigned i = 0; i < info->generic_count; i++) {
        const struct a9n_init_generic *generic = &info->generics[i];
        if (address.value >= generic->base &&
            address.value - generic->base < (1ul << generic->size_bits))
            inside = true;
    }
    CHECK(inside);
}

SYSTEM_TEST(frame_from_device_memory_maps_uncached)
{
    const struct a9n_init_info *info = system_test_init_info();
    if (info->device_generic_count == 0)
        return; /* this machine reports no device memory */
    a9n_word_t device = a9n_init_child_slot(A9N_INIT_SLOT_DEVICE_NODE,
                                            info->node_radix[A9N_INIT_SLOT_DEVICE_NODE], 0);
    a9n_word_t frame = system_test_slot();
    CHECK_EQUAL(a9n_generic_convert(device, A9N_CAPABILITY_FRAME, 0, 1, SYSTEM_TEST_ROOT, frame),
                A9N_ERROR_NONE);
    struct a9n_word_result address = a9n_frame_physical_address(system_test_descriptor(frame));
    CHECK_EQUAL(address.error, A9N_ERROR_NONE);
    CHECK_EQUAL(address.value, info->device_generics[0].base);
    /* Mapped, never touched: a device register may have side effects. */
    CHECK_EQUAL(memory_test_map(memory_test_own_space(), frame, memory_test_address(13),
                                A9N_MAP_READ | A9N_MAP_WRITE | A9N_MAP_DEVICE),
                A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_frame_unmap(system_test_descriptor(frame)), A9N_ERROR_NONE);
    /* Without the DEVICE bit the kernel still maps it uncached. */
    CHECK_EQUAL(a9n_frame_map(system_test_descriptor(frame), memory_test_own_space(),
                              memory_test_address(13), A9N_MAP_READ),
                A9N_ERROR_NONE);
}

SYSTEM_TEST(frame_unknown_operation_is_refused)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    CHECK_EQUAL(a9n_capability_call(system_test_descriptor(memory_test_frame()), 99, mr),
                A9N_ERROR_UNKNOWN_OPERATION);
}
