/*
 * Allocation tracking for the loader's handoff memory (see pages.h).
 */
#include "pages.h"

#include <a9n/boot_info.h>

#define PAGE_SIZE 4096ull
/* kernel + config + modules + boot_info, with room to spare */
#define MAX_ALLOCATIONS (A9N_BOOT_MAX_MODULES + 8)

static EFI_BOOT_SERVICES *boot_services;
static struct {
    EFI_PHYSICAL_ADDRESS base;
    UINTN pages;
} allocations[MAX_ALLOCATIONS];
static unsigned allocation_count;

void pages_init(EFI_BOOT_SERVICES *services)
{
    boot_services = services;
    allocation_count = 0;
}

EFI_STATUS pages_allocate(EFI_ALLOCATE_TYPE how, EFI_MEMORY_TYPE type, UINT64 bytes,
                          EFI_PHYSICAL_ADDRESS *address)
{
    if (allocation_count == MAX_ALLOCATIONS || bytes > ~0ull - PAGE_SIZE)
        return EFI_OUT_OF_RESOURCES;
    UINTN pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
    if (pages == 0)
        pages = 1;
    EFI_STATUS status = boot_services->AllocatePages(how, type, pages, address);
    if (EFI_ERROR(status))
        return status;
    allocations[allocation_count].base = *address;
    allocations[allocation_count].pages = pages;
    allocation_count++;
    return EFI_SUCCESS;
}

void pages_free_all(void)
{
    while (allocation_count > 0) {
        allocation_count--;
        boot_services->FreePages(allocations[allocation_count].base,
                                 allocations[allocation_count].pages);
    }
}
