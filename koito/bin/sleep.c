/* sleep SECONDS: wait that many whole seconds. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char *end;
    unsigned long seconds = argc == 2 ? strtoul(argv[1], &end, 10) : 0;
    if (argc != 2 || argv[1][0] < '0' || argv[1][0] > '9' || *end != '\0' || seconds > 1000000) {
        fprintf(stderr, "usage: sleep SECONDS (at most 1000000)\n");
        return 1;
    }
    /* sleep() rather than nanosleep(): newlib declares nanosleep only where _POSIX_TIMERS is. */
    unsigned left = sleep((unsigned)seconds);
    if (left != 0) {
        fprintf(stderr, "sleep: woken %u seconds early\n", left);
        return 1;
    }
    return 0;
}
