; The two ways into the kernel, both ending on temporary page tables that
; map the first GiB twice (identity and at X86_KERNEL_BASE) and in
; x86_boot_main:
; - x86_pvh_entry: QEMU (or any PVH loader) enters in 32-bit protected mode
;   with paging off and ebx = physical address of struct hvm_start_info.
; - x86_loader_entry: a boot_info loader (the UEFI loader) enters in long
;   mode on its own identity-mapped page tables with rdi = physical address
;   of struct a9n_boot_info (docs/boot-protocol.md).

KERNEL_BASE     equ 0xffffffff80000000
CR0_PE          equ 1 << 0
CR0_WP          equ 1 << 16
CR0_PG          equ 1 << 31
CR4_PAE         equ 1 << 5
CR4_LA57        equ 1 << 12
MSR_EFER        equ 0xc0000080
EFER_SCE        equ 1 << 0
EFER_LME        equ 1 << 8
EFER_NXE        equ 1 << 11
PTE_PRESENT     equ 1 << 0
PTE_WRITE       equ 1 << 1
PTE_LARGE       equ 1 << 7
COM1            equ 0x3f8
; enum x86_boot_protocol in x86.h
BOOT_PROTOCOL_PVH    equ 0
BOOT_PROTOCOL_LOADER equ 1

extern x86_boot_main
extern x86_kernel_stack_top
extern kernel_boot_bss_start
extern kernel_boot_bss_end
extern kernel_bss_start
extern kernel_bss_end

; The PVH entry note (Xen's XEN_ELFNOTE_PHYS32_ENTRY = 18). QEMU reads the
; descriptor as a native word, so it is 8 bytes; 4-byte note alignment keeps
; the "Xen" name padded to 4 as QEMU expects.
section .note.pvh note alloc noexec nowrite align=4
    dd 4                        ; name size
    dd 8                        ; descriptor size
    dd 18                       ; type
    db "Xen", 0
    dq x86_pvh_entry

; The loader-entry note (A9N_ELF_NOTE_LOADER_ENTRY in abi/a9n/boot_info.h):
; where a loader that builds struct a9n_boot_info jumps, as a physical address.
section .note.a9n note alloc noexec nowrite align=4
    dd 4                        ; name size
    dd 8                        ; descriptor size
    dd 1                        ; A9N_ELF_NOTE_LOADER_ENTRY
    db "A9N", 0
    dq x86_loader_entry

; Zero .boot.bss (the boot page tables and stack: a loader need not zero
; bss) and build the boot page tables. The same bytes work in 32-bit and
; 64-bit mode: every address here is below 4 GiB.
%macro BUILD_BOOT_PAGE_TABLES 0
    mov edi, kernel_boot_bss_start
    mov ecx, kernel_boot_bss_end
    sub ecx, edi
    shr ecx, 2
    xor eax, eax
    rep stosd

    ; PML4[0] and PML4[511] -> PDPTs; both reach one PD mapping 0..1 GiB
    ; with 2 MiB pages: identity for this code, KERNEL_BASE for the C code.
    mov dword [boot_pml4], boot_pdpt_low + PTE_PRESENT + PTE_WRITE
    mov dword [boot_pml4 + 511 * 8], boot_pdpt_high + PTE_PRESENT + PTE_WRITE
    mov dword [boot_pdpt_low], boot_pd + PTE_PRESENT + PTE_WRITE
    mov dword [boot_pdpt_high + 510 * 8], boot_pd + PTE_PRESENT + PTE_WRITE
    mov edi, boot_pd
    mov eax, PTE_PRESENT + PTE_WRITE + PTE_LARGE
    mov ecx, 512
%%fill_pd:
    mov [edi], eax
    add eax, 0x200000
    add edi, 8
    loop %%fill_pd
%endmacro

; Runs at its physical address: linked and loaded low (see kernel.ld).
section .boot.text progbits alloc exec nowrite align=16
bits 32
global x86_pvh_entry
x86_pvh_entry:
    cli
    cld
    mov esi, ebx                ; keep the start_info address
    BUILD_BOOT_PAGE_TABLES
    mov esp, boot_stack_top

    ; Long mode and NX are required; say so on the serial line otherwise.
    mov eax, 0x80000000
    cpuid
    cmp eax, 0x80000001
    jb .no_long_mode
    mov eax, 0x80000001
    cpuid
    test edx, 1 << 29           ; LM
    jz .no_long_mode
    test edx, 1 << 20           ; NX
    jz .no_long_mode

    mov eax, cr4
    or eax, CR4_PAE
    mov cr4, eax
    mov eax, boot_pml4
    mov cr3, eax
    mov ecx, MSR_EFER
    rdmsr
    or eax, EFER_LME | EFER_NXE | EFER_SCE
    wrmsr
    mov eax, cr0
    or eax, CR0_PG | CR0_WP | CR0_PE
    mov cr0, eax

    lgdt [boot_gdt_pointer]
    mov edx, BOOT_PROTOCOL_PVH
    jmp 0x08:boot_long_mode

.no_long_mode:
    mov esi, no_long_mode_message
    jmp boot_fail_32

; Print the message at esi on COM1 and stop: nothing else works this early.
boot_fail_32:
    lodsb
    test al, al
    jz .stop
    mov dx, COM1
    out dx, al
    jmp boot_fail_32
.stop:
    hlt
    jmp .stop

bits 64
global x86_loader_entry
x86_loader_entry:
    cli
    cld
    mov rsi, rdi                ; keep the boot_info address
    ; 5-level paging cannot be left without leaving long mode; the kernel
    ; only knows 4 levels, so the loader must not have turned it on.
    mov rax, cr4
    test eax, CR4_LA57
    jnz .five_level_paging
    BUILD_BOOT_PAGE_TABLES
    mov esp, boot_stack_top
    mov eax, boot_pml4
    mov cr3, rax
    ; Only PAE: drops whatever the firmware turned on (global pages, PCIDs,
    ; SSE state); cpu_init turns on what the kernel wants.
    mov eax, CR4_PAE
    mov cr4, rax
    mov ecx, MSR_EFER
    rdmsr
    or eax, EFER_NXE | EFER_SCE
    wrmsr
    mov rax, cr0
    or eax, CR0_WP
    mov cr0, rax
    lgdt [boot_gdt_pointer]
    push 0x08                   ; far return: the only way to load CS here
    lea rax, [rel .reload_cs]
    push rax
    retfq
.reload_cs:
    mov edx, BOOT_PROTOCOL_LOADER
    jmp boot_long_mode

.five_level_paging:
    mov rsi, five_level_paging_message
.print:
    lodsb
    test al, al
    jz .stop
    mov dx, COM1
    out dx, al
    jmp .print
.stop:
    hlt
    jmp .stop

; Both entries: long mode on the boot tables, esi = the boot data's physical
; address, edx = enum x86_boot_protocol.
boot_long_mode:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    xor eax, eax
    mov fs, ax
    mov gs, ax
    ; The kernel's .bss and stacks: zero them too, for the same reason.
    mov rdi, kernel_bss_start
    mov rcx, kernel_bss_end
    sub rcx, rdi
    xor eax, eax
    rep stosb
    mov rsp, x86_kernel_stack_top
    xor ebp, ebp
    mov edi, esi                ; x86_boot_main(boot data, protocol)
    mov esi, edx
    mov rax, x86_boot_main
    call rax
    ud2

section .boot.data progbits alloc noexec write align=16
boot_gdt:
    dq 0
    dq 0x00209a0000000000       ; 0x08: 64-bit code, DPL 0
    dq 0x0000920000000000       ; 0x10: data, DPL 0
boot_gdt_end:
boot_gdt_pointer:
    dw boot_gdt_end - boot_gdt - 1
    dq boot_gdt                 ; 32-bit lgdt reads 4 bytes of it, 64-bit 8
no_long_mode_message:
    db "A9N: this CPU has no long mode or NX", 13, 10, 0
five_level_paging_message:
    db "A9N: the loader left 5-level paging on", 13, 10, 0

section .boot.bss nobits alloc noexec write align=4096
boot_pml4:      resb 4096
boot_pdpt_low:  resb 4096
boot_pdpt_high: resb 4096
boot_pd:        resb 4096
boot_stack:     resb 256
boot_stack_top:
