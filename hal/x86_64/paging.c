/*
 * 4-level paging: the kernel's own tables (direct map of all RAM, the
 * kernel image with per-section rights, a device window), built once at
 * boot and shared by every address space through the upper PML4 half; and
 * the hal.h operations on user address spaces.
 */
#include "x86.h"

#include <a9n/memory.h>

#define PTE_PRESENT (1ull << 0)
#define PTE_WRITE (1ull << 1)
#define PTE_USER (1ull << 2)
#define PTE_WRITE_THROUGH (1ull << 3)
#define PTE_CACHE_DISABLE (1ull << 4)
#define PTE_LARGE (1ull << 7)
#define PTE_GLOBAL (1ull << 8)
#define PTE_NO_EXECUTE (1ull << 63)
#define PTE_ADDRESS 0x000ffffffffff000ull

#define LEVELS 4
#define ENTRIES 512
#define PAGE_SIZE 4096ull
#define LARGE_PAGE_SIZE (2ull << 20)
#define HUGE_PAGE_SIZE (1ull << 30)
/* One direct-map PDPT: the direct map covers the first 512 GiB. */
#define DIRECT_MAP_LIMIT (512 * HUGE_PAGE_SIZE)
/* Without 1 GiB pages, 2 MiB pages from this many PDs (16 GiB). */
#define DIRECT_MAP_PDS 16
#define KERNEL_IMAGE_PTS 4 /* kernel.ld asserts the image ends below 8 MiB */

typedef uint64_t page_table[ENTRIES] __attribute__((aligned(4096)));

#define CPUID_1_ECX_PCID (1u << 17)
#define CR4_PCIDE (1ul << 17)
/* Loading CR3 with this bit set keeps the new PCID's TLB entries. */
#define CR3_NO_FLUSH (1ull << 63)

_Static_assert(A9N_ADDRESS_SPACE_IDS == 4096, "address-space identifiers are the 12-bit PCIDs");

/* CR4.PCIDE is on (the CPU has PCIDs). */
static bool pcids;
/* Per PCID: the tag last loaded under it without flushing (0: none). */
static a9n_word_t pcid_tags[A9N_ADDRESS_SPACE_IDS];

static page_table kernel_pml4;
static page_table direct_map_pdpt;
static page_table direct_map_pds[DIRECT_MAP_PDS];
static unsigned direct_map_pds_used;
static page_table kernel_pdpt;
static page_table kernel_image_pd;
static page_table kernel_image_pts[KERNEL_IMAGE_PTS];
static page_table device_pd;
static page_table device_pt;
static unsigned device_pages_used;

/* kernel.ld */
extern char kernel_text_start[], kernel_rodata_start[], kernel_data_start[];
extern char kernel_stack_guard[], kernel_end[];

static const struct hal_paging_geometry geometry = {
    .levels = LEVELS,
    .page_bits = 12,
    .index_bits = { 9, 9, 9, 9 },
};

const struct hal_paging_geometry *hal_paging_geometry(void)
{
    return &geometry;
}

const uintptr_t hal_direct_map_offset = X86_DIRECT_MAP_BASE;

a9n_paddr_t hal_virt_to_phys(const void *vaddr)
{
    a9n_word_t va = (a9n_word_t)vaddr;
    return va >= X86_KERNEL_BASE ? va - X86_KERNEL_BASE : va - X86_DIRECT_MAP_BASE;
}

/* Index of `va` in a table of depth `depth` (4 = PML4 ... 1 = PT). */
static unsigned table_index(a9n_word_t va, unsigned depth)
{
    return (va >> (12 + 9 * (depth - 1))) & (ENTRIES - 1);
}

static uint64_t *table_at(uint64_t entry)
{
    return hal_phys_to_virt(entry & PTE_ADDRESS);
}

/* ---- kernel tables, built at boot ---------------------------------------- */

/* Before the direct map exists the kernel image is reached through its link address. */
static uint64_t image_table_phys(const page_table *table)
{
    return hal_virt_to_phys(table);
}

static void map_direct_chunk(a9n_paddr_t paddr, bool huge_pages)
{
    const uint64_t attributes = PTE_PRESENT | PTE_WRITE | PTE_GLOBAL | PTE_NO_EXECUTE;
    unsigned gib = paddr / HUGE_PAGE_SIZE;

    if (huge_pages) {
        direct_map_pdpt[gib] = (paddr & ~(HUGE_PAGE_SIZE - 1)) | attributes | PTE_LARGE;
        return;
    }
    if (!(direct_map_pdpt[gib] & PTE_PRESENT)) {
        if (direct_map_pds_used == DIRECT_MAP_PDS)
            kernel_panic("x86_64: RAM at %lx beyond the direct map (no 1 GiB pages)", paddr);
        direct_map_pdpt[gib] =
            image_table_phys(&direct_map_pds[direct_map_pds_used++]) | PTE_PRESENT | PTE_WRITE;
    }
    /* Still on the boot tables: reach the PD through the kernel image. */
    uint64_t *pd = (uint64_t *)((direct_map_pdpt[gib] & PTE_ADDRESS) + X86_KERNEL_BASE);
    pd[table_index(X86_DIRECT_MAP_BASE + paddr, 2)] = paddr | attributes | PTE_LARGE;
}

/*
 * Map every RAM region (free or reserved: ACPI tables and firmware data are
 * RAM too; device regions are not) in 1 GiB or 2 MiB pages, rounded out to
 * the page size used.
 */
static void map_direct(const struct a9n_boot_info *boot_info, bool huge_pages)
{
    uint64_t chunk = huge_pages ? HUGE_PAGE_SIZE : LARGE_PAGE_SIZE;

    for (uint32_t i = 0; i < boot_info->memory_region_count; i++) {
        const struct a9n_memory_region *region = &boot_info->memory[i];
        if (region->type == A9N_MEMORY_DEVICE || region->size == 0)
            continue;
        uint64_t end = region->base + region->size;
        if (end > DIRECT_MAP_LIMIT)
            end = DIRECT_MAP_LIMIT;
        for (uint64_t paddr = region->base & ~(chunk - 1); paddr < end; paddr += chunk)
            map_direct_chunk(paddr, huge_pages);
    }
    kernel_pml4[table_index(X86_DIRECT_MAP_BASE, 4)] =
        image_table_phys(&direct_map_pdpt) | PTE_PRESENT | PTE_WRITE;
}

/* The image in 4 KiB pages: text read-only, rodata and data not executable,
   the stack guard page absent. */
static void map_kernel_image(void)
{
    for (unsigned i = 0; i < KERNEL_IMAGE_PTS; i++)
        kernel_image_pd[i] = image_table_phys(&kernel_image_pts[i]) | PTE_PRESENT | PTE_WRITE;

    for (char *page = kernel_text_start; page < kernel_end; page += PAGE_SIZE) {
        uint64_t attributes = PTE_PRESENT | PTE_GLOBAL;
        if (page == kernel_stack_guard)
            continue;
        if (page >= kernel_rodata_start)
            attributes |= PTE_NO_EXECUTE;
        if (page >= kernel_data_start)
            attributes |= PTE_WRITE;
        uint64_t paddr = hal_virt_to_phys(page);
        kernel_image_pts[paddr / LARGE_PAGE_SIZE][table_index((a9n_word_t)page, 1)] =
            paddr | attributes;
    }
    kernel_pdpt[table_index(X86_KERNEL_BASE, 3)] =
        image_table_phys(&kernel_image_pd) | PTE_PRESENT | PTE_WRITE;
    kernel_pdpt[table_index(X86_DEVICE_WINDOW_BASE, 3)] =
        image_table_phys(&device_pd) | PTE_PRESENT | PTE_WRITE;
    device_pd[0] = image_table_phys(&device_pt) | PTE_PRESENT | PTE_WRITE;
    kernel_pml4[table_index(X86_KERNEL_BASE, 4)] =
        image_table_phys(&kernel_pdpt) | PTE_PRESENT | PTE_WRITE;
}

void x86_paging_init(const struct a9n_boot_info *boot_info)
{
    uint32_t registers[4];
    x86_cpuid(0x80000001, 0, registers);
    bool huge_pages = registers[3] & (1u << 26);

    map_direct(boot_info, huge_pages);
    map_kernel_image();
    /* The boot tables' identity map goes away here. */
    x86_write_cr3(hal_virt_to_phys(kernel_pml4));

    /* PCIDE may only be set while the current PCID (CR3 bits 0-11) is 0, as now. */
    x86_cpuid(1, 0, registers);
    if (registers[2] & CPUID_1_ECX_PCID) {
        x86_write_cr4(x86_read_cr4() | CR4_PCIDE);
        pcids = true;
    }
}

volatile void *x86_map_device(a9n_paddr_t paddr, unsigned pages)
{
    a9n_paddr_t base = paddr & ~(PAGE_SIZE - 1);
    if (device_pages_used + pages > X86_DEVICE_WINDOW_PAGES)
        kernel_panic("x86_64: device window full");
    a9n_word_t va = X86_DEVICE_WINDOW_BASE + device_pages_used * PAGE_SIZE;
    for (unsigned i = 0; i < pages; i++)
        device_pt[device_pages_used++] = (base + i * PAGE_SIZE) | PTE_PRESENT | PTE_WRITE |
                                         PTE_GLOBAL | PTE_NO_EXECUTE | PTE_CACHE_DISABLE |
                                         PTE_WRITE_THROUGH;
    return (volatile void *)(va + (paddr - base));
}

/* ---- user address spaces --------------------------------------------------- */

void hal_address_space_init(a9n_paddr_t root)
{
    uint64_t *pml4 = hal_phys_to_virt(root);
    /* The upper half is the kernel's: the same PDPTs in every address space. */
    for (unsigned i = ENTRIES / 2; i < ENTRIES; i++)
        pml4[i] = kernel_pml4[i];
}

/*
 * With PCIDs, an address space's translations stay in the TLB under its
 * identifier (the low 12 bits of the kernel's tag: PCIDs are exactly the
 * identifiers) while others run, and loading CR3 with bit 63 set keeps
 * them. They are dropped (CR3 loaded without bit 63, which flushes that
 * PCID) when the identifier now belongs to another address space, i.e.
 * the tag differs from the one last loaded under it, and always for PCID
 * 0, which every address space without an identifier shares.
 */
/*
 * Translations of an address space that is not active can only be in the
 * TLB under its PCID, which this HAL does not know from the root: drop the
 * non-kernel translations of every PCID (changing CR4.PGE flushes all
 * PCIDs, global entries included; the kernel's come back on use).
 */
static void flush_inactive(void)
{
    uint64_t cr4 = x86_read_cr4();
    x86_write_cr4(cr4 & ~X86_CR4_PGE);
    x86_write_cr4(cr4);
}

void hal_address_space_activate(a9n_paddr_t root, a9n_word_t tag)
{
    if (!pcids) {
        x86_write_cr3(root);
        return;
    }
    unsigned pcid = tag & (A9N_ADDRESS_SPACE_IDS - 1);
    if (pcid != 0 && pcid_tags[pcid] == tag) {
        x86_write_cr3(root | pcid | CR3_NO_FLUSH);
        return;
    }
    pcid_tags[pcid] = tag;
    x86_write_cr3(root | pcid);
}

/*
 * Without PCIDs every CR3 load flushes: the root is the word. With them the
 * identifier is the PCID, and its previous owner's translations go now
 * (none if it was never loaded), so that the word can keep the TLB.
 */
a9n_word_t hal_address_space_switch_word(a9n_paddr_t root, a9n_word_t tag)
{
    if (!pcids)
        return root;
    unsigned pcid = tag & (A9N_ADDRESS_SPACE_IDS - 1);
    if (pcid_tags[pcid] != 0 && pcid_tags[pcid] != tag)
        flush_inactive();
    pcid_tags[pcid] = tag;
    return root | pcid | CR3_NO_FLUSH;
}


static bool is_user_page(a9n_word_t va)
{
    return va < A9N_ARCH_USER_TOP && va % PAGE_SIZE == 0;
}

/* The table of depth `depth` on the way to `va`, or NULL if one is missing. */
static uint64_t *find_table(a9n_paddr_t root, a9n_word_t va, unsigned depth)
{
    uint64_t *table = hal_phys_to_virt(root);
    for (unsigned d = LEVELS; d > depth; d--) {
        uint64_t entry = table[table_index(va, d)];
        if (!(entry & PTE_PRESENT))
            return NULL;
        table = table_at(entry);
    }
    return table;
}

/* The still-empty entry of depth `depth` for va, or an error. */
static enum a9n_error free_entry(a9n_paddr_t root, a9n_word_t va, unsigned depth, uint64_t **entry)
{
    if (!is_user_page(va))
        return A9N_ERROR_INVALID_ADDRESS;
    if (depth >= LEVELS)
        return A9N_ERROR_INVALID_ARGUMENT;
    uint64_t *table = find_table(root, va, depth + 1);
    if (table == NULL)
        return A9N_ERROR_NOT_MAPPED;
    *entry = &table[table_index(va, depth + 1)];
    return (**entry & PTE_PRESENT) ? A9N_ERROR_ALREADY_MAPPED : A9N_ERROR_NONE;
}

enum a9n_error hal_map_table(a9n_paddr_t root, a9n_word_t va, unsigned depth, a9n_paddr_t table)
{
    if (depth == 0)
        return A9N_ERROR_INVALID_ARGUMENT;
    uint64_t *entry;
    enum a9n_error error = free_entry(root, va, depth, &entry);
    if (error != A9N_ERROR_NONE)
        return error;
    /* Intermediate entries grant everything; the frame entry decides. */
    *entry = (table & PTE_ADDRESS) | PTE_PRESENT | PTE_WRITE | PTE_USER;
    return A9N_ERROR_NONE;
}

/* x86 cannot express write-only or execute-only pages: any mapping is readable. */
enum a9n_error hal_map_frame(a9n_paddr_t root, a9n_word_t va, a9n_paddr_t frame, unsigned attributes)
{
    uint64_t *entry;
    enum a9n_error error = free_entry(root, va, 0, &entry);
    if (error != A9N_ERROR_NONE)
        return error;
    uint64_t pte = (frame & PTE_ADDRESS) | PTE_PRESENT | PTE_USER;
    if (attributes & A9N_MAP_WRITE)
        pte |= PTE_WRITE;
    if (!(attributes & A9N_MAP_EXECUTE))
        pte |= PTE_NO_EXECUTE;
    if (attributes & A9N_MAP_DEVICE)
        pte |= PTE_CACHE_DISABLE | PTE_WRITE_THROUGH;
    *entry = pte;
    return A9N_ERROR_NONE;
}

enum a9n_error hal_unmap(a9n_paddr_t root, a9n_word_t va, unsigned depth)
{
    if (!is_user_page(va))
        return A9N_ERROR_INVALID_ADDRESS;
    if (depth >= LEVELS)
        return A9N_ERROR_INVALID_ARGUMENT;
    uint64_t *table = find_table(root, va, depth + 1);
    if (table == NULL || !(table[table_index(va, depth + 1)] & PTE_PRESENT))
        return A9N_ERROR_NOT_MAPPED;
    table[table_index(va, depth + 1)] = 0;

    /* Without PCIDs a CR3 switch drops all user translations, so only the
       active address space can hold stale ones; with PCIDs any may. A
       removed table may have backed many cached translations: flush them
       all (reloading CR3 without bit 63 flushes the current PCID). */
    uint64_t cr3 = x86_read_cr3();
    if ((cr3 & PTE_ADDRESS) != root) {
        if (pcids)
            flush_inactive();
    } else if (depth == 0) {
        x86_invlpg(va);
    } else {
        x86_write_cr3(cr3);
    }
    return A9N_ERROR_NONE;
}

bool hal_lookup(a9n_paddr_t root, a9n_word_t va, unsigned depth, a9n_paddr_t *target)
{
    if (!is_user_page(va) || depth >= LEVELS)
        return false;
    uint64_t *table = find_table(root, va, depth + 1);
    if (table == NULL)
        return false;
    uint64_t entry = table[table_index(va, depth + 1)];
    if (!(entry & PTE_PRESENT))
        return false;
    *target = entry & PTE_ADDRESS;
    return true;
}

unsigned hal_missing_depth(a9n_paddr_t root, a9n_word_t va)
{
    if (va >= A9N_ARCH_USER_TOP)
        return LEVELS - 1;
    uint64_t *table = hal_phys_to_virt(root);
    for (unsigned d = LEVELS; d > 1; d--) {
        uint64_t entry = table[table_index(va, d)];
        if (!(entry & PTE_PRESENT))
            return d - 1;
        table = table_at(entry);
    }
    return 0;
}
