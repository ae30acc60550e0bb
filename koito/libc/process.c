/*
 * Process calls: exit and getpid through the application capability
 * interface (docs/koito.md); signals, fork, exec and wait need the POSIX
 * server and fail with ENOSYS until it replaces this file.
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <liba9n/app.h>

#include "glue.h"

/* The end of exit(): newlib has run the atexit handlers and flushed stdio. */
void _exit(int status)
{
    a9n_app_exit((unsigned)status);
}

pid_t getpid(void)
{
    const struct a9n_app_info *info = a9n_app_info();
    return info != NULL ? (pid_t)info->pid : 0;
}
GLUE_ALSO_UNDERSCORED(getpid);

int kill(pid_t pid, int signal)
{
    (void)pid;
    (void)signal;
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(kill);

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

pid_t wait(int *status)
{
    (void)status;
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(wait);
