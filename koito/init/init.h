/*
 * KOITO init's own state: the slots of its root node it uses, the ULMM
 * connection, and the scratch window through which it fills frames.
 * Init's fixed slots are the init protocol's (abi/a9n/init_info.h).
 */
#ifndef KOITO_INIT_H
#define KOITO_INIT_H

#include <a9n/app_info.h>
#include <a9n/init_info.h>
#include <koito/spawn.h>
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
    KOITO_SLOT_SERVICE_NODE,    /* the system services' ports, Generics, devices (services.c) */
    /* The system services' capability copies: KOITO_CHILD_SLOTS each (services.c). */
    KOITO_SLOT_SERVICES = 64,
    /* Each other program: KOITO_CHILD_SLOTS slots from here (enum koito_child_slot). */
    KOITO_SLOT_CHILDREN = KOITO_SLOT_SERVICES + 2 * KOITO_CHILD_SLOTS,
};

#define KOITO_WINDOW_TABLES 8
#define KOITO_MAX_CHILDREN ((256 - KOITO_SLOT_CHILDREN) / KOITO_CHILD_SLOTS)

/* Scheduling: init above ULMM above every program. */
#define KOITO_PRIORITY_ULMM 254
#define KOITO_PRIORITY_PROGRAM 100

/* ULMM's process id; the services are 2 and 3 (koito/services.h), programs 4, 5, ... */
#define KOITO_PID_ULMM 1

/* Descriptor of a slot of init's root node. */
static inline a9n_word_t koito_slot(a9n_word_t slot)
{
    return a9n_init_slot(slot);
}

/* ---- the window: init's view of one frame at a time (window.c) ---------------------- */

/* Init's window; its page tables come from koito_private_generic() the first time. */
struct koito_window *koito_init_window(void);

/* ---- ULMM (ulmm_start.c) ------------------------------------------------------------- */

/*
 * Start ULMM from the boot module named "ulmm", with memory init keeps
 * for itself, then hand it every other free Generic. *ulmm: init's
 * connection (badge 0).
 */
bool ulmm_start(const struct a9n_init_info *info, struct ulmm_client *ulmm);

/* The Generic init kept (after ulmm_start): page tables of the window, ports. */
a9n_word_t koito_private_generic(void);

/* The boot module named `name`, or NULL. */
const struct a9n_init_module *koito_find_module(const struct a9n_init_info *info,
                                                const char *name);

/* ---- programs (app_info.c, services.c) ---------------------------------------------- */

/* What every app-info page shares: paging geometry and console from the init info. */
struct a9n_app_info koito_app_template(const struct a9n_init_info *info);

/* Fill the app-info page of a program (docs/koito.md). */
void koito_app_info_write(struct a9n_app_info *app, const struct a9n_init_info *info,
                          a9n_word_t pid, const char *name, unsigned root_radix,
                          uint32_t first_free_slot);

/* The spawner init builds boot-module programs with (koito/spawn.h). */
const struct koito_spawner *koito_init_spawner(const struct a9n_init_info *info,
                                               const struct ulmm_client *ulmm);

/* The quota of the program of boot module `module_name` (quota.c). */
a9n_word_t koito_program_quota(const char *module_name);

/* ---- system services (services.c) ---------------------------------------------------- */

/* Whether the boot image holds a module of a system service (koito/services.h). */
bool koito_is_service(const char *module_name);

/*
 * Start the console driver and the POSIX server, those the image holds,
 * with their service slots filled. False if one could not be started.
 */
bool koito_services_start(const struct a9n_init_info *info, const struct ulmm_client *ulmm);

#endif
