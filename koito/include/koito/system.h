/*
 * KOITO extensions to the C library for programs: what POSIX has no call
 * for (process list for ps, ULMM's memory statistics for free, power
 * off). Implemented by the libc glue over the POSIX server protocol
 * (docs/posix.md).
 */
#ifndef KOITO_SYSTEM_H
#define KOITO_SYSTEM_H

#include <stdint.h>

#define KOITO_PROCESS_NAME_LENGTH 32

struct koito_process_status {
    int pid;
    int parent;     /* parent's pid; 0 for a process started by the system */
    int group;      /* process group id */
    char state;     /* 'R' running or runnable, 'S' waiting, 'Z' exited, not yet waited for */
    char name[KOITO_PROCESS_NAME_LENGTH]; /* path the process was spawned from */
};

/*
 * Up to `max` entries of the process table, in pid order, into `list`.
 * Returns how many there are in all (may exceed max), or -1 with errno.
 */
int koito_process_list(struct koito_process_status *list, int max);

struct koito_memory_status {
    uint64_t total_bytes; /* memory ULMM manages */
    uint64_t free_bytes;  /* of which free now */
};

/* ULMM's statistics. 0, or -1 with errno. */
int koito_memory_status(struct koito_memory_status *status);

/* Stop the machine (QEMU exits with success). Returns only on failure: -1 with errno. */
int koito_poweroff(void);

#endif
