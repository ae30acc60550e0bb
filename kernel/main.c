/*
 * The kernel's first C code after the HAL has set up the CPU: take stock of
 * memory and boot modules, build the init process, start the timer and
 * leave for user mode. Nothing here returns.
 */
#include <hal.h>

#include "boot_archive.h"
#include "boot_memory.h"
#include "init_process.h"
#include "scheduler.h"
#include "string.h"
#include "version.h"

static struct a9n_boot_module modules[A9N_BOOT_MAX_MODULES];
static unsigned module_count;
static struct boot_memory boot_memory;

/* Flatten the loader's module list: archives become their members. */
static void collect_modules(const struct a9n_boot_info *info)
{
    unsigned count = info->module_count;
    if (count > A9N_BOOT_MAX_MODULES)
        count = A9N_BOOT_MAX_MODULES;
    for (unsigned i = 0; i < count; i++) {
        const struct a9n_boot_module *module = &info->modules[i];
        const void *data = hal_phys_to_virt(module->base);
        if (boot_archive_is_archive(data, module->size)) {
            enum a9n_error error = boot_archive_expand(data, module->size, module->base, modules,
                                                       A9N_BOOT_MAX_MODULES, &module_count);
            if (error != A9N_ERROR_NONE)
                kernel_printf("boot: archive %s rejected (error %d)\n", module->name, error);
        } else if (module_count < A9N_BOOT_MAX_MODULES) {
            modules[module_count++] = *module;
        }
    }
}

/* Memory the kernel must never hand out: itself, the modules, firmware data. */
static unsigned collect_used_ranges(const struct a9n_boot_info *info,
                                    struct boot_memory_range *used)
{
    unsigned count = 0;
    a9n_paddr_t info_base = hal_virt_to_phys(info);

    used[count++] = (struct boot_memory_range){ info->kernel_base,
                                                info->kernel_base + info->kernel_size };
    used[count++] = (struct boot_memory_range){ info_base, info_base + sizeof(*info) };
    if (info->arch.device_tree != 0)
        used[count++] = (struct boot_memory_range){
            info->arch.device_tree, info->arch.device_tree + info->arch.device_tree_size
        };
    for (unsigned i = 0; i < info->module_count && i < A9N_BOOT_MAX_MODULES; i++) {
        const struct a9n_boot_module *module = &info->modules[i];
        used[count++] = (struct boot_memory_range){ module->base, module->base + module->size };
    }
    return count;
}

_Noreturn void kernel_main(const struct a9n_boot_info *info)
{
    kernel_printf("A9N microkernel %s (%s)\n", A9N_KERNEL_VERSION, A9N_ARCH_NAME);
    if (info->magic != A9N_BOOT_INFO_MAGIC || info->version != A9N_BOOT_INFO_VERSION)
        kernel_panic("boot info has magic %lx version %lu, expected version %u",
                     (unsigned long)info->magic, (unsigned long)info->version,
                     A9N_BOOT_INFO_VERSION);

    collect_modules(info);
    struct boot_memory_range used[BOOT_MEMORY_MAX_EXCLUDED];
    unsigned used_count = collect_used_ranges(info, used);
    boot_memory_init(&boot_memory, info, used, used_count, A9N_ARCH_PAGE_SIZE);
    kernel_printf("boot: kernel image at %p, %lu KiB\n", (void *)(uintptr_t)info->kernel_base,
                  (unsigned long)(info->kernel_size / 1024));
    kernel_printf("boot: %lu KiB free in %u ranges, %u boot modules\n",
                  (unsigned long)(boot_memory_free_bytes(&boot_memory) / 1024),
                  boot_memory.range_count, module_count);

    struct process *init = init_process_build(&boot_memory, modules, module_count, info);
    kernel_printf("boot: init started from module %s\n", modules[0].name);
    scheduler_resume(init);
    hal_timer_start(SCHEDULER_TIMER_HZ);
    scheduler_exit_to_user();
}
