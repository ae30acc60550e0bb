/*
 * Process calls over the POSIX server: exit, getpid and its relatives,
 * wait, kill, process groups and the terminal's foreground group, and the
 * KOITO extensions of koito/system.h (process list, memory statistics,
 * power off). There is no fork or exec: programs start with posix_spawn
 * (spawn.c; docs/posix.md says why).
 */
#include "glue.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <koito/system.h>


/* The end of exit(): newlib has run the atexit handlers and flushed stdio. No reply comes. */
void _exit(int status)
{
    /* A boot module's OS port is init's, whose exit has the same label and word. */
    for (;;) {
        posix_set_word(0, (a9n_word_t)(status & 0xff));
        posix_call(KOITO_POSIX_EXIT, 1);
    }
}

pid_t getpid(void)
{
    return (pid_t)posix_result(posix_call(KOITO_POSIX_GETPID, 0));
}
GLUE_ALSO_UNDERSCORED(getpid);

pid_t getppid(void)
{
    return posix_result(posix_call(KOITO_POSIX_GETPID, 0)) < 0 ? -1 : (pid_t)posix_reply_word(1);
}

pid_t getpgrp(void)
{
    return posix_result(posix_call(KOITO_POSIX_GETPID, 0)) < 0 ? -1 : (pid_t)posix_reply_word(2);
}

int setpgid(pid_t pid, pid_t group)
{
    posix_set_word(0, (a9n_word_t)pid);
    posix_set_word(1, (a9n_word_t)group);
    return (int)posix_result(posix_call(KOITO_POSIX_SETPGID, 2));
}

int kill(pid_t pid, int signal)
{
    posix_set_word(0, (a9n_word_t)pid);
    posix_set_word(1, (a9n_word_t)signal);
    return (int)posix_result(posix_call(KOITO_POSIX_KILL, 2));
}
GLUE_ALSO_UNDERSCORED(kill);

/* The server's wait status is the traditional encoding <sys/wait.h> decodes. */
pid_t waitpid(pid_t pid, int *status, int options)
{
    if ((options & ~WNOHANG) != 0) {
        errno = EINVAL;
        return -1;
    }
    posix_set_word(0, (a9n_word_t)pid);
    posix_set_word(1, (options & WNOHANG) ? KOITO_POSIX_WNOHANG : 0);
    long child = posix_result(posix_call(KOITO_POSIX_WAIT, 2));
    if (child > 0 && status != NULL)
        *status = (int)posix_reply_word(1);
    return (pid_t)child;
}

pid_t wait(int *status)
{
    return waitpid(-1, status, 0);
}
GLUE_ALSO_UNDERSCORED(wait);

pid_t fork(void)
{
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(fork);

int execve(const char *path, char *const arguments[], char *const environment[])
{
    (void)path;
    (void)arguments;
    (void)environment;
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(execve);

int tcsetpgrp(int fd, pid_t group)
{
    if (!isatty(fd)) {
        errno = ENOTTY;
        return -1;
    }
    posix_set_word(0, (a9n_word_t)group);
    return (int)posix_result(posix_call(KOITO_POSIX_TCSETPGRP, 1));
}

pid_t tcgetpgrp(int fd)
{
    if (!isatty(fd)) {
        errno = ENOTTY;
        return -1;
    }
    return (pid_t)posix_result(posix_call(KOITO_POSIX_TCGETPGRP, 0));
}

/* ---- koito/system.h ------------------------------------------------------------------ */

int koito_process_list(struct koito_process_status *list, int max)
{
    int total = 0, copied = 0;
    do {
        posix_set_word(0, (a9n_word_t)copied);
        long result = posix_result(posix_call(KOITO_POSIX_PROCESS_LIST, 1));
        if (result < 0)
            return -1;
        total = (int)result;
        unsigned sent = (unsigned)posix_reply_word(1);
        if (sent == 0)
            break;
        for (unsigned i = 0; i < sent && copied < max; i++, copied++) {
            unsigned first = 2 + i * KOITO_POSIX_PROCESS_WORDS;
            struct koito_process_status *entry = &list[copied];
            entry->pid = (int)posix_reply_word(first);
            entry->parent = (int)posix_reply_word(first + 1);
            entry->group = (int)posix_reply_word(first + 2);
            entry->state = (char)posix_reply_word(first + 3);
            char name[KOITO_POSIX_PROCESS_NAME_WORDS * sizeof(a9n_word_t)];
            koito_message_read_bytes(&posix_message, koito_message_length(&posix_message),
                                     first + 4, name, sizeof name);
            size_t length = strnlen(name, sizeof name);
            if (length >= sizeof entry->name)
                length = sizeof entry->name - 1;
            memcpy(entry->name, name, length);
            entry->name[length] = '\0';
        }
    } while (copied < max && copied < total);
    return total;
}

int koito_memory_status(struct koito_memory_status *status)
{
    if (posix_result(posix_call(KOITO_POSIX_MEMORY_STATUS, 0)) < 0)
        return -1;
    status->total_bytes = posix_reply_word(1);
    status->free_bytes = posix_reply_word(2);
    return 0;
}

int koito_poweroff(void)
{
    return (int)posix_result(posix_call(KOITO_POSIX_POWEROFF, 0));
}
