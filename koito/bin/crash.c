/*
 * crash null|ill|oom: a test program for the shell's reports of a
 * program's end. null: store through a NULL pointer (segmentation
 * fault); ill: an illegal instruction; oom: allocate until malloc fails,
 * then exit with status 3.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OOM_STATUS 3
#define OOM_BLOCK (1024 * 1024)

/*
 * Where every block goes: a block that escapes cannot be optimised away
 * (an allocation loop the compiler saw through would become an endless
 * loop, which C lets it assume never happens).
 */
static void *volatile last_block;

static int exhaust_memory(void)
{
    unsigned long blocks = 0;
    char *block;
    /* Each block is written, so that its memory is really taken, not only promised. */
    while ((block = malloc(OOM_BLOCK)) != NULL) {
        memset(block, 0xa5, OOM_BLOCK);
        last_block = block;
        blocks++;
    }
    /* How much it got depends on the machine: only whether it was a lot is told. */
    fprintf(stderr, "crash: malloc failed after %s\n",
            blocks >= 64 ? "more than 64 MiB" : "less than 64 MiB");
    return OOM_STATUS; /* exit reclaims it all */
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "null") == 0) {
        int *volatile pointer = NULL; /* volatile: the compiler may not turn the store into a trap */
        *pointer = 1;
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "ill") == 0)
        __builtin_trap();
    if (argc == 2 && strcmp(argv[1], "oom") == 0)
        return exhaust_memory();
    fprintf(stderr, "usage: crash null|ill|oom\n");
    return 1;
}
