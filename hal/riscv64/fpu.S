/*
 * F and D for user threads: access through sstatus.FS (Off: every FP
 * instruction and FP CSR access is illegal, trap.c passes it to the
 * kernel), and a thread's f0..f31 and fcsr saved and loaded. The kernel is
 * built without F and D: only this file, assembled with them
 * (arch.mk), touches these registers.
 *
 * struct hal_fpu_state on riscv64 (A9N_ARCH_FPU_STATE_SIZE): f0..f31 as
 * 64-bit words, then fcsr. All zero is the initial state: +0.0
 * everywhere, round to nearest, no exception flags.
 */
#include "riscv.h"

#define FPU_FCSR (32 * 8)

    .section .text

/*
 * void hal_fpu_access(bool on)
 * FS is Dirty while access is on: the kernel saves the owner's registers
 * at every hand-over anyway, so Initial and Clean would tell it nothing.
 */
    .global hal_fpu_access
hal_fpu_access:
    li t0, SSTATUS_FS
    beqz a0, 1f
    csrs sstatus, t0
    ret
1:  csrc sstatus, t0
    ret

/* void hal_fpu_switch(struct hal_fpu_state *save, const struct hal_fpu_state *load) */
    .global hal_fpu_switch
hal_fpu_switch:
    /* FS Off would make the saves and loads below trap in S-mode too. */
    li t0, SSTATUS_FS
    csrs sstatus, t0
    beqz a0, 1f
.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    fsd f\n, \n * 8(a0)
.endr
    frcsr t0
    sd t0, FPU_FCSR(a0)
    /* Every register and fcsr is loaded: nothing of the previous owner stays. */
1:
.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    fld f\n, \n * 8(a1)
.endr
    ld t0, FPU_FCSR(a1)
    fscsr t0
    ret
