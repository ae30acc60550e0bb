/*
 * The init protocol: the capabilities and information the kernel gives the
 * one process it builds, the init server. See docs/init-protocol.md.
 */
#ifndef A9N_INIT_INFO_H
#define A9N_INIT_INFO_H

#include <a9n/boot_info.h>
#include <a9n/capability.h>
#include <a9n/interrupt.h>
#include <a9n/paging.h>
#include <a9n/types.h>

/* Init's root node: 2^A9N_INIT_ROOT_RADIX slots, the fixed ones below. */
#define A9N_INIT_ROOT_RADIX 8

enum a9n_init_slot {
    /* Slot 0 stays empty so that a zero descriptor index never names anything. */
    A9N_INIT_SLOT_NONE = 0,
    A9N_INIT_SLOT_ROOT_NODE,        /* the root node itself */
    A9N_INIT_SLOT_PROCESS,          /* init's own PCB */
    A9N_INIT_SLOT_ADDRESS_SPACE,    /* init's address space */
    A9N_INIT_SLOT_IPC_BUFFER,       /* frame of init's IPC buffer */
    A9N_INIT_SLOT_GENERIC_NODE,     /* node: every free-memory Generic */
    A9N_INIT_SLOT_DEVICE_NODE,      /* node: device-memory Generics (MMIO) */
    A9N_INIT_SLOT_PAGE_TABLE_NODE,  /* node: the page tables of init's address space */
    A9N_INIT_SLOT_FRAME_NODE,       /* node: frames of init's image, stack and init info */
    A9N_INIT_SLOT_MODULE_NODE,      /* node: frames of the boot modules (read-only mapped) */
    A9N_INIT_SLOT_INTERRUPT_REGION, /* every interrupt line */
    A9N_INIT_SLOT_IO_PORT,          /* x86_64: all I/O ports; empty elsewhere */
    A9N_INIT_SLOT_DEBUG,            /* the Debug capability; empty in a DEBUG=0 kernel */
    /* The first slot init may use freely. */
    A9N_INIT_SLOT_FIRST_FREE = 16,
};

/* Descriptor of a slot of init's root node, and of a slot in one of its child nodes. */
static inline a9n_word_t a9n_init_slot(a9n_word_t slot)
{
    return a9n_descriptor(A9N_INIT_ROOT_RADIX, slot);
}

static inline a9n_word_t a9n_init_child_slot(a9n_word_t node_slot, unsigned node_radix,
                                             a9n_word_t index)
{
    return a9n_descriptor_child(a9n_init_slot(node_slot), node_radix, index);
}

#define A9N_INIT_INFO_MAGIC 0x4f464e4954494e49ull /* "INITINFO" */
#define A9N_INIT_INFO_VERSION 1
#define A9N_INIT_MAX_GENERICS 256
#define A9N_INIT_MAX_DEVICE_GENERICS 64
/* struct a9n_init_info spans this many pages, mapped read-only in init. */
#define A9N_INIT_INFO_PAGES 4

struct a9n_init_generic {
    uint64_t base;      /* physical */
    uint32_t size_bits; /* the Generic covers 2^size_bits bytes */
    uint32_t device;    /* 1: MMIO, can only become frames and smaller Generics */
};

/* One loaded segment of init's own image (its frames are in the frame node). */
struct a9n_init_segment {
    uint64_t address;    /* page aligned */
    uint32_t first_frame; /* frame-node slot of its first page */
    uint32_t pages;
    uint32_t attributes; /* enum a9n_map_attribute it is mapped with */
    uint32_t reserved;
};

#define A9N_INIT_MAX_SEGMENTS 16

struct a9n_init_module {
    char name[A9N_BOOT_MODULE_NAME_LENGTH];
    uint64_t address; /* where the module is mapped (read-only) in init */
    uint64_t size;
    /* Its frames: slots first_frame .. first_frame + pages - 1 of the module node. */
    uint32_t first_frame;
    uint32_t pages;
};

struct a9n_init_info {
    uint64_t magic;   /* A9N_INIT_INFO_MAGIC */
    uint64_t version; /* A9N_INIT_INFO_VERSION */
    char kernel_version[32];
    char arch[16];

    /* Paging geometry: depth 0 is a frame, `levels` the root (address space). */
    uint32_t paging_levels;
    uint32_t page_bits;
    uint32_t index_bits[A9N_PAGING_MAX_LEVELS]; /* [d - 1]: bits a depth-d table decodes */
    uint64_t user_top; /* user addresses are below this */

    /* Message registers: how many live in hardware registers, how many in all. */
    uint32_t register_mrs;
    uint32_t message_mrs;
    uint64_t ipc_buffer;     /* virtual address of init's IPC buffer */
    uint64_t stack_top;      /* initial stack pointer */

    /* Radix of each child node of the root node (indexed by enum a9n_init_slot). */
    uint32_t node_radix[A9N_INIT_SLOT_FIRST_FREE];

    /* generics[i] is slot i of the Generic node; device ones of the device node. */
    uint32_t generic_count;
    uint32_t device_generic_count;
    struct a9n_init_generic generics[A9N_INIT_MAX_GENERICS];
    struct a9n_init_generic device_generics[A9N_INIT_MAX_DEVICE_GENERICS];

    /* Page tables: slot i of the page-table node; frames: of the frame node. */
    uint32_t page_table_count;
    uint32_t frame_count;

    /* Init's own image, segment by segment: lets init map its code elsewhere. */
    uint32_t segment_count;
    struct a9n_init_segment segments[A9N_INIT_MAX_SEGMENTS];

    /* Boot modules other than init itself, in boot order. */
    uint32_t module_count;
    struct a9n_init_module modules[A9N_BOOT_MAX_MODULES];

    /* Interrupt lines the interrupt region covers, and (x86_64) I/O ports. */
    uint32_t interrupt_count;
    uint32_t io_port_count;

    /* The boot_info the loader passed, for what init may want from it. */
    struct a9n_boot_arch_info boot_arch;

    /* The console UART (registers, receive interrupt line) for a user-level driver. */
    struct a9n_console_info console;
};

_Static_assert(sizeof(struct a9n_init_info) <= A9N_INIT_INFO_PAGES * 4096,
               "init info fits its pages");

#endif
