/*
 * Running a parsed line. The stages of a pipeline are started with
 * posix_spawn (KOITO has no fork) in one process group, the first
 * stage's pid, which holds the console while the shell waits for all of
 * them. A built-in command runs in the shell itself.
 */
#define _POSIX_C_SOURCE 200809L
#include "shell.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parse.h"
#include "status.h"

#define PROGRAM_PATH_MAX 1024
#define DEFAULT_PATH "/bin"
#define STATUS_NOT_FOUND 127
#define STATUS_NOT_EXECUTABLE 126

extern char **environ;

/* A parsed line is 20 KiB: not for a program's stack. Lines do not nest. */
static struct shell_line parsed;

static void report(const char *what, int error)
{
    fprintf(stderr, "sh: %s: %s\n", what, strerror(error));
}

static int output_flags(const struct shell_command *command)
{
    return O_WRONLY | O_CREAT | (command->append ? O_APPEND : O_TRUNC);
}

/* Opens `file` (if any) for a redirection into *fd. */
static bool open_redirection(const char *file, int flags, int *fd)
{
    if (file == NULL)
        return true;
    int opened = open(file, flags, 0666);
    if (opened < 0) {
        report(file, errno);
        return false;
    }
    *fd = opened;
    return true;
}

/*
 * The program file for `name`: itself if it has a '/', else the first
 * directory of $PATH (default /bin) that has it. 0, or an errno value.
 */
static int find_program(const char *name, char path[PROGRAM_PATH_MAX])
{
    struct stat status;
    if (strchr(name, '/') != NULL) {
        if ((size_t)snprintf(path, PROGRAM_PATH_MAX, "%s", name) >= PROGRAM_PATH_MAX)
            return ENAMETOOLONG;
        if (stat(path, &status) != 0)
            return errno;
        return S_ISDIR(status.st_mode) ? EISDIR : 0;
    }
    const char *directories = getenv("PATH");
    if (directories == NULL || directories[0] == '\0')
        directories = DEFAULT_PATH;
    while (*directories != '\0') {
        size_t length = strcspn(directories, ":");
        int written = snprintf(path, PROGRAM_PATH_MAX, "%.*s/%s", (int)length, directories, name);
        if ((size_t)written < PROGRAM_PATH_MAX && stat(path, &status) == 0 && !S_ISDIR(status.st_mode))
            return 0;
        directories += length + (directories[length] == ':');
    }
    return ENOENT;
}

/*
 * What the child gets as fds 0 and 1. It must not keep the fds these
 * came from, nor `spare` (the shell's read end of the next pipe): a pipe
 * whose write end stays open somewhere never reports end of file.
 */
static int set_file_actions(posix_spawn_file_actions_t *actions, int input, int output, int spare)
{
    int error = 0;
    if (input != STDIN_FILENO) {
        error = posix_spawn_file_actions_adddup2(actions, input, STDIN_FILENO);
        if (error == 0)
            error = posix_spawn_file_actions_addclose(actions, input);
    }
    if (error == 0 && output != STDOUT_FILENO) {
        error = posix_spawn_file_actions_adddup2(actions, output, STDOUT_FILENO);
        if (error == 0)
            error = posix_spawn_file_actions_addclose(actions, output);
    }
    if (error == 0 && spare >= 0)
        error = posix_spawn_file_actions_addclose(actions, spare);
    return error;
}

/*
 * The child joins `group` (0: a new group of its own) and gets the
 * default action for the signals the shell ignores, or Ctrl-C could not
 * stop it: ignored signals stay ignored across posix_spawn otherwise.
 */
static int set_attributes(posix_spawnattr_t *attributes, pid_t group)
{
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTTOU);
    int error = posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
    if (error == 0)
        error = posix_spawnattr_setpgroup(attributes, group);
    if (error == 0)
        error = posix_spawnattr_setsigdefault(attributes, &defaults);
    return error;
}

/* The console's input goes to `group`. Without it the stage still runs; only Ctrl-C cannot reach it. */
static void give_terminal(const struct shell *shell, pid_t group)
{
    if (shell->terminal_group > 0)
        tcsetpgrp(STDIN_FILENO, group);
}

/* Starts program argv[0] with fds 0 and 1 from `input` and `output`; see start_stage. */
static pid_t spawn_program(const struct shell *shell, const struct shell_command *command,
                           int input, int output, int spare, pid_t *group, int *status)
{
    const char *name = command->argv[0];
    char path[PROGRAM_PATH_MAX];
    int error = find_program(name, path);
    if (error != 0) {
        if (error == ENOENT && strchr(name, '/') == NULL) {
            if (builtin_exists(name))
                fprintf(stderr, "sh: %s: a built-in runs only as a command of its own, not in a pipeline\n", name);
            else
                fprintf(stderr, "sh: %s: command not found\n", name);
        } else {
            report(name, error);
        }
        *status = error == ENOENT ? STATUS_NOT_FOUND : STATUS_NOT_EXECUTABLE;
        return -1;
    }

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    pid_t pid = -1;
    error = posix_spawn_file_actions_init(&actions);
    if (error == 0) {
        error = posix_spawnattr_init(&attributes);
        if (error == 0) {
            error = set_file_actions(&actions, input, output, spare);
            if (error == 0)
                error = set_attributes(&attributes, *group);
            if (error == 0)
                error = posix_spawn(&pid, path, &actions, &attributes, command->argv, environ);
            posix_spawnattr_destroy(&attributes);
        }
        posix_spawn_file_actions_destroy(&actions);
    }
    if (error != 0) {
        report(name, error);
        *status = error == ENOENT ? STATUS_NOT_FOUND : STATUS_NOT_EXECUTABLE;
        return -1;
    }
    if (*group == 0) {
        *group = pid;
        give_terminal(shell, pid);
    }
    return pid;
}

/*
 * Starts one stage with `input` and `output` as its fds 0 and 1 unless
 * its own redirections replace them; `spare` (or -1) is an fd the child
 * must not keep. Returns the pid, or -1 with *status set when nothing
 * was started (a failed redirection, a missing program, no words).
 */
static pid_t start_stage(const struct shell *shell, const struct shell_command *command,
                         int input, int output, int spare, pid_t *group, int *status)
{
    int stage_input = input, stage_output = output;
    pid_t pid = -1;
    if (!open_redirection(command->input, O_RDONLY, &stage_input) ||
        !open_redirection(command->output, output_flags(command), &stage_output))
        *status = 1;
    else if (command->argc == 0)
        *status = 0;
    else
        pid = spawn_program(shell, command, stage_input, stage_output, spare, group, status);
    if (stage_input != input)
        close(stage_input);
    if (stage_output != output)
        close(stage_output);
    return pid;
}

/* Waits for `pid`; keeps the line to print if a signal ended it. Returns its $?. */
static int wait_for(pid_t pid, char buffer[SHELL_SIGNAL_MESSAGE_MAX], const char **message)
{
    int wait_status;
    while (waitpid(pid, &wait_status, 0) < 0) {
        if (errno != EINTR) {
            report("waitpid", errno);
            return 1;
        }
    }
    if (WIFSIGNALED(wait_status)) {
        const char *text = shell_signal_message(WTERMSIG(wait_status), buffer);
        if (text != NULL)
            *message = text;
    }
    return shell_status_of(wait_status);
}

static int run_pipeline(struct shell *shell, const struct shell_command *stages, int count)
{
    pid_t pid[SHELL_STAGES_MAX];
    int status[SHELL_STAGES_MAX];
    pid_t group = 0;
    int input = STDIN_FILENO;
    int started;

    fflush(stdout); /* the stages write to the same console: what the shell printed goes first */
    for (started = 0; started < count; started++) {
        int output = STDOUT_FILENO, next_input = -1;
        if (started + 1 < count) {
            int ends[2];
            if (pipe(ends) != 0) {
                report("pipe", errno);
                break;
            }
            next_input = ends[0];
            output = ends[1];
        }
        pid[started] = start_stage(shell, &stages[started], input, output, next_input,
                                   &group, &status[started]);
        if (input != STDIN_FILENO)
            close(input);
        if (output != STDOUT_FILENO)
            close(output);
        input = next_input;
    }
    if (started < count && input != STDIN_FILENO)
        close(input);

    /* One line for the pipeline, as bash: the last stage's that was ended by a signal. */
    char buffer[SHELL_SIGNAL_MESSAGE_MAX];
    const char *message = NULL;
    for (int i = 0; i < started; i++)
        if (pid[i] > 0)
            status[i] = wait_for(pid[i], buffer, &message);
    if (group > 0)
        give_terminal(shell, shell->terminal_group);
    if (message != NULL)
        fprintf(stderr, "%s\n", message);
    return started < count ? 1 : status[count - 1];
}

/* Points the shell's own fd `target` at `file` for a built-in; the old one is kept in *saved. */
static bool redirect_shell(int target, const char *file, int flags, int *saved)
{
    int fd;
    if (file == NULL || !open_redirection(file, flags, &fd))
        return file == NULL;
    *saved = dup(target);
    bool ok = *saved >= 0 && dup2(fd, target) >= 0;
    if (!ok) {
        report(file, errno);
        if (*saved >= 0)
            close(*saved);
        *saved = -1;
    }
    close(fd);
    return ok;
}

static void restore_shell(int target, int saved)
{
    if (saved >= 0) {
        dup2(saved, target);
        close(saved);
    }
}

static int run_builtin(struct shell *shell, struct shell_command *command)
{
    int saved_input = -1, saved_output = -1;
    int status = 1;
    fflush(stdout); /* what is buffered belongs to the old stdout */
    if (redirect_shell(STDIN_FILENO, command->input, O_RDONLY, &saved_input) &&
        redirect_shell(STDOUT_FILENO, command->output, output_flags(command), &saved_output))
        status = builtin_run(shell, command->argc, command->argv);
    fflush(stdout);
    restore_shell(STDOUT_FILENO, saved_output);
    restore_shell(STDIN_FILENO, saved_input);
    return status;
}

void shell_run_line(struct shell *shell, const char *text)
{
    struct shell_expansion expansion = { .last_status = shell->last_status, .variable = getenv };
    if (!shell_parse(text, &expansion, &parsed)) {
        fprintf(stderr, "sh: %s\n", parsed.error);
        shell->last_status = 2; /* a syntax error's status in POSIX shells */
        return;
    }
    const char *cursor = text;
    while (!shell->exiting) {
        expansion.last_status = shell->last_status;
        if (!shell_parse_pipeline(&cursor, &expansion, &parsed)) {
            fprintf(stderr, "sh: %s\n", parsed.error); /* an expansion grew too long */
            shell->last_status = 2;
            return;
        }
        int count = parsed.commands;
        if (count == 0)
            return;
        struct shell_command *stages = parsed.command;
        if (count == 1 && stages[0].argc > 0 && builtin_exists(stages[0].argv[0]))
            shell->last_status = run_builtin(shell, &stages[0]);
        else
            shell->last_status = run_pipeline(shell, stages, count);
    }
}
