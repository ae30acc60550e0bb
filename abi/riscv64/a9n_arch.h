/*
 * riscv64 ABI: where the message registers live and the raw register
 * context of a thread. Nothing else architecture-specific belongs in abi/.
 *
 * Kernel-call convention (ecall from U-mode):
 *   a7 = kernel call number (enum a9n_kernel_call); preserved
 *   MR0..MR13 = a0..a6, t0..t6
 *   every other register is preserved.
 */
#ifndef A9N_ARCH_RISCV64_H
#define A9N_ARCH_RISCV64_H

#include <a9n/types.h>

#define A9N_ARCH_NAME "riscv64"
#define A9N_ARCH_PAGE_BITS 12
#define A9N_ARCH_PAGE_SIZE (1ul << A9N_ARCH_PAGE_BITS)
/* ELF e_machine of this architecture's executables. */
#define A9N_ARCH_ELF_MACHINE 243 /* EM_RISCV */
#define A9N_ARCH_REGISTER_MRS 14

/* Highest user virtual address + 1 (lower half of Sv39). */
#define A9N_ARCH_USER_TOP 0x0000004000000000ul

/*
 * Saved user register state: x1..x31 in order (x0 is always zero), then
 * the user pc. The HAL's assembly uses these offsets.
 */
struct a9n_arch_context {
    a9n_word_t ra, sp, gp, tp;
    a9n_word_t t0, t1, t2;
    a9n_word_t s0, s1;
    a9n_word_t a0, a1, a2, a3, a4, a5, a6, a7;
    a9n_word_t s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
    a9n_word_t t3, t4, t5, t6;
    a9n_word_t pc;
};

/*
 * A thread's FP save area in its PCB (kernel-internal, never mapped to
 * user level; docs/abi.md section 6 counts it in the PCB size): f0..f31
 * of the D extension, then fcsr.
 */
#define A9N_ARCH_FPU_STATE_SIZE (33 * 8)
#define A9N_ARCH_FPU_STATE_ALIGN 8

static inline a9n_word_t *a9n_arch_context_mr(struct a9n_arch_context *c, unsigned i)
{
    switch (i) {
    case 0: return &c->a0;
    case 1: return &c->a1;
    case 2: return &c->a2;
    case 3: return &c->a3;
    case 4: return &c->a4;
    case 5: return &c->a5;
    case 6: return &c->a6;
    case 7: return &c->t0;
    case 8: return &c->t1;
    case 9: return &c->t2;
    case 10: return &c->t3;
    case 11: return &c->t4;
    case 12: return &c->t5;
    default: return &c->t6;
    }
}

static inline a9n_word_t *a9n_arch_context_call_number(struct a9n_arch_context *c)
{
    return &c->a7;
}

static inline a9n_word_t *a9n_arch_context_ip(struct a9n_arch_context *c) { return &c->pc; }
static inline a9n_word_t *a9n_arch_context_sp(struct a9n_arch_context *c) { return &c->sp; }
static inline a9n_word_t *a9n_arch_context_tls(struct a9n_arch_context *c) { return &c->tp; }
static inline a9n_word_t *a9n_arch_context_arg0(struct a9n_arch_context *c) { return &c->a0; }

#endif
