/*
 * Host stand-in for the KOITO extensions (koito/include/koito/system.h)
 * for the shell smoke test: a fixed process table and memory figures, and
 * power off as exit. Host only: never linked into a KOITO program.
 */
#include <stdlib.h>
#include <string.h>

#include <koito/system.h>

static const struct koito_process_status processes[] = {
    { .pid = 1, .parent = 0, .group = 1, .state = 'S', .name = "ulmm" },
    { .pid = 2, .parent = 0, .group = 2, .state = 'S', .name = "posix" },
    { .pid = 3, .parent = 2, .group = 3, .state = 'S', .name = "/bin/sh" },
    { .pid = 4, .parent = 3, .group = 4, .state = 'R', .name = "/bin/ps" },
};

#define PROCESS_COUNT ((int)(sizeof(processes) / sizeof(processes[0])))

int koito_process_list(struct koito_process_status *list, int max)
{
    for (int i = 0; i < PROCESS_COUNT && i < max; i++)
        list[i] = processes[i];
    return PROCESS_COUNT;
}

int koito_memory_status(struct koito_memory_status *status)
{
    status->total_bytes = 256u << 20;
    status->free_bytes = 200u << 20;
    return 0;
}

int koito_poweroff(void)
{
    exit(0);
}
