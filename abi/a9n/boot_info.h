/*
 * The boot protocol: what a loader (or the HAL's own direct-boot entry)
 * hands to the kernel. Fixed-size arrays so that a loader needs no
 * allocator to build it. See docs/boot-protocol.md.
 */
#ifndef A9N_BOOT_INFO_H
#define A9N_BOOT_INFO_H

#include <a9n/types.h>

#define A9N_BOOT_INFO_MAGIC 0x4f464e49544f4f42ull /* "BOOTINFO" */
#define A9N_BOOT_INFO_VERSION 1

#define A9N_BOOT_MAX_MEMORY_REGIONS 128
#define A9N_BOOT_MAX_MODULES 32
#define A9N_BOOT_MODULE_NAME_LENGTH 48
#define A9N_BOOT_COMMAND_LINE_LENGTH 256

enum a9n_memory_type {
    /* RAM nobody uses: the kernel may hand it out. */
    A9N_MEMORY_FREE = 1,
    /* Memory-mapped I/O: only ever becomes device frames. */
    A9N_MEMORY_DEVICE = 2,
    /* Firmware, ACPI tables, the loader's handoff: never touched. */
    A9N_MEMORY_RESERVED = 3,
};

struct a9n_memory_region {
    uint64_t base;
    uint64_t size;
    uint32_t type; /* enum a9n_memory_type */
    uint32_t reserved;
};

struct a9n_boot_module {
    uint64_t base; /* physical */
    uint64_t size;
    char name[A9N_BOOT_MODULE_NAME_LENGTH];
};

struct a9n_boot_arch_info {
    uint64_t acpi_rsdp;       /* x86_64: physical address of the RSDP, or 0 */
    uint64_t device_tree;     /* riscv64: physical address of the FDT, or 0 */
    uint64_t device_tree_size;
    uint64_t boot_hart_id;    /* riscv64: hart that entered the kernel */
    uint64_t framebuffer_base; /* 0 when there is none */
    uint32_t framebuffer_width, framebuffer_height;
    uint32_t framebuffer_stride, framebuffer_format;
};

struct a9n_boot_info {
    uint64_t magic;   /* A9N_BOOT_INFO_MAGIC */
    uint64_t version; /* A9N_BOOT_INFO_VERSION */
    /* Where the kernel image sits in physical memory (all loaded segments). */
    uint64_t kernel_base;
    uint64_t kernel_size;
    uint32_t memory_region_count;
    uint32_t module_count;
    struct a9n_memory_region memory[A9N_BOOT_MAX_MEMORY_REGIONS];
    struct a9n_boot_module modules[A9N_BOOT_MAX_MODULES];
    struct a9n_boot_arch_info arch;
    char command_line[A9N_BOOT_COMMAND_LINE_LENGTH];
};

/*
 * ELF note (name "A9N") in the kernel image whose 8-byte descriptor is the
 * physical address a loader that builds a struct a9n_boot_info jumps to
 * (x86_64: the UEFI loader's 64-bit entry; see docs/boot-protocol.md).
 */
#define A9N_ELF_NOTE_NAME "A9N"
#define A9N_ELF_NOTE_LOADER_ENTRY 1

/*
 * Boot-module archive: a loader that can pass only one blob (QEMU -initrd,
 * a single U-Boot load) passes an archive; the kernel expands it into its
 * members. Member data is page aligned.
 */
#define A9N_BOOT_ARCHIVE_MAGIC 0x535244484d4e3941ull /* "A9NMHDRS" */

struct a9n_boot_archive_header {
    uint64_t magic;
    uint32_t count;
    uint32_t reserved;
};

struct a9n_boot_archive_entry {
    char name[A9N_BOOT_MODULE_NAME_LENGTH];
    uint64_t offset; /* from the start of the archive */
    uint64_t size;
};

#endif
