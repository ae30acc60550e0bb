/*
 * Building a program with the application layout (docs/koito.md §2, §3):
 * the spawner is KOITO init (boot modules, system services) or the POSIX
 * server (files). Every object and frame of the program comes from ULMM
 * and is owned by its pid, so ULMM_REQUEST_CLIENT_EXITED takes all of it
 * back; the spawner keeps copies in KOITO_CHILD_SLOTS slots of its own
 * root node (derived from ULMM's, so they go with them).
 */
#ifndef KOITO_SPAWN_H
#define KOITO_SPAWN_H

#include <a9n/app_info.h>
#include <koito/window.h>
#include <liba9n/ulmm.h>

/* The spawner's copies of a child's capabilities, from its `slots` on. */
enum koito_child_slot {
    KOITO_CHILD_ADDRESS_SPACE = 0,
    KOITO_CHILD_ROOT_NODE,
    KOITO_CHILD_PROCESS,
    KOITO_CHILD_IPC_BUFFER,
    /* 4..7: the spawner's own use (e.g. the POSIX server's wake-up notification). */
    KOITO_CHILD_SPAWNER_FIRST,
};
#define KOITO_CHILD_SLOTS 8

struct koito_spawner {
    struct ulmm_client ulmm;  /* ULMM's unbadged port: register clients, act for them */
    unsigned root_radix;      /* of the spawner's root node */
    a9n_word_t os_port;       /* port minted (badge = pid) as the child's OS port and resolver */
    a9n_word_t ulmm_port;     /* port minted (badge = pid) as the child's ULMM port */
    a9n_word_t transfer_slot; /* empty root slot where ULMM's frame copies land */
    struct koito_window *window;
    /* Paging geometry and console for every app-info page (pid and name are the child's). */
    struct a9n_app_info app_template;
};

struct koito_program {
    const void *image;        /* the ELF executable */
    uint64_t image_size;
    const char *name;         /* for the app-info page and diagnostics */
    a9n_word_t pid;
    a9n_word_t slots;         /* first of KOITO_CHILD_SLOTS root slots of the spawner */
    unsigned priority;
    /*
     * Bytes ULMM lets the program hold, its layout (image, stack, page
     * tables, PCB, root node) included; ULMM_QUOTA_UNLIMITED for no limit.
     */
    a9n_word_t memory_quota;
    /*
     * Optional, both called before the program runs: fill one more page,
     * mapped read-write at `extra_page` (e.g. argv and envp), and put more
     * capabilities into the child's root node (its descriptor given).
     */
    a9n_word_t extra_page;
    void (*fill_extra_page)(void *contents, const void *context);
    bool (*prepare)(const void *context, a9n_word_t child_root_node);
    const void *context;
};

/* The quota init gives boot modules named "quota..." (test programs of the limit itself). */
#define KOITO_TEST_QUOTA ((a9n_word_t)1 << 20)

enum koito_spawn_error {
    KOITO_SPAWN_OK = 0,
    KOITO_SPAWN_BAD_ELF,        /* the image is not a loadable executable */
    KOITO_SPAWN_ULMM_REFUSED,   /* ULMM had no memory (or refused a request) */
    KOITO_SPAWN_KERNEL_REFUSED, /* a kernel call the spawner made failed */
};

/* Build and start `program`. On failure nothing of it is left (ULMM reclaims its pid). */
enum koito_spawn_error koito_spawn(const struct koito_spawner *spawner,
                                   const struct koito_program *program);

/* Descriptor of the spawner's copy `slot` of the child built at `slots`. */
static inline a9n_word_t koito_child_slot(const struct koito_spawner *spawner, a9n_word_t slots,
                                          enum koito_child_slot slot)
{
    return a9n_descriptor(spawner->root_radix, slots + slot);
}

#endif
