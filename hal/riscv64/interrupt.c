/*
 * Device interrupts on riscv64: the PLIC, programmed for the supervisor
 * context of the boot hart, both found through the device tree (the
 * context is the entry of the PLIC's interrupts-extended that names the
 * boot hart's interrupt controller with cause 9, supervisor external), so
 * the VisionFive 2 and QEMU need no constants. Lines are PLIC sources;
 * source 0 does not exist and never fires. riscv64 has no I/O port space.
 *
 * Every source gets priority 1 and the context threshold 0, so the enable
 * bits alone decide delivery: masking a line clears its bit. A claimed
 * source is disabled and completed at once (trap.c), so the gateway takes
 * new requests and holds them pending until the kernel unmasks the line.
 */
#include "platform.h"

#define PLIC_MAX_SOURCES 1024
#define PLIC_PRIORITY 0x0
#define PLIC_ENABLE 0x2000
#define PLIC_ENABLE_STRIDE 0x80
#define PLIC_CONTEXT 0x200000
#define PLIC_CONTEXT_STRIDE 0x1000
#define PLIC_THRESHOLD 0
#define PLIC_CLAIM 1 /* in 32-bit words */
#define INTERRUPT_SUPERVISOR_EXTERNAL 9

static volatile uint32_t *plic_priority;
static volatile uint32_t *plic_enable;
static volatile uint32_t *plic_context;
static unsigned line_count;
static struct a9n_console_info console;

/* What the device tree says; cells of interrupts-extended stay big-endian in the blob. */
struct plic_description {
    bool found;
    uint64_t base, sources;
    const uint8_t *interrupts_extended;
    uint32_t interrupts_extended_length;
    bool has_hart_controller;
    uint64_t hart_controller;       /* phandle of the boot hart's riscv,cpu-intc */
    uint64_t hart_controller_cells; /* its #interrupt-cells */
    uint64_t uart_line;
};

static uint32_t cell(const uint8_t *bytes)
{
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 |
           bytes[3];
}

static bool is_plic(const struct fdt *fdt, const struct fdt_node *node)
{
    return fdt_property_has_string(fdt, node, "compatible", "sifive,plic-1.0.0") ||
           fdt_property_has_string(fdt, node, "compatible", "riscv,plic0");
}

static void read_description(const struct fdt *fdt, uint64_t hart_id,
                             const struct devicetree_platform *platform,
                             struct plic_description *plic)
{
    struct fdt_walk walk;
    struct fdt_node node;
    uint64_t number, base, size;
    unsigned boot_cpu_depth = 0; /* depth of the boot hart's cpu node while inside it */

    fdt_walk_begin(&walk, fdt);
    while (fdt_walk_next(&walk, &node)) {
        if (boot_cpu_depth != 0 && node.depth <= boot_cpu_depth)
            boot_cpu_depth = 0;
        if (fdt_property_is_string(fdt, &node, "device_type", "cpu") &&
            fdt_property_number(fdt, &node, "reg", &number) && number == hart_id) {
            boot_cpu_depth = node.depth;
        } else if (boot_cpu_depth != 0 && node.depth == boot_cpu_depth + 1 &&
                   fdt_property_has_string(fdt, &node, "compatible", "riscv,cpu-intc") &&
                   fdt_property_number(fdt, &node, "phandle", &plic->hart_controller)) {
            plic->has_hart_controller = true;
            if (!fdt_property_number(fdt, &node, "#interrupt-cells", &plic->hart_controller_cells))
                plic->hart_controller_cells = 1;
        } else if (!plic->found && node.reg_is_physical && is_plic(fdt, &node) &&
                   fdt_reg(fdt, &node, 0, &base, &size) &&
                   fdt_property_number(fdt, &node, "riscv,ndev", &plic->sources) &&
                   fdt_property(fdt, &node, "interrupts-extended",
                                (const void **)&plic->interrupts_extended,
                                &plic->interrupts_extended_length)) {
            plic->found = true;
            plic->base = base;
        } else if (platform->uart.present && node.reg_is_physical &&
                   fdt_reg(fdt, &node, 0, &base, &size) && base == platform->uart.base) {
            if (!fdt_property_number(fdt, &node, "interrupts", &plic->uart_line))
                plic->uart_line = 0;
        }
    }
}

/* The index of the boot hart's supervisor-external entry: its PLIC context. */
static bool find_context(const struct plic_description *plic, uint64_t *context)
{
    if (!plic->has_hart_controller || plic->hart_controller_cells != 1)
        return false;
    const uint32_t entry = 8; /* phandle, cause */
    for (uint32_t offset = 0; plic->interrupts_extended_length - offset >= entry;
         offset += entry) {
        if (cell(plic->interrupts_extended + offset) == plic->hart_controller &&
            cell(plic->interrupts_extended + offset + 4) == INTERRUPT_SUPERVISOR_EXTERNAL) {
            *context = offset / entry;
            return true;
        }
    }
    return false;
}

void interrupt_init(const struct devicetree_platform *platform, a9n_paddr_t device_tree,
                    uint64_t hart_id)
{
    struct fdt fdt;
    struct plic_description plic = { 0 };
    uint64_t context;

    if (platform->uart.present)
        console = (struct a9n_console_info){
            .registers = A9N_CONSOLE_REGISTERS_MMIO,
            .base = platform->uart.base,
            .register_shift = platform->uart.reg_shift,
            .register_width = platform->uart.reg_io_width,
        };
    /* devicetree.c has validated the same blob already. */
    if (fdt_open(&fdt, hal_phys_to_virt(device_tree), platform->device_tree_size) != FDT_OK)
        return;
    read_description(&fdt, hart_id, platform, &plic);
    console.interrupt_line = (uint32_t)plic.uart_line;
    if (!plic.found || plic.sources == 0 || !find_context(&plic, &context)) {
        kernel_printf("riscv64: no PLIC context for hart %lu: no device interrupts\n", hart_id);
        return;
    }
    line_count = plic.sources + 1 < PLIC_MAX_SOURCES ? (unsigned)plic.sources + 1
                                                     : PLIC_MAX_SOURCES;
    plic_priority = kernel_memory_map_device(plic.base + PLIC_PRIORITY, 4ull * line_count);
    plic_enable = kernel_memory_map_device(
        plic.base + PLIC_ENABLE + context * PLIC_ENABLE_STRIDE, line_count / 8 + 4);
    plic_context = kernel_memory_map_device(
        plic.base + PLIC_CONTEXT + context * PLIC_CONTEXT_STRIDE, 8);

    for (unsigned line = 0; line < line_count; line += 32)
        plic_enable[line / 32] = 0;
    for (unsigned line = 1; line < line_count; line++)
        plic_priority[line] = 1;
    plic_context[PLIC_THRESHOLD] = 0;
    csr_set(sie, SIE_SEIE);
    kernel_printf("riscv64: PLIC context %lu, %u interrupt lines, console on line %u\n", context,
                  line_count, console.interrupt_line);
}

static void set_enabled(unsigned line, bool enabled)
{
    if (line == 0 || line >= line_count)
        return;
    uint32_t bit = 1u << (line % 32);
    uint32_t word = plic_enable[line / 32];
    plic_enable[line / 32] = enabled ? word | bit : word & ~bit;
}

unsigned interrupt_claim(void)
{
    if (line_count == 0)
        return 0;
    unsigned line = plic_context[PLIC_CLAIM];
    if (line == 0 || line >= line_count)
        return 0;
    /* Disable first: the completed gateway may take the next request at once. */
    set_enabled(line, false);
    plic_context[PLIC_CLAIM] = line;
    return line;
}

/* ---- hal.h ------------------------------------------------------------------------- */

unsigned hal_interrupt_count(void)
{
    return line_count;
}

void hal_interrupt_mask(unsigned line)
{
    set_enabled(line, false);
}

void hal_interrupt_unmask(unsigned line)
{
    set_enabled(line, true);
}

unsigned hal_io_port_count(void)
{
    return 0;
}

/* No I/O Port capability exists without a port space: the kernel never gets here. */
uint32_t hal_io_port_read(unsigned port, unsigned width)
{
    kernel_panic("riscv64: I/O port read %u (width %u) without a port space", port, width);
}

void hal_io_port_write(unsigned port, unsigned width, uint32_t value)
{
    kernel_panic("riscv64: I/O port write %u (width %u, %x) without a port space", port, width,
                 value);
}

void hal_console_describe(struct a9n_console_info *description)
{
    *description = console;
}
