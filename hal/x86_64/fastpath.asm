; IPC fast path, x86_64 part (kernel/fastpath.h): the kernel-call entry in
; entry.asm calls fastpath_kernel_call, which ends here after a direct
; switch. This is hal_return_to_user for the common case, with the same
; result: a context the syscall entry saved and nobody rewrote goes back
; with sysret straight away; anything else goes the general way.

extern hal_return_to_user
extern x86_enter_user_sysret
extern x86_tss
extern x86_loaded_fs_base
extern x86_loaded_gs_base

; struct a9n_arch_context offsets (static-asserted in context.c)
CONTEXT_R11     equ 32
CONTEXT_RCX     equ 96
CONTEXT_RIP     equ 136
CONTEXT_RFLAGS  equ 152
CONTEXT_SS      equ 168
CONTEXT_FS_BASE equ 176
CONTEXT_GS_BASE equ 184
TSS_RSP0        equ 4
; context.c: the flags a user may set (USER_RFLAGS), and IF | reserved bit 1
USER_RFLAGS     equ 0x200dd5
RFLAGS_FORCED   equ 0x202

section .text

; hal_fastpath_return_to_user(context)
global hal_fastpath_return_to_user
hal_fastpath_return_to_user:
    ; sysret takes rip from rcx: exact only if the context says rcx == rip
    ; (true after a kernel call, not after "write registers").
    mov rax, [rdi + CONTEXT_RIP]
    cmp rax, [rdi + CONTEXT_RCX]
    jne .general
    ; sysret to a non-canonical rip faults in ring 0 (on the user's stack,
    ; on Intel); the general path reports such a rip as the user's fault.
    shr rax, 47
    jnz .general
    ; sysret takes rflags from r11, IOPL, NT and AC included: only a
    ; context whose rflags are already what the general path would make of
    ; them (user flags, IF and bit 1 set), with r11 equal, returns here.
    mov rax, [rdi + CONTEXT_RFLAGS]
    cmp rax, [rdi + CONTEXT_R11]
    jne .general
    and rax, ~USER_RFLAGS
    cmp rax, RFLAGS_FORCED
    jne .general
    ; The FS/GS bases need no wrmsr (a base outside user space never
    ; equals the loaded one: the general path clears it).
    mov rax, [rdi + CONTEXT_FS_BASE]
    cmp rax, [rel x86_loaded_fs_base]
    jne .general
    mov rax, [rdi + CONTEXT_GS_BASE]
    cmp rax, [rel x86_loaded_gs_base]
    jne .general
    ; The context the next trap saves into (RSP0 just past ss). Its cs and
    ; ss need no rewrite: sysret loads the user selectors from STAR whatever
    ; the context says, and every kernel entry saves them anew.
    lea rax, [rdi + CONTEXT_SS + 8]
    mov [rel x86_tss + TSS_RSP0], rax
    ; Every register comes from the context: no kernel value survives.
    jmp x86_enter_user_sysret
.general:
    jmp hal_return_to_user
