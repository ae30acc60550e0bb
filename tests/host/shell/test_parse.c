/* The shell's parser: words, quotes, escapes, variables, pipelines, redirections, errors, bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "koito/shell/parse.h"

static struct shell_line line;
static char long_value[SHELL_TEXT_MAX + 1];

static char *variable(const char *name)
{
    if (strcmp(name, "USER") == 0)
        return "koito";
    if (strcmp(name, "EMPTY") == 0)
        return "";
    if (strcmp(name, "LONG") == 0)
        return long_value;
    return NULL;
}

static bool parse_with_status(const char *text, int last_status)
{
    struct shell_expansion expansion = { .last_status = last_status, .variable = variable };
    return shell_parse(text, &expansion, &line);
}

static bool parse(const char *text)
{
    return parse_with_status(text, 0);
}

/* The command's words are `expected` (NULL-terminated), and argv ends with NULL. */
static void check_words(const struct shell_command *command, const char *const *expected)
{
    int count = 0;
    while (expected[count] != NULL)
        count++;
    assert_int_equal(command->argc, count);
    for (int i = 0; i < count; i++)
        assert_string_equal(command->argv[i], expected[i]);
    assert_null(command->argv[count]);
}

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void check_syntax_error(const char *text, const char *message)
{
    assert_false(parse(text));
    assert_string_equal(line.error, message);
    assert_int_equal(line.commands, 0);
}

static void words_split_at_blanks_and_tabs(void **state)
{
    (void)state;
    assert_true(parse("  ls \t -l   /bin  "));
    assert_int_equal(line.commands, 1);
    check_words(&line.command[0], WORDS("ls", "-l", "/bin"));
    assert_null(line.command[0].input);
    assert_null(line.command[0].output);
    assert_false(line.command[0].pipes_into_next);
}

static void empty_and_blank_lines_have_no_commands(void **state)
{
    (void)state;
    assert_true(parse(""));
    assert_int_equal(line.commands, 0);
    assert_true(parse("   \t "));
    assert_int_equal(line.commands, 0);
}

static void comment_runs_to_the_end_of_the_line(void **state)
{
    (void)state;
    assert_true(parse("# nothing | here > x"));
    assert_int_equal(line.commands, 0);
    assert_true(parse("echo a # b | c"));
    assert_int_equal(line.commands, 1);
    check_words(&line.command[0], WORDS("echo", "a"));
}

static void hash_inside_a_word_is_no_comment(void **state)
{
    (void)state;
    assert_true(parse("echo a#b '#c' \\#d"));
    check_words(&line.command[0], WORDS("echo", "a#b", "#c", "#d"));
}

static void comment_ends_at_a_newline(void **state)
{
    (void)state;
    assert_true(parse("echo a # b\necho c"));
    assert_int_equal(line.commands, 2);
    check_words(&line.command[1], WORDS("echo", "c"));
}

static void single_quotes_keep_everything_literal(void **state)
{
    (void)state;
    assert_true(parse("echo 'a  $USER \\ \"b\" | > ;'"));
    check_words(&line.command[0], WORDS("echo", "a  $USER \\ \"b\" | > ;"));
}

static void double_quotes_keep_blanks_and_expand_variables(void **state)
{
    (void)state;
    assert_true(parse("echo \"a  $USER | 'q'\""));
    check_words(&line.command[0], WORDS("echo", "a  koito | 'q'"));
}

static void backslash_in_double_quotes_escapes_only_dollar_quote_and_backslash(void **state)
{
    (void)state;
    assert_true(parse("echo \"\\a\\$USER\\\"\\\\\""));
    check_words(&line.command[0], WORDS("echo", "\\a$USER\"\\"));
}

static void backslash_escapes_the_next_character(void **state)
{
    (void)state;
    assert_true(parse("echo a\\ b \\| \\$USER \\' \\\\"));
    check_words(&line.command[0], WORDS("echo", "a b", "|", "$USER", "'", "\\"));
    assert_false(line.command[0].pipes_into_next);
}

static void adjacent_quoted_parts_join_into_one_word(void **state)
{
    (void)state;
    assert_true(parse("echo a'b c'\"d\"e"));
    check_words(&line.command[0], WORDS("echo", "ab cde"));
}

static void empty_quotes_are_an_empty_argument(void **state)
{
    (void)state;
    assert_true(parse("echo \"\" '' x"));
    check_words(&line.command[0], WORDS("echo", "", "", "x"));
}

static void unquoted_empty_variables_are_no_argument(void **state)
{
    (void)state;
    assert_true(parse("echo $UNSET $EMPTY x \"$UNSET\""));
    check_words(&line.command[0], WORDS("echo", "x", ""));
}

static void status_variable_is_the_last_status(void **state)
{
    (void)state;
    assert_true(parse_with_status("echo $? x$?y \"$?\" '$?'", 127));
    check_words(&line.command[0], WORDS("echo", "127", "x127y", "127", "$?"));
}

static void variable_names_end_at_a_non_name_character(void **state)
{
    (void)state;
    assert_true(parse("echo $USER.txt ${USER}name $USERname"));
    check_words(&line.command[0], WORDS("echo", "koito.txt", "koitoname"));
}

static void dollar_before_no_name_stands_for_itself(void **state)
{
    (void)state;
    assert_true(parse("echo $ a$ $1 \"$\""));
    check_words(&line.command[0], WORDS("echo", "$", "a$", "$1", "$"));
}

static void no_variable_source_expands_to_empty(void **state)
{
    (void)state;
    struct shell_expansion expansion = { .last_status = 0, .variable = NULL };
    assert_true(shell_parse("echo \"[$USER]\"", &expansion, &line));
    check_words(&line.command[0], WORDS("echo", "[]"));
}

static void operators_need_no_blanks(void **state)
{
    (void)state;
    assert_true(parse("a|b>c;d<e"));
    assert_int_equal(line.commands, 3);
    check_words(&line.command[0], WORDS("a"));
    assert_true(line.command[0].pipes_into_next);
    check_words(&line.command[1], WORDS("b"));
    assert_string_equal(line.command[1].output, "c");
    assert_false(line.command[1].pipes_into_next);
    check_words(&line.command[2], WORDS("d"));
    assert_string_equal(line.command[2].input, "e");
}

static void pipeline_of_three_stages(void **state)
{
    (void)state;
    assert_true(parse("cat f | grep x | wc -l"));
    assert_int_equal(line.commands, 3);
    assert_true(line.command[0].pipes_into_next);
    assert_true(line.command[1].pipes_into_next);
    assert_false(line.command[2].pipes_into_next);
    check_words(&line.command[2], WORDS("wc", "-l"));
}

static void redirections_on_every_stage_of_a_pipeline(void **state)
{
    (void)state;
    assert_true(parse("sort < in | head -n 2 > mid | cat >> out"));
    assert_int_equal(line.commands, 3);
    assert_string_equal(line.command[0].input, "in");
    assert_null(line.command[0].output);
    assert_string_equal(line.command[1].output, "mid");
    assert_false(line.command[1].append);
    assert_string_equal(line.command[2].output, "out");
    assert_true(line.command[2].append);
    check_words(&line.command[1], WORDS("head", "-n", "2"));
}

static void redirection_may_come_before_the_words(void **state)
{
    (void)state;
    assert_true(parse("< in > out cat -"));
    check_words(&line.command[0], WORDS("cat", "-"));
    assert_string_equal(line.command[0].input, "in");
    assert_string_equal(line.command[0].output, "out");
}

static void redirection_file_names_are_expanded_and_quoted(void **state)
{
    (void)state;
    assert_true(parse("echo > \"$USER file\" < '$x'"));
    assert_string_equal(line.command[0].output, "koito file");
    assert_string_equal(line.command[0].input, "$x");
}

static void later_redirection_replaces_an_earlier_one(void **state)
{
    (void)state;
    assert_true(parse("echo >> a > b"));
    assert_string_equal(line.command[0].output, "b");
    assert_false(line.command[0].append);
}

static void redirection_alone_is_a_command_without_words(void **state)
{
    (void)state;
    assert_true(parse("> empty"));
    assert_int_equal(line.commands, 1);
    assert_int_equal(line.command[0].argc, 0);
    assert_null(line.command[0].argv[0]);
    assert_string_equal(line.command[0].output, "empty");
}

static void semicolons_and_newlines_separate_pipelines(void **state)
{
    (void)state;
    assert_true(parse("a; b | c\nd;"));
    assert_int_equal(line.commands, 4);
    assert_false(line.command[0].pipes_into_next);
    assert_true(line.command[1].pipes_into_next);
    assert_false(line.command[2].pipes_into_next);
    check_words(&line.command[3], WORDS("d"));
}

static void parse_pipeline_takes_one_pipeline_at_a_time(void **state)
{
    (void)state;
    struct shell_expansion expansion = { .last_status = 1, .variable = variable };
    const char *cursor = "a $? | b; c $?";
    assert_true(shell_parse_pipeline(&cursor, &expansion, &line));
    assert_int_equal(line.commands, 2);
    check_words(&line.command[0], WORDS("a", "1"));
    assert_string_equal(cursor, " c $?");
    expansion.last_status = 2;
    assert_true(shell_parse_pipeline(&cursor, &expansion, &line));
    assert_int_equal(line.commands, 1);
    check_words(&line.command[0], WORDS("c", "2"));
    assert_true(shell_parse_pipeline(&cursor, &expansion, &line));
    assert_int_equal(line.commands, 0);
}

static void leading_pipe_is_a_syntax_error(void **state)
{
    (void)state;
    check_syntax_error("| x", "syntax error near unexpected token '|'");
}

static void trailing_pipe_is_a_syntax_error(void **state)
{
    (void)state;
    check_syntax_error("a |", "syntax error near unexpected token 'newline'");
    check_syntax_error("a | ; b", "syntax error near unexpected token ';'");
}

static void empty_stage_between_pipes_is_a_syntax_error(void **state)
{
    (void)state;
    check_syntax_error("a || b", "syntax error near unexpected token '|'");
}

static void redirection_without_a_file_is_a_syntax_error(void **state)
{
    (void)state;
    check_syntax_error("a >", "syntax error near unexpected token 'newline'");
    check_syntax_error("a <", "syntax error near unexpected token 'newline'");
    check_syntax_error("a >> # comment", "syntax error near unexpected token 'newline'");
}

static void redirection_followed_by_an_operator_is_a_syntax_error(void **state)
{
    (void)state;
    check_syntax_error("a > | b", "syntax error near unexpected token '|'");
    check_syntax_error("a < ; b", "syntax error near unexpected token ';'");
    check_syntax_error("a > >> b", "syntax error near unexpected token '>>'");
    check_syntax_error("a < < b", "syntax error near unexpected token '<'");
}

static void empty_command_before_a_semicolon_is_a_syntax_error(void **state)
{
    (void)state;
    check_syntax_error("; a", "syntax error near unexpected token ';'");
    check_syntax_error("a;; b", "syntax error near unexpected token ';'");
}

static void syntax_error_late_in_the_line_rejects_the_whole_line(void **state)
{
    (void)state;
    check_syntax_error("echo first; echo second |", "syntax error near unexpected token 'newline'");
}

static void unterminated_quotes_are_syntax_errors(void **state)
{
    (void)state;
    check_syntax_error("echo 'abc", "syntax error: unterminated quote (')");
    check_syntax_error("echo \"abc", "syntax error: unterminated quote (\")");
    check_syntax_error("echo \"abc\\\"", "syntax error: unterminated quote (\")");
}

static void backslash_at_the_end_is_a_syntax_error(void **state)
{
    (void)state;
    check_syntax_error("echo abc\\", "syntax error: '\\' at the end of the line");
}

static void ampersand_is_rejected(void **state)
{
    (void)state;
    check_syntax_error("sleep 5 &", "syntax error: '&' is not supported (no background jobs)");
    check_syntax_error("a && b", "syntax error: '&' is not supported (no background jobs)");
}

static void bad_braced_variables_are_syntax_errors(void **state)
{
    (void)state;
    check_syntax_error("echo ${", "syntax error: bad substitution");
    check_syntax_error("echo ${USER", "syntax error: bad substitution");
    check_syntax_error("echo ${a b}", "syntax error: bad substitution");
}

static void empty_redirection_file_name_is_ambiguous(void **state)
{
    (void)state;
    check_syntax_error("echo > $UNSET", "ambiguous redirect: the file name is empty");
}

static void line_of_the_longest_length_is_accepted(void **state)
{
    (void)state;
    static char text[SHELL_LINE_MAX + 1];
    memset(text, 'a', SHELL_LINE_MAX);
    text[SHELL_LINE_MAX] = '\0';
    assert_true(parse(text));
    assert_int_equal(line.commands, 1);
    assert_int_equal(strlen(line.command[0].argv[0]), SHELL_LINE_MAX);
}

static void overlong_line_is_rejected(void **state)
{
    (void)state;
    static char text[SHELL_LINE_MAX + 2];
    memset(text, 'a', SHELL_LINE_MAX + 1);
    text[SHELL_LINE_MAX + 1] = '\0';
    check_syntax_error(text, "line too long (at most 1024 characters)");
}

/* "x x x ...": `count` words. */
static const char *words(int count, const char *separator)
{
    static char text[SHELL_LINE_MAX + 1];
    text[0] = '\0';
    for (int i = 0; i < count; i++) {
        if (i > 0)
            strcat(text, separator);
        strcat(text, "x");
    }
    return text;
}

static void sixty_four_arguments_are_accepted(void **state)
{
    (void)state;
    assert_true(parse(words(SHELL_ARGS_MAX, " ")));
    assert_int_equal(line.command[0].argc, SHELL_ARGS_MAX);
    assert_null(line.command[0].argv[SHELL_ARGS_MAX]);
}

static void sixty_five_arguments_are_rejected(void **state)
{
    (void)state;
    check_syntax_error(words(SHELL_ARGS_MAX + 1, " "), "too many arguments (at most 64 per command)");
}

static void sixteen_stages_are_accepted(void **state)
{
    (void)state;
    assert_true(parse(words(SHELL_STAGES_MAX, "|")));
    assert_int_equal(line.commands, SHELL_STAGES_MAX);
}

static void seventeen_stages_are_rejected(void **state)
{
    (void)state;
    check_syntax_error(words(SHELL_STAGES_MAX + 1, "|"), "pipeline too long (at most 16 commands)");
}

static void too_many_commands_on_a_line_are_rejected(void **state)
{
    (void)state;
    assert_true(parse(words(SHELL_COMMANDS_MAX, ";")));
    assert_int_equal(line.commands, SHELL_COMMANDS_MAX);
    check_syntax_error(words(SHELL_COMMANDS_MAX + 1, ";"), "too many commands on one line (at most 32)");
}

static void expansion_beyond_the_text_buffer_is_rejected(void **state)
{
    (void)state;
    memset(long_value, 'v', SHELL_TEXT_MAX);
    long_value[SHELL_TEXT_MAX] = '\0';
    check_syntax_error("echo $LONG", "line too long after expansion (at most 4096 bytes)");
    long_value[SHELL_TEXT_MAX - 10] = '\0';
    assert_true(parse("echo $LONG"));
    assert_int_equal(strlen(line.command[0].argv[1]), SHELL_TEXT_MAX - 10);
}

static void overlong_variable_name_is_rejected(void **state)
{
    (void)state;
    static char text[128];
    snprintf(text, sizeof(text), "echo $%065d", 0);
    text[6] = 'A'; /* a name may not start with a digit */
    check_syntax_error(text, "variable name too long (at most 64 characters)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_split_at_blanks_and_tabs),
        cmocka_unit_test(empty_and_blank_lines_have_no_commands),
        cmocka_unit_test(comment_runs_to_the_end_of_the_line),
        cmocka_unit_test(hash_inside_a_word_is_no_comment),
        cmocka_unit_test(comment_ends_at_a_newline),
        cmocka_unit_test(single_quotes_keep_everything_literal),
        cmocka_unit_test(double_quotes_keep_blanks_and_expand_variables),
        cmocka_unit_test(backslash_in_double_quotes_escapes_only_dollar_quote_and_backslash),
        cmocka_unit_test(backslash_escapes_the_next_character),
        cmocka_unit_test(adjacent_quoted_parts_join_into_one_word),
        cmocka_unit_test(empty_quotes_are_an_empty_argument),
        cmocka_unit_test(unquoted_empty_variables_are_no_argument),
        cmocka_unit_test(status_variable_is_the_last_status),
        cmocka_unit_test(variable_names_end_at_a_non_name_character),
        cmocka_unit_test(dollar_before_no_name_stands_for_itself),
        cmocka_unit_test(no_variable_source_expands_to_empty),
        cmocka_unit_test(operators_need_no_blanks),
        cmocka_unit_test(pipeline_of_three_stages),
        cmocka_unit_test(redirections_on_every_stage_of_a_pipeline),
        cmocka_unit_test(redirection_may_come_before_the_words),
        cmocka_unit_test(redirection_file_names_are_expanded_and_quoted),
        cmocka_unit_test(later_redirection_replaces_an_earlier_one),
        cmocka_unit_test(redirection_alone_is_a_command_without_words),
        cmocka_unit_test(semicolons_and_newlines_separate_pipelines),
        cmocka_unit_test(parse_pipeline_takes_one_pipeline_at_a_time),
        cmocka_unit_test(leading_pipe_is_a_syntax_error),
        cmocka_unit_test(trailing_pipe_is_a_syntax_error),
        cmocka_unit_test(empty_stage_between_pipes_is_a_syntax_error),
        cmocka_unit_test(redirection_without_a_file_is_a_syntax_error),
        cmocka_unit_test(redirection_followed_by_an_operator_is_a_syntax_error),
        cmocka_unit_test(empty_command_before_a_semicolon_is_a_syntax_error),
        cmocka_unit_test(syntax_error_late_in_the_line_rejects_the_whole_line),
        cmocka_unit_test(unterminated_quotes_are_syntax_errors),
        cmocka_unit_test(backslash_at_the_end_is_a_syntax_error),
        cmocka_unit_test(ampersand_is_rejected),
        cmocka_unit_test(bad_braced_variables_are_syntax_errors),
        cmocka_unit_test(empty_redirection_file_name_is_ambiguous),
        cmocka_unit_test(line_of_the_longest_length_is_accepted),
        cmocka_unit_test(overlong_line_is_rejected),
        cmocka_unit_test(sixty_four_arguments_are_accepted),
        cmocka_unit_test(sixty_five_arguments_are_rejected),
        cmocka_unit_test(sixteen_stages_are_accepted),
        cmocka_unit_test(seventeen_stages_are_rejected),
        cmocka_unit_test(too_many_commands_on_a_line_are_rejected),
        cmocka_unit_test(expansion_beyond_the_text_buffer_is_rejected),
        cmocka_unit_test(overlong_variable_name_is_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
