/*
 * riscv64 boot entry from OpenSBI (or U-Boot) in S-mode with the MMU off:
 * a0 = hart id, a1 = physical address of the device tree. Position
 * independent: only PC-relative addressing until paging is on.
 */
#include "layout.h"
#include "riscv.h"

    .section .text.entry, "ax"
    .global _start
_start:
    /*
     * RISC-V Linux image header (Linux Documentation/riscv/boot-image-header.rst),
     * so that U-Boot's booti can load the raw image (kernel.bin) on boards:
     * it copies it to RAM base + text_offset and enters at its first byte.
     */
    .option push
    .option norvc
    j boot_entry                /* code0 */
    nop                         /* code1 */
    .option pop
    .dword KERNEL_LOAD_ALIGNMENT /* text_offset: where booti puts the image in RAM */
    .dword __kernel_image_size  /* image_size: including .bss */
    .dword 0                    /* flags: little endian */
    .word 2                     /* version 0.2 */
    .word 0                     /* reserved */
    .dword 0                    /* reserved */
    .ascii "RISCV\0\0\0"        /* magic (deprecated) */
    .ascii "RSC\x05"            /* magic2 */
    .word 0                     /* reserved (PE/COFF header offset) */

boot_entry:
    /* Interrupts stay off until hal_idle or user mode; FP and vector off so they trap. */
    csrw sie, zero
    li t0, SSTATUS_SIE | SSTATUS_FS | SSTATUS_VS | SSTATUS_SUM
    csrc sstatus, t0
    mv s0, a0
    mv s1, a1
    /* With the MMU off, lla yields the physical address we were loaded at. */
    lla s2, __kernel_start
    li t0, KERNEL_LOAD_ALIGNMENT - 1
    and t0, s2, t0
    bnez t0, misaligned_load

    lla t0, __bss_start
    lla t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:
    lla s3, kernel_root_table

    /*
     * Temporary direct map of the first 252 GiB with gigapages, so that C can
     * read the device tree wherever it is; boot_main() trims it to RAM.
     * A leaf PTE holds paddr >> 2 (PPN << 10), so one GiB adds 1 << 28.
     */
    li t0, DIRECT_MAP_ROOT_INDEX * 8
    add t0, t0, s3
    li t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G
    li t2, 1 << 28
    li t3, DIRECT_MAP_GIGABYTES
3:  sd t1, 0(t0)
    add t1, t1, t2
    addi t0, t0, 8
    addi t3, t3, -1
    bnez t3, 3b

    /* Identity-map our own gigabyte: the instructions right after the satp write run there. */
    srli t0, s2, 30
    slli t1, t0, 3
    add t1, t1, s3
    slli t0, t0, 28
    ori t0, t0, PTE_V | PTE_R | PTE_X | PTE_A
    sd t0, 0(t1)

    /*
     * Kernel image: KERNEL_VIRTUAL_BASE + offset -> load address + offset,
     * RWX 2 MiB megapages for now; kernel_memory_init() makes it 4 KiB W^X.
     */
    lla t0, kernel_image_table
    srli t1, t0, SV39_PAGE_BITS
    slli t1, t1, PTE_PPN_SHIFT
    ori t1, t1, PTE_V
    li t2, KERNEL_ROOT_INDEX * 8
    add t2, t2, s3
    sd t1, 0(t2)
    lla t1, __kernel_end
    sub t1, t1, s2
    li t2, KERNEL_LOAD_ALIGNMENT - 1
    add t1, t1, t2
    srli t1, t1, 21             /* megapages needed */
    srli t2, s2, 2
    ori t2, t2, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D | PTE_G
    li t3, KERNEL_LOAD_ALIGNMENT >> 2
4:  sd t2, 0(t0)
    add t2, t2, t3
    addi t0, t0, 8
    addi t1, t1, -1
    bnez t1, 4b

    srli t0, s3, SV39_PAGE_BITS
    li t1, SATP_MODE_SV39
    or t0, t0, t1
    sfence.vma zero, zero
    csrw satp, t0
    sfence.vma zero, zero

    /* Leave the identity mapping for the linked (virtual) address. */
    ld t0, boot_virtual_entry
    jr t0

    .balign 8
boot_virtual_entry:
    .dword boot_virtual

boot_virtual:
    la sp, kernel_stack_top
    la t0, trap_entry
    csrw stvec, t0
    /* sscratch == 0 tells trap_entry that a trap came from S-mode. */
    csrw sscratch, zero
    mv a0, s0
    mv a1, s1
    mv a2, s2
    call boot_main
    unimp

    /* Megapages need a 2 MiB aligned load address; say so on the SBI console. */
misaligned_load:
    lla s3, misaligned_message
5:  lbu a0, 0(s3)
    beqz a0, 6f
    li a7, 1                    /* legacy console_putchar */
    ecall
    addi s3, s3, 1
    j 5b
6:  wfi
    j 6b

    .section .rodata
misaligned_message:
    .asciz "A9N: kernel loaded at an address that is not 2 MiB aligned\r\n"

    /* The guard page stays unmapped: an overflow faults instead of corrupting .bss. */
    .section .bss.stack, "aw", @nobits
    .balign 4096
    .global kernel_stack_guard, kernel_stack_top
kernel_stack_guard:
    .space 4096
kernel_stack:
    .space KERNEL_STACK_SIZE
kernel_stack_top:
