/* Boot-module archives: members are found, malformed archives are refused whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "boot_archive.h"

struct archive {
    struct a9n_boot_archive_header header;
    struct a9n_boot_archive_entry entries[2];
    unsigned char data[64];
};

static void make_archive(struct archive *archive)
{
    memset(archive, 0, sizeof(*archive));
    archive->header.magic = A9N_BOOT_ARCHIVE_MAGIC;
    archive->header.count = 2;
    strcpy(archive->entries[0].name, "init");
    archive->entries[0].offset = offsetof(struct archive, data);
    archive->entries[0].size = 16;
    strcpy(archive->entries[1].name, "ulmm");
    archive->entries[1].offset = offsetof(struct archive, data) + 32;
    archive->entries[1].size = 32;
}

static void expands_members_with_physical_addresses(void **state)
{
    (void)state;
    struct archive archive;
    struct a9n_boot_module modules[4];
    unsigned count = 1;
    make_archive(&archive);
    assert_true(boot_archive_is_archive(&archive, sizeof(archive)));
    assert_int_equal(boot_archive_expand(&archive, sizeof(archive), 0x100000, modules, 4, &count),
                     A9N_ERROR_NONE);
    assert_int_equal(count, 3);
    assert_string_equal(modules[1].name, "init");
    assert_int_equal(modules[1].base, 0x100000 + offsetof(struct archive, data));
    assert_int_equal(modules[2].size, 32);
}

static void refuses_non_archive(void **state)
{
    (void)state;
    struct archive archive;
    struct a9n_boot_module modules[4];
    unsigned count = 0;
    make_archive(&archive);
    archive.header.magic++;
    assert_false(boot_archive_is_archive(&archive, sizeof(archive)));
    assert_false(boot_archive_is_archive(&archive, 4));
    assert_int_equal(boot_archive_expand(&archive, sizeof(archive), 0, modules, 4, &count),
                     A9N_ERROR_INVALID_ARGUMENT);
}

static void refuses_member_outside_archive_and_changes_nothing(void **state)
{
    (void)state;
    struct archive archive;
    struct a9n_boot_module modules[4];
    unsigned count = 0;
    make_archive(&archive);
    archive.entries[1].size = sizeof(archive);
    assert_int_equal(boot_archive_expand(&archive, sizeof(archive), 0, modules, 4, &count),
                     A9N_ERROR_INVALID_ARGUMENT);
    assert_int_equal(count, 0);
    make_archive(&archive);
    archive.entries[0].offset = UINT64_MAX;
    assert_int_equal(boot_archive_expand(&archive, sizeof(archive), 0, modules, 4, &count),
                     A9N_ERROR_INVALID_ARGUMENT);
}

static void refuses_count_beyond_table_or_unterminated_name(void **state)
{
    (void)state;
    struct archive archive;
    struct a9n_boot_module modules[4];
    unsigned count = 0;
    make_archive(&archive);
    archive.header.count = 1000;
    assert_int_equal(boot_archive_expand(&archive, sizeof(archive), 0, modules, 4, &count),
                     A9N_ERROR_INVALID_ARGUMENT);
    make_archive(&archive);
    memset(archive.entries[1].name, 'x', sizeof(archive.entries[1].name));
    assert_int_equal(boot_archive_expand(&archive, sizeof(archive), 0, modules, 4, &count),
                     A9N_ERROR_INVALID_ARGUMENT);
    assert_int_equal(count, 0);
}

static void refuses_when_module_table_full(void **state)
{
    (void)state;
    struct archive archive;
    struct a9n_boot_module modules[4];
    unsigned count = 3;
    make_archive(&archive);
    assert_int_equal(boot_archive_expand(&archive, sizeof(archive), 0, modules, 4, &count),
                     A9N_ERROR_INSUFFICIENT_MEMORY);
    assert_int_equal(count, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expands_members_with_physical_addresses),
        cmocka_unit_test(refuses_non_archive),
        cmocka_unit_test(refuses_member_outside_archive_and_changes_nothing),
        cmocka_unit_test(refuses_count_beyond_table_or_unterminated_name),
        cmocka_unit_test(refuses_when_module_table_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
