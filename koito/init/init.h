/*
 * KOITO init's own state: the slots of its root node it uses, the ULMM
 * connection, and the scratch window through which it fills frames.
 * Init's fixed slots are the init protocol's (abi/a9n/init_info.h).
 */
#ifndef KOITO_INIT_H
#define KOITO_INIT_H

#include <a9n/app_info.h>
#include <a9n/init_info.h>
#include <liba9n/ulmm.h>

/* Slots of init's root node (above A9N_INIT_SLOT_FIRST_FREE). */
enum koito_init_slot {
    /* Halves of the Generic init splits to keep a piece for itself. */
    KOITO_SLOT_SPLIT_FIRST = A9N_INIT_SLOT_FIRST_FREE,
    KOITO_SLOT_SPLIT_END = KOITO_SLOT_SPLIT_FIRST + 32,
    KOITO_SLOT_ULMM_NODE = KOITO_SLOT_SPLIT_END, /* ULMM's root node */
    KOITO_SLOT_ULMM_PORT,       /* ULMM's port, unbadged: init's management capability */
    KOITO_SLOT_OS_PORT,         /* the OS port init receives on (exits, faults) */
    KOITO_SLOT_WINDOW_FRAME,    /* the copy of the frame the window shows */
    KOITO_SLOT_WINDOW_TABLES,   /* page tables of the window, up to KOITO_WINDOW_TABLES */
    KOITO_SLOT_TRANSFER = KOITO_SLOT_WINDOW_TABLES + 8, /* where ULMM's frame copies land */
    /* Each child: KOITO_CHILD_SLOTS slots from here (enum koito_child_slot). */
    KOITO_SLOT_CHILDREN = 64,
};

#define KOITO_WINDOW_TABLES 8
#define KOITO_CHILD_SLOTS 8
#define KOITO_MAX_CHILDREN ((256 - KOITO_SLOT_CHILDREN) / KOITO_CHILD_SLOTS)

enum koito_child_slot {
    KOITO_CHILD_ADDRESS_SPACE = 0,
    KOITO_CHILD_ROOT_NODE,
    KOITO_CHILD_PROCESS,
    KOITO_CHILD_IPC_BUFFER,
};

/* Scheduling: init above ULMM above every program. */
#define KOITO_PRIORITY_ULMM 254
#define KOITO_PRIORITY_PROGRAM 100

/* ULMM's process id; programs get 2, 3, ... */
#define KOITO_PID_ULMM 1

/* Descriptor of a slot of init's root node. */
static inline a9n_word_t koito_slot(a9n_word_t slot)
{
    return a9n_init_slot(slot);
}

/* ---- the window: init's view of one frame at a time (window.c) ---------------------- */

/*
 * Map a copy of `frame` (a descriptor in init's space) read-write at the
 * window address; its contents are at the returned address until
 * window_close. Page tables come from `tables_generic` the first time.
 */
enum a9n_error window_open(a9n_word_t tables_generic, a9n_word_t frame, void **contents);
void window_close(void);

/* ---- ULMM (ulmm_start.c) ------------------------------------------------------------- */

/*
 * Start ULMM from the boot module named "ulmm", with memory init keeps
 * for itself, then hand it every other free Generic. *ulmm: init's
 * connection (badge 0).
 */
bool ulmm_start(const struct a9n_init_info *info, struct ulmm_client *ulmm);

/* The Generic init kept (after ulmm_start): page tables of the window, ports. */
a9n_word_t koito_private_generic(void);

/* ---- programs (app_info.c, spawn.c) --------------------------------------------------- */

/* Fill the app-info page of a program (docs/koito.md). */
void koito_app_info_write(struct a9n_app_info *app, const struct a9n_init_info *info,
                          a9n_word_t pid, const char *name, unsigned root_radix,
                          uint32_t first_free_slot);

enum koito_spawn_error {
    KOITO_SPAWN_OK = 0,
    KOITO_SPAWN_BAD_ELF,        /* the module is not a loadable executable */
    KOITO_SPAWN_ULMM_REFUSED,   /* ULMM had no memory (or refused a request) */
    KOITO_SPAWN_KERNEL_REFUSED, /* a kernel call init made failed */
};

/*
 * Start boot module `module` as process `pid` with the standard slot
 * layout, every byte of it from ULMM (owned by `pid`). `slots`: the first
 * of KOITO_CHILD_SLOTS root slots init keeps the child's capabilities in.
 * On failure nothing of the child is left.
 */
enum koito_spawn_error koito_spawn(const struct a9n_init_info *info,
                                   const struct ulmm_client *ulmm,
                                   const struct a9n_init_module *module, a9n_word_t pid,
                                   a9n_word_t slots);

#endif
