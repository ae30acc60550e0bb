/*
 * The PVH direct boot (QEMU -kernel): turn the loader's struct
 * hvm_start_info into the A9N boot protocol's struct a9n_boot_info.
 */
#include "x86.h"

/* The PVH boot ABI (Xen's public/arch-x86/hvm/start_info.h). */
#define HVM_START_MAGIC 0x336ec578u

struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    uint64_t memmap_paddr;    /* version 1 and later */
    uint32_t memmap_entries;
    uint32_t reserved;
};

struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;
    uint64_t reserved;
};

struct hvm_memmap_table_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type; /* E820 */
    uint32_t reserved;
};

#define E820_RAM 1

/* Real-mode memory, BIOS data, option ROMs: never handed out. */
#define LOW_MEMORY_LIMIT 0x100000ull
#define PAGE_SIZE 4096ull

/* Keep the map sorted by base; free regions shrink inwards to whole pages,
   reserved ones grow outwards. */
static void add_region(struct a9n_boot_info *boot_info, uint64_t base, uint64_t end,
                       enum a9n_memory_type type)
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
    if (boot_info->memory_region_count == A9N_BOOT_MAX_MEMORY_REGIONS) {
        kernel_printf("x86_64: memory map too long, dropped %lx..%lx\n", base, end);
        return;
    }
    uint32_t i = boot_info->memory_region_count++;
    for (; i > 0 && boot_info->memory[i - 1].base > base; i--)
        boot_info->memory[i] = boot_info->memory[i - 1];
    boot_info->memory[i] = (struct a9n_memory_region){ .base = base, .size = end - base, .type = type };
}

/* E820 maps may list one range twice or in touching pieces: merge those. */
static void merge_regions(struct a9n_boot_info *boot_info)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; i < boot_info->memory_region_count; i++) {
        const struct a9n_memory_region *region = &boot_info->memory[i];
        struct a9n_memory_region *previous = kept > 0 ? &boot_info->memory[kept - 1] : NULL;
        if (previous != NULL && previous->type == region->type &&
            region->base <= previous->base + previous->size) {
            uint64_t end = region->base + region->size;
            if (end > previous->base + previous->size)
                previous->size = end - previous->base;
            continue;
        }
        boot_info->memory[kept++] = *region;
    }
    boot_info->memory_region_count = kept;
}

static void read_memory_map(const struct hvm_start_info *start_info,
                            struct a9n_boot_info *boot_info)
{
    if (start_info->version < 1 || start_info->memmap_entries == 0)
        kernel_panic("x86_64: the PVH loader passed no memory map");
    const struct hvm_memmap_table_entry *map = x86_boot_pointer(
        start_info->memmap_paddr, start_info->memmap_entries * sizeof(struct hvm_memmap_table_entry));

    for (uint32_t i = 0; i < start_info->memmap_entries; i++) {
        uint64_t base = map[i].addr, end = map[i].addr + map[i].size;
        if (end <= base)
            continue;
        if (map[i].type != E820_RAM) {
            /* ACPI tables, NVS, firmware: RAM the kernel must not reuse */
            add_region(boot_info, base, end, A9N_MEMORY_RESERVED);
            continue;
        }
        if (base < LOW_MEMORY_LIMIT) {
            add_region(boot_info, base, end < LOW_MEMORY_LIMIT ? end : LOW_MEMORY_LIMIT, A9N_MEMORY_RESERVED);
            base = LOW_MEMORY_LIMIT;
        }
        if (base < end)
            add_region(boot_info, base, end, A9N_MEMORY_FREE);
    }
    merge_regions(boot_info);
}

void x86_pvh_read_start_info(a9n_paddr_t start_info_paddr, struct a9n_boot_info *boot_info)
{
    const struct hvm_start_info *start_info = x86_boot_pointer(start_info_paddr, sizeof(*start_info));
    if (start_info->magic != HVM_START_MAGIC)
        kernel_panic("x86_64: bad PVH start_info magic %x", start_info->magic);

    boot_info->magic = A9N_BOOT_INFO_MAGIC;
    boot_info->version = A9N_BOOT_INFO_VERSION;
    boot_info->arch.acpi_rsdp = start_info->rsdp_paddr;
    read_memory_map(start_info, boot_info);

    /* QEMU's -initrd is the one module: the boot-module archive. */
    if (start_info->nr_modules > 0) {
        const struct hvm_modlist_entry *module =
            x86_boot_pointer(start_info->modlist_paddr, sizeof(struct hvm_modlist_entry));
        static const char name[] = "initrd";
        boot_info->modules[0].base = module->paddr;
        boot_info->modules[0].size = module->size;
        for (unsigned i = 0; i < sizeof(name); i++)
            boot_info->modules[0].name[i] = name[i];
        boot_info->module_count = 1;
        if (start_info->nr_modules > 1)
            kernel_printf("x86_64: %u PVH modules, only the first is used\n",
                          start_info->nr_modules);
    }

    if (start_info->cmdline_paddr != 0) {
        const char *command_line = x86_boot_pointer(start_info->cmdline_paddr, 1);
        for (unsigned i = 0; i + 1 < A9N_BOOT_COMMAND_LINE_LENGTH; i++) {
            if ((uint64_t)(command_line + i) >= X86_BOOT_IDENTITY_LIMIT || command_line[i] == '\0')
                break;
            boot_info->command_line[i] = command_line[i];
        }
    }
}
