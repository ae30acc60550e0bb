/*
 * riscv64 trap vector (stvec, direct mode), the return to user mode and the
 * idle loop. sscratch holds the current user context while U-mode runs and 0
 * while the kernel runs; that is how trap_entry tells the two apart.
 */
#include "riscv.h"
#include "asm_offsets.h"

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

/* The registers outside the MRs and sp: ra, gp, tp, s0..s11 (fastpath.S has their loads). */
.macro kept_registers op, base
.irp n, 1, 3, 4, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27
    \op x\n, CONTEXT_X(\n)(\base)
.endr
.endm

/* The MR registers a0..a6, t0..t6, and a7 (the call number). */
.macro message_registers op, base
.irp n, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31
    \op x\n, CONTEXT_X(\n)(\base)
.endr
.endm

    .section .text
    .balign 4                   /* stvec direct mode: base is 4-byte aligned */
    .global trap_entry
trap_entry:
    /* Swap: from U-mode sp becomes the context and sscratch keeps the user sp. */
    csrrw sp, sscratch, sp
    beqz sp, trap_from_kernel

    /*
     * First what every way on keeps: the registers outside the MRs, the
     * user sp (from here on a trap is a kernel trap) and the pc. The IPC
     * fast path (fastpath.S) needs no more; the others save the MRs too.
     */
    kept_registers sd, sp
    csrrw s0, sscratch, zero
    sd s0, CONTEXT_X(2)(sp)
    csrr s1, sepc
    csrr s2, scause
    li s3, SCAUSE_USER_ECALL
    bne s2, s3, trap_not_kernel_call
    /*
     * A kernel call. sepc is the ecall itself: the saved pc is the next
     * instruction before any upcall, so a thread is always resumed after
     * its ecall whatever the kernel does with it (resume, reply from a
     * resolver, another thread's reply), as x86's syscall saves the next
     * rip. ecall is never compressed.
     */
    addi s1, s1, 4
    sd s1, CONTEXT_PC(sp)
#ifdef A9N_CHECKED
    /*
     * The checked kernel (kernel/checked.h) checks every kernel call here,
     * before the fast path. The MR registers wait in the context (the
     * general path stores them there anyway, the fast path never reads
     * them from it); the C code keeps s0..s11, so s0 keeps the context.
     */
    message_registers sd, sp
    mv s0, sp
    la sp, kernel_stack_top
    call checked_kernel_call_entry
    mv sp, s0
    message_registers ld, sp
#endif
    /* IPC call or reply-receive: the fast path, which branches back below if it cannot complete. */
    li s3, KERNEL_CALL_CAPABILITY
    bne a7, s3, riscv_kernel_call_general
    sd a7, CONTEXT_X(17)(sp)
    li s3, OPERATION_CALL
    beq a1, s3, riscv_fastpath_call
    li s3, OPERATION_REPLY_RECEIVE
    beq a1, s3, riscv_fastpath_reply_receive
    .global riscv_kernel_call_general
riscv_kernel_call_general:
    message_registers sd, sp
    /* One kernel stack, reset at every entry: nothing on it survives an upcall. */
    la sp, kernel_stack_top
    call kernel_handle_kernel_call
    unimp

trap_not_kernel_call:
    sd s1, CONTEXT_PC(sp)
    message_registers sd, sp
    mv a0, sp
    mv a1, s2
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
