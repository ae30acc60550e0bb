/*
 * The application capability interface of KOITO: the fixed slots of every
 * program's root node and the app-info page init maps read-only into it.
 * A program is entered with the app-info page's address in its first
 * argument register. See docs/koito.md.
 */
#ifndef A9N_APP_INFO_H
#define A9N_APP_INFO_H

#include <a9n/capability.h>
#include <a9n/interrupt.h>
#include <a9n/types.h>

/* Root node of an ordinary program: 2^A9N_APP_ROOT_RADIX slots (ULMM's is larger). */
#define A9N_APP_ROOT_RADIX 8

enum a9n_app_slot {
    /* Slot 0 stays empty so that a zero descriptor index never names anything. */
    A9N_APP_SLOT_NONE = 0,
    A9N_APP_SLOT_ROOT_NODE,     /* the root node itself */
    A9N_APP_SLOT_PROCESS,       /* the program's own PCB */
    A9N_APP_SLOT_ADDRESS_SPACE, /* its address space */
    A9N_APP_SLOT_IPC_BUFFER,    /* frame of its IPC buffer (mapped) */
    A9N_APP_SLOT_OS_PORT,       /* init's port, badge = the process id */
    A9N_APP_SLOT_ULMM_PORT,     /* ULMM's port, badge = the process id (ULMM: its receive port) */
    /* The Debug capability (read, write), given to test programs only (docs/koito.md). */
    A9N_APP_SLOT_DEBUG = 14,
    /* The first slot the program may use freely (ULMM: see app_info.first_free_slot). */
    A9N_APP_SLOT_FIRST_FREE = 16,
};

/* Fixed addresses of every program's address space (all below both ports' user_top). */
#define A9N_APP_INFO_ADDRESS 0x10000000ul
#define A9N_APP_IPC_BUFFER_ADDRESS 0x10001000ul
#define A9N_APP_STACK_TOP 0x10200000ul
#define A9N_APP_STACK_PAGES 16
/* Programs place their own mappings (ulmm_map) from here up to user_top. */
#define A9N_APP_FREE_BASE 0x40000000ul

#define A9N_APP_INFO_MAGIC 0x4f464e4950504141ull /* "AAPPINFO" */
#define A9N_APP_NAME_LENGTH 48

struct a9n_app_info {
    uint64_t magic; /* A9N_APP_INFO_MAGIC */
    uint64_t pid;   /* also the badge of the OS and ULMM port capabilities */
    char name[A9N_APP_NAME_LENGTH]; /* the boot module it was started from */

    /* Root node: radix and the first slot not used by the layout or by init. */
    uint32_t root_radix;
    uint32_t first_free_slot;

    uint64_t ipc_buffer; /* A9N_APP_IPC_BUFFER_ADDRESS */
    uint64_t stack_top;  /* A9N_APP_STACK_TOP */
    uint64_t free_base;  /* A9N_APP_FREE_BASE */

    /* Paging geometry, copied from the init info (servers never hard-code it). */
    uint32_t paging_levels;
    uint32_t page_bits;
    uint64_t user_top;

    /* The console UART as the kernel describes it (init info), for the console driver. */
    struct a9n_console_info console;

    /*
     * The program's start-up page: argc, argv, envp and auxiliary vector
     * (docs/posix.md), or 0 for a program started without arguments
     * (init's boot modules).
     */
    uint64_t arguments;
};

/* Descriptor of slot `slot` of the program's own root node. */
static inline a9n_word_t a9n_app_slot(const struct a9n_app_info *info, a9n_word_t slot)
{
    return a9n_descriptor(info->root_radix, slot);
}

/*
 * Requests on the OS port (labels of the message info). The reply's MR4 is
 * an enum a9n_error (A9N_ERROR_NONE: done).
 */
enum a9n_os_request {
    /* MR4: exit status (0: success). The process is destroyed; there is no reply. */
    A9N_OS_EXIT = 1,
    /* Stop the machine with success. Only init's system services may (docs/koito.md). */
    A9N_OS_POWEROFF,
};

#endif
