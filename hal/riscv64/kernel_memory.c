/*
 * The kernel half of every address space (layout.h): the direct map of RAM,
 * the kernel image and the device window. entry.S builds a temporary version
 * with the MMU off; kernel_memory_init() trims it once RAM is known.
 */
#include "layout.h"
#include "riscv.h"
#include "platform.h"

#define GIGABYTE (1ul << 30)

/* Filled by entry.S (physical, MMU off) and shared by every address space. */
uint64_t kernel_root_table[SV39_ENTRIES] __attribute__((aligned(4096)));
uint64_t kernel_image_table[SV39_ENTRIES] __attribute__((aligned(4096)));
static uint64_t kernel_image_pages[KERNEL_IMAGE_MAX_SIZE >> 21][SV39_ENTRIES]
    __attribute__((aligned(4096)));
static uint64_t device_window_table[SV39_ENTRIES] __attribute__((aligned(4096)));
static uint64_t device_page_table[SV39_ENTRIES] __attribute__((aligned(4096)));
static unsigned device_pages_used;

static a9n_paddr_t kernel_physical_base;

/* kernel.ld and entry.S */
extern char __kernel_start[], __text_end[], __rodata_end[], __kernel_end[];
extern char kernel_stack_guard[];

const uintptr_t hal_direct_map_offset = DIRECT_MAP_BASE;

a9n_paddr_t hal_virt_to_phys(const void *vaddr)
{
    uintptr_t va = (uintptr_t)vaddr;
    /* Kernel image addresses (.bss, .data) translate through the load address. */
    if (va >= KERNEL_VIRTUAL_BASE)
        return va - KERNEL_VIRTUAL_BASE + kernel_physical_base;
    return va - DIRECT_MAP_BASE;
}

static uint64_t kernel_table_entry(const void *table)
{
    return (hal_virt_to_phys(table) >> SV39_PAGE_BITS) << PTE_PPN_SHIFT | PTE_V;
}

static bool gigabyte_has_ram(uint64_t gigabyte, const struct devicetree_platform *platform)
{
    uint64_t start = gigabyte * GIGABYTE, end = start + GIGABYTE;
    for (unsigned i = 0; i < platform->memory_count; i++) {
        const struct devicetree_range *ram = &platform->memory[i];
        if (ram->base < end && ram->base + ram->size > start)
            return true;
    }
    return false;
}

/*
 * Replace entry.S's RWX megapages by 4 KiB pages with the rights of each
 * section, and leave the stack guard page unmapped. The physical pages stay
 * the same, so the code doing this keeps running whichever mapping the TLB
 * holds until the fence.
 */
static void map_kernel_image(void)
{
    uintptr_t start = (uintptr_t)__kernel_start;
    for (uintptr_t va = start; va < (uintptr_t)__kernel_end; va += A9N_ARCH_PAGE_SIZE) {
        uintptr_t offset = va - start;
        uint64_t rights = va < (uintptr_t)__text_end     ? PTE_R | PTE_X
                          : va < (uintptr_t)__rodata_end ? PTE_R
                                                         : PTE_R | PTE_W | PTE_D;
        uint64_t entry = ((kernel_physical_base + offset) >> SV39_PAGE_BITS) << PTE_PPN_SHIFT |
                         PTE_V | PTE_A | PTE_G | rights;
        if (va == (uintptr_t)kernel_stack_guard)
            entry = 0;
        kernel_image_pages[offset >> 21][(offset >> SV39_PAGE_BITS) % SV39_ENTRIES] = entry;
    }
    for (uintptr_t offset = 0; offset < (uintptr_t)(__kernel_end - __kernel_start);
         offset += 1ul << 21)
        kernel_image_table[offset >> 21] = kernel_table_entry(kernel_image_pages[offset >> 21]);
}

void kernel_memory_init(a9n_paddr_t physical_base, const struct devicetree_platform *platform)
{
    kernel_physical_base = physical_base;
    /*
     * Keep only the gigabytes that hold RAM in the direct map, so the kernel
     * never makes (speculatively accessible) cacheable mappings of MMIO
     * elsewhere, and drop the identity mapping entry.S needed.
     */
    for (uint64_t gigabyte = 0; gigabyte < DIRECT_MAP_GIGABYTES; gigabyte++)
        if (!gigabyte_has_ram(gigabyte, platform))
            kernel_root_table[DIRECT_MAP_ROOT_INDEX + gigabyte] = 0;
    for (unsigned i = 0; i < SV39_ENTRIES / 2; i++)
        kernel_root_table[i] = 0;
    map_kernel_image();
    device_window_table[0] = kernel_table_entry(device_page_table);
    kernel_root_table[DEVICE_WINDOW_ROOT_INDEX] = kernel_table_entry(device_window_table);
    /* A full fence also drops the temporary and the megapage global mappings. */
    sfence_vma_all();
}

volatile void *kernel_memory_map_device(a9n_paddr_t base, uint64_t size)
{
    a9n_paddr_t first = base & ~(A9N_ARCH_PAGE_SIZE - 1);
    uint64_t pages = (base + size - first + A9N_ARCH_PAGE_SIZE - 1) >> SV39_PAGE_BITS;
    if (pages > SV39_ENTRIES - device_pages_used)
        kernel_panic("device window full mapping %p", (void *)base);
    uintptr_t va = DEVICE_WINDOW_BASE + ((uintptr_t)device_pages_used << SV39_PAGE_BITS);
    for (uint64_t i = 0; i < pages; i++)
        device_page_table[device_pages_used + i] =
            ((first >> SV39_PAGE_BITS) + i) << PTE_PPN_SHIFT | PTE_V | PTE_R | PTE_W | PTE_A |
            PTE_D | PTE_G;
    device_pages_used += (unsigned)pages;
    sfence_vma_all();
    return (volatile void *)(va + (base - first));
}
