/*
 * Pages the loader allocates for the kernel, the boot modules and the
 * boot_info: tracked so that a boot that fails gives them all back before
 * the loader returns to the firmware.
 */
#ifndef LOADER_UEFI_PAGES_H
#define LOADER_UEFI_PAGES_H

#include <efi.h>

void pages_init(EFI_BOOT_SERVICES *boot_services);

/*
 * AllocatePages for `bytes` (rounded up to pages) of memory `type`.
 * `how` and the in/out `*address` as for AllocatePages: AllocateAddress
 * places the pages at *address, AllocateMaxAddress below it.
 */
EFI_STATUS pages_allocate(EFI_ALLOCATE_TYPE how, EFI_MEMORY_TYPE type, UINT64 bytes,
                          EFI_PHYSICAL_ADDRESS *address);

/* Give back every allocation made so far. */
void pages_free_all(void);

#endif
