/*
 * Free-memory bookkeeping for the boot phase only. Everything here is
 * arithmetic on ranges; nothing touches the memory itself.
 */
#include "boot_memory.h"

static a9n_paddr_t round_down(a9n_paddr_t value, unsigned page_size)
{
    return value - value % page_size;
}

static a9n_paddr_t round_up(a9n_paddr_t value, unsigned page_size)
{
    a9n_paddr_t rounded = round_down(value, page_size);
    /* Saturate instead of wrapping at the top of the address space. */
    if (rounded != value)
        rounded = rounded + page_size < rounded ? (a9n_paddr_t)0 - page_size : rounded + page_size;
    return rounded;
}

static void remove_range_at(struct boot_memory *memory, unsigned index)
{
    for (unsigned i = index; i + 1 < memory->range_count; i++)
        memory->ranges[i] = memory->ranges[i + 1];
    memory->range_count--;
}

static void insert_sorted(struct boot_memory *memory, a9n_paddr_t base, a9n_paddr_t end)
{
    if (base >= end || memory->range_count == BOOT_MEMORY_MAX_RANGES)
        return;
    unsigned i = memory->range_count;
    while (i > 0 && memory->ranges[i - 1].base > base) {
        memory->ranges[i] = memory->ranges[i - 1];
        i--;
    }
    memory->ranges[i].base = base;
    memory->ranges[i].end = end;
    memory->range_count++;
}

/* Cut [base, end) out of every free range, splitting where needed. */
static void exclude(struct boot_memory *memory, a9n_paddr_t base, a9n_paddr_t end)
{
    base = round_down(base, memory->page_size);
    end = round_up(end, memory->page_size);
    for (unsigned i = 0; i < memory->range_count;) {
        struct boot_memory_range *range = &memory->ranges[i];
        if (end <= range->base || base >= range->end) {
            i++;
            continue;
        }
        bool keep_left = range->base < base;
        bool keep_right = end < range->end;
        if (keep_left && keep_right && memory->range_count < BOOT_MEMORY_MAX_RANGES) {
            for (unsigned j = memory->range_count; j > i + 1; j--)
                memory->ranges[j] = memory->ranges[j - 1];
            memory->ranges[i + 1].base = end;
            memory->ranges[i + 1].end = range->end;
            range->end = base;
            memory->range_count++;
            i += 2;
        } else if (keep_left) {
            /* Also the full-table case: losing the right piece is safe,
             * handing out memory that is in use is not. */
            range->end = base;
            i++;
        } else if (keep_right) {
            range->base = end;
            i++;
        } else {
            remove_range_at(memory, i);
        }
    }
}

void boot_memory_init(struct boot_memory *memory, const struct a9n_boot_info *info,
                      const struct boot_memory_range *excluded, unsigned excluded_count,
                      unsigned page_size)
{
    memory->page_size = page_size;
    memory->range_count = 0;

    unsigned region_count = info->memory_region_count;
    if (region_count > A9N_BOOT_MAX_MEMORY_REGIONS)
        region_count = A9N_BOOT_MAX_MEMORY_REGIONS;

    for (unsigned i = 0; i < region_count; i++) {
        const struct a9n_memory_region *region = &info->memory[i];
        if (region->type != A9N_MEMORY_FREE)
            continue;
        a9n_paddr_t end = region->base + region->size < region->base ? (a9n_paddr_t)0 - page_size
                                                                      : region->base + region->size;
        insert_sorted(memory, round_up(region->base, page_size), round_down(end, page_size));
    }
    /* Overlapping FREE entries from a sloppy loader: drop the overlap. */
    for (unsigned i = 1; i < memory->range_count;) {
        struct boot_memory_range *previous = &memory->ranges[i - 1];
        if (memory->ranges[i].base < previous->end) {
            if (memory->ranges[i].end > previous->end)
                previous->end = memory->ranges[i].end;
            remove_range_at(memory, i);
        } else {
            i++;
        }
    }
    /* Anything the loader calls reserved or device wins over free. */
    for (unsigned i = 0; i < region_count; i++) {
        const struct a9n_memory_region *region = &info->memory[i];
        if (region->type != A9N_MEMORY_FREE)
            exclude(memory, region->base, region->base + region->size);
    }
    for (unsigned i = 0; i < excluded_count; i++)
        exclude(memory, excluded[i].base, excluded[i].end);
}

bool boot_memory_take_page(struct boot_memory *memory, a9n_paddr_t *page)
{
    /* Ranges are whole pages: the first one always has a page to give. */
    if (memory->range_count == 0)
        return false;
    struct boot_memory_range *range = &memory->ranges[0];
    *page = range->base;
    range->base += memory->page_size;
    if (range->base == range->end)
        remove_range_at(memory, 0);
    return true;
}

bool boot_memory_take_aligned(struct boot_memory *memory, unsigned size_bits, a9n_paddr_t *base)
{
    a9n_paddr_t size = (a9n_paddr_t)1 << size_bits;
    for (unsigned i = 0; i < memory->range_count; i++) {
        struct boot_memory_range *range = &memory->ranges[i];
        a9n_paddr_t start = (range->base + size - 1) & ~(size - 1);
        if (start < range->base || start >= range->end || range->end - start < size)
            continue;
        /* Splitting a range needs a free table entry; try another range if none. */
        bool splits = start != range->base && start + size != range->end;
        if (splits && memory->range_count == BOOT_MEMORY_MAX_RANGES)
            continue;
        *base = start;
        exclude(memory, start, start + size);
        return true;
    }
    return false;
}

uint64_t boot_memory_free_bytes(const struct boot_memory *memory)
{
    uint64_t total = 0;
    for (unsigned i = 0; i < memory->range_count; i++)
        total += memory->ranges[i].end - memory->ranges[i].base;
    return total;
}
