/*
 * Interfaces between the riscv64 HAL's own files (not part of hal.h):
 * boot-time setup of each unit and the helpers the trap code needs.
 */
#ifndef HAL_RISCV64_PLATFORM_H
#define HAL_RISCV64_PLATFORM_H

#include <hal.h>

#include "devicetree.h"
#include "riscv.h"

/* sbi.c: calls into the SBI firmware (OpenSBI) */
void sbi_init(void);
void sbi_console_putchar(char c);
void sbi_set_timer(uint64_t deadline);
/* SBI system reset (shutdown); returns only if the firmware has none. */
void sbi_shutdown(bool failure);

/* console.c: switch the console from SBI to the device tree's UART */
void console_init(const struct devicetree_uart *uart);

/* machine.c: the sifive_test exit register and the syscon poweroff register, if present */
void machine_init(const struct devicetree_platform *platform);

/* timer.c */
void timer_init(uint64_t timebase_frequency);
/* Program the next periodic deadline (clears the pending timer interrupt). */
void timer_acknowledge(void);

/* kernel_memory.c: the kernel half of every address space */
extern uint64_t kernel_root_table[SV39_ENTRIES];
void kernel_memory_init(a9n_paddr_t kernel_physical_base,
                        const struct devicetree_platform *platform);
/* Map device registers uncached into the device window; returns their address. */
volatile void *kernel_memory_map_device(a9n_paddr_t base, uint64_t size);

/* paging.c: how many ASIDs the hart has (once, at boot) */
void paging_init(void);
/* paging.c: the leaf entry translating va in the active address space, or 0 */
uint64_t paging_active_leaf(a9n_word_t va);

/* interrupt.c: the boot hart's PLIC context from the device tree, every line masked */
void interrupt_init(const struct devicetree_platform *platform, a9n_paddr_t device_tree,
                    uint64_t hart_id);
/* interrupt.c: claim the pending line, mask and complete it; 0 when none */
unsigned interrupt_claim(void);

/* memory_map.c: the boot_info memory map from the device tree */
void memory_map_build(struct a9n_boot_info *info, const struct devicetree_platform *platform,
                      a9n_paddr_t device_tree);

#endif
