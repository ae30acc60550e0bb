; IPC fast path, x86_64 (kernel/fastpath.h has the contract and the
; general path it must match): call and reply-receive of a short message
; between threads that can switch to each other at once, as one straight
; line from the syscall entry to sysret.
;
; What makes it short:
; - The message stays in the registers. MR0..MR3 become success, error,
;   info and badge; the payload registers (r8, r9, r12..r15) travel whole
;   (docs/abi.md, section 11), so they are never stored or loaded.
; - The sender saves only what the receiver's registers will overwrite and
;   its own return needs: rbx, rbp, rsp, rip, rflags (and the call number
;   and the syscall mark). Its MRs are not saved: whatever resumes a thread
;   blocked in call or reply-receive rewrites them.
; - Every check comes before the first change, so any failed check falls
;   back to the general path as if the fast path did not exist: the
;   registers are put back and the full syscall entry runs.
; - The receiver's context is one the syscall entry saved and nobody
;   rewrote (vector = X86_VECTOR_SYSCALL): rip and rflags are then safe for
;   sysret as they are (x86.h).
;
; On entry (from x86_syscall_entry): rsp = the sender's context end (RSP0),
; the user rsp in x86_syscall_user_rsp, rcx = user rip, r11 = sanitized
; user rflags, rax = A9N_KERNEL_CALL_CAPABILITY, MRs in their registers.
; Scratch until the commit: rax, rbx, rcx, rbp (saved first).

%include "asm_offsets.inc"

extern x86_syscall_general
extern x86_syscall_user_rsp
extern x86_tss
extern x86_kernel_stack_top
extern x86_loaded_fs_base
extern x86_loaded_gs_base
extern hal_direct_map_offset
extern scheduler_running
extern scheduler_active_address_space
extern fastpath_hits
extern hal_address_space_activate
%ifdef A9N_CHECKED
extern checked_fastpath_exit
%endif

; struct a9n_arch_context offsets (context.c static-asserts the layout).
; rsp points at the sender's context end, and the context is the first
; member of its process: SENDER(offset) is a field of the sender's process.
CONTEXT_END     equ 176
%define SENDER(offset) rsp + (offset) - CONTEXT_END
CONTEXT_RBP     equ 64
CONTEXT_RBX     equ 104
CONTEXT_RAX     equ 112
CONTEXT_VECTOR  equ 120
CONTEXT_RIP     equ 136
CONTEXT_RFLAGS  equ 152
CONTEXT_RSP     equ 160
CONTEXT_FS_BASE equ 176
CONTEXT_GS_BASE equ 184
TSS_RSP0        equ 4
VECTOR_SYSCALL  equ 256
MSR_FS_BASE     equ 0xc0000100
MSR_GS_BASE     equ 0xc0000101
CR0_TS          equ 1 << 3

section .text

; What the sender keeps while it waits. rcx and r11 need no copy in the
; context's rcx/r11: a context marked VECTOR_SYSCALL has rcx == rip and
; r11 == rflags by definition (hal_return_to_user restores them so).
%macro SAVE_SENDER 0
    mov [SENDER(CONTEXT_RIP)], rcx
    mov [SENDER(CONTEXT_RFLAGS)], r11
    mov [SENDER(CONTEXT_RBX)], rbx
    mov [SENDER(CONTEXT_RBP)], rbp
    mov rcx, [rel x86_syscall_user_rsp]
    mov [SENDER(CONTEXT_RSP)], rcx
    mov qword [SENDER(CONTEXT_VECTOR)], VECTOR_SYSCALL
    mov [SENDER(CONTEXT_RAX)], rax
%endmacro

; A short message (info in rdx): payload within the register MRs, no
; capability, none of the unused info bits 12-15; the info is then
; delivered exactly as sent.
%macro CHECK_SHORT_MESSAGE 0
    movzx eax, dx
    cmp eax, SHORT_LENGTH_MAX
    ja fallback
%endmacro

; rbx = the slot of the port capability rdi names in one level (a slot of
; the root node itself): its type and rights masked with %1 must be %2 (an
; IPC Port with READ or WRITE); else fallback. Scratch: rax, rcx.
%macro LOOK_UP_PORT 2
    cmp byte [SENDER(PROCESS_ROOT_TYPE)], TYPE_NODE
    jne fallback
    ; One level: depth == radix and the path below 2^radix, both at once:
    ; descriptor >> radix == radix << (56 - radix) (the path's bits would
    ; show in the low part, a wrong depth in the high part).
    mov ecx, [SENDER(PROCESS_ROOT_RADIX)]
    mov rbx, rdi
    shr rbx, cl
    mov rax, rcx
    shl rax, DESCRIPTOR_DEPTH_SHIFT
    shr rax, cl
    cmp rbx, rax
    jne fallback
    ; slot = root node + path * 64 (the path is the low 56 bits)
    mov rax, rdi
    shl rax, 64 - DESCRIPTOR_DEPTH_SHIFT
    shr rax, 64 - DESCRIPTOR_DEPTH_SHIFT - SLOT_BITS
    mov rbx, [SENDER(PROCESS_ROOT_OBJECT)]
    add rbx, [rel hal_direct_map_offset]
    add rbx, rax
    ; type and rights in one 16-bit load
    movzx eax, word [rbx + SLOT_TYPE]
    and eax, %1
    cmp eax, %2
    jne fallback
%endmacro

; rcx = the partner: it may run at once in the sender's place, in a
; context sysret can enter as it is. Scratch: rax. %1: a label after the
; priority check, %2: the function's FPU_HAND_OVER %1 (out of line).
%macro CHECK_PARTNER 2
    ; At least the sender's priority: the running thread is outranked by
    ; no ready one, so neither is the partner (scheduler_switch_direct).
    ; The words hold the FPU role above the priority (process.h), compared
    ; signed: a sender with FPU access or a partner that owns the FPU
    ; fails too, and %2 tells the cases apart.
    mov rax, [rcx + PROCESS_PRIORITY]
    cmp rax, [SENDER(PROCESS_PRIORITY)]
    jl %2
%1:
    ; No address space: the general path stops it instead of running it.
    cmp byte [rcx + PROCESS_ADDRESS_SPACE_TYPE], TYPE_ADDRESS_SPACE
    jne fallback
    cmp qword [rcx + CONTEXT_VECTOR], VECTOR_SYSCALL
    jne fallback
%endmacro

; Out of line from CHECK_PARTNER: the partner's priority is too low (the
; general path), or FPU access changes hands (kernel/fpu.h) and the
; exchange goes on at %1. A sender with access is the owner: it keeps its
; registers in the FPU but must not lend them to the partner, so CR0.TS
; goes on (the partner's first FP instruction raises #NM). A partner that
; owns the FPU gets access back (clts), so that it does not trap for the
; registers it already has. Scratch: rax.
%macro FPU_HAND_OVER 1
    mov eax, [rcx + PROCESS_PRIORITY]
    cmp eax, [SENDER(PROCESS_PRIORITY)]
    jb fallback
    cmp dword [SENDER(PROCESS_FPU_ROLE)], FPU_ACCESS
    je %%sender_owns
    cmp dword [rcx + PROCESS_FPU_ROLE], FPU_IDLE
    jne fallback
    mov dword [rcx + PROCESS_FPU_ROLE], FPU_ACCESS
    clts
    jmp %1
%%sender_owns:
    mov dword [SENDER(PROCESS_FPU_ROLE)], FPU_IDLE
    mov rax, cr0
    or rax, CR0_TS
    mov cr0, rax
    jmp %1
%endmacro

; ipc_port_call when the first thread in the port's queue waits to receive.
global x86_fastpath_call
x86_fastpath_call:
    SAVE_SENDER
    CHECK_SHORT_MESSAGE
    LOOK_UP_PORT TYPE_AND_RIGHTS_MASK_WRITE, IPC_PORT_WRITABLE
    mov rbp, [rbx + SLOT_OBJECT]
    add rbp, [rel hal_direct_map_offset]        ; the port
    mov rcx, [rbp + IPC_PORT_HEAD]
    test rcx, rcx
    jz fallback
    cmp dword [rcx + PROCESS_STATE], STATE_BLOCKED_RECEIVE
    jne fallback
    CHECK_PARTNER .priority_checked, .fpu_hand_over

    ; Commit. The receiver leaves the queue (it is its head; a thread in
    ; no queue keeps its queue links NULL, process.h) ...
    mov rax, [rcx + PROCESS_QUEUE_NEXT]
    mov [rbp + IPC_PORT_HEAD], rax
    test rax, rax
    jnz .more_receivers
    mov qword [rbp + IPC_PORT_TAIL], 0
.receiver_dequeued:
    mov qword [rcx + PROCESS_WAITING_ON], 0
    ; ... and holds the reply right to the caller, which waits for it.
    mov dword [SENDER(PROCESS_STATE)], STATE_BLOCKED_REPLY
    mov [SENDER(PROCESS_REPLIER)], rcx
    lea rax, [rsp - CONTEXT_END]
    mov [rcx + PROCESS_REPLY_TO], rax
    mov r10, [rbx + SLOT_BADGE]                 ; MR3: the badge
    jmp switch_to_partner
.more_receivers:
    mov qword [rax + PROCESS_QUEUE_PREVIOUS], 0
    mov qword [rcx + PROCESS_QUEUE_NEXT], 0
    jmp .receiver_dequeued
.fpu_hand_over:
    FPU_HAND_OVER .priority_checked

; A check failed before anything changed: put back the registers the fast
; path used and take the general syscall entry.
fallback:
    mov rcx, [SENDER(CONTEXT_RIP)]
    mov rbx, [SENDER(CONTEXT_RBX)]
    mov rbp, [SENDER(CONTEXT_RBP)]
    mov rax, KERNEL_CALL_CAPABILITY
    jmp x86_syscall_general

; ipc_port_reply_receive when the caller waits for this reply and no
; sender waits on the port.
global x86_fastpath_reply_receive
x86_fastpath_reply_receive:
    SAVE_SENDER
    CHECK_SHORT_MESSAGE
    LOOK_UP_PORT TYPE_AND_RIGHTS_MASK_READ, IPC_PORT_READABLE
    mov rcx, [SENDER(PROCESS_REPLY_TO)]
    test rcx, rcx
    jz fallback
    ; Flags left by a call that waited in the queue (the general path
    ; clears them) or a fault report (answered by resuming the faulter).
    cmp dword [rcx + PROCESS_IPC_FLAGS], 0
    jne fallback
    mov rbp, [rbx + SLOT_OBJECT]
    add rbp, [rel hal_direct_map_offset]        ; the port
    mov rax, [rbp + IPC_PORT_HEAD]
    test rax, rax
    jnz .queue_not_empty
.no_sender:
    CHECK_PARTNER .priority_checked, .fpu_hand_over

    ; Commit. The reply right is used up ...
    mov qword [SENDER(PROCESS_REPLY_TO)], 0
    mov qword [rcx + PROCESS_REPLIER], 0
    ; ... and the server waits on the port, last in its queue (its
    ; queue_next is NULL already: the running thread is in no queue).
    mov dword [SENDER(PROCESS_STATE)], STATE_BLOCKED_RECEIVE
    mov [SENDER(PROCESS_WAITING_ON)], rbp
    lea rax, [rsp - CONTEXT_END]
    mov rbx, [rbp + IPC_PORT_TAIL]
    mov [SENDER(PROCESS_QUEUE_PREVIOUS)], rbx
    test rbx, rbx
    jnz .after_tail
    mov [rbp + IPC_PORT_HEAD], rax
.appended:
    mov [rbp + IPC_PORT_TAIL], rax
    xor r10d, r10d                              ; MR3: a reply has badge 0
    ; on into switch_to_partner

; rcx = the partner, rsp = the sender's context end, r10 = MR3. The
; partner runs on the rest of the sender's quantum (scheduler_switch_direct).
switch_to_partner:
    mov dword [rcx + PROCESS_STATE], STATE_READY
    mov eax, [SENDER(PROCESS_QUANTUM)]
    mov [rcx + PROCESS_QUANTUM], eax
    mov [rel scheduler_running], rcx
    inc qword [rel fastpath_hits]
    mov rax, [rcx + PROCESS_ADDRESS_SPACE_OBJECT]
    cmp rax, [rel scheduler_active_address_space]
    je .address_space_active
    mov [rel scheduler_active_address_space], rax
    add rax, [rel hal_direct_map_offset]
    mov rax, [rax + ADDRESS_SPACE_METADATA + METADATA_SWITCH_WORD]
    test rax, rax
    jz .activate_by_call
    mov cr3, rax
.address_space_active:
    ; The next trap saves into the partner's context.
    lea rax, [rcx + CONTEXT_END]
    mov [rel x86_tss + TSS_RSP0], rax
    mov rax, [rcx + CONTEXT_FS_BASE]
    cmp rax, [rel x86_loaded_fs_base]
    jne .load_fs_base
    mov rax, [rcx + CONTEXT_GS_BASE]
    cmp rax, [rel x86_loaded_gs_base]
    jne .load_gs_base
.bases_loaded:
%ifdef A9N_CHECKED
    ; The checked kernel checks the state the fast path left, as the
    ; general path does at its exit (kernel/checked.h); the sender's
    ; context is complete, so the kernel stack is free.
    mov rsp, x86_kernel_stack_top
    push rcx
    push rdx
    push r8
    push r9
    push r10
    push r10                    ; (six words keep rsp 16-aligned for the call)
    call checked_fastpath_exit
    pop r10
    pop r10
    pop r9
    pop r8
    pop rdx
    pop rcx
%endif
    ; MR0 success, MR1 no error; MR2 (the info) and the payload are in
    ; place, MR3 set by the caller of this; rax: the partner's call number
    ; (it waited in a capability call too).
    mov edi, 1
    xor esi, esi
    mov rax, KERNEL_CALL_CAPABILITY
    mov rbx, [rcx + CONTEXT_RBX]
    mov rbp, [rcx + CONTEXT_RBP]
    mov r11, [rcx + CONTEXT_RFLAGS]
    mov rsp, [rcx + CONTEXT_RSP]
    mov rcx, [rcx + CONTEXT_RIP]
    o64 sysret

; No switch word (an address space without an identifier, or PCIDs the
; word cannot express): hal_address_space_activate(root, tag), keeping the
; registers of the message. The sender's context is complete, so the
; kernel stack is free.
.activate_by_call:
    mov rsp, x86_kernel_stack_top
    push rcx
    push rdx
    push rdi
    push rsi
    push r8
    push r9
    push r10
    push r11                    ; (alignment: 8 words keep rsp 16-aligned for the call)
    mov rdi, [rcx + PROCESS_ADDRESS_SPACE_OBJECT]
    mov rsi, rdi
    add rsi, [rel hal_direct_map_offset]
    mov rsi, [rsi + ADDRESS_SPACE_METADATA + METADATA_TAG]
    call hal_address_space_activate
    pop r11
    pop r10
    pop r9
    pop r8
    pop rsi
    pop rdi
    pop rdx
    pop rcx
    jmp .address_space_active

; The partner's FS/GS base differs from the loaded one. wrmsr takes ecx
; and edx:eax; rbx, rbp and r11 are free until the partner's are loaded.
; The base is a user address: a context marked VECTOR_SYSCALL was last
; entered through hal_return_to_user, which sanitizes it.
.load_fs_base:
    mov [rel x86_loaded_fs_base], rax
    mov ebx, MSR_FS_BASE
    jmp .write_base
.load_gs_base:
    mov [rel x86_loaded_gs_base], rax
    mov ebx, MSR_GS_BASE
.write_base:
    mov r11, rcx
    mov rbp, rdx
    mov ecx, ebx
    mov rdx, rax
    shr rdx, 32
    wrmsr
    mov rcx, r11
    mov rdx, rbp
    jmp .address_space_active

; Out of line for reply-receive: the rarer queue states.
x86_fastpath_reply_receive.after_tail:
    mov [rbx + PROCESS_QUEUE_NEXT], rax
    jmp x86_fastpath_reply_receive.appended
x86_fastpath_reply_receive.queue_not_empty:
    ; Receivers may wait there too; a sender means a message to take.
    cmp dword [rax + PROCESS_STATE], STATE_BLOCKED_SEND
    je fallback
    jmp x86_fastpath_reply_receive.no_sender
x86_fastpath_reply_receive.fpu_hand_over:
    FPU_HAND_OVER x86_fastpath_reply_receive.priority_checked
