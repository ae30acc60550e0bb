/* ps: the process table from the POSIX server: pid, parent, group, state, name. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <koito/system.h>

int main(void)
{
    int capacity = 64;
    struct koito_process_status *list = NULL;
    int count;
    /* The table can grow between the calls: ask again with room for what was reported. */
    for (;;) {
        free(list);
        list = malloc((size_t)capacity * sizeof(*list));
        if (list == NULL) {
            fprintf(stderr, "ps: %s\n", strerror(ENOMEM));
            return 1;
        }
        count = koito_process_list(list, capacity);
        if (count < 0) {
            fprintf(stderr, "ps: %s\n", strerror(errno));
            free(list);
            return 1;
        }
        if (count <= capacity)
            break;
        capacity = count + 16;
    }
    printf("  PID  PPID  PGID S NAME\n");
    for (int i = 0; i < count; i++)
        printf("%5d %5d %5d %c %.*s\n", list[i].pid, list[i].parent, list[i].group, list[i].state,
               KOITO_PROCESS_NAME_LENGTH, list[i].name);
    free(list);
    return 0;
}
