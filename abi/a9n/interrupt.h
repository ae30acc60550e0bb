/*
 * Interrupts and I/O ports at user level: operations and arguments of the
 * Interrupt Region, Interrupt Port and I/O Port capabilities, and the
 * description of the console UART the init info carries so that a portable
 * driver can find its registers and interrupt line. See docs/abi.md.
 */
#ifndef A9N_INTERRUPT_H
#define A9N_INTERRUPT_H

#include <a9n/types.h>

/*
 * Interrupt Region: the boot-time capability covering every interrupt line
 * (init slot A9N_INIT_SLOT_INTERRUPT_REGION; the init info says how many
 * lines exist). It assigns one line to an Interrupt Port object that was
 * converted from a Generic; a line has at most one port.
 */
enum a9n_interrupt_region_operation {
    A9N_INTERRUPT_REGION_MAKE_PORT = 1,
};

enum a9n_interrupt_region_argument {
    A9N_INTERRUPT_REGION_ARG_LINE = 2, /* interrupt line, < init info interrupt_count */
    A9N_INTERRUPT_REGION_ARG_PORT = 3, /* descriptor of an Interrupt Port with no line yet */
};

/*
 * Interrupt Port: one line. Bound to a Notification Port, the kernel masks
 * the line when it fires and notifies with the badge of the bound
 * notification capability; the driver services the device and acks, which
 * unmasks the line.
 */
enum a9n_interrupt_port_operation {
    A9N_INTERRUPT_PORT_BIND = 1,
    A9N_INTERRUPT_PORT_UNBIND,
    A9N_INTERRUPT_PORT_ACK,
};

enum a9n_interrupt_port_argument {
    A9N_INTERRUPT_PORT_ARG_NOTIFICATION = 2, /* bind: descriptor of a Notification Port */
};

/*
 * I/O Port (x86_64 only): the range [first, last] of the port space that
 * the capability may touch, fixed when it was minted; init gets the whole
 * port space (init info io_port_count ports). Never converted from a Generic.
 */
enum a9n_io_port_operation {
    A9N_IO_PORT_MINT = 1,
    A9N_IO_PORT_READ,
    A9N_IO_PORT_WRITE,
};

enum a9n_io_port_argument {
    A9N_IO_PORT_ARG_PORT = 2,  /* read, write: first port accessed */
    A9N_IO_PORT_ARG_WIDTH = 3, /* read, write: enum a9n_io_port_width */
    A9N_IO_PORT_ARG_VALUE = 4, /* write: value, no wider than the width */
    A9N_IO_PORT_ARG_NODE = 2,  /* mint: descriptor of the destination node */
    A9N_IO_PORT_ARG_INDEX = 3, /* mint: empty slot of that node */
    A9N_IO_PORT_ARG_FIRST = 4, /* mint: first port of the new range */
    A9N_IO_PORT_ARG_LAST = 5,  /* mint: last port of the new range (inclusive) */
};

enum a9n_io_port_result {
    A9N_IO_PORT_RESULT_VALUE = 2, /* read: the value, zero-extended */
};

/* Bytes per access; an access covers ports port .. port + width - 1. */
enum a9n_io_port_width {
    A9N_IO_PORT_WIDTH_8 = 1,
    A9N_IO_PORT_WIDTH_16 = 2,
    A9N_IO_PORT_WIDTH_32 = 4,
};

/* How the console UART's registers are reached. */
enum a9n_console_registers {
    A9N_CONSOLE_REGISTERS_NONE = 0, /* no console UART known */
    A9N_CONSOLE_REGISTERS_IO_PORT,  /* base is an I/O port: use the I/O Port capability */
    A9N_CONSOLE_REGISTERS_MMIO,     /* base is physical: a device Generic covers its page */
};

/*
 * The kernel's console, a 16550-compatible UART: register n is at
 * base + (n << register_shift), accessed register_width bytes at a time.
 * The kernel only transmits (polled); user level may take its receive
 * interrupt through interrupt line `interrupt_line`.
 */
struct a9n_console_info {
    uint32_t registers;      /* enum a9n_console_registers */
    uint32_t interrupt_line; /* its interrupt line (Interrupt Region numbering) */
    uint64_t base;
    uint32_t register_shift;
    uint32_t register_width; /* 1 or 4 */
};

#endif
