/*
 * The boot_info loader handoff (the UEFI loader, docs/boot-protocol.md):
 * the loader already speaks the boot protocol, so its struct a9n_boot_info
 * is checked and copied into the kernel image before its memory, which the
 * loader reports as free, can be reused.
 */
#include "x86.h"

void x86_loader_read_boot_info(a9n_paddr_t boot_info_paddr, struct a9n_boot_info *boot_info)
{
    const struct a9n_boot_info *loader_info =
        x86_boot_pointer(boot_info_paddr, sizeof(struct a9n_boot_info));
    if (loader_info->magic != A9N_BOOT_INFO_MAGIC || loader_info->version != A9N_BOOT_INFO_VERSION)
        kernel_panic("x86_64: the loader's boot info at %lx has magic %lx version %lu",
                     boot_info_paddr, loader_info->magic, loader_info->version);
    *boot_info = *loader_info;

    /* The counts and strings are the loader's: keep them within the arrays. */
    if (boot_info->memory_region_count > A9N_BOOT_MAX_MEMORY_REGIONS)
        boot_info->memory_region_count = A9N_BOOT_MAX_MEMORY_REGIONS;
    if (boot_info->module_count > A9N_BOOT_MAX_MODULES)
        boot_info->module_count = A9N_BOOT_MAX_MODULES;
    for (unsigned i = 0; i < A9N_BOOT_MAX_MODULES; i++)
        boot_info->modules[i].name[A9N_BOOT_MODULE_NAME_LENGTH - 1] = '\0';
    boot_info->command_line[A9N_BOOT_COMMAND_LINE_LENGTH - 1] = '\0';
}
