/* The UEFI loader's configuration parser: keys, modules in order, and every error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "config.h"

static struct loader_config config;
static unsigned line;

static enum loader_config_error parse(const char *text)
{
    return loader_config_parse(text, strlen(text), &config, &line);
}

static void kernel_modules_and_command_line_are_read_in_order(void **state)
{
    (void)state;
    assert_int_equal(parse("# comment\r\n"
                           "kernel=/A9N/KERNEL.ELF\r\n"
                           "\n"
                           "  module = init  \\A9N\\INIT.ELF \n"
                           "module=ulmm\t/a9n/ulmm.elf\n"
                           "command_line=debug quiet"),
                     LOADER_CONFIG_OK);
    assert_string_equal(config.kernel, "\\A9N\\KERNEL.ELF");
    assert_int_equal(config.module_count, 2);
    assert_string_equal(config.modules[0].name, "init");
    assert_string_equal(config.modules[0].path, "\\A9N\\INIT.ELF");
    assert_string_equal(config.modules[1].name, "ulmm");
    assert_string_equal(config.modules[1].path, "\\a9n\\ulmm.elf");
    assert_string_equal(config.command_line, "debug quiet");
}

static void missing_kernel_is_refused(void **state)
{
    (void)state;
    assert_int_equal(parse("module=a \\A\n"), LOADER_CONFIG_NO_KERNEL);
    assert_int_equal(parse(""), LOADER_CONFIG_NO_KERNEL);
}

static void bad_lines_are_reported_with_their_number(void **state)
{
    (void)state;
    assert_int_equal(parse("kernel=\\K\nbogus=1\n"), LOADER_CONFIG_UNKNOWN_KEY);
    assert_int_equal(line, 2);
    assert_int_equal(parse("kernel=\\K\nno equals sign\n"), LOADER_CONFIG_UNKNOWN_KEY);
    assert_int_equal(parse("kernel=\\K\nmodule=onlyname\n"), LOADER_CONFIG_MISSING_VALUE);
    assert_int_equal(parse("kernel=\n"), LOADER_CONFIG_MISSING_VALUE);
    assert_int_equal(line, 1);
    assert_int_equal(parse("kernel=\\A\nkernel=\\B\n"), LOADER_CONFIG_DUPLICATE_KERNEL);
    assert_int_equal(line, 2);
}

static void overlong_names_and_paths_are_refused(void **state)
{
    (void)state;
    char text[512] = "kernel=\\K\nmodule=";
    size_t length = strlen(text);
    memset(text + length, 'n', A9N_BOOT_MODULE_NAME_LENGTH); /* one too long */
    strcpy(text + length + A9N_BOOT_MODULE_NAME_LENGTH, " \\P\n");
    assert_int_equal(parse(text), LOADER_CONFIG_TOO_LONG);

    strcpy(text, "kernel=\\");
    memset(text + 8, 'p', LOADER_CONFIG_PATH_LENGTH);
    text[8 + LOADER_CONFIG_PATH_LENGTH] = '\0';
    assert_int_equal(parse(text), LOADER_CONFIG_TOO_LONG);
}

static void too_many_modules_are_refused(void **state)
{
    (void)state;
    static char text[4096];
    strcpy(text, "kernel=\\K\n");
    for (unsigned i = 0; i <= A9N_BOOT_MAX_MODULES; i++)
        sprintf(text + strlen(text), "module=m%u \\M%u\n", i, i);
    assert_int_equal(parse(text), LOADER_CONFIG_TOO_MANY_MODULES);
    assert_int_equal(line, A9N_BOOT_MAX_MODULES + 2);
}

static void text_without_terminator_is_read_only_within_its_size(void **state)
{
    (void)state;
    const char text[] = "kernel=\\KERNEL.ELFxxxx";
    assert_int_equal(loader_config_parse(text, 18, &config, &line), LOADER_CONFIG_OK);
    assert_string_equal(config.kernel, "\\KERNEL.ELF");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kernel_modules_and_command_line_are_read_in_order),
        cmocka_unit_test(missing_kernel_is_refused),
        cmocka_unit_test(bad_lines_are_reported_with_their_number),
        cmocka_unit_test(overlong_names_and_paths_are_refused),
        cmocka_unit_test(too_many_modules_are_refused),
        cmocka_unit_test(text_without_terminator_is_read_only_within_its_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
