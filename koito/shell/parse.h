/*
 * The shell's parser: one input line into commands (argv and redirections),
 * grouped into pipelines. Pure: no I/O, no global state; variables come
 * from the caller, so the host tests can drive it. Syntax: docs/shell.md.
 */
#ifndef KOITO_SHELL_PARSE_H
#define KOITO_SHELL_PARSE_H

#include <stdbool.h>

#define SHELL_LINE_MAX 1024     /* characters of one line, without its newline */
#define SHELL_ARGS_MAX 64       /* words of one command */
#define SHELL_STAGES_MAX 16     /* commands of one pipeline */
#define SHELL_COMMANDS_MAX 32   /* commands of one line, all pipelines together */
#define SHELL_TEXT_MAX 4096     /* bytes of all words after expansion, terminators included */
#define SHELL_ERROR_MAX 96

struct shell_command {
    int argc;                          /* 0: only redirections (they are still made) */
    char *argv[SHELL_ARGS_MAX + 1];    /* NULL-terminated, as posix_spawn takes it */
    char *input;                       /* file of `<`, or NULL */
    char *output;                      /* file of `>` or `>>`, or NULL */
    bool append;                       /* the output was `>>` */
    bool pipes_into_next;              /* a `|` follows: the next command is the next stage */
};

/* A parsed line; argv and file names point into `text`. */
struct shell_line {
    int commands;
    struct shell_command command[SHELL_COMMANDS_MAX];
    char text[SHELL_TEXT_MAX];
    char error[SHELL_ERROR_MAX];       /* why shell_parse failed */
};

/* What `$?` and `$NAME` expand to. */
struct shell_expansion {
    int last_status;
    char *(*variable)(const char *name); /* getenv fits; NULL or a NULL result: empty */
};

/*
 * Parses `text` (up to SHELL_LINE_MAX characters; a newline inside acts
 * as `;`) into `line`. Returns false with line->error set on a syntax
 * error or an exceeded bound; nothing of the line is to be run then.
 */
bool shell_parse(const char *text, const struct shell_expansion *expansion,
                 struct shell_line *line);

/*
 * Parses only the first pipeline at *cursor, which is left after the `;`
 * or newline that ends it; line->commands is 0 when none is left. `$?`
 * must be expanded when a pipeline starts, not when its line was read:
 * the shell checks the whole line with shell_parse, then runs it one
 * pipeline at a time.
 */
bool shell_parse_pipeline(const char **cursor, const struct shell_expansion *expansion,
                          struct shell_line *line);

#endif
