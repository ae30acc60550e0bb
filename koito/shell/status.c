/* The shell's `$?` and signal messages (status.h). */
#define _POSIX_C_SOURCE 200809L
#include "status.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

int shell_status_of(int wait_status)
{
    if (WIFSIGNALED(wait_status))
        return 128 + WTERMSIG(wait_status);
    if (WIFEXITED(wait_status))
        return WEXITSTATUS(wait_status);
    return 128; /* neither: waitpid without WUNTRACED reports nothing else */
}

const char *shell_signal_message(int signal, char buffer[SHELL_SIGNAL_MESSAGE_MAX])
{
    switch (signal) {
    case SIGSEGV: return "segmentation fault";
    case SIGILL: return "illegal instruction";
    case SIGKILL: return "killed";
    case SIGTERM: return "terminated";
    case SIGINT: return "interrupted";
    case SIGBUS: return "bus error";
    case SIGFPE: return "floating point exception";
    case SIGABRT: return "aborted";
    case SIGPIPE: return NULL;
    default:
        snprintf(buffer, SHELL_SIGNAL_MESSAGE_MAX, "killed by signal %d", signal);
        return buffer;
    }
}
