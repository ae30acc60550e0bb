/*
 * Process (PCB) operations: configure, registers, resume, suspend. Shared by
 * the kernel and user level; docs/abi-process.md explains every value.
 */
#ifndef A9N_PROCESS_H
#define A9N_PROCESS_H

#include <a9n/types.h>
#include <a9n_arch.h>

enum a9n_process_operation {
    A9N_PROCESS_CONFIGURE = 1,
    A9N_PROCESS_READ_REGISTERS,
    A9N_PROCESS_WRITE_REGISTERS,
    A9N_PROCESS_RESUME,
    A9N_PROCESS_SUSPEND,
};

/*
 * Configure: MR2 packs the field mask (bits 0-15), the priority (bits
 * 16-31) and the affinity (bits 32-47) so that every argument fits the
 * hardware-register MRs of every port (x86_64 has ten).
 */
enum a9n_process_argument {
    A9N_PROCESS_ARG_CONFIGURE = 2,     /* mask | priority << 16 | affinity << 32 */
    A9N_PROCESS_ARG_ADDRESS_SPACE = 3, /* descriptor of an Address Space */
    A9N_PROCESS_ARG_ROOT_NODE = 4,     /* descriptor of a Node (depth 0: the caller's root) */
    A9N_PROCESS_ARG_IPC_BUFFER = 5,    /* descriptor of a Frame (read + write rights) */
    A9N_PROCESS_ARG_RESOLVER = 6,      /* descriptor of an IPC Port (write right) */
    A9N_PROCESS_ARG_IP = 7,
    A9N_PROCESS_ARG_SP = 8,
    A9N_PROCESS_ARG_TLS = 9,

    /* Read and write registers: first register number, count, values. */
    A9N_PROCESS_ARG_REGISTER = 2,
    A9N_PROCESS_ARG_COUNT = 3,
    A9N_PROCESS_ARG_VALUES = 4,
};

/* Field mask bits of configure. */
enum a9n_process_field {
    A9N_PROCESS_FIELD_ADDRESS_SPACE = 1u << 0,
    A9N_PROCESS_FIELD_ROOT_NODE = 1u << 1,
    A9N_PROCESS_FIELD_IPC_BUFFER = 1u << 2,
    A9N_PROCESS_FIELD_RESOLVER = 1u << 3,
    A9N_PROCESS_FIELD_IP = 1u << 4,
    A9N_PROCESS_FIELD_SP = 1u << 5,
    A9N_PROCESS_FIELD_TLS = 1u << 6,
    A9N_PROCESS_FIELD_PRIORITY = 1u << 7,
    A9N_PROCESS_FIELD_AFFINITY = 1u << 8,
};

#define A9N_PROCESS_FIELDS_ALL 0x1ffu
#define A9N_PROCESS_CONFIGURE_MASK_BITS 16
#define A9N_PROCESS_CONFIGURE_PRIORITY_SHIFT 16
#define A9N_PROCESS_CONFIGURE_AFFINITY_SHIFT 32

/* Priorities 0 (lowest) .. A9N_PROCESS_PRIORITIES - 1; one CPU (affinity 0) for now. */
#define A9N_PROCESS_PRIORITIES 256

static inline a9n_word_t a9n_process_configure_word(unsigned mask, unsigned priority,
                                                   unsigned affinity)
{
    return (a9n_word_t)(mask & 0xffffu) |
           ((a9n_word_t)(priority & 0xffffu) << A9N_PROCESS_CONFIGURE_PRIORITY_SHIFT) |
           ((a9n_word_t)(affinity & 0xffffu) << A9N_PROCESS_CONFIGURE_AFFINITY_SHIFT);
}

/*
 * Register numbers for read/write registers. The portable set names the
 * same thing on every port; the raw words are struct a9n_arch_context in
 * order (abi/<arch>/a9n_arch.h) for debuggers and emulators.
 */
enum a9n_process_register {
    A9N_REGISTER_IP = 0,
    A9N_REGISTER_SP = 1,
    A9N_REGISTER_TLS = 2,
    A9N_REGISTER_ARG0 = 3,
    A9N_REGISTER_PORTABLE_COUNT = 4,
    /* MR i is A9N_REGISTER_MR + i, for the hardware-register MRs (i < A9N_ARCH_REGISTER_MRS). */
    A9N_REGISTER_MR = 0x100,
    /* Word i of struct a9n_arch_context is A9N_REGISTER_RAW + i. */
    A9N_REGISTER_RAW = 0x200,
};

#define A9N_REGISTER_RAW_COUNT (sizeof(struct a9n_arch_context) / sizeof(a9n_word_t))

/* Registers one read or write call moves (results / values in MR4..MR7). */
#define A9N_PROCESS_REGISTERS_PER_CALL 4

#endif
