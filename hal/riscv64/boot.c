/*
 * First C code of the riscv64 kernel, running at its linked address on the
 * boot hart: read the device tree, finish the kernel mappings, start the
 * console and fill the boot protocol's boot_info for kernel_main().
 */
#include "layout.h"
#include "riscv.h"
#include "platform.h"

/* Real device trees are tens of KiB; a larger totalsize is treated as corrupt. */
#define DEVICE_TREE_MAX_SIZE (16ul << 20)

/* The kernel image from its first byte to the end of .bss (kernel.ld). */
extern char __kernel_start[], __kernel_end[];

static struct a9n_boot_info boot_info;
static struct devicetree_platform platform;

static void copy_command_line(char *destination, const char *source)
{
    unsigned i = 0;
    for (; source && source[i] && i + 1 < A9N_BOOT_COMMAND_LINE_LENGTH; i++)
        destination[i] = source[i];
    destination[i] = '\0';
}

static void fill_boot_info(a9n_word_t hart_id, a9n_paddr_t device_tree,
                           a9n_paddr_t kernel_physical_base)
{
    struct a9n_boot_info *info = &boot_info;
    info->magic = A9N_BOOT_INFO_MAGIC;
    info->version = A9N_BOOT_INFO_VERSION;
    info->kernel_base = kernel_physical_base;
    info->kernel_size = (uint64_t)(__kernel_end - __kernel_start);
    memory_map_build(info, &platform, device_tree);
    if (platform.has_initrd) {
        /* One blob (a boot-module archive); kernel_main expands it. */
        struct a9n_boot_module *module = &info->modules[info->module_count++];
        module->base = platform.initrd_start;
        module->size = platform.initrd_end - platform.initrd_start;
        const char name[] = "initrd";
        for (unsigned i = 0; i < sizeof name; i++)
            module->name[i] = name[i];
    }
    info->arch.device_tree = device_tree;
    info->arch.device_tree_size = platform.device_tree_size;
    info->arch.boot_hart_id = hart_id;
    copy_command_line(info->command_line, platform.bootargs);
}

_Noreturn void boot_main(a9n_word_t hart_id, a9n_paddr_t device_tree,
                         a9n_paddr_t kernel_physical_base);

_Noreturn void boot_main(a9n_word_t hart_id, a9n_paddr_t device_tree,
                         a9n_paddr_t kernel_physical_base)
{
    /* Until the UART is known, kernel_printf goes through the SBI console. */
    sbi_init();
    if (device_tree == 0 || device_tree >= DIRECT_MAP_GIGABYTES * (1ul << 30))
        kernel_panic("riscv64: no usable device tree (a1 = %p)", (void *)device_tree);
    enum fdt_status status =
        devicetree_read_platform(hal_phys_to_virt(device_tree), DEVICE_TREE_MAX_SIZE, &platform);
    if (status != FDT_OK)
        kernel_panic("riscv64: device tree at %p is malformed (fdt status %d)",
                     (void *)device_tree, status);
    if (platform.memory_count == 0)
        kernel_panic("riscv64: the device tree describes no memory");
    if (platform.timebase_frequency == 0)
        kernel_panic("riscv64: the device tree has no timebase-frequency");

    kernel_memory_init(kernel_physical_base, &platform);
    paging_init();
    console_init(&platform.uart);
    machine_init(&platform);
    timer_init(platform.timebase_frequency);
    interrupt_init(&platform, device_tree, hart_id);
    /*
     * User mode may read cycle, time and instret (like x86's rdtsc): under
     * QEMU icount they count instructions, which is how `make bench`
     * measures. OpenSBI already delegates them to S-mode through mcounteren.
     */
    csr_write(scounteren, 0x7);
    fill_boot_info(hart_id, device_tree, kernel_physical_base);
    kernel_main(&boot_info);
}
