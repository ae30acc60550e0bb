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
