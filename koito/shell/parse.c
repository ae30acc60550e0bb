/*
 * The shell's parser (parse.h): one pass over the line that cuts words at
 * blanks and operators and writes each word, its quotes, escapes and
 * variables already resolved, into line->text.
 */
#include "parse.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define VARIABLE_NAME_MAX 64

enum redirection { REDIRECT_NONE, REDIRECT_INPUT, REDIRECT_OUTPUT, REDIRECT_APPEND };

struct parser {
    const char *cursor;
    const struct shell_expansion *expansion;
    struct shell_line *line;
    size_t text_used;
    struct shell_command *command; /* being built; NULL before its first word or redirection */
    int stage;                     /* index of the command being built in its pipeline */
};

__attribute__((format(printf, 2, 3)))
static bool fail(struct parser *parser, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(parser->line->error, sizeof(parser->line->error), format, arguments);
    va_end(arguments);
    parser->line->commands = 0; /* half a line must never be run */
    return false;
}

static bool unexpected(struct parser *parser, const char *token)
{
    return fail(parser, "syntax error near unexpected token '%s'", token);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static bool ends_word(char c)
{
    return c == '\0' || is_blank(c) || strchr("\n;|&<>", c) != NULL;
}

static bool is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static bool put(struct parser *parser, char c)
{
    if (parser->text_used == SHELL_TEXT_MAX)
        return fail(parser, "line too long after expansion (at most %d bytes)", SHELL_TEXT_MAX);
    parser->line->text[parser->text_used++] = c;
    return true;
}

static bool put_string(struct parser *parser, const char *s)
{
    for (; *s != '\0'; s++)
        if (!put(parser, *s))
            return false;
    return true;
}

/* After a `$`: `?`, NAME or {NAME}. A `$` before anything else stands for itself. */
static bool expand(struct parser *parser)
{
    if (*parser->cursor == '?') {
        char digits[16];
        snprintf(digits, sizeof(digits), "%d", parser->expansion->last_status);
        parser->cursor++;
        return put_string(parser, digits);
    }
    bool braced = *parser->cursor == '{';
    const char *start = parser->cursor + braced;
    const char *end = start;
    if (is_name_start(*end))
        while (is_name_char(*end))
            end++;
    if (end == start && !braced)
        return put(parser, '$');
    if (end == start || (braced && *end != '}'))
        return fail(parser, "syntax error: bad substitution");
    size_t length = (size_t)(end - start);
    if (length > VARIABLE_NAME_MAX)
        return fail(parser, "variable name too long (at most %d characters)", VARIABLE_NAME_MAX);
    char name[VARIABLE_NAME_MAX + 1];
    memcpy(name, start, length);
    name[length] = '\0';
    parser->cursor = end + braced;
    const char *value = parser->expansion->variable ? parser->expansion->variable(name) : NULL;
    return value == NULL || put_string(parser, value);
}

/* After an opening `'`: everything up to the next `'` is literal. */
static bool read_single_quoted(struct parser *parser)
{
    for (;;) {
        char c = *parser->cursor;
        if (c == '\0')
            return fail(parser, "syntax error: unterminated quote (')");
        parser->cursor++;
        if (c == '\'')
            return true;
        if (!put(parser, c))
            return false;
    }
}

/* After an opening `"`: variables expand; a backslash escapes only $ " and \ (POSIX). */
static bool read_double_quoted(struct parser *parser)
{
    for (;;) {
        char c = *parser->cursor;
        if (c == '\0')
            return fail(parser, "syntax error: unterminated quote (\")");
        parser->cursor++;
        if (c == '"')
            return true;
        if (c == '$') {
            if (!expand(parser))
                return false;
            continue;
        }
        if (c == '\\' && *parser->cursor != '\0' && strchr("$\"\\", *parser->cursor) != NULL)
            c = *parser->cursor++;
        if (!put(parser, c))
            return false;
    }
}

/*
 * One word into line->text. *present is false for a word that was
 * nothing but unquoted variables, all empty: like POSIX shells, such a
 * word is no argument at all (while "" and '' are an empty argument).
 */
static bool read_word(struct parser *parser, char **word, bool *present)
{
    size_t start = parser->text_used;
    bool quoted = false;
    while (!ends_word(*parser->cursor)) {
        char c = *parser->cursor++;
        bool ok;
        switch (c) {
        case '\'':
            quoted = true;
            ok = read_single_quoted(parser);
            break;
        case '"':
            quoted = true;
            ok = read_double_quoted(parser);
            break;
        case '\\':
            if (*parser->cursor == '\0')
                return fail(parser, "syntax error: '\\' at the end of the line");
            quoted = true;
            ok = put(parser, *parser->cursor++);
            break;
        case '$':
            ok = expand(parser);
            break;
        default:
            ok = put(parser, c);
        }
        if (!ok)
            return false;
    }
    if (!put(parser, '\0'))
        return false;
    *word = &parser->line->text[start];
    *present = quoted || parser->text_used - start > 1;
    return true;
}

static bool begin_command(struct parser *parser)
{
    if (parser->command != NULL)
        return true;
    if (parser->line->commands == SHELL_COMMANDS_MAX)
        return fail(parser, "too many commands on one line (at most %d)", SHELL_COMMANDS_MAX);
    parser->command = &parser->line->command[parser->line->commands++];
    memset(parser->command, 0, sizeof(*parser->command));
    return true;
}

/* At `;` or a newline. An empty command is an error before `;` (POSIX), not before a newline. */
static bool end_command(struct parser *parser, bool semicolon)
{
    if (parser->command == NULL && (semicolon || parser->stage > 0))
        return unexpected(parser, semicolon ? ";" : "newline");
    parser->command = NULL;
    parser->stage = 0;
    return true;
}

static bool pipe_to_next(struct parser *parser)
{
    if (parser->command == NULL)
        return unexpected(parser, "|");
    if (parser->stage + 1 == SHELL_STAGES_MAX)
        return fail(parser, "pipeline too long (at most %d commands)", SHELL_STAGES_MAX);
    parser->command->pipes_into_next = true;
    parser->command = NULL;
    parser->stage++;
    return true;
}

static bool add_word(struct parser *parser, enum redirection *pending)
{
    char *word;
    bool present;
    if (!read_word(parser, &word, &present) || !begin_command(parser))
        return false;
    struct shell_command *command = parser->command;
    if (*pending != REDIRECT_NONE) {
        if (!present)
            return fail(parser, "ambiguous redirect: the file name is empty");
        if (*pending == REDIRECT_INPUT) {
            command->input = word;
        } else {
            command->output = word;
            command->append = *pending == REDIRECT_APPEND;
        }
        *pending = REDIRECT_NONE;
        return true;
    }
    if (!present)
        return true;
    if (command->argc == SHELL_ARGS_MAX)
        return fail(parser, "too many arguments (at most %d per command)", SHELL_ARGS_MAX);
    command->argv[command->argc++] = word;
    return true;
}

/* The operator at `cursor`, as a syntax error names it. */
static const char *operator_name(const char *cursor)
{
    switch (*cursor) {
    case '\n': return "newline";
    case ';': return ";";
    case '|': return "|";
    case '&': return "&";
    case '<': return "<";
    default: return cursor[1] == '>' ? ">>" : ">";
    }
}

/*
 * The commands from parser->cursor to the end of the text, or with
 * `one_pipeline` only up to the `;` or newline after the first pipeline,
 * with parser->cursor left after it.
 */
static bool parse(struct parser *parser, bool one_pipeline)
{
    enum redirection pending = REDIRECT_NONE;

    parser->line->commands = 0;
    parser->line->error[0] = '\0';
    if (strlen(parser->cursor) > SHELL_LINE_MAX)
        return fail(parser, "line too long (at most %d characters)", SHELL_LINE_MAX);

    for (;;) {
        while (is_blank(*parser->cursor))
            parser->cursor++;
        char c = *parser->cursor;
        if (c == '\0')
            break;
        if (c == '#') {
            parser->cursor += strcspn(parser->cursor, "\n");
            continue;
        }
        if (pending != REDIRECT_NONE && strchr("\n;|&<>", c) != NULL)
            return unexpected(parser, operator_name(parser->cursor));
        bool ok = true;
        switch (c) {
        case '\n':
        case ';':
            parser->cursor++;
            if (!end_command(parser, c == ';'))
                return false;
            if (one_pipeline && parser->line->commands > 0)
                return true;
            break;
        case '|':
            parser->cursor++;
            ok = pipe_to_next(parser);
            break;
        case '&':
            return fail(parser, "syntax error: '&' is not supported (no background jobs)");
        case '<':
            parser->cursor++;
            pending = REDIRECT_INPUT;
            ok = begin_command(parser);
            break;
        case '>':
            parser->cursor++;
            pending = REDIRECT_OUTPUT;
            if (*parser->cursor == '>') {
                parser->cursor++;
                pending = REDIRECT_APPEND;
            }
            ok = begin_command(parser);
            break;
        default:
            ok = add_word(parser, &pending);
        }
        if (!ok)
            return false;
    }
    if (pending != REDIRECT_NONE || (parser->command == NULL && parser->stage > 0))
        return unexpected(parser, "newline");
    return true;
}

bool shell_parse(const char *text, const struct shell_expansion *expansion,
                 struct shell_line *line)
{
    struct parser parser = { .cursor = text, .expansion = expansion, .line = line };
    return parse(&parser, false);
}

bool shell_parse_pipeline(const char **cursor, const struct shell_expansion *expansion,
                          struct shell_line *line)
{
    struct parser parser = { .cursor = *cursor, .expansion = expansion, .line = line };
    bool ok = parse(&parser, true);
    *cursor = parser.cursor;
    return ok;
}
