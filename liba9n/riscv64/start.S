/*
 * riscv64 entry point of every liba9n program. The kernel enters with sp at
 * the top of the stack; give C an aligned stack and an end to frame chains.
 */
    .section .text
    .global _start
_start:
    mv s0, zero
    andi sp, sp, -16
    call a9n_start
    unimp                       /* a9n_start never returns */

/*
 * First instruction of a thread made by a9n_thread_start: a0 holds its
 * thread block (written with write registers), sp points at that block.
 */
    .global a9n_thread_entry
a9n_thread_entry:
    mv s0, zero
    andi sp, sp, -16
    call a9n_thread_main
    unimp                       /* a9n_thread_main never returns */
