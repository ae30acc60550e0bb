/*
 * Segmentation as long mode still needs it: a GDT laid out for
 * syscall/sysret, the TSS (RSP0 for traps from user mode, IST stacks for
 * traps that must not trust the current stack) and the syscall MSRs.
 */
#include "x86.h"

struct x86_tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t ist[8]; /* ist[1..7]; ist[0] is the reserved word before IST1 */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t io_bitmap_offset;
} __attribute__((packed));

_Static_assert(sizeof(struct x86_tss) == 104, "TSS layout");

/* syscall.asm reads RSP0 (offset 4) as the top of the current context's frame. */
struct x86_tss x86_tss __attribute__((aligned(16)));

struct a9n_arch_context *x86_current_context(void)
{
    return (struct a9n_arch_context *)(x86_tss.rsp[0] - offsetof(struct a9n_arch_context, ss) -
                                       sizeof(a9n_word_t));
}

#define IST_STACK_SIZE 4096
static char ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

/*
 * Descriptors: the base and limit of code/data segments are ignored in long
 * mode; what matters is P, DPL, S, type and L (64-bit code).
 * 0x18 stays null: sysret would use it only to return to 32-bit code.
 */
static uint64_t gdt[8] = {
    [X86_KERNEL_CS >> 3] = 0x00209a0000000000ull,      /* code, DPL 0, L */
    [X86_KERNEL_SS >> 3] = 0x0000920000000000ull,      /* data, DPL 0 */
    [(X86_USER_SS & ~3) >> 3] = 0x0000f20000000000ull, /* data, DPL 3 */
    [(X86_USER_CS & ~3) >> 3] = 0x0020fa0000000000ull, /* code, DPL 3, L */
    /* [6], [7]: the 16-byte TSS descriptor, filled at run time */
};

static void load_gdt(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) pointer = { sizeof(gdt) - 1, (uint64_t)gdt };

    __asm__ volatile("lgdt %0\n\t"
                     /* reload CS with a far return */
                     "pushq %1\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "movl %2, %%eax\n\t"
                     "movl %%eax, %%ss\n\t"
                     /* null data selectors: nothing kernel-specific for user mode to see */
                     "xorl %%eax, %%eax\n\t"
                     "movl %%eax, %%ds\n\t"
                     "movl %%eax, %%es\n\t"
                     "movl %%eax, %%fs\n\t"
                     "movl %%eax, %%gs\n\t"
                     "ltr %w3"
                     :
                     : "m"(pointer), "i"(X86_KERNEL_CS), "i"(X86_KERNEL_SS), "r"(X86_TSS_SELECTOR)
                     : "rax", "memory");
}

void x86_segments_init(void)
{
    uint64_t base = (uint64_t)&x86_tss;
    uint64_t limit = sizeof(x86_tss) - 1;

    x86_tss.ist[X86_IST_DOUBLE_FAULT] = (uint64_t)(ist_stacks[0] + IST_STACK_SIZE);
    x86_tss.ist[X86_IST_NMI] = (uint64_t)(ist_stacks[1] + IST_STACK_SIZE);
    x86_tss.ist[X86_IST_MACHINE_CHECK] = (uint64_t)(ist_stacks[2] + IST_STACK_SIZE);
    /* Beyond the limit: no I/O permission bitmap, user mode gets no port. */
    x86_tss.io_bitmap_offset = sizeof(x86_tss);
    x86_tss.rsp[0] = (uint64_t)x86_kernel_stack_top;

    /* Available 64-bit TSS (type 9), present, DPL 0. */
    gdt[X86_TSS_SELECTOR >> 3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
                                 ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
    gdt[(X86_TSS_SELECTOR >> 3) + 1] = base >> 32;
    load_gdt();

    /* syscall: CS = STAR[47:32], SS = +8. sysretq: SS = STAR[63:48] + 8, CS = + 16. */
    x86_wrmsr(X86_MSR_STAR, ((uint64_t)X86_USER_SYSRET_BASE << 48) | ((uint64_t)X86_KERNEL_CS << 32));
    x86_wrmsr(X86_MSR_LSTAR, (uint64_t)x86_syscall_entry);
    /* Cleared on entry: IF (the kernel runs with interrupts off), DF (the C
       ABI), TF (no single-stepping the kernel), AC (SMAP stays armed), NT. */
    x86_wrmsr(X86_MSR_SFMASK, X86_RFLAGS_IF | X86_RFLAGS_DF | X86_RFLAGS_TF | X86_RFLAGS_AC |
                                  X86_RFLAGS_NT | X86_RFLAGS_IOPL);
}

void x86_set_user_frame_top(a9n_word_t top)
{
    x86_tss.rsp[0] = top;
}
