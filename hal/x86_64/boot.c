/*
 * From the PVH entry to kernel_main: turn the loader's struct hvm_start_info
 * into the A9N boot protocol's struct a9n_boot_info, then set up the CPU
 * (features, paging, segments, traps, local APIC).
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

/* boot.asm identity-maps the first GiB: the loader's structures must be there. */
#define BOOT_IDENTITY_LIMIT (1ull << 30)
/* Real-mode memory, BIOS data, option ROMs: never handed out. */
#define LOW_MEMORY_LIMIT 0x100000ull
#define PAGE_SIZE 4096ull

extern char kernel_physical_start[], kernel_physical_end[];

static struct a9n_boot_info boot_info;

static const void *boot_pointer(uint64_t paddr, uint64_t size)
{
    if (paddr + size > BOOT_IDENTITY_LIMIT || paddr + size < paddr)
        kernel_panic("x86_64: PVH data at %lx is beyond the first GiB", paddr);
    return (const void *)paddr;
}

/* Keep the map sorted by base; free regions shrink inwards to whole pages,
   reserved ones grow outwards. */
static void add_region(uint64_t base, uint64_t end, enum a9n_memory_type type)
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
    if (boot_info.memory_region_count == A9N_BOOT_MAX_MEMORY_REGIONS) {
        kernel_printf("x86_64: memory map too long, dropped %lx..%lx\n", base, end);
        return;
    }
    uint32_t i = boot_info.memory_region_count++;
    for (; i > 0 && boot_info.memory[i - 1].base > base; i--)
        boot_info.memory[i] = boot_info.memory[i - 1];
    boot_info.memory[i] = (struct a9n_memory_region){ .base = base, .size = end - base, .type = type };
}

/* E820 maps may list one range twice or in touching pieces: merge those. */
static void merge_regions(void)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; i < boot_info.memory_region_count; i++) {
        const struct a9n_memory_region *region = &boot_info.memory[i];
        struct a9n_memory_region *previous = kept > 0 ? &boot_info.memory[kept - 1] : NULL;
        if (previous != NULL && previous->type == region->type &&
            region->base <= previous->base + previous->size) {
            uint64_t end = region->base + region->size;
            if (end > previous->base + previous->size)
                previous->size = end - previous->base;
            continue;
        }
        boot_info.memory[kept++] = *region;
    }
    boot_info.memory_region_count = kept;
}

static void read_memory_map(const struct hvm_start_info *start_info)
{
    if (start_info->version < 1 || start_info->memmap_entries == 0)
        kernel_panic("x86_64: the PVH loader passed no memory map");
    const struct hvm_memmap_table_entry *map = boot_pointer(
        start_info->memmap_paddr, start_info->memmap_entries * sizeof(struct hvm_memmap_table_entry));

    for (uint32_t i = 0; i < start_info->memmap_entries; i++) {
        uint64_t base = map[i].addr, end = map[i].addr + map[i].size;
        if (end <= base)
            continue;
        if (map[i].type != E820_RAM) {
            /* ACPI tables, NVS, firmware: RAM the kernel must not reuse */
            add_region(base, end, A9N_MEMORY_RESERVED);
            continue;
        }
        if (base < LOW_MEMORY_LIMIT) {
            add_region(base, end < LOW_MEMORY_LIMIT ? end : LOW_MEMORY_LIMIT, A9N_MEMORY_RESERVED);
            base = LOW_MEMORY_LIMIT;
        }
        if (base < end)
            add_region(base, end, A9N_MEMORY_FREE);
    }
    merge_regions();
}

static void read_start_info(a9n_paddr_t start_info_paddr)
{
    const struct hvm_start_info *start_info = boot_pointer(start_info_paddr, sizeof(*start_info));
    if (start_info->magic != HVM_START_MAGIC)
        kernel_panic("x86_64: bad PVH start_info magic %x", start_info->magic);

    boot_info.magic = A9N_BOOT_INFO_MAGIC;
    boot_info.version = A9N_BOOT_INFO_VERSION;
    boot_info.kernel_base = (uint64_t)kernel_physical_start;
    boot_info.kernel_size = (uint64_t)(kernel_physical_end - kernel_physical_start);
    boot_info.arch.acpi_rsdp = start_info->rsdp_paddr;
    read_memory_map(start_info);

    /* QEMU's -initrd is the one module: the boot-module archive. */
    if (start_info->nr_modules > 0) {
        const struct hvm_modlist_entry *module =
            boot_pointer(start_info->modlist_paddr, sizeof(struct hvm_modlist_entry));
        static const char name[] = "initrd";
        boot_info.modules[0].base = module->paddr;
        boot_info.modules[0].size = module->size;
        for (unsigned i = 0; i < sizeof(name); i++)
            boot_info.modules[0].name[i] = name[i];
        boot_info.module_count = 1;
        if (start_info->nr_modules > 1)
            kernel_printf("x86_64: %u PVH modules, only the first is used\n",
                          start_info->nr_modules);
    }

    if (start_info->cmdline_paddr != 0) {
        const char *command_line = boot_pointer(start_info->cmdline_paddr, 1);
        for (unsigned i = 0; i + 1 < A9N_BOOT_COMMAND_LINE_LENGTH; i++) {
            if ((uint64_t)(command_line + i) >= BOOT_IDENTITY_LIMIT || command_line[i] == '\0')
                break;
            boot_info.command_line[i] = command_line[i];
        }
    }
}

/* Check what the HAL relies on and turn on the protections the CPU has. */
static void cpu_init(void)
{
    uint32_t basic[4], extended[4], structured[4] = { 0 };
    x86_cpuid(1, 0, basic);
    x86_cpuid(0x80000001, 0, extended);
    x86_cpuid(0, 0, structured);
    if (structured[0] >= 7)
        x86_cpuid(7, 0, structured);
    else
        structured[1] = structured[2] = 0;

    if (!(basic[3] & (1u << 9)) || !(basic[3] & (1u << 13)) || !(extended[3] & (1u << 11)))
        kernel_panic("x86_64: the CPU lacks the local APIC, global pages or syscall");

    /* syscall/sysret, NX */
    x86_wrmsr(X86_MSR_EFER, x86_rdmsr(X86_MSR_EFER) | (1u << 0) | (1u << 11));
    /* WP: the kernel honours read-only pages too. EM (and OSFXSR left clear):
       x87 raises #NM and SSE #UD until FPU context switching exists, so no
       FPU state can leak between threads. */
    x86_write_cr0((x86_read_cr0() | X86_CR0_WP | X86_CR0_EM | X86_CR0_MP) & ~X86_CR0_TS);
    uint64_t cr4 = x86_read_cr4() | X86_CR4_PGE;
    if (structured[1] & (1u << 7))
        cr4 |= X86_CR4_SMEP;
    if (structured[1] & (1u << 20))
        cr4 |= X86_CR4_SMAP;
    if (structured[2] & (1u << 2))
        cr4 |= X86_CR4_UMIP; /* no sgdt/sidt/str in user mode: they leak kernel addresses */
    x86_write_cr4(cr4 & ~X86_CR4_OSFXSR);

    x86_wrmsr(X86_MSR_FS_BASE, 0);
    x86_wrmsr(X86_MSR_GS_BASE, 0);
    x86_wrmsr(X86_MSR_KERNEL_GS_BASE, 0);
}

/* boot.asm, in long mode on the boot page tables and the kernel stack. */
_Noreturn void x86_pvh_main(uint32_t start_info_paddr)
{
    x86_console_init();
    x86_segments_init();
    x86_traps_init(); /* from here on a fault prints a register dump */
    read_start_info(start_info_paddr);
    cpu_init();
    x86_paging_init(&boot_info);
    x86_lapic_init();
    kernel_main(&boot_info);
}
