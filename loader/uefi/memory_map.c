/*
 * UEFI memory map -> boot-protocol memory regions (see memory_map.h). Runs
 * after ExitBootServices, so it must not call the firmware.
 */
#include "memory_map.h"

#define PAGE_SIZE 4096ull

static uint32_t region_type(UINT32 efi_type)
{
    switch (efi_type) {
    case EfiConventionalMemory:
    case EfiBootServicesCode:
    case EfiBootServicesData:
    case EfiLoaderCode:
    case EfiLoaderData:
        return A9N_MEMORY_FREE;
    case EfiMemoryMappedIO:
    case EfiMemoryMappedIOPortSpace:
        return A9N_MEMORY_DEVICE;
    default:
        /* Runtime services, ACPI tables and NVS, bad RAM, OEM and OS
           types: memory the kernel must leave alone. */
        return A9N_MEMORY_RESERVED;
    }
}

static uint64_t region_end(const struct a9n_memory_region *region)
{
    return region->base + region->size;
}

/* Insert sorted by base, merging with touching regions of the same type. */
static void add_region(struct a9n_boot_info *info, uint64_t base, uint64_t end,
                       uint32_t type /* enum a9n_memory_type */)
{
    if (type == A9N_MEMORY_FREE) {
        base = (base + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
        end &= ~(PAGE_SIZE - 1);
    } else {
        base &= ~(PAGE_SIZE - 1);
        end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    }
    if (end <= base)
        return;

    struct a9n_memory_region *memory = info->memory;
    uint32_t i = 0;
    while (i < info->memory_region_count && memory[i].base <= base)
        i++;
    if (i > 0 && memory[i - 1].type == type && base <= region_end(&memory[i - 1])) {
        i--;
        if (end > region_end(&memory[i]))
            memory[i].size = end - memory[i].base;
    } else {
        if (info->memory_region_count == A9N_BOOT_MAX_MEMORY_REGIONS)
            return;
        for (uint32_t j = info->memory_region_count; j > i; j--)
            memory[j] = memory[j - 1];
        memory[i] = (struct a9n_memory_region){ .base = base, .size = end - base, .type = type };
        info->memory_region_count++;
    }
    /* The grown region may now reach the ones after it. */
    while (i + 1 < info->memory_region_count && memory[i + 1].type == type &&
           memory[i + 1].base <= region_end(&memory[i])) {
        if (region_end(&memory[i + 1]) > region_end(&memory[i]))
            memory[i].size = region_end(&memory[i + 1]) - memory[i].base;
        for (uint32_t j = i + 1; j + 1 < info->memory_region_count; j++)
            memory[j] = memory[j + 1];
        info->memory_region_count--;
    }
}

void loader_memory_map_convert(const void *map, UINTN map_size, UINTN descriptor_size,
                               struct a9n_boot_info *info)
{
    info->memory_region_count = 0;
    if (descriptor_size < sizeof(EFI_MEMORY_DESCRIPTOR))
        return;
    for (UINTN offset = 0; offset < map_size && map_size - offset >= descriptor_size;
         offset += descriptor_size) {
        const EFI_MEMORY_DESCRIPTOR *descriptor =
            (const EFI_MEMORY_DESCRIPTOR *)((const char *)map + offset);
        uint64_t base = descriptor->PhysicalStart;
        if (descriptor->NumberOfPages > (~0ull - base) / PAGE_SIZE)
            continue; /* wraps around: a broken entry */
        uint64_t end = base + descriptor->NumberOfPages * PAGE_SIZE;
        uint32_t type = region_type(descriptor->Type);
        if (type == A9N_MEMORY_FREE && base < LOADER_LOW_MEMORY_LIMIT) {
            uint64_t low_end = end < LOADER_LOW_MEMORY_LIMIT ? end : LOADER_LOW_MEMORY_LIMIT;
            add_region(info, base, low_end, A9N_MEMORY_RESERVED);
            base = low_end;
        }
        add_region(info, base, end, type);
    }
}
