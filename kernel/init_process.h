/*
 * The init protocol (docs/init-protocol.md): the kernel builds exactly one
 * process, init, from the first boot module, with a fixed slot layout and
 * an init-info page. Everything else is init's policy.
 */
#ifndef KERNEL_INIT_PROCESS_H
#define KERNEL_INIT_PROCESS_H

#include <a9n/boot_info.h>

#include "boot_memory.h"
#include "process.h"

/* Where init finds things in its address space (also reported in init info). */
#define INIT_INFO_ADDRESS 0x10000000ul
#define INIT_IPC_BUFFER_ADDRESS (INIT_INFO_ADDRESS + A9N_INIT_INFO_PAGES * A9N_ARCH_PAGE_SIZE)
#define INIT_MODULE_ADDRESS 0x20000000ul
#define INIT_STACK_PAGES 16
#define INIT_STACK_TOP (A9N_ARCH_USER_TOP - (1ul << 30))

/*
 * Build init from modules[0]; modules[1..count) are mapped into it and
 * listed in its init info. Everything left in `memory` afterwards becomes
 * init's Generics. Panics on failure: without init there is no system.
 */
struct process *init_process_build(struct boot_memory *memory,
                                   const struct a9n_boot_module *modules, unsigned count,
                                   const struct a9n_boot_info *boot_info);

#endif
