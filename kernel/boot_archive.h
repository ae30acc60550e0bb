/*
 * Expansion of boot-module archives (abi/a9n/boot_info.h) into the
 * kernel's module table.
 */
#ifndef KERNEL_BOOT_ARCHIVE_H
#define KERNEL_BOOT_ARCHIVE_H

#include <a9n/boot_info.h>
#include <a9n/error.h>

bool boot_archive_is_archive(const void *data, size_t size);

/*
 * Append the members of the archive at `data` (physical address `base`,
 * `size` bytes) to modules[*count .. max). Every entry is checked to lie
 * inside the archive. A9N_ERROR_INVALID_ARGUMENT for a malformed archive,
 * A9N_ERROR_INSUFFICIENT_MEMORY when the table is full; on error *count is
 * unchanged.
 */
enum a9n_error boot_archive_expand(const void *data, size_t size, a9n_paddr_t base,
                                   struct a9n_boot_module *modules, unsigned max,
                                   unsigned *count);

#endif
