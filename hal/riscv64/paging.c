/*
 * Sv39 user address spaces for hal.h's architecture-independent paging:
 * depth 3 is the root, 2 and 1 the lower tables, 0 a 4 KiB frame. Table
 * memory always comes from the kernel; nothing here allocates.
 */
#include <a9n/memory.h>

#include "layout.h"
#include "riscv.h"
#include "platform.h"

static const struct hal_paging_geometry sv39_geometry = {
    .levels = SV39_LEVELS,
    .page_bits = SV39_PAGE_BITS,
    .index_bits = {SV39_INDEX_BITS, SV39_INDEX_BITS, SV39_INDEX_BITS},
};

const struct hal_paging_geometry *hal_paging_geometry(void)
{
    return &sv39_geometry;
}

static uint64_t *table_at(a9n_paddr_t table)
{
    return hal_phys_to_virt(table);
}

static uint64_t *next_table(uint64_t entry)
{
    return table_at((entry >> PTE_PPN_SHIFT) << SV39_PAGE_BITS);
}

static uint64_t table_entry(a9n_paddr_t table)
{
    /* A non-leaf entry: R = W = X = 0, and U, A, D must be 0 as well. */
    return (table >> SV39_PAGE_BITS) << PTE_PPN_SHIFT | PTE_V;
}

static bool is_leaf(uint64_t entry)
{
    return entry & (PTE_R | PTE_W | PTE_X);
}

/* Index of va in a table of depth `depth` (1 = lowest). */
static unsigned index_of(a9n_word_t va, unsigned depth)
{
    return (va >> (SV39_PAGE_BITS + SV39_INDEX_BITS * (depth - 1))) & (SV39_ENTRIES - 1);
}

static bool is_user_page(a9n_word_t va)
{
    return va < A9N_ARCH_USER_TOP && (va & (A9N_ARCH_PAGE_SIZE - 1)) == 0;
}

/*
 * The slot for an entry of depth `depth` (0 = frame) translating va, in the
 * table of depth depth + 1, or NULL when a table on the way is missing.
 * User space never holds large pages, so every valid entry above is a table.
 */
static uint64_t *find_slot(a9n_paddr_t root, a9n_word_t va, unsigned depth)
{
    uint64_t *table = table_at(root);
    for (unsigned d = SV39_LEVELS; d > depth + 1; d--) {
        uint64_t entry = table[index_of(va, d)];
        if (!(entry & PTE_V) || is_leaf(entry))
            return NULL;
        table = next_table(entry);
    }
    return &table[index_of(va, depth + 1)];
}

void hal_address_space_init(a9n_paddr_t root)
{
    /* The kernel half is shared: its tables are never replaced after boot. */
    uint64_t *table = table_at(root);
    for (unsigned i = SV39_ENTRIES / 2; i < SV39_ENTRIES; i++)
        table[i] = kernel_root_table[i];
}

enum a9n_error hal_map_table(a9n_paddr_t root, a9n_word_t va, unsigned depth, a9n_paddr_t table)
{
    if (!is_user_page(va))
        return A9N_ERROR_INVALID_ADDRESS;
    if (depth < 1 || depth >= SV39_LEVELS)
        return A9N_ERROR_INVALID_ARGUMENT;
    uint64_t *slot = find_slot(root, va, depth);
    if (!slot)
        return A9N_ERROR_NOT_MAPPED;
    if (*slot & PTE_V)
        return A9N_ERROR_ALREADY_MAPPED;
    *slot = table_entry(table);
    /* SFENCE.VMA orders the write before later walks (an invalid entry may be cached). */
    sfence_vma_all();
    return A9N_ERROR_NONE;
}

enum a9n_error hal_map_frame(a9n_paddr_t root, a9n_word_t va, a9n_paddr_t frame, unsigned attributes)
{
    if (!is_user_page(va))
        return A9N_ERROR_INVALID_ADDRESS;
    uint64_t *slot = find_slot(root, va, 0);
    if (!slot)
        return A9N_ERROR_NOT_MAPPED;
    if (*slot & PTE_V)
        return A9N_ERROR_ALREADY_MAPPED;
    /*
     * Every mapping is readable (as on x86; W without R is reserved in
     * Sv39). A and D are set up front because hardware without Svadu
     * faults instead of setting them. A9N_MAP_DEVICE needs no bit: without
     * Svpbmt the platform's PMAs already make MMIO uncached and ordered.
     */
    uint64_t entry = (frame >> SV39_PAGE_BITS) << PTE_PPN_SHIFT | PTE_V | PTE_U | PTE_R | PTE_A;
    if (attributes & A9N_MAP_WRITE)
        entry |= PTE_W | PTE_D;
    if (attributes & A9N_MAP_EXECUTE)
        entry |= PTE_X;
    *slot = entry;
    sfence_vma_address(va);
    return A9N_ERROR_NONE;
}

enum a9n_error hal_unmap(a9n_paddr_t root, a9n_word_t va, unsigned depth)
{
    if (!is_user_page(va))
        return A9N_ERROR_INVALID_ADDRESS;
    if (depth >= SV39_LEVELS)
        return A9N_ERROR_INVALID_ARGUMENT;
    uint64_t *slot = find_slot(root, va, depth);
    if (!slot || !(*slot & PTE_V))
        return A9N_ERROR_NOT_MAPPED;
    *slot = 0;
    /* A removed table drops a whole range, and the TLB may cache non-leaf entries. */
    if (depth == 0)
        sfence_vma_address(va);
    else
        sfence_vma_all();
    return A9N_ERROR_NONE;
}

bool hal_lookup(a9n_paddr_t root, a9n_word_t va, unsigned depth, a9n_paddr_t *target)
{
    if (!is_user_page(va) || depth >= SV39_LEVELS)
        return false;
    uint64_t *slot = find_slot(root, va, depth);
    if (!slot || !(*slot & PTE_V))
        return false;
    /* PPN is bits 10..53; the bits above are attributes (Svpbmt, Svnapot). */
    *target = ((*slot >> PTE_PPN_SHIFT) & ((1ull << 44) - 1)) << SV39_PAGE_BITS;
    return true;
}

unsigned hal_missing_depth(a9n_paddr_t root, a9n_word_t va)
{
    if (va >= A9N_ARCH_USER_TOP)
        return SV39_LEVELS - 1;
    uint64_t *table = table_at(root);
    for (unsigned d = SV39_LEVELS; d > 1; d--) {
        uint64_t entry = table[index_of(va, d)];
        if (!(entry & PTE_V) || is_leaf(entry))
            return d - 1;
        table = next_table(entry);
    }
    return 0;
}

/*
 * ASIDs. An address space runs under the ASID its tag names (the kernel's
 * identifier, kernel/address_space.c), so switching needs no flush: the
 * TLB keeps every address space's translations apart. The tag also holds
 * the identifier's generation, which changes when the identifier is given
 * to a new address space; asids.owner remembers which tag an ASID's TLB
 * entries belong to, and a new owner flushes them first. A hart with fewer
 * ASID bits than identifiers folds identifiers onto its ASIDs (down to one
 * ASID, i.e. a flush at every switch, on a hart without ASIDs); the owner
 * check keeps that correct. Tag 0 (an address space in which nothing was
 * ever mapped, so no identifier) is shared by several address spaces and
 * always flushes: its owner is recorded as NO_OWNER, which no tag equals
 * (identifier 0 is never handed out, so no tag has generation 1 with it).
 * An owner of 0 at boot is right as well: no user translation is cached
 * yet, so tag 0 needs no flush then, and any other tag differs.
 */
#define NO_OWNER ((a9n_word_t)1 << A9N_ADDRESS_SPACE_ID_BITS)

/* One object, so that the switch reaches both through one address. */
static struct {
    a9n_word_t mask;
    a9n_word_t owner[A9N_ADDRESS_SPACE_IDS];
} asids;

void paging_init(void)
{
    /* The implemented ASID bits keep the ones written to them (privileged spec, satp). */
    uint64_t satp = csr_read(satp);
    csr_write(satp, satp | SATP_ASID_MASK);
    a9n_word_t implemented = (csr_read(satp) & SATP_ASID_MASK) >> SATP_ASID_SHIFT;
    csr_write(satp, satp);
    sfence_vma_all();
    asids.mask = implemented < A9N_ADDRESS_SPACE_IDS - 1 ? implemented : A9N_ADDRESS_SPACE_IDS - 1;
}

void hal_address_space_activate(a9n_paddr_t root, a9n_word_t tag)
{
    a9n_word_t asid = tag & asids.mask;
    /* The mode field sits right above the ASID: (mode | asid) << ASID_SHIFT. */
    csr_write(satp, (SATP_MODE_SV39 >> SATP_ASID_SHIFT | asid) << SATP_ASID_SHIFT |
                        root >> SV39_PAGE_BITS);
    if (asids.owner[asid] != tag) {
        asids.owner[asid] = tag != 0 ? tag : NO_OWNER;
        /* rs2 != x0: only this ASID's entries; the kernel's global ones stay. */
        __asm__ volatile("sfence.vma zero, %0" ::"r"(asid) : "memory");
    }
}

/*
 * With an ASID for every identifier the word is the satp value, and the
 * ASID's previous owner is flushed now instead of at the first switch.
 * With fewer ASIDs, identifiers share them and each switch must check the
 * owner: hal_address_space_activate does that.
 */
a9n_word_t hal_address_space_switch_word(a9n_paddr_t root, a9n_word_t tag)
{
    if (asids.mask != A9N_ADDRESS_SPACE_IDS - 1)
        return 0;
    a9n_word_t asid = tag & asids.mask;
    if (asids.owner[asid] != tag) {
        asids.owner[asid] = tag;
        __asm__ volatile("sfence.vma zero, %0" ::"r"(asid) : "memory");
    }
    return (SATP_MODE_SV39 >> SATP_ASID_SHIFT | asid) << SATP_ASID_SHIFT | root >> SV39_PAGE_BITS;
}

uint64_t paging_active_leaf(a9n_word_t va)
{
    /* Sv39 addresses are 39-bit sign-extended; anything else never translates. */
    if ((a9n_word_t)((int64_t)(va << 25) >> 25) != va)
        return 0;
    uint64_t *table = table_at((csr_read(satp) & ((1ul << 44) - 1)) << SV39_PAGE_BITS);
    for (unsigned d = SV39_LEVELS; d >= 1; d--) {
        uint64_t entry = table[index_of(va, d)];
        if (!(entry & PTE_V))
            return 0;
        if (is_leaf(entry))
            return entry;
        if (d == 1)
            return 0;
        table = next_table(entry);
    }
    return 0;
}
