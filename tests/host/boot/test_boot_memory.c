/* Boot-time free memory: loader regions minus everything in use, page exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "boot_memory.h"

#define PAGE 4096u

static struct a9n_boot_info info;
static struct boot_memory memory;

static void add_region(uint64_t base, uint64_t size, uint32_t type)
{
    info.memory[info.memory_region_count++] = (struct a9n_memory_region){ base, size, type, 0 };
}

static int reset(void **state)
{
    (void)state;
    memset(&info, 0, sizeof(info));
    return 0;
}

static void free_regions_shrink_to_whole_pages(void **state)
{
    (void)state;
    add_region(0x1010, 0x3000, A9N_MEMORY_FREE); /* pages 0x2000..0x4000 */
    boot_memory_init(&memory, &info, NULL, 0, PAGE);
    assert_int_equal(memory.range_count, 1);
    assert_int_equal(memory.ranges[0].base, 0x2000);
    assert_int_equal(memory.ranges[0].end, 0x4000);
}

static void excluded_ranges_grow_to_whole_pages_and_split(void **state)
{
    (void)state;
    add_region(0x100000, 0x100000, A9N_MEMORY_FREE);
    struct boot_memory_range used[] = { { 0x140010, 0x141001 } };
    boot_memory_init(&memory, &info, used, 1, PAGE);
    assert_int_equal(memory.range_count, 2);
    assert_int_equal(memory.ranges[0].end, 0x140000);
    assert_int_equal(memory.ranges[1].base, 0x142000);
    assert_int_equal(boot_memory_free_bytes(&memory), 0x100000 - 0x2000);
}

static void reserved_and_device_regions_win_over_free(void **state)
{
    (void)state;
    add_region(0x80000000, 0x1000000, A9N_MEMORY_FREE);
    add_region(0x80000000, 0x40000, A9N_MEMORY_RESERVED); /* firmware at the start */
    add_region(0x80f00000, 0x200000, A9N_MEMORY_DEVICE);  /* overlaps the end */
    boot_memory_init(&memory, &info, NULL, 0, PAGE);
    assert_int_equal(memory.range_count, 1);
    assert_int_equal(memory.ranges[0].base, 0x80040000);
    assert_int_equal(memory.ranges[0].end, 0x80f00000);
}

static void overlapping_free_regions_are_merged(void **state)
{
    (void)state;
    add_region(0x200000, 0x100000, A9N_MEMORY_FREE);
    add_region(0x100000, 0x180000, A9N_MEMORY_FREE);
    boot_memory_init(&memory, &info, NULL, 0, PAGE);
    assert_int_equal(memory.range_count, 1);
    assert_int_equal(memory.ranges[0].base, 0x100000);
    assert_int_equal(memory.ranges[0].end, 0x300000);
}

static void exclusions_spanning_several_ranges(void **state)
{
    (void)state;
    add_region(0x100000, 0x10000, A9N_MEMORY_FREE);
    add_region(0x200000, 0x10000, A9N_MEMORY_FREE);
    add_region(0x300000, 0x10000, A9N_MEMORY_FREE);
    struct boot_memory_range used[] = { { 0x108000, 0x304000 } };
    boot_memory_init(&memory, &info, used, 1, PAGE);
    assert_int_equal(memory.range_count, 2);
    assert_int_equal(memory.ranges[0].end, 0x108000);
    assert_int_equal(memory.ranges[1].base, 0x304000);
}

static void take_page_walks_ranges_until_exhausted(void **state)
{
    (void)state;
    add_region(0x1000, 0x2000, A9N_MEMORY_FREE);
    add_region(0x10000, 0x1000, A9N_MEMORY_FREE);
    boot_memory_init(&memory, &info, NULL, 0, PAGE);
    a9n_paddr_t page;
    assert_true(boot_memory_take_page(&memory, &page));
    assert_int_equal(page, 0x1000);
    assert_true(boot_memory_take_page(&memory, &page));
    assert_int_equal(page, 0x2000);
    assert_true(boot_memory_take_page(&memory, &page));
    assert_int_equal(page, 0x10000);
    assert_false(boot_memory_take_page(&memory, &page));
    assert_int_equal(boot_memory_free_bytes(&memory), 0);
}

static void take_aligned_returns_naturally_aligned_blocks(void **state)
{
    (void)state;
    add_region(0x101000, 0x20000, A9N_MEMORY_FREE); /* 0x101000 .. 0x121000 */
    boot_memory_init(&memory, &info, NULL, 0, PAGE);
    a9n_paddr_t base;
    assert_true(boot_memory_take_aligned(&memory, 14, &base)); /* 16 KiB */
    assert_int_equal(base, 0x104000);
    assert_int_equal(memory.range_count, 2); /* 0x101000..0x104000, 0x108000..0x121000 */
    assert_true(boot_memory_take_aligned(&memory, 16, &base)); /* 64 KiB */
    assert_int_equal(base, 0x110000);
    assert_false(boot_memory_take_aligned(&memory, 17, &base));
    assert_int_equal(boot_memory_free_bytes(&memory), 0x20000 - 0x4000 - 0x10000);
    assert_true(boot_memory_take_page(&memory, &base));
    assert_int_equal(base, 0x101000);
}

static void region_at_top_of_address_space_does_not_wrap(void **state)
{
    (void)state;
    add_region(UINT64_MAX - 0x2fff, 0x3000, A9N_MEMORY_FREE);
    boot_memory_init(&memory, &info, NULL, 0, PAGE);
    assert_true(boot_memory_free_bytes(&memory) <= 0x3000);
    for (unsigned i = 0; i < memory.range_count; i++)
        assert_true(memory.ranges[i].base < memory.ranges[i].end);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(free_regions_shrink_to_whole_pages, reset),
        cmocka_unit_test_setup(excluded_ranges_grow_to_whole_pages_and_split, reset),
        cmocka_unit_test_setup(reserved_and_device_regions_win_over_free, reset),
        cmocka_unit_test_setup(overlapping_free_regions_are_merged, reset),
        cmocka_unit_test_setup(exclusions_spanning_several_ranges, reset),
        cmocka_unit_test_setup(take_page_walks_ranges_until_exhausted, reset),
        cmocka_unit_test_setup(take_aligned_returns_naturally_aligned_blocks, reset),
        cmocka_unit_test_setup(region_at_top_of_address_space_does_not_wrap, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
