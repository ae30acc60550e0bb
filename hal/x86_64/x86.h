/*
 * x86_64 HAL internals: the virtual memory layout, segment selectors, trap
 * vectors, and thin wrappers around privileged instructions. Only hal/x86_64
 * includes this header.
 */
#ifndef HAL_X86_64_X86_H
#define HAL_X86_64_X86_H

#include <hal.h>

/* ---- virtual memory layout (see docs/porting.md, "x86_64 HAL") ---------- */

/* All RAM, kernel-only: PML4 slot 256, the first slot of the upper half. */
#define X86_DIRECT_MAP_BASE 0xffff800000000000ul
/* The kernel image: linked at this base + its physical load address. */
#define X86_KERNEL_BASE 0xffffffff80000000ul
/* Device registers the HAL maps for itself (LAPIC), 4 KiB pages. */
#define X86_DEVICE_WINDOW_BASE 0xffffffffc0000000ul
#define X86_DEVICE_WINDOW_PAGES 512

/* ---- GDT selectors, laid out for syscall/sysret (see segments.c) -------- */

#define X86_KERNEL_CS 0x08
#define X86_KERNEL_SS 0x10
/* sysret takes SS = STAR[63:48] + 8 and CS = STAR[63:48] + 16. */
#define X86_USER_SYSRET_BASE 0x18
#define X86_USER_SS (0x20 | 3)
#define X86_USER_CS (0x28 | 3)
#define X86_TSS_SELECTOR 0x30

/* ---- trap vectors ------------------------------------------------------- */

enum x86_vector {
    X86_VECTOR_DIVIDE_ERROR = 0,
    X86_VECTOR_DEBUG = 1,
    X86_VECTOR_NMI = 2,
    X86_VECTOR_BREAKPOINT = 3,
    X86_VECTOR_OVERFLOW = 4,
    X86_VECTOR_BOUND_RANGE = 5,
    X86_VECTOR_INVALID_OPCODE = 6,
    X86_VECTOR_DEVICE_NOT_AVAILABLE = 7,
    X86_VECTOR_DOUBLE_FAULT = 8,
    X86_VECTOR_COPROCESSOR_OVERRUN = 9,
    X86_VECTOR_INVALID_TSS = 10,
    X86_VECTOR_SEGMENT_NOT_PRESENT = 11,
    X86_VECTOR_STACK_FAULT = 12,
    X86_VECTOR_GENERAL_PROTECTION = 13,
    X86_VECTOR_PAGE_FAULT = 14,
    X86_VECTOR_X87_ERROR = 16,
    X86_VECTOR_ALIGNMENT_CHECK = 17,
    X86_VECTOR_MACHINE_CHECK = 18,
    X86_VECTOR_SIMD_ERROR = 19,
    X86_VECTOR_VIRTUALIZATION = 20,
    X86_VECTOR_CONTROL_PROTECTION = 21,
    X86_VECTOR_EXCEPTION_COUNT = 32,
    X86_VECTOR_TIMER = 32,
    X86_VECTOR_SPURIOUS = 255,
    /*
     * Not hardware vectors. SYSCALL marks a context saved by the syscall
     * entry and untouched since: rip == rcx is canonical (user space ends
     * a page below the canonical limit) and rflags == r11 are sanitized,
     * so sysret may return to it as it is (fastpath.asm). WRITTEN: a
     * user changed the registers (hal_context_written); only
     * hal_return_to_user may enter it.
     */
    X86_VECTOR_SYSCALL = 256,
    X86_VECTOR_WRITTEN = 257,
};

/* Interrupt stack table slots (TSS IST1..3) for traps that must not trust RSP. */
#define X86_IST_DOUBLE_FAULT 1
#define X86_IST_NMI 2
#define X86_IST_MACHINE_CHECK 3

/* ---- control registers, MSRs, RFLAGS ------------------------------------ */

#define X86_CR0_MP (1ul << 1)
#define X86_CR0_EM (1ul << 2)
#define X86_CR0_TS (1ul << 3)
#define X86_CR0_NE (1ul << 5)
#define X86_CR0_WP (1ul << 16)
#define X86_CR4_PGE (1ul << 7)
#define X86_CR4_OSFXSR (1ul << 9)
#define X86_CR4_OSXMMEXCPT (1ul << 10)
#define X86_CR4_UMIP (1ul << 11)
#define X86_CR4_OSXSAVE (1ul << 18)
#define X86_CR4_SMEP (1ul << 20)
#define X86_CR4_SMAP (1ul << 21)

#define X86_MSR_EFER 0xc0000080u
#define X86_MSR_STAR 0xc0000081u
#define X86_MSR_LSTAR 0xc0000082u
#define X86_MSR_SFMASK 0xc0000084u
#define X86_MSR_FS_BASE 0xc0000100u
#define X86_MSR_GS_BASE 0xc0000101u
#define X86_MSR_KERNEL_GS_BASE 0xc0000102u
#define X86_MSR_APIC_BASE 0x1bu

#define X86_RFLAGS_CF (1ul << 0)
#define X86_RFLAGS_RESERVED1 (1ul << 1)
#define X86_RFLAGS_PF (1ul << 2)
#define X86_RFLAGS_AF (1ul << 4)
#define X86_RFLAGS_ZF (1ul << 6)
#define X86_RFLAGS_SF (1ul << 7)
#define X86_RFLAGS_TF (1ul << 8)
#define X86_RFLAGS_IF (1ul << 9)
#define X86_RFLAGS_DF (1ul << 10)
#define X86_RFLAGS_OF (1ul << 11)
#define X86_RFLAGS_IOPL (3ul << 12)
#define X86_RFLAGS_NT (1ul << 14)
#define X86_RFLAGS_AC (1ul << 18)
#define X86_RFLAGS_ID (1ul << 21)

static inline void x86_outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t x86_inb(uint16_t port)
{
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

static inline uint32_t x86_inl(uint16_t port)
{
    uint32_t value;
    __asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

static inline uint64_t x86_rdmsr(uint32_t msr)
{
    uint32_t low, high;
    __asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
    return ((uint64_t)high << 32) | low;
}

static inline void x86_wrmsr(uint32_t msr, uint64_t value)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)));
}

static inline void x86_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
    __asm__ volatile("cpuid"
                     : "=a"(out[0]), "=b"(out[1]), "=c"(out[2]), "=d"(out[3])
                     : "a"(leaf), "c"(subleaf));
}

#define X86_DEFINE_CR(n)                                                        \
    static inline uint64_t x86_read_cr##n(void)                                 \
    {                                                                           \
        uint64_t value;                                                         \
        __asm__ volatile("mov %%cr" #n ", %0" : "=r"(value));                   \
        return value;                                                           \
    }                                                                           \
    static inline void x86_write_cr##n(uint64_t value)                          \
    {                                                                           \
        __asm__ volatile("mov %0, %%cr" #n : : "r"(value) : "memory");          \
    }
X86_DEFINE_CR(0)
X86_DEFINE_CR(2)
X86_DEFINE_CR(3)
X86_DEFINE_CR(4)
#undef X86_DEFINE_CR

static inline void x86_invlpg(a9n_word_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* ---- between the HAL's files --------------------------------------------- */

/* How boot.asm was entered; the values are BOOT_PROTOCOL_* in boot.asm. */
enum x86_boot_protocol {
    X86_BOOT_PROTOCOL_PVH = 0,    /* ebx = struct hvm_start_info */
    X86_BOOT_PROTOCOL_LOADER = 1, /* rdi = struct a9n_boot_info (UEFI loader) */
};

/* boot.asm identity-maps the first GiB: the boot data must lie there. */
#define X86_BOOT_IDENTITY_LIMIT (1ull << 30)

/* boot.c: `paddr` through the boot identity map; panics beyond it. */
const void *x86_boot_pointer(uint64_t paddr, uint64_t size);
/* boot_pvh.c: PVH start_info -> boot_info. */
void x86_pvh_read_start_info(a9n_paddr_t start_info_paddr, struct a9n_boot_info *boot_info);
/* boot_loader.c: check and copy the loader's boot_info. */
void x86_loader_read_boot_info(a9n_paddr_t boot_info_paddr, struct a9n_boot_info *boot_info);

/* What the ACPI tables say about the machine (defaults when they say nothing). */
struct x86_platform {
    /* The MADT, checksum-verified and inside RAM, or NULL (read by ioapic.c too). */
    const uint8_t *madt;
    uint32_t madt_length;
    a9n_paddr_t lapic;        /* local APIC registers */
    bool legacy_pics;         /* dual 8259 present (MADT PCAT_COMPAT) */
    uint16_t pm_timer_port;   /* ACPI PM timer I/O port, 0 when there is none */
    bool pm_timer_32bit;      /* else 24 bits */
};

/* Firmware tables are packed little-endian: read fields byte-wise, never misaligned. */
static inline uint32_t x86_read32(const uint8_t *bytes)
{
    return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
           (uint32_t)bytes[3] << 24;
}

static inline uint64_t x86_read64(const uint8_t *bytes)
{
    return x86_read32(bytes) | (uint64_t)x86_read32(bytes + 4) << 32;
}

/* acpi.c: fill x86_platform from the RSDP in boot_info (after paging init). */
void x86_acpi_init(const struct a9n_boot_info *boot_info);
extern struct x86_platform x86_platform;

/* The kernel stack (one CPU, no kernel threads): every entry resets to its top. */
extern char x86_kernel_stack_top[];

/* paging.c: build the kernel's page tables from boot_info and switch to them. */
void x86_paging_init(const struct a9n_boot_info *boot_info);
/* paging.c: map `pages` device pages at `paddr` uncached, kernel-only. */
volatile void *x86_map_device(a9n_paddr_t paddr, unsigned pages);

/* segments.c: GDT, TSS (RSP0 and IST stacks) and the syscall MSRs. */
void x86_segments_init(void);
/* segments.c: the stack the CPU switches to on the next trap from user mode. */
void x86_set_user_frame_top(a9n_word_t top);

/* fpu.c: x87/SSE for user mode (CR0, CR4, XCR0), access off. After the CR4 protections. */
void x86_fpu_init(void);

/* trap.c: IDT. */
void x86_traps_init(void);

/*
 * timer.c: local APIC (on, all inputs masked); legacy PICs masked; the LAPIC
 * timer and the TSC (hal_clock_ns) calibrated over 10 ms. Uses x86_platform.
 */
void x86_lapic_init(void);
void x86_lapic_eoi(void);

/* console.c */
void x86_console_init(void);

/* segments.c: the context the next user-mode entry saves into (RSP0 is just past its ss). */
struct a9n_arch_context *x86_current_context(void);

/* trap.asm / syscall.asm */
extern char x86_trap_stubs[];
void x86_syscall_entry(void);
_Noreturn void x86_enter_user_sysret(struct a9n_arch_context *context);
_Noreturn void x86_enter_user_iret(struct a9n_arch_context *context);
/* Reset the kernel stack and call `function(a0, a1, a2)`, which must not return. */
_Noreturn void x86_call_on_fresh_stack(a9n_word_t a0, a9n_word_t a1, a9n_word_t a2,
                                       void (*function)(a9n_word_t, a9n_word_t, a9n_word_t));

#endif
