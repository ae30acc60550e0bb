/*
 * How the shell reports the end of a program: the value of `$?` and, for
 * a death by a signal, the line it prints (bash's convention).
 */
#ifndef KOITO_SHELL_STATUS_H
#define KOITO_SHELL_STATUS_H

#include <stddef.h>

#define SHELL_SIGNAL_MESSAGE_MAX 32

/* `$?` for a waitpid status: the exit code, or 128 + the signal that ended the process. */
int shell_status_of(int wait_status);

/*
 * The line for a death by `signal` ("segmentation fault", "killed", ...),
 * or NULL for none: SIGPIPE is how a pipeline's writer normally ends
 * when its reader is gone. A signal without a name is described in
 * `buffer`.
 */
const char *shell_signal_message(int signal, char buffer[SHELL_SIGNAL_MESSAGE_MAX]);

#endif
