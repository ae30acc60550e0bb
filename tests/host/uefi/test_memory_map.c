/* UEFI memory map -> boot-protocol regions: types, low memory, alignment, merging, overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "memory_map.h"

#define PAGE 4096ull
/* Firmware may use a larger descriptor stride than the structure: test with one. */
#define STRIDE (sizeof(EFI_MEMORY_DESCRIPTOR) + 16)

static unsigned char map[512 * STRIDE];
static unsigned count;
static struct a9n_boot_info info;

static void add(UINT32 type, uint64_t base, uint64_t pages)
{
    EFI_MEMORY_DESCRIPTOR descriptor = { .Type = type, .PhysicalStart = base,
                                         .NumberOfPages = pages };
    memcpy(map + count++ * STRIDE, &descriptor, sizeof(descriptor));
}

static void convert(void)
{
    loader_memory_map_convert(map, count * STRIDE, STRIDE, &info);
}

static int reset(void **state)
{
    (void)state;
    count = 0;
    memset(&info, 0xee, sizeof(info)); /* the conversion must not rely on zeroes */
    return 0;
}

static void expect_region(unsigned i, uint64_t base, uint64_t size, uint32_t type)
{
    assert_int_equal(info.memory[i].base, base);
    assert_int_equal(info.memory[i].size, size);
    assert_int_equal(info.memory[i].type, type);
}

static void boot_services_and_loader_memory_become_free_and_merge(void **state)
{
    (void)state;
    add(EfiConventionalMemory, 0x100000, 16);
    add(EfiBootServicesData, 0x110000, 16);
    add(EfiLoaderCode, 0x120000, 16);
    add(EfiLoaderData, 0x130000, 16);
    add(EfiBootServicesCode, 0x140000, 16);
    convert();
    assert_int_equal(info.memory_region_count, 1);
    expect_region(0, 0x100000, 0x50000, A9N_MEMORY_FREE);
}

static void firmware_and_acpi_memory_are_reserved_and_mmio_is_device(void **state)
{
    (void)state;
    add(EfiRuntimeServicesCode, 0x7f000000, 1);
    add(EfiRuntimeServicesData, 0x7f001000, 1);
    add(EfiACPIReclaimMemory, 0x7f002000, 1);
    add(EfiACPIMemoryNVS, 0x7f003000, 1);
    add(EfiReservedMemoryType, 0x7f004000, 1);
    add(EfiUnusableMemory, 0x7f005000, 1);
    add(0x80000000u, 0x7f006000, 1); /* an OS loader's own type */
    add(EfiMemoryMappedIO, 0xffc00000, 1024);
    convert();
    assert_int_equal(info.memory_region_count, 2);
    expect_region(0, 0x7f000000, 0x7000, A9N_MEMORY_RESERVED);
    expect_region(1, 0xffc00000, 0x400000, A9N_MEMORY_DEVICE);
}

static void free_memory_below_1_mib_is_reserved(void **state)
{
    (void)state;
    add(EfiConventionalMemory, 0, 0xa0);
    add(EfiBootServicesData, 0xf0000, 0x20); /* crosses 1 MiB */
    convert();
    assert_int_equal(info.memory_region_count, 3);
    expect_region(0, 0, 0xa0000, A9N_MEMORY_RESERVED);
    expect_region(1, 0xf0000, 0x10000, A9N_MEMORY_RESERVED);
    expect_region(2, 0x100000, 0x10000, A9N_MEMORY_FREE);
}

static void unsorted_map_comes_out_sorted_and_types_stay_apart(void **state)
{
    (void)state;
    add(EfiConventionalMemory, 0x300000, 16);
    add(EfiACPIReclaimMemory, 0x200000, 16);
    add(EfiConventionalMemory, 0x100000, 16);
    add(EfiConventionalMemory, 0x210000, 0x10); /* touches reserved, not free */
    convert();
    assert_int_equal(info.memory_region_count, 4);
    expect_region(0, 0x100000, 0x10000, A9N_MEMORY_FREE);
    expect_region(1, 0x200000, 0x10000, A9N_MEMORY_RESERVED);
    expect_region(2, 0x210000, 0x10000, A9N_MEMORY_FREE);
    expect_region(3, 0x300000, 0x10000, A9N_MEMORY_FREE);
}

static void a_late_region_can_join_its_neighbours(void **state)
{
    (void)state;
    add(EfiConventionalMemory, 0x100000, 16);
    add(EfiConventionalMemory, 0x120000, 16);
    add(EfiBootServicesCode, 0x110000, 16); /* fills the gap */
    convert();
    assert_int_equal(info.memory_region_count, 1);
    expect_region(0, 0x100000, 0x30000, A9N_MEMORY_FREE);
}

static void broken_entries_are_skipped(void **state)
{
    (void)state;
    add(EfiConventionalMemory, 0xfffffffffffff000ull, 2); /* wraps around */
    add(EfiConventionalMemory, 0x200000, 0);
    add(EfiConventionalMemory, 0x100000, 1);
    convert();
    assert_int_equal(info.memory_region_count, 1);
    expect_region(0, 0x100000, PAGE, A9N_MEMORY_FREE);
}

static void a_map_longer_than_the_table_is_cut_safely(void **state)
{
    (void)state;
    /* Alternating types never merge: 200 regions for 128 slots. */
    for (unsigned i = 0; i < 200; i++)
        add(i % 2 ? EfiACPIReclaimMemory : EfiConventionalMemory, 0x100000 + i * PAGE, 1);
    convert();
    assert_int_equal(info.memory_region_count, A9N_BOOT_MAX_MEMORY_REGIONS);
    for (unsigned i = 1; i < info.memory_region_count; i++)
        assert_true(info.memory[i - 1].base < info.memory[i].base);
}

static void partial_trailing_descriptor_is_ignored(void **state)
{
    (void)state;
    add(EfiConventionalMemory, 0x100000, 1);
    add(EfiConventionalMemory, 0x200000, 1);
    loader_memory_map_convert(map, 2 * STRIDE - 1, STRIDE, &info);
    assert_int_equal(info.memory_region_count, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(boot_services_and_loader_memory_become_free_and_merge, reset),
        cmocka_unit_test_setup(firmware_and_acpi_memory_are_reserved_and_mmio_is_device, reset),
        cmocka_unit_test_setup(free_memory_below_1_mib_is_reserved, reset),
        cmocka_unit_test_setup(unsorted_map_comes_out_sorted_and_types_stay_apart, reset),
        cmocka_unit_test_setup(a_late_region_can_join_its_neighbours, reset),
        cmocka_unit_test_setup(broken_entries_are_skipped, reset),
        cmocka_unit_test_setup(a_map_longer_than_the_table_is_cut_safely, reset),
        cmocka_unit_test_setup(partial_trailing_descriptor_is_ignored, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
