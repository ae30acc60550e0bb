/*
 * Reads the platform description the riscv64 HAL needs out of the device
 * tree (see devicetree.h). Nothing about QEMU is assumed: the same code must
 * find the StarFive VisionFive 2's RAM at 0x40000000 and its DesignWare UART.
 */
#include "devicetree.h"

static bool has_prefix(const char *string, const char *prefix)
{
    while (*prefix)
        if (*string++ != *prefix++)
            return false;
    return true;
}

static bool is_compatible_with_any(const struct fdt *fdt, const struct fdt_node *node,
                                   const char *const *names)
{
    for (; *names; names++)
        if (fdt_property_has_string(fdt, node, "compatible", *names))
            return true;
    return false;
}

/* Register-compatible with the 16550: THR at 0, LSR at 5 (scaled by reg-shift). */
static const char *const uart_compatibles[] = {"ns16550a", "ns16550", "snps,dw-apb-uart", NULL};
static const char *const plic_compatibles[] = {"sifive,plic-1.0.0", "riscv,plic0", NULL};
static const char *const exit_device_compatibles[] = {"sifive,test1", "sifive,test0", NULL};
/* Timers and IPI blocks that only M-mode (OpenSBI) may touch. */
static const char *const machine_mode_compatibles[] = {
    "riscv,clint0", "sifive,clint0", "riscv,aclint-mtimer", "riscv,aclint-mswi", NULL};

static enum fdt_status add_range(struct devicetree_range *table, unsigned *count,
                                 unsigned capacity, uint64_t base, uint64_t size)
{
    if (size == 0)
        return FDT_OK;
    if (*count == capacity)
        return FDT_ERROR_TOO_MANY;
    table[*count].base = base;
    table[*count].size = size;
    (*count)++;
    return FDT_OK;
}

/* The nodes the first pass remembers for the second. */
struct devicetree_anchors {
    bool has_chosen, has_aliases;
    /* Only for property look-ups: their path pointers die with the walk. */
    struct fdt_node chosen, aliases;
    /* stdout-path with any ":options" suffix removed, resolved through /aliases */
    char stdout_path[FDT_MAX_PATH];
    /* syscon-poweroff: the register is `offset` bytes into node `regmap` */
    bool has_poweroff;
    uint64_t poweroff_regmap, poweroff_offset;
    uint32_t poweroff_value, poweroff_mask;
};

/* Copy `source` up to ':' or its end; false if it does not fit. */
static bool copy_path(char *destination, const char *source)
{
    for (unsigned i = 0; i < FDT_MAX_PATH; i++) {
        if (source[i] == '\0' || source[i] == ':') {
            destination[i] = '\0';
            return true;
        }
        destination[i] = source[i];
    }
    destination[0] = '\0';
    return false;
}

static void resolve_stdout_path(const struct fdt *fdt, struct devicetree_anchors *anchors)
{
    const char *path;
    anchors->stdout_path[0] = '\0';
    if (!anchors->has_chosen)
        return;
    path = fdt_property_string(fdt, &anchors->chosen, "stdout-path");
    if (!path)
        path = fdt_property_string(fdt, &anchors->chosen, "linux,stdout-path");
    if (!path || !copy_path(anchors->stdout_path, path) || anchors->stdout_path[0] == '/')
        return;
    /* Not a path: an alias such as "serial0" naming a path in /aliases. */
    const char *aliased = anchors->has_aliases
                              ? fdt_property_string(fdt, &anchors->aliases, anchors->stdout_path)
                              : NULL;
    if (!aliased || !copy_path(anchors->stdout_path, aliased))
        anchors->stdout_path[0] = '\0';
}

/* A 32-bit cell: values that do not fit are not the binding's. */
static bool read_u32(const struct fdt *fdt, const struct fdt_node *node, const char *name,
                     uint32_t *value)
{
    uint64_t number;
    if (!fdt_property_number(fdt, node, name, &number) || number > UINT32_MAX)
        return false;
    *value = (uint32_t)number;
    return true;
}

/*
 * The syscon-poweroff binding (as Linux reads it): `regmap` and `offset` are
 * required, and at least one of `value` and `mask`; `mask` alone is the old
 * form and is then the value, written whole. A node without them is ignored
 * rather than guessed at: a wrong write into a system controller can do
 * anything (reset, clock gating) but power off.
 */
static void read_poweroff_node(const struct fdt *fdt, const struct fdt_node *node,
                               struct devicetree_anchors *anchors)
{
    uint32_t offset, value, mask;
    bool has_value = read_u32(fdt, node, "value", &value);
    bool has_mask = read_u32(fdt, node, "mask", &mask);
    if (!fdt_property_number(fdt, node, "regmap", &anchors->poweroff_regmap) ||
        !read_u32(fdt, node, "offset", &offset) || (!has_value && !has_mask))
        return;
    anchors->has_poweroff = true;
    anchors->poweroff_offset = offset;
    anchors->poweroff_value = has_value ? value : mask;
    anchors->poweroff_mask = has_value && has_mask ? mask : UINT32_MAX;
}

/* Pass 1: /chosen, /aliases, the timebase and the poweroff syscon reference. */
static enum fdt_status read_anchors(const struct fdt *fdt, struct devicetree_anchors *anchors,
                                    struct devicetree_platform *platform)
{
    struct fdt_walk walk;
    struct fdt_node node;
    uint64_t number;

    fdt_walk_begin(&walk, fdt);
    while (fdt_walk_next(&walk, &node)) {
        if (fdt_string_equal(node.path, "/chosen")) {
            anchors->has_chosen = true;
            anchors->chosen = node;
        } else if (fdt_string_equal(node.path, "/aliases")) {
            anchors->has_aliases = true;
            anchors->aliases = node;
        } else if (fdt_string_equal(node.path, "/cpus") ||
                   (has_prefix(node.path, "/cpus/") && platform->timebase_frequency == 0)) {
            /* Normally on /cpus; a per-cpu property is the legal fallback. */
            if (fdt_property_number(fdt, &node, "timebase-frequency", &number))
                platform->timebase_frequency = number;
        } else if (!anchors->has_poweroff &&
                   fdt_property_has_string(fdt, &node, "compatible", "syscon-poweroff")) {
            read_poweroff_node(fdt, &node, anchors);
        }
    }
    if (walk.status != FDT_OK)
        return walk.status;

    resolve_stdout_path(fdt, anchors);
    if (anchors->has_chosen) {
        uint64_t start, end;
        if (fdt_property_number(fdt, &anchors->chosen, "linux,initrd-start", &start) &&
            fdt_property_number(fdt, &anchors->chosen, "linux,initrd-end", &end) && end > start) {
            platform->has_initrd = true;
            platform->initrd_start = start;
            platform->initrd_end = end;
        }
        platform->bootargs = fdt_property_string(fdt, &anchors->chosen, "bootargs");
    }
    return FDT_OK;
}

static void read_uart(const struct fdt *fdt, const struct fdt_node *node,
                      struct devicetree_uart *uart)
{
    uint64_t base, size, number;
    if (!fdt_reg(fdt, node, 0, &base, &size))
        return;
    uart->present = true;
    uart->base = base;
    uart->size = size;
    uart->reg_shift = fdt_property_number(fdt, node, "reg-shift", &number) && number < 8
                          ? (uint32_t)number : 0;
    uart->reg_io_width = fdt_property_number(fdt, node, "reg-io-width", &number) && number == 4
                             ? 4 : 1;
}

/* Pass 2: RAM, reservations and devices. */
static enum fdt_status read_resources(const struct fdt *fdt,
                                      const struct devicetree_anchors *anchors,
                                      struct devicetree_platform *platform)
{
    struct fdt_walk walk;
    struct fdt_node node;
    uint64_t base, size;
    enum fdt_status status = FDT_OK;
    bool uart_is_stdout = false;

    fdt_walk_begin(&walk, fdt);
    while (status == FDT_OK && fdt_walk_next(&walk, &node)) {
        if (!node.reg_is_physical)
            continue;
        if (node.depth == 2 && has_prefix(node.path, "/reserved-memory/")) {
            /* Reserved whatever its status: over-reserving is always safe. */
            for (unsigned i = 0; status == FDT_OK && fdt_reg(fdt, &node, i, &base, &size); i++)
                status = add_range(platform->reserved, &platform->reserved_count,
                                   DEVICETREE_MAX_RESERVED, base, size);
            continue;
        }
        if (!fdt_node_is_enabled(fdt, &node))
            continue;
        if (fdt_property_is_string(fdt, &node, "device_type", "memory")) {
            /* Excess RAM banks are left unused rather than failing the boot. */
            for (unsigned i = 0; fdt_reg(fdt, &node, i, &base, &size); i++)
                add_range(platform->memory, &platform->memory_count, DEVICETREE_MAX_MEMORY,
                          base, size);
            continue;
        }
        const void *compatible;
        uint32_t length;
        if (!fdt_property(fdt, &node, "compatible", &compatible, &length) ||
            is_compatible_with_any(fdt, &node, machine_mode_compatibles))
            continue;

        if (is_compatible_with_any(fdt, &node, uart_compatibles) && !uart_is_stdout) {
            bool is_stdout = anchors->stdout_path[0] &&
                             fdt_string_equal(node.path, anchors->stdout_path);
            if (is_stdout || !platform->uart.present) {
                read_uart(fdt, &node, &platform->uart);
                uart_is_stdout = is_stdout && platform->uart.present;
            }
        }
        if (!platform->has_plic && is_compatible_with_any(fdt, &node, plic_compatibles) &&
            fdt_reg(fdt, &node, 0, &base, &size)) {
            platform->has_plic = true;
            platform->plic = (struct devicetree_range){base, size};
        }
        if (!platform->has_exit_device &&
            is_compatible_with_any(fdt, &node, exit_device_compatibles) &&
            fdt_reg(fdt, &node, 0, &base, &size)) {
            platform->has_exit_device = true;
            platform->exit_device = (struct devicetree_range){base, size};
        }
        /* Excess devices are left out of the memory map rather than failing the boot. */
        for (unsigned i = 0; fdt_reg(fdt, &node, i, &base, &size); i++)
            add_range(platform->devices, &platform->device_count, DEVICETREE_MAX_DEVICES,
                      base, size);
    }
    if (status != FDT_OK)
        return status;
    if (walk.status != FDT_OK)
        return walk.status;

    for (unsigned i = 0; status == FDT_OK && fdt_reservation(fdt, i, &base, &size); i++)
        status = add_range(platform->reserved, &platform->reserved_count,
                           DEVICETREE_MAX_RESERVED, base, size);
    return status;
}

/*
 * Pass 3: the syscon the poweroff node points at. Its register is the
 * poweroff register only: it is the exit device only if it is a sifive_test
 * (pass 2), which QEMU virt's is.
 */
static enum fdt_status read_poweroff_syscon(const struct fdt *fdt,
                                            const struct devicetree_anchors *anchors,
                                            struct devicetree_platform *platform)
{
    struct fdt_walk walk;
    struct fdt_node node;
    uint64_t phandle, base, size;

    fdt_walk_begin(&walk, fdt);
    while (fdt_walk_next(&walk, &node)) {
        if (!node.reg_is_physical ||
            !(fdt_property_number(fdt, &node, "phandle", &phandle) ||
              fdt_property_number(fdt, &node, "linux,phandle", &phandle)) ||
            phandle != anchors->poweroff_regmap || !fdt_reg(fdt, &node, 0, &base, &size) ||
            anchors->poweroff_offset + 4 > size)
            continue;
        platform->has_poweroff = true;
        platform->poweroff = (struct devicetree_poweroff){
            base + anchors->poweroff_offset, anchors->poweroff_value, anchors->poweroff_mask};
        break;
    }
    return walk.status;
}

enum fdt_status devicetree_read_platform(const void *blob, size_t available,
                                         struct devicetree_platform *platform)
{
    struct fdt fdt;
    struct devicetree_anchors anchors = {0};
    enum fdt_status status;

    *platform = (struct devicetree_platform){0};
    status = fdt_open(&fdt, blob, available);
    if (status != FDT_OK)
        return status;
    platform->device_tree_size = fdt.total_size;

    status = read_anchors(&fdt, &anchors, platform);
    if (status == FDT_OK)
        status = read_resources(&fdt, &anchors, platform);
    if (status == FDT_OK && anchors.has_poweroff)
        status = read_poweroff_syscon(&fdt, &anchors, platform);
    return status;
}
