/*
 * From either boot entry (boot.asm) to kernel_main: get the struct
 * a9n_boot_info (converted from PVH start_info, or the loader's), then set
 * up the CPU (features, paging, segments, traps), read ACPI and start the
 * local APIC.
 */
#include "ioapic.h"
#include "x86.h"

extern char kernel_physical_start[], kernel_physical_end[];

static struct a9n_boot_info boot_info;

const void *x86_boot_pointer(uint64_t paddr, uint64_t size)
{
    if (paddr + size > X86_BOOT_IDENTITY_LIMIT || paddr + size < paddr)
        kernel_panic("x86_64: boot data at %lx is beyond the first GiB", paddr);
    return (const void *)paddr;
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
    /* WP: the kernel honours read-only pages too. */
    x86_write_cr0(x86_read_cr0() | X86_CR0_WP);
    uint64_t cr4 = x86_read_cr4() | X86_CR4_PGE;
    if (structured[1] & (1u << 7))
        cr4 |= X86_CR4_SMEP;
    if (structured[1] & (1u << 20))
        cr4 |= X86_CR4_SMAP;
    if (structured[2] & (1u << 2))
        cr4 |= X86_CR4_UMIP; /* no sgdt/sidt/str in user mode: they leak kernel addresses */
    x86_write_cr4(cr4);
    x86_fpu_init();

    x86_wrmsr(X86_MSR_FS_BASE, 0);
    x86_wrmsr(X86_MSR_GS_BASE, 0);
    x86_wrmsr(X86_MSR_KERNEL_GS_BASE, 0);
}

/* boot.asm, in long mode on the boot page tables and the kernel stack. */
_Noreturn void x86_boot_main(uint32_t boot_data_paddr, enum x86_boot_protocol protocol)
{
    x86_console_init();
    x86_segments_init();
    x86_traps_init(); /* from here on a fault prints a register dump */
    if (protocol == X86_BOOT_PROTOCOL_PVH)
        x86_pvh_read_start_info(boot_data_paddr, &boot_info);
    else
        x86_loader_read_boot_info(boot_data_paddr, &boot_info);
    /* The image knows where it is; no loader can get that wrong. */
    boot_info.kernel_base = (uint64_t)kernel_physical_start;
    boot_info.kernel_size = (uint64_t)(kernel_physical_end - kernel_physical_start);
    cpu_init();
    x86_paging_init(&boot_info);
    x86_acpi_init(&boot_info);
    x86_lapic_init();
    x86_ioapic_init();
    kernel_main(&boot_info);
}
