/*
 * KOITO's shell: reads lines from the console, a script file or -c's
 * string and runs them (docs/shell.md).
 *   sh [-i] [-v] [-c COMMAND | FILE]
 * -i prompts even when stdin is no console; -v echoes each line read to
 * stderr (both POSIX sh options).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "line_reader.h"
#include "shell.h"

#define PROMPT_PATH_MAX 1024
#define STATUS_BAD_INPUT 2 /* a usage error or an overlong line, as a syntax error */
#define STATUS_INTERRUPTED (128 + SIGINT)
#define STATUS_SCRIPT_MISSING 127

static void print_prompt(void)
{
    char directory[PROMPT_PATH_MAX];
    printf("koito:%s$ ", getcwd(directory, sizeof(directory)) ? directory : "?");
    fflush(stdout);
}

/* Runs the lines of `fd` until its end or `exit`. Returns the shell's status. */
static int run_input(struct shell *shell, int fd)
{
    struct line_reader reader;
    char line[SHELL_LINE_MAX + 1];
    line_reader_init(&reader, fd, fd == STDIN_FILENO && !isatty(fd));
    while (!shell->exiting) {
        if (shell->interactive)
            print_prompt();
        switch (line_reader_next(&reader, line)) {
        case LINE_READ:
            if (shell->verbose)
                fprintf(stderr, "%s\n", line);
            shell_run_line(shell, line);
            break;
        case LINE_TOO_LONG:
            fprintf(stderr, "sh: line too long (at most %d characters)\n", SHELL_LINE_MAX);
            shell->last_status = STATUS_BAD_INPUT;
            break;
        case LINE_INTERRUPTED:
            /* Ctrl-C at the prompt (the terminal echoed "^C" and a newline): a fresh prompt. */
            shell->last_status = STATUS_INTERRUPTED;
            break;
        case LINE_END:
            if (!shell->interactive)
                return shell->last_status;
            printf("exit\n"); /* Ctrl-D echoes nothing: the cursor is still after the prompt */
            return 0;
        case LINE_ERROR:
            fprintf(stderr, "sh: read: %s\n", strerror(errno));
            return 1;
        }
    }
    return shell->exit_status;
}

static int usage(void)
{
    fprintf(stderr, "usage: sh [-iv] [-c COMMAND | FILE]\n");
    return STATUS_BAD_INPUT;
}

int main(int argc, char **argv)
{
    struct shell shell = { .terminal_group = -1 };
    bool forced_interactive = false, command_mode = false;
    int next = 1;
    for (; next < argc && argv[next][0] == '-' && argv[next][1] != '\0'; next++) {
        if (strcmp(argv[next], "--") == 0) {
            next++;
            break;
        }
        for (const char *flag = argv[next] + 1; *flag != '\0'; flag++) {
            switch (*flag) {
            case 'i': forced_interactive = true; break;
            case 'v': shell.verbose = true; break;
            case 'c': command_mode = true; break;
            default: return usage();
            }
        }
    }
    const char *operand = next < argc ? argv[next++] : NULL;
    if (next < argc || (command_mode && operand == NULL))
        return usage(); /* no positional parameters */

    shell.interactive = forced_interactive || (operand == NULL && isatty(STDIN_FILENO));
    if (shell.interactive) {
        /* Ctrl-C is for the programs in the foreground: at the prompt it only interrupts the read. */
        signal(SIGINT, SIG_IGN);
    }
    /* POSIX stops a background process that sets the console's group unless it ignores SIGTTOU,
     * and the shell is in the background when it takes the console back from a pipeline. */
    signal(SIGTTOU, SIG_IGN);
    shell.terminal_group = tcgetpgrp(STDIN_FILENO);
    setvbuf(stdout, NULL, _IOLBF, 0);

    if (command_mode) {
        shell_run_line(&shell, operand);
        return shell.exiting ? shell.exit_status : shell.last_status;
    }
    if (operand == NULL)
        return run_input(&shell, STDIN_FILENO);
    int script = open(operand, O_RDONLY);
    if (script < 0) {
        fprintf(stderr, "sh: %s: %s\n", operand, strerror(errno));
        return STATUS_SCRIPT_MISSING;
    }
    int status = run_input(&shell, script);
    close(script);
    return status;
}
