/*
 * x86_64 ABI: where the message registers live and the raw register
 * context of a thread. Nothing else architecture-specific belongs in abi/.
 *
 * Kernel-call convention (syscall instruction):
 *   rax  = kernel call number (enum a9n_kernel_call); preserved
 *   MR0..MR9 = rdi, rsi, rdx, r10, r8, r9, r12, r13, r14, r15
 *   rcx, r11 are destroyed by syscall/sysret (they hold the user's own
 *   rip/rflags on return, never a kernel value); rbx, rbp, rsp are preserved.
 */
#ifndef A9N_ARCH_X86_64_H
#define A9N_ARCH_X86_64_H

#include <a9n/types.h>

#define A9N_ARCH_NAME "x86_64"
#define A9N_ARCH_PAGE_BITS 12
#define A9N_ARCH_PAGE_SIZE (1ul << A9N_ARCH_PAGE_BITS)
/* ELF e_machine of this architecture's executables. */
#define A9N_ARCH_ELF_MACHINE 62 /* EM_X86_64 */
#define A9N_ARCH_REGISTER_MRS 10

/*
 * Highest user virtual address + 1: the lower canonical half without its
 * last page, so that the rip after any syscall is canonical (sysret to a
 * non-canonical rip would fault in ring 0) and the kernel's fast return
 * need not check it.
 */
#define A9N_ARCH_USER_TOP 0x00007ffffffff000ul

/*
 * Saved user register state, in the HAL's trap-frame order (lowest address
 * first): the general registers the entry code pushes, the entry's vector
 * and error code, then the interrupt frame the CPU itself pushes on a trap
 * from user mode (the TSS points RSP0 just past `ss`, so the CPU writes
 * straight into the context). The HAL's assembly uses these offsets and
 * static-asserts them. 16-byte alignment: the CPU aligns RSP0 down to 16
 * before pushing, so `ss` must end on a 16-byte boundary.
 */
struct a9n_arch_context {
    _Alignas(16) a9n_word_t r15;
    a9n_word_t r14, r13, r12, r11, r10, r9, r8;
    a9n_word_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    a9n_word_t vector, error_code; /* how the thread last entered the kernel */
    a9n_word_t rip, cs, rflags, rsp, ss;
    a9n_word_t fs_base, gs_base;
};

/*
 * A thread's FP/SIMD save area in its PCB (kernel-internal, never mapped
 * to user level; docs/abi.md section 6 counts it in the PCB size): an
 * XSAVE image of x87 and SSE state (the 512-byte legacy region and the
 * 64-byte header), or an FXSAVE image where the CPU has no XSAVE. XSAVE
 * needs 64-byte alignment.
 */
#define A9N_ARCH_FPU_STATE_SIZE 576
#define A9N_ARCH_FPU_STATE_ALIGN 64

static inline a9n_word_t *a9n_arch_context_mr(struct a9n_arch_context *c, unsigned i)
{
    switch (i) {
    case 0: return &c->rdi;
    case 1: return &c->rsi;
    case 2: return &c->rdx;
    case 3: return &c->r10;
    case 4: return &c->r8;
    case 5: return &c->r9;
    case 6: return &c->r12;
    case 7: return &c->r13;
    case 8: return &c->r14;
    default: return &c->r15;
    }
}

static inline a9n_word_t *a9n_arch_context_call_number(struct a9n_arch_context *c)
{
    return &c->rax;
}

static inline a9n_word_t *a9n_arch_context_ip(struct a9n_arch_context *c) { return &c->rip; }
static inline a9n_word_t *a9n_arch_context_sp(struct a9n_arch_context *c) { return &c->rsp; }
static inline a9n_word_t *a9n_arch_context_tls(struct a9n_arch_context *c) { return &c->fs_base; }
/* First argument register of the user's entry point (System V: rdi). */
static inline a9n_word_t *a9n_arch_context_arg0(struct a9n_arch_context *c) { return &c->rdi; }

#endif
