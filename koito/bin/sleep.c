/* sleep SECONDS: wait that many whole seconds. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    char *end;
    unsigned long seconds = argc == 2 ? strtoul(argv[1], &end, 10) : 0;
    if (argc != 2 || argv[1][0] < '0' || argv[1][0] > '9' || *end != '\0') {
        fprintf(stderr, "usage: sleep SECONDS\n");
        return 1;
    }
    struct timespec left = { .tv_sec = (time_t)seconds, .tv_nsec = 0 };
    while (nanosleep(&left, &left) != 0) {
        if (errno != EINTR) {
            fprintf(stderr, "sleep: %s\n", strerror(errno));
            return 1;
        }
    }
    return 0;
}
