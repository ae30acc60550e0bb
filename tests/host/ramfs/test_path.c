/* Path resolution on the ramfs: lookup, the parent/last-name split, and the
 * canonical path of a directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "koito/ramfs/path.h"
#include "page_provider.h"

static struct ramfs fs;
static uint32_t etc, motd, bin, deep;

/* / { etc/ { motd }, bin/ { deep/ } } */
static int setup(void **state)
{
    (void)state;
    test_pages_reset(TEST_PAGES_UNLIMITED);
    ramfs_init(&fs, &test_page_provider);
    assert_int_equal(ramfs_mkdir(&fs, RAMFS_ROOT, "etc", 3, &etc), 0);
    assert_int_equal(ramfs_create(&fs, etc, "motd", 4, &motd), 0);
    assert_int_equal(ramfs_mkdir(&fs, RAMFS_ROOT, "bin", 3, &bin), 0);
    assert_int_equal(ramfs_mkdir(&fs, bin, "deep", 4, &deep), 0);
    return 0;
}

static int resolve(uint32_t cwd, const char *path, uint32_t *node)
{
    return ramfs_path_lookup(&fs, cwd, path, strlen(path), node);
}

static uint32_t found(uint32_t cwd, const char *path)
{
    uint32_t node = 0;
    int error = resolve(cwd, path, &node);
    if (error != 0)
        fail_msg("'%s' from %u: error %d", path, cwd, error);
    return node;
}

static int error_of(uint32_t cwd, const char *path)
{
    uint32_t node;
    return resolve(cwd, path, &node);
}

static struct ramfs_path_last split(uint32_t cwd, const char *path)
{
    struct ramfs_path_last last;
    assert_int_equal(ramfs_path_split(&fs, cwd, path, strlen(path), &last), 0);
    return last;
}

static void assert_last(struct ramfs_path_last last, uint32_t parent, const char *name,
                        bool trailing_slash)
{
    assert_int_equal(last.parent, parent);
    assert_int_equal(last.length, strlen(name));
    assert_memory_equal(last.name, name, last.length);
    assert_int_equal(last.trailing_slash, trailing_slash);
}

/* ---- lookup --------------------------------------------------------------- */

static void absolute_path_resolves_from_the_root(void **state)
{
    (void)state;
    assert_int_equal(found(deep, "/etc/motd"), motd);
    assert_int_equal(found(deep, "/"), RAMFS_ROOT);
    assert_int_equal(found(RAMFS_ROOT, "/bin/deep"), deep);
}

static void relative_path_resolves_from_the_cwd(void **state)
{
    (void)state;
    assert_int_equal(found(etc, "motd"), motd);
    assert_int_equal(found(bin, "deep"), deep);
    assert_int_equal(error_of(bin, "motd"), -KOITO_ENOENT);
}

static void dot_and_dot_dot_components(void **state)
{
    (void)state;
    assert_int_equal(found(deep, "."), deep);
    assert_int_equal(found(deep, ".."), bin);
    assert_int_equal(found(deep, "../../etc/./motd"), motd);
    assert_int_equal(found(RAMFS_ROOT, "bin/deep/../deep/."), deep);
}

static void dot_dot_at_the_root_stays_at_the_root(void **state)
{
    (void)state;
    assert_int_equal(found(RAMFS_ROOT, ".."), RAMFS_ROOT);
    assert_int_equal(found(deep, "/../../.."), RAMFS_ROOT);
    assert_int_equal(found(deep, "../../../../etc"), etc);
}

static void repeated_and_trailing_slashes_are_ignored(void **state)
{
    (void)state;
    assert_int_equal(found(RAMFS_ROOT, "//etc///motd"), motd);
    assert_int_equal(found(RAMFS_ROOT, "/bin/deep/"), deep);
    assert_int_equal(found(RAMFS_ROOT, "bin//deep//"), deep);
    assert_int_equal(found(deep, "///"), RAMFS_ROOT);
}

static void trailing_slash_on_a_file_is_enotdir(void **state)
{
    (void)state;
    assert_int_equal(error_of(RAMFS_ROOT, "/etc/motd/"), -KOITO_ENOTDIR);
    assert_int_equal(error_of(etc, "motd//"), -KOITO_ENOTDIR);
}

static void file_used_as_directory_is_enotdir(void **state)
{
    (void)state;
    assert_int_equal(error_of(RAMFS_ROOT, "/etc/motd/x"), -KOITO_ENOTDIR);
    assert_int_equal(error_of(RAMFS_ROOT, "/etc/motd/."), -KOITO_ENOTDIR);
    assert_int_equal(error_of(RAMFS_ROOT, "/etc/motd/.."), -KOITO_ENOTDIR);
}

static void missing_component_is_enoent(void **state)
{
    (void)state;
    assert_int_equal(error_of(RAMFS_ROOT, "/none/motd"), -KOITO_ENOENT);
    assert_int_equal(error_of(RAMFS_ROOT, "/etc/none"), -KOITO_ENOENT);
}

static void empty_path_is_enoent(void **state)
{
    (void)state;
    uint32_t node;
    assert_int_equal(ramfs_path_lookup(&fs, RAMFS_ROOT, "", 0, &node), -KOITO_ENOENT);
    struct ramfs_path_last last;
    assert_int_equal(ramfs_path_split(&fs, RAMFS_ROOT, "", 0, &last), -KOITO_ENOENT);
}

static void component_longer_than_name_max_is_enametoolong(void **state)
{
    (void)state;
    char path[80] = "/etc/";
    memset(path + 5, 'c', RAMFS_NAME_MAX + 1);
    path[5 + RAMFS_NAME_MAX + 1] = '\0';
    assert_int_equal(error_of(RAMFS_ROOT, path), -KOITO_ENAMETOOLONG);
    strcat(path, "/motd");
    assert_int_equal(error_of(RAMFS_ROOT, path), -KOITO_ENAMETOOLONG);
    path[5 + RAMFS_NAME_MAX] = '\0'; /* 59 bytes: a name that just is not there */
    assert_int_equal(error_of(RAMFS_ROOT, path), -KOITO_ENOENT);
}

/* "/./././...": any length, always the root. */
static void fill_with_dots(char *path, size_t length)
{
    for (size_t i = 0; i < length; i++)
        path[i] = i % 2 == 0 ? '/' : '.';
    path[length] = '\0';
}

static void path_of_256_bytes_is_enametoolong(void **state)
{
    (void)state;
    char path[RAMFS_PATH_MAX + 1];
    fill_with_dots(path, RAMFS_PATH_MAX - 1);
    assert_int_equal(found(deep, path), RAMFS_ROOT);
    fill_with_dots(path, RAMFS_PATH_MAX);
    assert_int_equal(error_of(deep, path), -KOITO_ENAMETOOLONG);
    struct ramfs_path_last last;
    assert_int_equal(ramfs_path_split(&fs, deep, path, RAMFS_PATH_MAX, &last),
                     -KOITO_ENAMETOOLONG);
}

static void nul_byte_in_a_path_is_einval(void **state)
{
    (void)state;
    uint32_t node;
    assert_int_equal(ramfs_path_lookup(&fs, RAMFS_ROOT, "/etc\0/motd", 10, &node),
                     -KOITO_EINVAL);
    struct ramfs_path_last last;
    assert_int_equal(ramfs_path_split(&fs, RAMFS_ROOT, "/etc/mo\0d", 9, &last), -KOITO_EINVAL);
}

static void cwd_that_is_no_directory_is_refused(void **state)
{
    (void)state;
    uint32_t node;
    struct ramfs_path_last last;
    assert_int_equal(error_of(motd, "x"), -KOITO_ENOTDIR);
    assert_int_equal(error_of(motd, "/etc"), -KOITO_ENOTDIR);
    assert_int_equal(ramfs_path_split(&fs, motd, "x", 1, &last), -KOITO_ENOTDIR);
    assert_int_equal(ramfs_path_lookup(&fs, 0, "/etc", 4, &node), -KOITO_ENOENT);
    assert_int_equal(ramfs_path_split(&fs, RAMFS_NODE_COUNT + 1, "/etc", 4, &last),
                     -KOITO_ENOENT);
}

/* ---- split ---------------------------------------------------------------- */

static void split_gives_parent_and_last_name(void **state)
{
    (void)state;
    assert_last(split(RAMFS_ROOT, "/etc/motd"), etc, "motd", false);
    assert_last(split(RAMFS_ROOT, "/etc/new"), etc, "new", false);
    assert_last(split(bin, "deep/new"), deep, "new", false);
    assert_last(split(deep, "new"), deep, "new", false);
    assert_last(split(deep, "../../etc//x"), etc, "x", false);
    assert_last(split(RAMFS_ROOT, "/top"), RAMFS_ROOT, "top", false);
    assert_last(split(etc, "."), etc, ".", false);
    assert_last(split(etc, ".."), etc, "..", false);
}

static void split_with_trailing_slash_requires_a_directory(void **state)
{
    (void)state;
    assert_last(split(RAMFS_ROOT, "/bin/new/"), bin, "new", true);
    assert_last(split(RAMFS_ROOT, "/bin/new///"), bin, "new", true);
}

static void split_of_the_root_names_dot(void **state)
{
    (void)state;
    assert_last(split(deep, "/"), RAMFS_ROOT, ".", true);
    assert_last(split(deep, "///"), RAMFS_ROOT, ".", true);
    struct ramfs_path_last last = split(deep, "/");
    uint32_t node;
    assert_int_equal(ramfs_mkdir(&fs, last.parent, last.name, last.length, &node), -KOITO_EEXIST);
    assert_int_equal(ramfs_rmdir(&fs, last.parent, last.name, last.length), -KOITO_EINVAL);
}

static void split_of_a_missing_or_file_parent_is_refused(void **state)
{
    (void)state;
    struct ramfs_path_last last;
    assert_int_equal(ramfs_path_split(&fs, RAMFS_ROOT, "/none/x", 7, &last), -KOITO_ENOENT);
    assert_int_equal(ramfs_path_split(&fs, RAMFS_ROOT, "/etc/motd/x", 11, &last),
                     -KOITO_ENOTDIR);
}

static void split_of_too_long_last_name_is_enametoolong(void **state)
{
    (void)state;
    char path[80] = "/etc/";
    memset(path + 5, 'x', RAMFS_NAME_MAX + 1);
    path[5 + RAMFS_NAME_MAX + 1] = '\0';
    struct ramfs_path_last last;
    assert_int_equal(ramfs_path_split(&fs, RAMFS_ROOT, path, strlen(path), &last),
                     -KOITO_ENAMETOOLONG);
    path[5 + RAMFS_NAME_MAX] = '\0';
    assert_last(split(RAMFS_ROOT, path), etc, path + 5, false);
}

/* ---- canonical path ------------------------------------------------------- */

static void path_of_a_directory_is_canonical(void **state)
{
    (void)state;
    char buffer[RAMFS_PATH_MAX];
    memset(buffer, 'x', sizeof(buffer));
    uint32_t there = found(etc, "../bin/./deep//");
    assert_int_equal(ramfs_path_of(&fs, there, buffer, sizeof(buffer)), 9);
    assert_string_equal(buffer, "/bin/deep");
    assert_int_equal(ramfs_path_of(&fs, etc, buffer, sizeof(buffer)), 4);
    assert_string_equal(buffer, "/etc");
}

static void path_of_the_root_is_slash(void **state)
{
    (void)state;
    char buffer[2];
    assert_int_equal(ramfs_path_of(&fs, RAMFS_ROOT, buffer, sizeof(buffer)), 1);
    assert_string_equal(buffer, "/");
    assert_int_equal(ramfs_path_of(&fs, RAMFS_ROOT, buffer, 1), -KOITO_ERANGE);
}

static void path_of_into_a_small_buffer_is_erange(void **state)
{
    (void)state;
    char buffer[16];
    memset(buffer, 'x', sizeof(buffer));
    assert_int_equal(ramfs_path_of(&fs, deep, buffer, 9), -KOITO_ERANGE);
    assert_int_equal(buffer[0], 'x');
    assert_int_equal(ramfs_path_of(&fs, deep, buffer, 10), 9);
    assert_string_equal(buffer, "/bin/deep");
}

static void path_of_a_file_or_removed_directory_is_refused(void **state)
{
    (void)state;
    char buffer[RAMFS_PATH_MAX];
    assert_int_equal(ramfs_path_of(&fs, motd, buffer, sizeof(buffer)), -KOITO_ENOTDIR);
    assert_int_equal(ramfs_hold(&fs, deep), 0);
    assert_int_equal(ramfs_rmdir(&fs, bin, "deep", 4), 0);
    assert_int_equal(ramfs_path_of(&fs, deep, buffer, sizeof(buffer)), -KOITO_ENOENT);
    assert_int_equal(ramfs_path_of(&fs, 0, buffer, sizeof(buffer)), -KOITO_ENOENT);
    /* Relative paths from the removed cwd find nothing but itself. */
    assert_int_equal(error_of(deep, ".."), -KOITO_ENOENT);
    assert_int_equal(found(deep, "."), deep);
    assert_int_equal(found(deep, "/etc"), etc);
}

static void path_of_a_renamed_directory_follows_it(void **state)
{
    (void)state;
    assert_int_equal(ramfs_rename(&fs, bin, "deep", 4, etc, "moved", 5), 0);
    char buffer[RAMFS_PATH_MAX];
    assert_int_equal(ramfs_path_of(&fs, deep, buffer, sizeof(buffer)), 10);
    assert_string_equal(buffer, "/etc/moved");
}

#define TEST(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(absolute_path_resolves_from_the_root),
        TEST(relative_path_resolves_from_the_cwd),
        TEST(dot_and_dot_dot_components),
        TEST(dot_dot_at_the_root_stays_at_the_root),
        TEST(repeated_and_trailing_slashes_are_ignored),
        TEST(trailing_slash_on_a_file_is_enotdir),
        TEST(file_used_as_directory_is_enotdir),
        TEST(missing_component_is_enoent),
        TEST(empty_path_is_enoent),
        TEST(component_longer_than_name_max_is_enametoolong),
        TEST(path_of_256_bytes_is_enametoolong),
        TEST(nul_byte_in_a_path_is_einval),
        TEST(cwd_that_is_no_directory_is_refused),
        TEST(split_gives_parent_and_last_name),
        TEST(split_with_trailing_slash_requires_a_directory),
        TEST(split_of_the_root_names_dot),
        TEST(split_of_a_missing_or_file_parent_is_refused),
        TEST(split_of_too_long_last_name_is_enametoolong),
        TEST(path_of_a_directory_is_canonical),
        TEST(path_of_the_root_is_slash),
        TEST(path_of_into_a_small_buffer_is_erange),
        TEST(path_of_a_file_or_removed_directory_is_refused),
        TEST(path_of_a_renamed_directory_follows_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
