/*
 * Built-in commands: what must change the shell itself (working
 * directory, environment, exit) or has no program (help, poweroff).
 */
#define _POSIX_C_SOURCE 200809L
#include "shell.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <koito/system.h>

#define DIRECTORY_PATH_MAX 1024

extern char **environ;

struct builtin {
    const char *name;
    int (*run)(struct shell *shell, int argc, char **argv);
    const char *usage;
};

static int builtin_cd(struct shell *shell, int argc, char **argv)
{
    (void)shell;
    if (argc > 2) {
        fprintf(stderr, "sh: cd: too many arguments\n");
        return 1;
    }
    const char *directory = argc == 2 ? argv[1] : getenv("HOME");
    if (directory == NULL || directory[0] == '\0')
        directory = "/";
    if (chdir(directory) != 0) {
        fprintf(stderr, "sh: cd: %s: %s\n", directory, strerror(errno));
        return 1;
    }
    return 0;
}

static int builtin_pwd(struct shell *shell, int argc, char **argv)
{
    (void)shell, (void)argc, (void)argv;
    char directory[DIRECTORY_PATH_MAX];
    if (getcwd(directory, sizeof(directory)) == NULL) {
        fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
        return 1;
    }
    printf("%s\n", directory);
    return 0;
}

static int builtin_exit(struct shell *shell, int argc, char **argv)
{
    if (argc > 2) {
        fprintf(stderr, "sh: exit: too many arguments\n");
        return 1;
    }
    int status = shell->last_status;
    if (argc == 2) {
        char *end;
        long value = strtol(argv[1], &end, 10);
        if (argv[1][0] == '\0' || *end != '\0') {
            fprintf(stderr, "sh: exit: %s: numeric argument required\n", argv[1]);
            value = 2;
        }
        status = (int)(value & 0xff); /* an exit status is 8 bits */
    }
    shell->exiting = true;
    shell->exit_status = status;
    return status;
}

static bool is_variable_name(const char *name, size_t length)
{
    if (length == 0 || (name[0] >= '0' && name[0] <= '9'))
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/* Every variable is in the environment, so `export NAME=VALUE` is also how one is set. */
static int builtin_export(struct shell *shell, int argc, char **argv)
{
    (void)shell;
    if (argc == 1) {
        for (char **entry = environ; entry != NULL && *entry != NULL; entry++)
            printf("%s\n", *entry);
        return 0;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char *equals = strchr(argv[i], '=');
        size_t name_length = equals ? (size_t)(equals - argv[i]) : strlen(argv[i]);
        if (equals == NULL || !is_variable_name(argv[i], name_length)) {
            fprintf(stderr, "sh: export: '%s': expected NAME=VALUE\n", argv[i]);
            status = 1;
            continue;
        }
        *equals = '\0';
        int failed = setenv(argv[i], equals + 1, 1);
        *equals = '=';
        if (failed) {
            fprintf(stderr, "sh: export: %s\n", strerror(errno));
            status = 1;
        }
    }
    return status;
}

static int builtin_unset(struct shell *shell, int argc, char **argv)
{
    (void)shell;
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (unsetenv(argv[i]) != 0) {
            fprintf(stderr, "sh: unset: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}

static int builtin_poweroff(struct shell *shell, int argc, char **argv)
{
    (void)shell, (void)argc, (void)argv;
    fflush(stdout);
    koito_poweroff();
    fprintf(stderr, "sh: poweroff: %s\n", strerror(errno));
    return 1;
}

static int builtin_help(struct shell *shell, int argc, char **argv);

static const struct builtin builtins[] = {
    { "cd", builtin_cd, "cd [DIR]            change directory (default $HOME, else /)" },
    { "pwd", builtin_pwd, "pwd                 print the working directory" },
    { "exit", builtin_exit, "exit [N]            leave the shell with status N (default $?)" },
    { "export", builtin_export, "export [NAME=VALUE] set an environment variable; alone: list them" },
    { "unset", builtin_unset, "unset NAME...       remove environment variables" },
    { "poweroff", builtin_poweroff, "poweroff            stop the machine" },
    { "help", builtin_help, "help                this text" },
};

#define BUILTIN_COUNT (sizeof(builtins) / sizeof(builtins[0]))

static int builtin_help(struct shell *shell, int argc, char **argv)
{
    (void)shell, (void)argc, (void)argv;
    printf("Built-in commands:\n");
    for (size_t i = 0; i < BUILTIN_COUNT; i++)
        printf("  %s\n", builtins[i].usage);
    printf("Other commands are programs in $PATH (default /bin): ls /bin lists them.\n"
           "Syntax: cmd args; a | b | c; < in, > out, >> out; 'quoted' \"quoted $VAR\" \\x;\n"
           "  $? is the last status, $NAME a variable; # starts a comment.\n");
    return 0;
}

static const struct builtin *builtin_find(const char *name)
{
    for (size_t i = 0; i < BUILTIN_COUNT; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}

bool builtin_exists(const char *name)
{
    return builtin_find(name) != NULL;
}

int builtin_run(struct shell *shell, int argc, char **argv)
{
    return builtin_find(argv[0])->run(shell, argc, argv);
}
