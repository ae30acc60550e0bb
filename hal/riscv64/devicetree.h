/*
 * What the riscv64 HAL learns from the device tree: RAM, firmware
 * reservations, the initrd, the console UART, the PLIC, the QEMU exit device,
 * the syscon poweroff register, the timer frequency and the other MMIO
 * devices. Pure C over the blob.
 */
#ifndef HAL_RISCV64_DEVICETREE_H
#define HAL_RISCV64_DEVICETREE_H

#include "fdt.h"

#define DEVICETREE_MAX_MEMORY 16
#define DEVICETREE_MAX_RESERVED 32
#define DEVICETREE_MAX_DEVICES 48

struct devicetree_range {
    uint64_t base, size;
};

/* An ns16550-compatible UART (8250, 16550A, DesignWare APB UART). */
struct devicetree_uart {
    bool present;
    uint64_t base, size;
    uint32_t reg_shift;    /* register n is at base + (n << reg_shift) */
    uint32_t reg_io_width; /* bytes per access: 1 or 4 */
};

struct devicetree_poweroff {
    uint64_t base; /* the register */
    uint32_t value, mask;
};

struct devicetree_platform {
    struct devicetree_range memory[DEVICETREE_MAX_MEMORY];
    unsigned memory_count;
    /* Firmware memory (/reserved-memory children and /memreserve/): never free. */
    struct devicetree_range reserved[DEVICETREE_MAX_RESERVED];
    unsigned reserved_count;
    /* MMIO of every enabled device on the CPU bus (M-mode-only timers excluded). */
    struct devicetree_range devices[DEVICETREE_MAX_DEVICES];
    unsigned device_count;

    bool has_initrd;
    uint64_t initrd_start, initrd_end;
    struct devicetree_uart uart;
    bool has_plic;
    struct devicetree_range plic;
    /* sifive_test-style exit register (QEMU's "test" syscon); base is the register. */
    bool has_exit_device;
    struct devicetree_range exit_device;
    /*
     * A "syscon-poweroff" node: powering off sets the `mask` bits of the 32-bit
     * register at `base` (its syscon's reg plus `offset`) to those of `value`.
     * These are the node's own numbers, never sifive_test codes.
     */
    bool has_poweroff;
    struct devicetree_poweroff poweroff;
    uint64_t timebase_frequency; /* of the time CSR, Hz; 0 if absent */
    const char *bootargs;        /* /chosen bootargs, terminated, or NULL */
    uint32_t device_tree_size;   /* totalsize from the header */
};

/*
 * Read the platform description from the blob at `blob` (`available` bytes
 * readable). Fails without touching memory outside the blob on any
 * malformed input, and with FDT_ERROR_TOO_MANY rather than dropping a
 * firmware reservation.
 */
enum fdt_status devicetree_read_platform(const void *blob, size_t available,
                                         struct devicetree_platform *platform);

#endif
