/*
 * A software model of the HAL's paging operations for host tests and the
 * fuzzer: 4 levels of 512 entries over the test universe's memory (the
 * geometry universe.c reports), each entry the physical address of the next
 * table or frame with bit 0 as "present". It keeps the hal.h contract the
 * real ports keep (errors, no allocation), so the kernel's memory objects
 * run unchanged on the host.
 */
#include <hal.h>

#define LEVELS 4
#define ENTRIES 512
#define PRESENT 1ull
#define ADDRESS_MASK (~(uint64_t)(A9N_ARCH_PAGE_SIZE - 1))

static unsigned index_of(a9n_word_t va, unsigned depth)
{
    return (va >> (A9N_ARCH_PAGE_BITS + 9 * (depth - 1))) & (ENTRIES - 1);
}

static bool is_user_page(a9n_word_t va)
{
    return va < A9N_ARCH_USER_TOP && (va & (A9N_ARCH_PAGE_SIZE - 1)) == 0;
}

/* The entry of depth `depth` for va, or NULL when a table above it is missing. */
static uint64_t *find_entry(a9n_paddr_t root, a9n_word_t va, unsigned depth)
{
    uint64_t *table = hal_phys_to_virt(root);
    for (unsigned d = LEVELS; d > depth + 1; d--) {
        uint64_t entry = table[index_of(va, d)];
        if (!(entry & PRESENT))
            return NULL;
        table = hal_phys_to_virt(entry & ADDRESS_MASK);
    }
    return &table[index_of(va, depth + 1)];
}

void hal_address_space_init(a9n_paddr_t root)
{
    /* No kernel half to share in the model: the upper entries stay empty. */
    (void)root;
}

static enum a9n_error install(a9n_paddr_t root, a9n_word_t va, unsigned depth, uint64_t value)
{
    if (!is_user_page(va))
        return A9N_ERROR_INVALID_ADDRESS;
    if (depth >= LEVELS)
        return A9N_ERROR_INVALID_ARGUMENT;
    uint64_t *entry = find_entry(root, va, depth);
    if (entry == NULL)
        return A9N_ERROR_NOT_MAPPED;
    if (*entry & PRESENT)
        return A9N_ERROR_ALREADY_MAPPED;
    *entry = value | PRESENT;
    return A9N_ERROR_NONE;
}

enum a9n_error hal_map_table(a9n_paddr_t root, a9n_word_t va, unsigned depth, a9n_paddr_t table)
{
    if (depth == 0)
        return A9N_ERROR_INVALID_ARGUMENT;
    return install(root, va, depth, table);
}

enum a9n_error hal_map_frame(a9n_paddr_t root, a9n_word_t va, a9n_paddr_t frame,
                             unsigned attributes)
{
    (void)attributes;
    return install(root, va, 0, frame);
}

enum a9n_error hal_unmap(a9n_paddr_t root, a9n_word_t va, unsigned depth)
{
    if (!is_user_page(va))
        return A9N_ERROR_INVALID_ADDRESS;
    if (depth >= LEVELS)
        return A9N_ERROR_INVALID_ARGUMENT;
    uint64_t *entry = find_entry(root, va, depth);
    if (entry == NULL || !(*entry & PRESENT))
        return A9N_ERROR_NOT_MAPPED;
    *entry = 0;
    return A9N_ERROR_NONE;
}

bool hal_lookup(a9n_paddr_t root, a9n_word_t va, unsigned depth, a9n_paddr_t *target)
{
    if (!is_user_page(va) || depth >= LEVELS)
        return false;
    uint64_t *entry = find_entry(root, va, depth);
    if (entry == NULL || !(*entry & PRESENT))
        return false;
    *target = *entry & ADDRESS_MASK;
    return true;
}

unsigned hal_missing_depth(a9n_paddr_t root, a9n_word_t va)
{
    if (va >= A9N_ARCH_USER_TOP)
        return LEVELS - 1;
    for (unsigned depth = LEVELS - 1; depth > 0; depth--) {
        uint64_t *entry = find_entry(root, va, depth);
        if (!(*entry & PRESENT))
            return depth;
    }
    return 0;
}
