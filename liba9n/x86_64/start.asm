; x86_64 entry point of every liba9n program. The kernel enters with rsp at
; the top of the stack; give C an aligned stack and an end to frame chains.
bits 64
section .text
global _start
extern a9n_start

_start:
    xor ebp, ebp
    and rsp, -16
    call a9n_start
    ud2                         ; a9n_start never returns

; First instruction of a thread made by a9n_thread_start: rdi holds its
; thread block (written with write registers), rsp points at that block.
global a9n_thread_entry
extern a9n_thread_main
a9n_thread_entry:
    xor ebp, ebp
    and rsp, -16
    call a9n_thread_main
    ud2                         ; a9n_thread_main never returns
