/*
 * The KOITO test programs' runner (see koito_test.h). A result line is
 * built first and printed in one go, so that programs running side by
 * side interleave whole lines rather than pieces of them.
 */
#include "koito_test.h"

static void (*output)(const char *text, size_t length) = a9n_debug_write;
static char line[256];
static unsigned line_length;
static bool current_failed;
static unsigned failures;

static void append(const char *text)
{
    while (*text != '\0' && line_length + 1 < sizeof(line))
        line[line_length++] = *text++;
}

static void append_hex(a9n_word_t value)
{
    char digits[2 + 2 * sizeof(a9n_word_t) + 1];
    unsigned i = sizeof(digits) - 1;
    digits[i] = '\0';
    do {
        digits[--i] = "0123456789abcdef"[value & 15];
        value >>= 4;
    } while (value != 0);
    digits[--i] = 'x';
    digits[--i] = '0';
    append(&digits[i]);
}

void test_check_failed(const char *file, int line_number, const char *expression,
                     a9n_word_t left, a9n_word_t right)
{
    if (current_failed)
        return;
    current_failed = true;
    append(": FAIL at ");
    append(file);
    append(":");
    append_hex((a9n_word_t)line_number);
    append(": ");
    append(expression);
    if (left != right) {
        append(" (");
        append_hex(left);
        append(" vs ");
        append_hex(right);
        append(")");
    }
}

void koito_test_run(const char *name, void (*test)(void))
{
    current_failed = false;
    line_length = 0;
    append("test ");
    append(name);
    test();
    if (current_failed)
        failures++;
    else
        append(": pass");
    append("\n");
    output(line, line_length);
}

void koito_test_set_output(void (*write)(const char *text, size_t length))
{
    output = write;
}

_Noreturn void koito_test_exit(void)
{
    a9n_app_exit(failures);
}

uint64_t koito_test_free_bytes(void)
{
    return ulmm_statistics(ulmm_self()).free_bytes;
}
