/*
 * Host tests of the riscv64 device-tree reader (hal/riscv64/fdt.c and
 * devicetree.c): a VisionFive-2-shaped fixture compiled by dtc, QEMU-virt-
 * shaped blobs built here, and truncated or corrupted blobs (run under ASan).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../../hal/riscv64/devicetree.h"

/* ---- a minimal DTB writer, so tests can shape and break blobs ------------ */

struct dtb_builder {
    uint8_t structure[16384];
    uint32_t structure_length;
    char strings[4096];
    uint32_t strings_length;
    uint64_t reservations[64][2];
    unsigned reservation_count;
};

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void emit32(struct dtb_builder *b, uint32_t v)
{
    assert_true(b->structure_length + 4 <= sizeof b->structure);
    put_be32(b->structure + b->structure_length, v);
    b->structure_length += 4;
}

static void emit_bytes(struct dtb_builder *b, const void *data, uint32_t length)
{
    assert_true(b->structure_length + length + 4 <= sizeof b->structure);
    memcpy(b->structure + b->structure_length, data, length);
    b->structure_length += length;
    while (b->structure_length % 4)
        b->structure[b->structure_length++] = 0;
}

static void begin_node(struct dtb_builder *b, const char *name)
{
    emit32(b, 1);
    emit_bytes(b, name, (uint32_t)strlen(name) + 1);
}

static void end_node(struct dtb_builder *b)
{
    emit32(b, 2);
}

static uint32_t string_offset(struct dtb_builder *b, const char *name)
{
    uint32_t offset = b->strings_length;
    size_t length = strlen(name) + 1;
    assert_true(offset + length <= sizeof b->strings);
    memcpy(b->strings + offset, name, length);
    b->strings_length += (uint32_t)length;
    return offset;
}

static void property(struct dtb_builder *b, const char *name, const void *value, uint32_t length)
{
    emit32(b, 3);
    emit32(b, length);
    emit32(b, string_offset(b, name));
    emit_bytes(b, value, length);
}

static void property_string(struct dtb_builder *b, const char *name, const char *value)
{
    property(b, name, value, (uint32_t)strlen(value) + 1);
}

/* Up to 8 cells, given as 32-bit values. */
static void property_cells(struct dtb_builder *b, const char *name, unsigned count, ...)
{
    uint8_t value[32];
    va_list args;
    va_start(args, count);
    for (unsigned i = 0; i < count; i++)
        put_be32(value + 4 * i, va_arg(args, uint32_t));
    va_end(args);
    property(b, name, value, 4 * count);
}

/* Lay out header, reservation block, structure, strings; returns a malloc'ed blob. */
static uint8_t *finish(struct dtb_builder *b, uint32_t *size)
{
    emit32(b, 9);
    uint32_t reservation_offset = 40;
    uint32_t structure_offset = reservation_offset + 16 * (b->reservation_count + 1);
    uint32_t strings_offset = structure_offset + b->structure_length;
    uint32_t total = strings_offset + b->strings_length;
    uint8_t *blob = calloc(1, total);
    assert_non_null(blob);
    put_be32(blob, FDT_MAGIC);
    put_be32(blob + 4, total);
    put_be32(blob + 8, structure_offset);
    put_be32(blob + 12, strings_offset);
    put_be32(blob + 16, reservation_offset);
    put_be32(blob + 20, 17);
    put_be32(blob + 24, 16);
    put_be32(blob + 32, b->strings_length);
    put_be32(blob + 36, b->structure_length);
    for (unsigned i = 0; i < b->reservation_count; i++) {
        uint8_t *entry = blob + reservation_offset + 16 * i;
        put_be32(entry, (uint32_t)(b->reservations[i][0] >> 32));
        put_be32(entry + 4, (uint32_t)b->reservations[i][0]);
        put_be32(entry + 8, (uint32_t)(b->reservations[i][1] >> 32));
        put_be32(entry + 12, (uint32_t)b->reservations[i][1]);
    }
    memcpy(blob + structure_offset, b->structure, b->structure_length);
    memcpy(blob + strings_offset, b->strings, b->strings_length);
    *size = total;
    return blob;
}

/* A syscon-poweroff node: which properties it has, and their values. */
struct poweroff_node {
    bool present;
    bool has_offset, has_value, has_mask;
    uint32_t regmap, offset, value, mask;
};

/* The phandle of the test@100000 syscon in the built trees (QEMU's is 4). */
#define VIRT_TEST_PHANDLE 4u

/* QEMU virt's own poweroff node: offset 0 and value 0x5555 into test@100000. */
static const struct poweroff_node qemu_poweroff = {
    .present = true, .has_offset = true, .has_value = true,
    .regmap = VIRT_TEST_PHANDLE, .offset = 0, .value = 0x5555,
};

/* A QEMU-virt-shaped tree (as OpenSBI 1.1 hands it over), with variations. */
struct virt_options {
    bool initrd_64bit_cells;
    bool no_stdout_path;
    bool stdout_path_is_alias_without_target;
    uint32_t memory_megabytes;
    /* test@100000 is a plain "syscon", not a sifive_test device */
    bool test_is_plain_syscon;
    struct poweroff_node poweroff;
};

static uint8_t *build_virt(const struct virt_options *options, uint32_t *size)
{
    static struct dtb_builder b;
    memset(&b, 0, sizeof b);
    begin_node(&b, "");
    property_cells(&b, "#address-cells", 1, 2);
    property_cells(&b, "#size-cells", 1, 2);
    property_string(&b, "compatible", "riscv-virtio");

    begin_node(&b, "chosen");
    if (options->stdout_path_is_alias_without_target)
        property_string(&b, "stdout-path", "serial7");
    else if (!options->no_stdout_path)
        property_string(&b, "stdout-path", "/soc/serial@10000000");
    if (options->initrd_64bit_cells) {
        property_cells(&b, "linux,initrd-start", 2, 0x0, 0x88200000);
        property_cells(&b, "linux,initrd-end", 2, 0x0, 0x88203000);
    } else {
        property_cells(&b, "linux,initrd-start", 1, 0x88200000);
        property_cells(&b, "linux,initrd-end", 1, 0x88203000);
    }
    end_node(&b);

    begin_node(&b, "reserved-memory");
    property_cells(&b, "#address-cells", 1, 2);
    property_cells(&b, "#size-cells", 1, 2);
    property(&b, "ranges", "", 0);
    begin_node(&b, "mmode_resv0@80000000");
    property_cells(&b, "reg", 4, 0x0, 0x80000000, 0x0, 0x40000);
    end_node(&b);
    end_node(&b);

    begin_node(&b, "memory@80000000");
    property_string(&b, "device_type", "memory");
    property_cells(&b, "reg", 4, 0x0, 0x80000000, 0x0, options->memory_megabytes << 20);
    end_node(&b);

    begin_node(&b, "cpus");
    property_cells(&b, "#address-cells", 1, 1);
    property_cells(&b, "#size-cells", 1, 0);
    begin_node(&b, "cpu@0");
    property_cells(&b, "reg", 1, 0);
    property_cells(&b, "timebase-frequency", 1, 10000000);
    end_node(&b);
    end_node(&b);

    begin_node(&b, "soc");
    property_cells(&b, "#address-cells", 1, 2);
    property_cells(&b, "#size-cells", 1, 2);
    property_string(&b, "compatible", "simple-bus");
    property(&b, "ranges", "", 0);
    begin_node(&b, "test@100000");
    if (options->test_is_plain_syscon)
        property_string(&b, "compatible", "syscon");
    else
        property(&b, "compatible", "sifive,test1\0sifive,test0\0syscon", 33);
    property_cells(&b, "reg", 4, 0x0, 0x100000, 0x0, 0x1000);
    property_cells(&b, "phandle", 1, VIRT_TEST_PHANDLE);
    end_node(&b);
    begin_node(&b, "serial@10000000");
    property_string(&b, "compatible", "ns16550a");
    property_cells(&b, "reg", 4, 0x0, 0x10000000, 0x0, 0x100);
    end_node(&b);
    begin_node(&b, "plic@c000000");
    property(&b, "compatible", "sifive,plic-1.0.0\0riscv,plic0", 30);
    property_cells(&b, "reg", 4, 0x0, 0xc000000, 0x0, 0x600000);
    end_node(&b);
    begin_node(&b, "clint@2000000");
    property(&b, "compatible", "sifive,clint0\0riscv,clint0", 27);
    property_cells(&b, "reg", 4, 0x0, 0x2000000, 0x0, 0x10000);
    end_node(&b);
    end_node(&b);

    const struct poweroff_node *poweroff = &options->poweroff;
    if (poweroff->present) {
        begin_node(&b, "poweroff");
        property_string(&b, "compatible", "syscon-poweroff");
        property_cells(&b, "regmap", 1, poweroff->regmap);
        if (poweroff->has_offset)
            property_cells(&b, "offset", 1, poweroff->offset);
        if (poweroff->has_value)
            property_cells(&b, "value", 1, poweroff->value);
        if (poweroff->has_mask)
            property_cells(&b, "mask", 1, poweroff->mask);
        end_node(&b);
    }
    end_node(&b);
    return finish(&b, size);
}

static uint8_t *read_fixture(const char *name, uint32_t *size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", FDT_FIXTURE_DIR, name);
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    uint8_t *blob = malloc((size_t)length);
    assert_non_null(blob);
    assert_int_equal(fread(blob, 1, (size_t)length, file), (size_t)length);
    fclose(file);
    *size = (uint32_t)length;
    return blob;
}

static bool platform_has_range(const struct devicetree_range *table, unsigned count,
                               uint64_t base, uint64_t size)
{
    for (unsigned i = 0; i < count; i++)
        if (table[i].base == base && table[i].size == size)
            return true;
    return false;
}

/* ---- the VisionFive-2-shaped fixture ------------------------------------- */

static struct devicetree_platform board;

static int read_board(void **state)
{
    (void)state;
    uint32_t size;
    uint8_t *blob = read_fixture("board.dtb", &size);
    assert_int_equal(devicetree_read_platform(blob, size, &board), FDT_OK);
    /* The platform points into the blob (bootargs); keep it alive. */
    return 0;
}

static void board_memory_banks_honour_cells_and_skip_disabled(void **state)
{
    (void)state;
    assert_int_equal(board.memory_count, 2);
    assert_true(platform_has_range(board.memory, 2, 0x40000000, 0x100000000));
    assert_true(platform_has_range(board.memory, 2, 0x200000000, 0x40000000));
}

static void board_firmware_and_memreserve_are_reserved(void **state)
{
    (void)state;
    assert_int_equal(board.reserved_count, 2);
    assert_true(platform_has_range(board.reserved, 2, 0x40000000, 0x80000));
    assert_true(platform_has_range(board.reserved, 2, 0x7f000000, 0x10000));
}

static void board_stdout_uart_found_through_alias_with_register_stride(void **state)
{
    (void)state;
    assert_true(board.uart.present);
    assert_int_equal(board.uart.base, 0x10000000);
    assert_int_equal(board.uart.reg_shift, 2);
    assert_int_equal(board.uart.reg_io_width, 4);
}

static void board_chosen_initrd_with_32bit_cells_and_timebase(void **state)
{
    (void)state;
    assert_true(board.has_initrd);
    assert_int_equal(board.initrd_start, 0x46100000);
    assert_int_equal(board.initrd_end, 0x46180000);
    assert_int_equal(board.timebase_frequency, 4000000);
    assert_string_equal(board.bootargs, "console=ttyS0");
}

static void board_plic_found(void **state)
{
    (void)state;
    assert_true(board.has_plic);
    assert_int_equal(board.plic.base, 0xc000000);
}

/* The syscon is no sifive_test device: its register gets the node's value, nothing else. */
static void board_syscon_poweroff_uses_the_nodes_offset_value_and_mask(void **state)
{
    (void)state;
    assert_false(board.has_exit_device);
    assert_true(board.has_poweroff);
    assert_int_equal(board.poweroff.base, 0x13030010);
    assert_int_equal(board.poweroff.value, 0x2a);
    assert_int_equal(board.poweroff.mask, 0xff);
}

static void board_devices_exclude_clint_disabled_and_translated_buses(void **state)
{
    (void)state;
    assert_false(platform_has_range(board.devices, board.device_count, 0x2000000, 0x10000));
    assert_false(platform_has_range(board.devices, board.device_count, 0x12000000, 0x10000));
    assert_false(platform_has_range(board.devices, board.device_count, 0x1000, 0x100));
    assert_true(platform_has_range(board.devices, board.device_count, 0x10010000, 0x10000));
    assert_true(platform_has_range(board.devices, board.device_count, 0xc000000, 0x4000000));
    assert_int_equal(board.device_count, 4); /* plic, two UARTs, syscon */
}

/* ---- QEMU-virt-shaped blobs ---------------------------------------------- */

static void virt_tree_reads_everything_the_hal_needs(void **state)
{
    (void)state;
    struct virt_options options = {.initrd_64bit_cells = true, .memory_megabytes = 256};
    uint32_t size;
    uint8_t *blob = build_virt(&options, &size);
    struct devicetree_platform platform;
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_OK);
    assert_int_equal(platform.memory_count, 1);
    assert_int_equal(platform.memory[0].base, 0x80000000);
    assert_int_equal(platform.memory[0].size, 256u << 20);
    assert_int_equal(platform.reserved_count, 1);
    assert_int_equal(platform.reserved[0].size, 0x40000);
    assert_true(platform.has_initrd);
    assert_int_equal(platform.initrd_start, 0x88200000);
    assert_int_equal(platform.initrd_end, 0x88203000);
    assert_int_equal(platform.uart.base, 0x10000000);
    assert_int_equal(platform.uart.reg_shift, 0);
    assert_int_equal(platform.uart.reg_io_width, 1);
    assert_true(platform.has_exit_device);
    assert_int_equal(platform.exit_device.base, 0x100000);
    assert_int_equal(platform.plic.base, 0xc000000);
    /* /cpus has no timebase here: the per-cpu property is used. */
    assert_int_equal(platform.timebase_frequency, 10000000);
    assert_int_equal(platform.device_tree_size, size);
    assert_int_equal(platform.device_count, 3); /* test, serial, plic; not the clint */
    free(blob);
}

static void initrd_with_32bit_cells(void **state)
{
    (void)state;
    struct virt_options options = {.memory_megabytes = 128};
    uint32_t size;
    uint8_t *blob = build_virt(&options, &size);
    struct devicetree_platform platform;
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_OK);
    assert_int_equal(platform.initrd_start, 0x88200000);
    assert_int_equal(platform.initrd_end, 0x88203000);
    free(blob);
}

static void uart_falls_back_to_first_compatible_without_usable_stdout_path(void **state)
{
    (void)state;
    struct virt_options variants[] = {
        {.no_stdout_path = true, .memory_megabytes = 256},
        {.stdout_path_is_alias_without_target = true, .memory_megabytes = 256},
    };
    for (unsigned i = 0; i < 2; i++) {
        uint32_t size;
        uint8_t *blob = build_virt(&variants[i], &size);
        struct devicetree_platform platform;
        assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_OK);
        assert_true(platform.uart.present);
        assert_int_equal(platform.uart.base, 0x10000000);
        free(blob);
    }
}

/* Reads the tree built with `poweroff` (into a plain syscon unless `sifive_test`). */
static struct devicetree_platform read_virt_with_poweroff(struct poweroff_node poweroff,
                                                          bool sifive_test)
{
    struct virt_options options = {.memory_megabytes = 256, .poweroff = poweroff,
                                   .test_is_plain_syscon = !sifive_test};
    uint32_t size;
    uint8_t *blob = build_virt(&options, &size);
    struct devicetree_platform platform;
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_OK);
    free(blob);
    return platform;
}

/* QEMU virt: sifive_test stays the exit device; its poweroff node says 0x5555 at offset 0. */
static void virt_poweroff_node_beside_the_sifive_test_device(void **state)
{
    (void)state;
    struct devicetree_platform platform = read_virt_with_poweroff(qemu_poweroff, true);
    assert_true(platform.has_exit_device);
    assert_int_equal(platform.exit_device.base, 0x100000);
    assert_int_equal(platform.exit_device.size, 0x1000);
    assert_true(platform.has_poweroff);
    assert_int_equal(platform.poweroff.base, 0x100000);
    assert_int_equal(platform.poweroff.value, 0x5555);
    assert_int_equal(platform.poweroff.mask, 0xffffffff);
}

/* Offset and value unlike QEMU's, in a syscon that is no sifive_test device. */
static void poweroff_register_and_value_come_from_the_node(void **state)
{
    (void)state;
    struct poweroff_node poweroff = {.present = true, .has_offset = true, .has_value = true,
                                     .regmap = VIRT_TEST_PHANDLE, .offset = 0x24,
                                     .value = 0x80000001};
    struct devicetree_platform platform = read_virt_with_poweroff(poweroff, false);
    assert_false(platform.has_exit_device);
    assert_true(platform.has_poweroff);
    assert_int_equal(platform.poweroff.base, 0x100024);
    assert_int_equal(platform.poweroff.value, 0x80000001);
    assert_int_equal(platform.poweroff.mask, 0xffffffff);

    /* The same beside a sifive_test device: the poweroff register is still the node's. */
    platform = read_virt_with_poweroff(poweroff, true);
    assert_true(platform.has_exit_device);
    assert_int_equal(platform.exit_device.base, 0x100000);
    assert_int_equal(platform.poweroff.base, 0x100024);
    assert_int_equal(platform.poweroff.value, 0x80000001);
}

static void poweroff_mask_limits_the_bits_written(void **state)
{
    (void)state;
    struct poweroff_node poweroff = {.present = true, .has_offset = true, .has_value = true,
                                     .has_mask = true, .regmap = VIRT_TEST_PHANDLE,
                                     .offset = 0x8, .value = 0x10, .mask = 0x30};
    struct devicetree_platform platform = read_virt_with_poweroff(poweroff, false);
    assert_true(platform.has_poweroff);
    assert_int_equal(platform.poweroff.base, 0x100008);
    assert_int_equal(platform.poweroff.value, 0x10);
    assert_int_equal(platform.poweroff.mask, 0x30);
}

/* The binding's legacy form: only `mask`, which is then the value written whole. */
static void poweroff_mask_without_value_is_the_value(void **state)
{
    (void)state;
    struct poweroff_node poweroff = {.present = true, .has_offset = true, .has_mask = true,
                                     .regmap = VIRT_TEST_PHANDLE, .offset = 0x4,
                                     .mask = 0x7777};
    struct devicetree_platform platform = read_virt_with_poweroff(poweroff, false);
    assert_true(platform.has_poweroff);
    assert_int_equal(platform.poweroff.base, 0x100004);
    assert_int_equal(platform.poweroff.value, 0x7777);
    assert_int_equal(platform.poweroff.mask, 0xffffffff);
}

/* A node the binding does not allow powers nothing off: no guessed value or register. */
static void incomplete_or_unresolvable_poweroff_nodes_are_ignored(void **state)
{
    (void)state;
    const struct poweroff_node broken[] = {
        /* neither value nor mask */
        {.present = true, .has_offset = true, .regmap = VIRT_TEST_PHANDLE},
        /* no offset (required) */
        {.present = true, .has_value = true, .regmap = VIRT_TEST_PHANDLE, .value = 0x5555},
        /* regmap names no node */
        {.present = true, .has_offset = true, .has_value = true, .regmap = 0x99,
         .value = 0x5555},
        /* register outside the syscon's reg (0x1000 bytes) */
        {.present = true, .has_offset = true, .has_value = true,
         .regmap = VIRT_TEST_PHANDLE, .offset = 0xffd, .value = 0x5555},
        {.present = true, .has_offset = true, .has_value = true,
         .regmap = VIRT_TEST_PHANDLE, .offset = 0xfffffffc, .value = 0x5555},
    };
    for (unsigned i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        struct devicetree_platform platform = read_virt_with_poweroff(broken[i], false);
        assert_false(platform.has_poweroff);
        assert_false(platform.has_exit_device);
        platform = read_virt_with_poweroff(broken[i], true);
        assert_false(platform.has_poweroff);
        assert_true(platform.has_exit_device); /* sifive_test does not depend on it */
        assert_int_equal(platform.exit_device.base, 0x100000);
    }
}

/* ---- malformed blobs ------------------------------------------------------ */

static void header_errors_are_reported(void **state)
{
    (void)state;
    struct virt_options options = {.memory_megabytes = 256};
    uint32_t size;
    uint8_t *blob = build_virt(&options, &size);
    struct devicetree_platform platform;

    assert_int_equal(devicetree_read_platform(blob, 39, &platform), FDT_ERROR_TRUNCATED);
    assert_int_equal(devicetree_read_platform(blob, size - 1, &platform), FDT_ERROR_TRUNCATED);
    blob[0] ^= 0xff;
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_ERROR_BAD_MAGIC);
    blob[0] ^= 0xff;
    put_be32(blob + 20, 15);
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_ERROR_BAD_VERSION);
    put_be32(blob + 20, 17);
    put_be32(blob + 36, 0xfffffff0); /* structure block larger than the blob */
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_ERROR_BAD_LAYOUT);
    put_be32(blob + 36, 0);
    put_be32(blob + 8, 0xfffffffc); /* offset + size wraps around */
    put_be32(blob + 36, 8);
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_ERROR_BAD_LAYOUT);
    free(blob);
}

/* Every prefix of a valid blob, claimed to be whole, fails cleanly. */
static void every_truncation_fails_without_reading_past_the_buffer(void **state)
{
    (void)state;
    struct virt_options options = {.memory_megabytes = 256, .poweroff = qemu_poweroff};
    uint32_t size;
    uint8_t *blob = build_virt(&options, &size);
    for (uint32_t length = 0; length < size; length++) {
        /* An exactly-sized copy lets ASan catch any read beyond it. */
        uint8_t *copy = malloc(length ? length : 1);
        memcpy(copy, blob, length);
        if (length >= 8)
            put_be32(copy + 4, length); /* the header even agrees with the length */
        struct devicetree_platform platform;
        enum fdt_status status = devicetree_read_platform(copy, length, &platform);
        assert_int_not_equal(status, FDT_OK);
        free(copy);
    }
    free(blob);
}

/* Flipping any byte, or setting it to a hostile value, never crashes. */
static void corrupted_bytes_never_crash(void **state)
{
    (void)state;
    static const uint8_t patterns[] = {0xff, 0x00, 0x01, 0x09, 0x80};
    struct virt_options options = {.memory_megabytes = 256, .poweroff = qemu_poweroff};
    uint32_t size;
    uint8_t *blob = build_virt(&options, &size);
    uint8_t *copy = malloc(size);
    unsigned failures = 0;
    for (uint32_t position = 0; position < size; position++) {
        for (unsigned p = 0; p < sizeof patterns; p++) {
            memcpy(copy, blob, size);
            copy[position] = position % 2 ? copy[position] ^ patterns[p] : patterns[p];
            struct devicetree_platform platform;
            if (devicetree_read_platform(copy, size, &platform) != FDT_OK)
                failures++;
        }
    }
    assert_true(failures > 0);
    free(copy);
    free(blob);
}

static void unterminated_strings_and_unbalanced_nodes_are_rejected(void **state)
{
    (void)state;
    static struct dtb_builder b;
    struct devicetree_platform platform;
    uint32_t size;

    memset(&b, 0, sizeof b);
    begin_node(&b, "");
    end_node(&b);
    end_node(&b);
    uint8_t *blob = finish(&b, &size);
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_ERROR_BAD_STRUCTURE);
    free(blob);

    memset(&b, 0, sizeof b);
    begin_node(&b, "");
    begin_node(&b, "chosen");
    end_node(&b);
    blob = finish(&b, &size); /* END inside the root */
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_ERROR_BAD_STRUCTURE);
    free(blob);

    memset(&b, 0, sizeof b);
    begin_node(&b, "");
    property_string(&b, "compatible", "x");
    end_node(&b);
    blob = finish(&b, &size);
    blob[size - 1] = 'x'; /* the strings block's last name loses its NUL */
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_ERROR_BAD_STRUCTURE);
    free(blob);
}

static void nesting_deeper_than_the_walker_is_rejected(void **state)
{
    (void)state;
    static struct dtb_builder b;
    struct devicetree_platform platform;
    uint32_t size;
    memset(&b, 0, sizeof b);
    for (unsigned i = 0; i <= FDT_MAX_DEPTH; i++)
        begin_node(&b, i ? "n" : "");
    for (unsigned i = 0; i <= FDT_MAX_DEPTH; i++)
        end_node(&b);
    uint8_t *blob = finish(&b, &size);
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_ERROR_TOO_DEEP);
    free(blob);
}

static void overlong_paths_match_nothing(void **state)
{
    (void)state;
    static struct dtb_builder b;
    char name[200];
    struct devicetree_platform platform;
    uint32_t size;
    memset(name, 'a', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    memset(&b, 0, sizeof b);
    begin_node(&b, "");
    begin_node(&b, "chosen");
    property_string(&b, "stdout-path", "/soc/serial@10000000");
    end_node(&b);
    begin_node(&b, name);
    begin_node(&b, name); /* path longer than FDT_MAX_PATH */
    end_node(&b);
    end_node(&b);
    begin_node(&b, "soc");
    property(&b, "ranges", "", 0);
    begin_node(&b, "serial@10000000");
    property_string(&b, "compatible", "ns16550a");
    property_cells(&b, "reg", 4, 0x0, 0x10000000, 0x0, 0x100);
    end_node(&b);
    end_node(&b);
    end_node(&b);
    uint8_t *blob = finish(&b, &size);
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_OK);
    /* The sibling after the long path still gets its right path. */
    assert_true(platform.uart.present);
    assert_int_equal(platform.uart.base, 0x10000000);
    free(blob);
}

static void too_many_reservations_fail_instead_of_dropping_one(void **state)
{
    (void)state;
    static struct dtb_builder b;
    struct devicetree_platform platform;
    uint32_t size;
    memset(&b, 0, sizeof b);
    for (unsigned i = 0; i <= DEVICETREE_MAX_RESERVED; i++) {
        b.reservations[i][0] = 0x80000000ull + i * 0x1000;
        b.reservations[i][1] = 0x1000;
    }
    b.reservation_count = DEVICETREE_MAX_RESERVED + 1;
    begin_node(&b, "");
    end_node(&b);
    uint8_t *blob = finish(&b, &size);
    assert_int_equal(devicetree_read_platform(blob, size, &platform), FDT_ERROR_TOO_MANY);
    free(blob);
}

int main(void)
{
    /* One group: tests/run.sh counts the last "N test(s) run" line. */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(board_memory_banks_honour_cells_and_skip_disabled),
        cmocka_unit_test(board_firmware_and_memreserve_are_reserved),
        cmocka_unit_test(board_stdout_uart_found_through_alias_with_register_stride),
        cmocka_unit_test(board_chosen_initrd_with_32bit_cells_and_timebase),
        cmocka_unit_test(board_plic_found),
        cmocka_unit_test(board_syscon_poweroff_uses_the_nodes_offset_value_and_mask),
        cmocka_unit_test(board_devices_exclude_clint_disabled_and_translated_buses),
        cmocka_unit_test(virt_tree_reads_everything_the_hal_needs),
        cmocka_unit_test(initrd_with_32bit_cells),
        cmocka_unit_test(uart_falls_back_to_first_compatible_without_usable_stdout_path),
        cmocka_unit_test(virt_poweroff_node_beside_the_sifive_test_device),
        cmocka_unit_test(poweroff_register_and_value_come_from_the_node),
        cmocka_unit_test(poweroff_mask_limits_the_bits_written),
        cmocka_unit_test(poweroff_mask_without_value_is_the_value),
        cmocka_unit_test(incomplete_or_unresolvable_poweroff_nodes_are_ignored),
        cmocka_unit_test(header_errors_are_reported),
        cmocka_unit_test(every_truncation_fails_without_reading_past_the_buffer),
        cmocka_unit_test(corrupted_bytes_never_crash),
        cmocka_unit_test(unterminated_strings_and_unbalanced_nodes_are_rejected),
        cmocka_unit_test(nesting_deeper_than_the_walker_is_rejected),
        cmocka_unit_test(overlong_paths_match_nothing),
        cmocka_unit_test(too_many_reservations_fail_instead_of_dropping_one),
    };
    return cmocka_run_group_tests_name("fdt", tests, read_board, NULL);
}
