/*
 * The UEFI memory map, as GetMemoryMap returns it right before
 * ExitBootServices, turned into the boot protocol's memory regions. Pure C
 * (no UEFI calls), so it is host-tested.
 */
#ifndef LOADER_UEFI_MEMORY_MAP_H
#define LOADER_UEFI_MEMORY_MAP_H

#include <a9n/boot_info.h>
#include <efi.h>

/* Real-mode memory, BIOS data, option ROMs: reported reserved, as the PVH path does. */
#define LOADER_LOW_MEMORY_LIMIT 0x100000ull

/*
 * Fill info->memory from `map_size` bytes of EFI_MEMORY_DESCRIPTORs spaced
 * `descriptor_size` bytes apart (the firmware's stride, which may exceed
 * sizeof(EFI_MEMORY_DESCRIPTOR)). Memory that is free once boot services
 * are gone (conventional, boot-services and loader code and data) becomes
 * free, except below LOADER_LOW_MEMORY_LIMIT; MMIO becomes device;
 * everything else (runtime services, ACPI, reserved, unusable, persistent,
 * unknown types) reserved. Regions are page aligned (free inwards, the
 * others outwards), sorted, and touching regions of one type merged. A
 * region that does not fit in the 128 entries is left out: the kernel
 * only ever uses memory listed as free, so that is always safe.
 */
void loader_memory_map_convert(const void *map, UINTN map_size, UINTN descriptor_size,
                               struct a9n_boot_info *info);

#endif
