; Direct-boot entry: QEMU (or any PVH loader) enters x86_pvh_entry in 32-bit
; protected mode with paging off and ebx = physical address of struct
; hvm_start_info. We switch to long mode on temporary page tables that map
; the first GiB twice (identity and at X86_KERNEL_BASE) and jump to C.

KERNEL_BASE     equ 0xffffffff80000000
CR0_PE          equ 1 << 0
CR0_WP          equ 1 << 16
CR0_PG          equ 1 << 31
CR4_PAE         equ 1 << 5
MSR_EFER        equ 0xc0000080
EFER_SCE        equ 1 << 0
EFER_LME        equ 1 << 8
EFER_NXE        equ 1 << 11
PTE_PRESENT     equ 1 << 0
PTE_WRITE       equ 1 << 1
PTE_LARGE       equ 1 << 7
COM1            equ 0x3f8

extern x86_pvh_main
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

; Runs at its physical address: linked and loaded low (see kernel.ld).
section .boot.text progbits alloc exec nowrite align=16
bits 32
global x86_pvh_entry
x86_pvh_entry:
    cli
    cld
    mov esi, ebx                ; keep the start_info address

    ; The boot page tables live in .boot.bss; a loader need not zero bss.
    mov edi, kernel_boot_bss_start
    mov ecx, kernel_boot_bss_end
    sub ecx, edi
    shr ecx, 2
    xor eax, eax
    rep stosd
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

    ; PML4[0] and PML4[511] -> PDPTs; both reach one PD mapping 0..1 GiB
    ; with 2 MiB pages: identity for this code, KERNEL_BASE for the C code.
    mov dword [boot_pml4], boot_pdpt_low + PTE_PRESENT + PTE_WRITE
    mov dword [boot_pml4 + 511 * 8], boot_pdpt_high + PTE_PRESENT + PTE_WRITE
    mov dword [boot_pdpt_low], boot_pd + PTE_PRESENT + PTE_WRITE
    mov dword [boot_pdpt_high + 510 * 8], boot_pd + PTE_PRESENT + PTE_WRITE
    mov edi, boot_pd
    mov eax, PTE_PRESENT + PTE_WRITE + PTE_LARGE
    mov ecx, 512
.fill_pd:
    mov [edi], eax
    add eax, 0x200000
    add edi, 8
    loop .fill_pd

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
    jmp 0x08:.long_mode

.no_long_mode:
    mov esi, no_long_mode_message
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

bits 64
.long_mode:
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
    mov edi, esi                ; x86_pvh_main(start_info physical address)
    mov rax, x86_pvh_main
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
    dd boot_gdt
no_long_mode_message:
    db "A9N: this CPU has no long mode or NX", 13, 10, 0

section .boot.bss nobits alloc noexec write align=4096
boot_pml4:      resb 4096
boot_pdpt_low:  resb 4096
boot_pdpt_high: resb 4096
boot_pd:        resb 4096
boot_stack:     resb 256
boot_stack_top:
