/*
 * The boot_info memory map from the device tree: RAM minus firmware
 * reservations and the device tree itself is free (page-aligned inwards),
 * reservations grow outwards, MMIO is device, the kernel's own devices
 * (PLIC, exit device) are reserved. Free ranges never overlap a reserved one.
 */
#include "platform.h"

#define PAGE_MASK (A9N_ARCH_PAGE_SIZE - 1)

struct range {
    uint64_t start, end;
};

static void add_region(struct a9n_boot_info *info, uint64_t start, uint64_t end,
                       enum a9n_memory_type type)
{
    /* A region that does not fit is left out: only free RAM is ever handed out. */
    if (start >= end || info->memory_region_count == A9N_BOOT_MAX_MEMORY_REGIONS)
        return;
    struct a9n_memory_region *region = &info->memory[info->memory_region_count++];
    region->base = start;
    region->size = end - start;
    region->type = type;
    region->reserved = 0;
}

static struct range outward(uint64_t base, uint64_t size)
{
    return (struct range){base & ~PAGE_MASK, (base + size + PAGE_MASK) & ~PAGE_MASK};
}

static void sort_ranges(struct range *ranges, unsigned count)
{
    for (unsigned i = 1; i < count; i++)
        for (unsigned j = i; j > 0 && ranges[j - 1].start > ranges[j].start; j--) {
            struct range swap = ranges[j];
            ranges[j] = ranges[j - 1];
            ranges[j - 1] = swap;
        }
}

static void sort_regions(struct a9n_boot_info *info)
{
    struct a9n_memory_region *regions = info->memory;
    for (unsigned i = 1; i < info->memory_region_count; i++)
        for (unsigned j = i; j > 0 && regions[j - 1].base > regions[j].base; j--) {
            struct a9n_memory_region swap = regions[j];
            regions[j] = regions[j - 1];
            regions[j - 1] = swap;
        }
}

static bool overlaps(uint64_t base, uint64_t size, const struct devicetree_range *range)
{
    return base < range->base + range->size && range->base < base + size;
}

/*
 * MMIO the kernel itself drives: user level must never map it. The console
 * UART is not among them: the kernel only polls its transmitter, and a
 * user-level driver needs its registers for input (as on x86_64, where
 * init's I/O Port capability covers COM1).
 */
static bool is_kernel_device(const struct devicetree_platform *platform, uint64_t base,
                             uint64_t size)
{
    struct devicetree_range poweroff = {platform->poweroff.base, 4};
    const struct devicetree_range *exit_device = &platform->exit_device;
    return (platform->has_plic && overlaps(base, size, &platform->plic)) ||
           (platform->has_exit_device && overlaps(base, size, exit_device)) ||
           (platform->has_poweroff && overlaps(base, size, &poweroff));
}

void memory_map_build(struct a9n_boot_info *info, const struct devicetree_platform *platform,
                      a9n_paddr_t device_tree)
{
    struct range reserved[DEVICETREE_MAX_RESERVED + 1];
    unsigned reserved_count = 0;
    for (unsigned i = 0; i < platform->reserved_count; i++)
        reserved[reserved_count++] = outward(platform->reserved[i].base, platform->reserved[i].size);
    reserved[reserved_count++] = outward(device_tree, platform->device_tree_size);
    sort_ranges(reserved, reserved_count);

    for (unsigned i = 0; i < platform->memory_count; i++) {
        const struct devicetree_range *ram = &platform->memory[i];
        uint64_t cursor = (ram->base + PAGE_MASK) & ~PAGE_MASK;
        uint64_t end = (ram->base + ram->size) & ~PAGE_MASK;
        /* Walk the sorted reservations, emitting the gaps between them. */
        for (unsigned r = 0; r < reserved_count && cursor < end; r++) {
            if (reserved[r].end <= cursor || reserved[r].start >= end)
                continue;
            add_region(info, cursor, reserved[r].start, A9N_MEMORY_FREE);
            if (reserved[r].end > cursor)
                cursor = reserved[r].end;
        }
        add_region(info, cursor, end, A9N_MEMORY_FREE);
    }
    for (unsigned r = 0; r < reserved_count; r++)
        add_region(info, reserved[r].start, reserved[r].end, A9N_MEMORY_RESERVED);
    for (unsigned i = 0; i < platform->device_count; i++) {
        const struct devicetree_range *device = &platform->devices[i];
        struct range pages = outward(device->base, device->size);
        add_region(info, pages.start, pages.end,
                   is_kernel_device(platform, device->base, device->size) ? A9N_MEMORY_RESERVED
                                                                          : A9N_MEMORY_DEVICE);
    }
    sort_regions(info);
}
