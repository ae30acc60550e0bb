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
