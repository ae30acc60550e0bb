/*
 * The shell's state and the parts main.c ties together: running a line
 * (run.c) and the built-in commands (builtin.c).
 */
#ifndef KOITO_SHELL_SHELL_H
#define KOITO_SHELL_SHELL_H

#include <stdbool.h>
#include <sys/types.h>

struct shell {
    int last_status;       /* $? */
    bool interactive;      /* prompts, ignores Ctrl-C */
    bool verbose;          /* -v: input lines are echoed to stderr */
    pid_t terminal_group;  /* the console's group to take back after a pipeline; -1: stdin is no terminal */
    bool exiting;          /* `exit` ran */
    int exit_status;
};

/* Parses `text` and runs its pipelines in order; $? follows each. */
void shell_run_line(struct shell *shell, const char *text);

bool builtin_exists(const char *name);

/* Runs built-in argv[0] in the shell itself; returns its status. */
int builtin_run(struct shell *shell, int argc, char **argv);

#endif
