; Kernel entry and exit: the trap stubs (CPU exceptions, timer, spurious
; interrupt), the syscall entry, and the two ways back to user mode. Every
; entry from user mode saves the registers into the current context (the
; struct a9n_arch_context layout) and continues on a fresh kernel stack.

extern x86_kernel_stack_top
extern x86_tss
extern x86_trap_from_user
extern x86_trap_from_kernel
extern kernel_handle_kernel_call
extern x86_fastpath_call
extern x86_fastpath_reply_receive
%ifdef A9N_CHECKED
extern checked_kernel_call_entry
%endif

%include "asm_offsets.inc"

; struct a9n_arch_context offsets (static-asserted in context.c)
CONTEXT_VECTOR  equ 120
CONTEXT_CS      equ 144
CONTEXT_RSP     equ 160
TSS_RSP0        equ 4
USER_CS         equ 0x2b
USER_SS         equ 0x23
VECTOR_SYSCALL  equ 256
; context.c: the flags a user may set (USER_RFLAGS), and IF | reserved bit 1
USER_RFLAGS     equ 0x200dd5
RFLAGS_FORCED   equ 0x202

%macro SAVE_GENERAL_REGISTERS 0
    push rax
    push rbx
    push rcx
    push rdx
    push rsi
    push rdi
    push rbp
    push r8
    push r9
    push r10
    push r11
    push r12
    push r13
    push r14
    push r15
%endmacro

%macro RESTORE_GENERAL_REGISTERS 0
    pop r15
    pop r14
    pop r13
    pop r12
    pop r11
    pop r10
    pop r9
    pop r8
    pop rbp
    pop rdi
    pop rsi
    pop rdx
    pop rcx
    pop rbx
    pop rax
%endmacro

section .text

; One 16-byte stub per vector: x86_trap_stubs + 16 * i for exceptions 0..31,
; then the timer (32), the spurious vector (33) and the device vectors (34..). Each leaves a uniform
; frame: vector, error code (0 if the CPU pushes none), CPU interrupt frame.
%macro TRAP_STUB 1
    align 16
%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30
    push qword %1               ; the CPU pushed an error code
%else
    push qword 0
    push qword %1
%endif
    jmp trap_common
%endmacro

    align 16
global x86_trap_stubs
x86_trap_stubs:
%assign vector 0
%rep 32
    TRAP_STUB vector
%assign vector vector + 1
%endrep
    TRAP_STUB 32                ; X86_VECTOR_TIMER
    TRAP_STUB 255               ; X86_VECTOR_SPURIOUS
; Device interrupts (ioapic.h): X86_VECTOR_DEVICE_FIRST .. + X86_DEVICE_VECTORS - 1.
%assign vector 48
%rep 128
    TRAP_STUB vector
%assign vector vector + 1
%endrep

trap_common:
    SAVE_GENERAL_REGISTERS
    mov rdi, rsp
    test byte [rsp + CONTEXT_CS], 3
    jz .from_kernel
    ; From user mode the CPU pushed the frame at RSP0, i.e. into the
    ; current context; continue on an empty kernel stack. Not a push
    ; before: rsp is at the context's first word, and the word below it
    ; belongs to whatever object precedes the PCB in memory.
    mov rsp, x86_kernel_stack_top
    ; Interrupt delivery keeps DF and AC: clear every flag for the C code
    ; (DF per the ABI, AC so that SMAP stays armed). IF is already clear.
    push qword 0
    popfq
    xor ebp, ebp
    call x86_trap_from_user
    ud2
.from_kernel:
    push qword 0
    popfq
    ; Only a spurious interrupt returns here; everything else halts or
    ; resets the stack.
    call x86_trap_from_kernel
    RESTORE_GENERAL_REGISTERS
    add rsp, 16
    iretq

; syscall: rcx = user rip, r11 = user rflags, rsp still the user's; SFMASK
; has cleared IF, DF, TF and AC. rflags are sanitized at once (what
; hal_return_to_user would make of them), so that a context saved here can
; be left with sysret as it is. An IPC call or reply-receive tries the fast
; path (fastpath.asm), which comes back to x86_syscall_general with the
; registers as they were if it cannot complete.
global x86_syscall_entry
x86_syscall_entry:
    mov [rel x86_syscall_user_rsp], rsp
    mov rsp, [rel x86_tss + TSS_RSP0]
    and r11, USER_RFLAGS
    or r11, RFLAGS_FORCED
%ifdef A9N_CHECKED
    ; The checked kernel (kernel/checked.h) checks every kernel call here,
    ; before the fast path, on the kernel stack: rsp is the context's end,
    ; where nothing may be pushed yet. The C code keeps the callee-saved
    ; registers; these are the others the call and the fast path need
    ; (ten words keep rsp 16-aligned for the call).
    mov rsp, x86_kernel_stack_top
    push rax
    push rcx
    push rdx
    push rsi
    push rdi
    push r8
    push r9
    push r10
    push r11
    push r11
    call checked_kernel_call_entry
    pop r11
    pop r11
    pop r10
    pop r9
    pop r8
    pop rdi
    pop rsi
    pop rdx
    pop rcx
    pop rax
    mov rsp, [rel x86_tss + TSS_RSP0]
%endif
    cmp rax, KERNEL_CALL_CAPABILITY
    jne x86_syscall_general
    cmp rsi, OPERATION_CALL
    je x86_fastpath_call
    cmp rsi, OPERATION_REPLY_RECEIVE
    je x86_fastpath_reply_receive
; Build the same frame a trap would have built, in the current context
; (RSP0 points just past its ss).
global x86_syscall_general
x86_syscall_general:
    push qword USER_SS
    push qword [rel x86_syscall_user_rsp]
    push r11
    push qword USER_CS
    push rcx
    push qword 0
    push qword VECTOR_SYSCALL
    SAVE_GENERAL_REGISTERS
    mov rsp, x86_kernel_stack_top
    xor ebp, ebp
    call kernel_handle_kernel_call
    ud2

; x86_enter_user_sysret(context): context->rcx == rip and r11 == rflags
; (sanitized), rip a canonical user address: checked by context.c, because
; sysret with a non-canonical rcx faults in ring 0 on Intel CPUs.
global x86_enter_user_sysret
x86_enter_user_sysret:
    mov rsp, rdi
    RESTORE_GENERAL_REGISTERS
    ; rsp is at context->vector now
    mov rsp, [rsp + CONTEXT_RSP - CONTEXT_VECTOR]
    o64 sysret

; x86_enter_user_iret(context): any register values; rip, cs, rflags, ss
; sanitized by context.c.
global x86_enter_user_iret
x86_enter_user_iret:
    mov rsp, rdi
    RESTORE_GENERAL_REGISTERS
    add rsp, 16                 ; vector, error code
    iretq

; x86_call_on_fresh_stack(a0, a1, a2, function)
global x86_call_on_fresh_stack
x86_call_on_fresh_stack:
    mov rsp, x86_kernel_stack_top
    xor ebp, ebp
    call rcx
    ud2

; hal_idle: sti takes effect after the next instruction, so no interrupt
; slips in between sti and hlt and is missed until the one after it.
global hal_idle
hal_idle:
    mov rsp, x86_kernel_stack_top
    xor ebp, ebp
.wait:
    sti
    hlt
    jmp .wait

section .bss
global x86_syscall_user_rsp
x86_syscall_user_rsp: resq 1
