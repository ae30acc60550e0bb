/*
 * Building a user process from an ELF boot module at boot time, with
 * memory taken from the boot allocator.
 */
#ifndef KERNEL_BOOT_PROCESS_H
#define KERNEL_BOOT_PROCESS_H

#include <a9n/boot_info.h>

#include "boot_memory.h"
#include "process.h"

/* Size of the initial user stack, and where it ends (exclusive). */
#define BOOT_PROCESS_STACK_PAGES 4
#define BOOT_PROCESS_STACK_TOP (A9N_ARCH_USER_TOP - (1ul << 30))

/*
 * Load `module` into a new address space and return a process ready to
 * be resumed, or an error: A9N_ERROR_INVALID_ARGUMENT for a bad ELF,
 * A9N_ERROR_INSUFFICIENT_MEMORY when boot memory ran out.
 */
enum a9n_error boot_process_create(struct boot_memory *memory, const struct a9n_boot_module *module,
                                   a9n_word_t id, struct process **created);

#endif
