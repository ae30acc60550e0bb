/*
 * Physical memory at boot: the free RAM the boot protocol reports, minus
 * everything in use (kernel image, modules, device tree, boot info). The
 * kernel takes the few pages it needs to build the first process from
 * here; what remains is handed to user level.
 */
#ifndef KERNEL_BOOT_MEMORY_H
#define KERNEL_BOOT_MEMORY_H

#include <a9n/boot_info.h>

#define BOOT_MEMORY_MAX_RANGES (A9N_BOOT_MAX_MEMORY_REGIONS * 2)
#define BOOT_MEMORY_MAX_EXCLUDED (A9N_BOOT_MAX_MODULES + 8)

struct boot_memory_range {
    a9n_paddr_t base;
    a9n_paddr_t end; /* exclusive */
};

struct boot_memory {
    unsigned page_size;
    unsigned range_count;
    struct boot_memory_range ranges[BOOT_MEMORY_MAX_RANGES];
};

/*
 * Build the free list: every A9N_MEMORY_FREE region shrunk to whole pages,
 * minus every reserved or device region and every range in `excluded`
 * (grown to whole pages). Ranges are sorted and disjoint.
 */
void boot_memory_init(struct boot_memory *memory, const struct a9n_boot_info *info,
                      const struct boot_memory_range *excluded, unsigned excluded_count,
                      unsigned page_size);

/* Take one page; returns false when no free page is left. */
bool boot_memory_take_page(struct boot_memory *memory, a9n_paddr_t *page);

/*
 * Take 2^size_bits bytes aligned to their size (size_bits >= page bits):
 * kernel objects are naturally aligned. False when no range can hold it.
 */
bool boot_memory_take_aligned(struct boot_memory *memory, unsigned size_bits, a9n_paddr_t *base);

/* Bytes still free. */
uint64_t boot_memory_free_bytes(const struct boot_memory *memory);

#endif
