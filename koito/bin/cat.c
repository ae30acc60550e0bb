/* cat [FILE...]: the files one after the other to stdout; none or "-": stdin. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buffer[4096];

/* Copies `fd` to stdout. 0, or an errno value; *failed_reading says whose. */
static int copy(int fd, int *failed_reading)
{
    for (;;) {
        ssize_t got = read(fd, buffer, sizeof(buffer));
        if (got == 0)
            return 0;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            *failed_reading = 1;
            return errno;
        }
        for (ssize_t done = 0; done < got;) {
            ssize_t put = write(STDOUT_FILENO, buffer + done, (size_t)(got - done));
            if (put < 0 && errno == EINTR)
                continue;
            if (put < 0) {
                *failed_reading = 0;
                return errno;
            }
            done += put;
        }
    }
}

static int cat(const char *name)
{
    int stdin_wanted = strcmp(name, "-") == 0;
    int fd = stdin_wanted ? STDIN_FILENO : open(name, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
        return 1;
    }
    int failed_reading = 0;
    int error = copy(fd, &failed_reading);
    if (error != 0)
        fprintf(stderr, "cat: %s: %s\n", failed_reading ? name : "stdout", strerror(error));
    if (!stdin_wanted)
        close(fd);
    return error != 0;
}

int main(int argc, char **argv)
{
    if (argc == 1)
        return cat("-");
    int status = 0;
    for (int i = 1; i < argc; i++)
        status |= cat(argv[i]);
    return status;
}
