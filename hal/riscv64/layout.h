/*
 * The riscv64 kernel's virtual address map (Sv39, upper half). Every address
 * space shares root entries 256..511; user space is the lower half.
 *
 *   0x0000000000000000 .. 0x0000003fffffffff  user (A9N_ARCH_USER_TOP)
 *   0xffffffc000000000 .. 0xfffffffeffffffff  direct map of RAM: paddr + DIRECT_MAP_BASE
 *   0xffffffff00000000 .. 0xffffffff001fffff  device window (UART, exit device)
 *   0xffffffff80000000 .. kernel image (linked here, loaded anywhere 2 MiB aligned):
 *                          text R-X, rodata R--, data and bss RW-, a hole below the stack
 */
#ifndef HAL_RISCV64_LAYOUT_H
#define HAL_RISCV64_LAYOUT_H

#define DIRECT_MAP_BASE 0xffffffc000000000
#define DIRECT_MAP_ROOT_INDEX 256
/* Root entries 256..507: the direct map reaches physical addresses below 252 GiB. */
#define DIRECT_MAP_GIGABYTES 252
#define DEVICE_WINDOW_BASE 0xffffffff00000000
#define DEVICE_WINDOW_ROOT_INDEX 508
#define KERNEL_VIRTUAL_BASE 0xffffffff80000000
#define KERNEL_ROOT_INDEX 510
/* The kernel image is mapped with 2 MiB megapages: its load address must be aligned. */
#define KERNEL_LOAD_ALIGNMENT 0x200000
/* Page tables for a 4 KiB-grained kernel mapping are reserved for this size. */
#define KERNEL_IMAGE_MAX_SIZE 0x800000
#define KERNEL_STACK_SIZE 16384

#endif
