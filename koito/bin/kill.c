/*
 * kill [-SIGNAL] PID...: send a signal (default TERM). SIGNAL is a number
 * (-9) or a name with or without SIG (-KILL, -SIGINT); `--` ends the
 * options, so that a negative PID (a process group) can follow.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static const struct {
    const char *name;
    int number;
} signals[] = {
    { "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "KILL", SIGKILL },
    { "TERM", SIGTERM }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
};

/* The signal `text` names, or -1. */
static int parse_signal(const char *text)
{
    char *end;
    long number = strtol(text, &end, 10);
    if (text[0] >= '0' && text[0] <= '9')
        return *end == '\0' && number > 0 && number < 128 ? (int)number : -1;
    if (strncmp(text, "SIG", 3) == 0)
        text += 3;
    for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
        if (strcmp(text, signals[i].name) == 0)
            return signals[i].number;
    return -1;
}

int main(int argc, char **argv)
{
    int signal_number = SIGTERM;
    int next = 1;
    if (next < argc && strcmp(argv[next], "--") == 0) {
        next++;
    } else if (next < argc && argv[next][0] == '-') {
        signal_number = parse_signal(argv[next] + 1);
        if (signal_number < 0) {
            fprintf(stderr, "kill: %s: unknown signal\n", argv[next] + 1);
            return 1;
        }
        next++;
        if (next < argc && strcmp(argv[next], "--") == 0)
            next++;
    }
    if (next == argc) {
        fprintf(stderr, "usage: kill [-SIGNAL] PID...\n");
        return 1;
    }
    int status = 0;
    for (int i = next; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (argv[i][0] == '\0' || *end != '\0') {
            fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
            status = 1;
        } else if (kill((pid_t)pid, signal_number) != 0) {
            fprintf(stderr, "kill: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
