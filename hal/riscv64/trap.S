/*
 * riscv64 trap vector (stvec, direct mode), the return to user mode and the
 * idle loop. sscratch holds the current user context while U-mode runs and 0
 * while the kernel runs; that is how trap_entry tells the two apart.
 */
#include "riscv.h"

/* Offset of register xN in struct a9n_arch_context (x1..x31, then pc). */
#define CONTEXT_X(n) (((n) - 1) * 8)
#define CONTEXT_PC (31 * 8)
/* struct trap_kernel_frame: x0..x31 (x0 slot unused), sepc, scause, stval, sstatus */
#define FRAME_X(n) ((n) * 8)
#define FRAME_SEPC (32 * 8)
#define FRAME_SCAUSE (33 * 8)
#define FRAME_STVAL (34 * 8)
#define FRAME_SSTATUS (35 * 8)
#define FRAME_SIZE (36 * 8)

/*
 * Store or load registers x1, x3..x9, x11..x31 (not sp, not a0) at
 * base + (n - first) * 8 for register xn: first = 1 for a context (x1 at
 * offset 0), 0 for a kernel frame (slot 0 unused).
 */
.macro registers_but_sp_a0 op, base, first
.irp n, 1, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    \op x\n, (\n - \first) * 8(\base)
.endr
.endm

    .section .text
    .balign 4                   /* stvec direct mode: base is 4-byte aligned */
    .global trap_entry
trap_entry:
    /* Swap: from U-mode sp becomes the context and sscratch keeps the user sp. */
    csrrw sp, sscratch, sp
    beqz sp, trap_from_kernel

    registers_but_sp_a0 sd, sp, 1
    sd a0, CONTEXT_X(10)(sp)
    /* The user sp, and from here on a trap is a kernel trap. */
    csrrw t0, sscratch, zero
    sd t0, CONTEXT_X(2)(sp)
    csrr t0, sepc
    csrr a1, scause
    li t1, SCAUSE_USER_ECALL
    bne a1, t1, 1f
    /*
     * A kernel call, dispatched here rather than in C because it is the
     * common entry. sepc is the ecall itself: the saved pc is the next
     * instruction before any upcall, so a thread is always resumed after
     * its ecall whatever the kernel does with it (resume, reply from a
     * resolver, another thread's reply), as x86's syscall saves the next
     * rip. ecall is never compressed.
     */
    addi t0, t0, 4
    sd t0, CONTEXT_PC(sp)
    mv a0, sp
    /* One kernel stack, reset at every entry: nothing on it survives an upcall. */
    la sp, kernel_stack_top
    /* The IPC fast path, or on to kernel_handle_kernel_call (kernel/fastpath.h). */
    jal fastpath_kernel_call
    unimp
1:  sd t0, CONTEXT_PC(sp)
    mv a0, sp
    csrr a2, stval
    la sp, kernel_stack_top
    call trap_handle_user
    unimp

trap_from_kernel:
    /*
     * sp is 0 and sscratch holds the kernel sp. Either the idle loop took an
     * interrupt (its stack is discarded anyway) or the kernel faulted (we
     * dump and halt), so the frame goes at the top of the kernel stack; this
     * also survives a kernel stack overflow. la needs no other register.
     */
    la sp, kernel_stack_top
    addi sp, sp, -FRAME_SIZE
    registers_but_sp_a0 sd, sp, 0
    sd a0, FRAME_X(10)(sp)
    csrrw t0, sscratch, zero
    sd t0, FRAME_X(2)(sp)
    csrr t0, sepc
    sd t0, FRAME_SEPC(sp)
    csrr t0, scause
    sd t0, FRAME_SCAUSE(sp)
    csrr t0, stval
    sd t0, FRAME_STVAL(sp)
    csrr t0, sstatus
    sd t0, FRAME_SSTATUS(sp)
    mv a0, sp
    call trap_handle_kernel
    unimp

/*
 * _Noreturn void hal_return_to_user(struct a9n_arch_context *context)
 * Safe for any register values: sret always lands in U-mode with
 * interrupts enabled, and every register is loaded from the context.
 */
    .global hal_return_to_user
hal_return_to_user:
    li t0, SSTATUS_SPP
    csrc sstatus, t0
    li t0, SSTATUS_SPIE
    csrs sstatus, t0
    /* fall through */

/*
 * _Noreturn void hal_fastpath_return_to_user(struct a9n_arch_context *context)
 * The IPC fast path's exit (kernel/fastpath.h). It is only reached from a
 * kernel call, i.e. a trap from U-mode with interrupts enabled there, and
 * nothing in between traps or touches sstatus: SPP is already 0 (sret goes
 * to U-mode) and SPIE already 1, so only the registers need loading. No
 * register value can hurt (see hal_return_to_user), so none is checked.
 */
    .global hal_fastpath_return_to_user
hal_fastpath_return_to_user:
    ld t0, CONTEXT_PC(a0)
    csrw sepc, t0
    csrw sscratch, a0
    ld sp, CONTEXT_X(2)(a0)
    registers_but_sp_a0 ld, a0, 1
    ld a0, CONTEXT_X(10)(a0)   /* last: it is the base register */
    sret

/*
 * _Noreturn void hal_idle(void)
 * Wait for an interrupt on a fresh stack; trap_from_kernel takes it.
 */
    .global hal_idle
hal_idle:
    la sp, kernel_stack_top
    csrsi sstatus, SSTATUS_SIE
1:  wfi
    j 1b
