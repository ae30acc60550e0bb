/* The ramfs's nodes and file data: create, lookup, unlink, rmdir, rename,
 * read, write, truncate, readdir, stat, holds, and every limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "koito/ramfs/ramfs.h"
#include "page_provider.h"

/* A name as the (pointer, length) pair the ramfs takes. */
#define NAME(s) s, sizeof(s) - 1

static struct ramfs fs;

static int setup(void **state)
{
    (void)state;
    test_pages_reset(TEST_PAGES_UNLIMITED);
    ramfs_init(&fs, &test_page_provider);
    return 0;
}

static uint32_t make_file(uint32_t dir, const char *name)
{
    uint32_t node;
    assert_int_equal(ramfs_create(&fs, dir, name, strlen(name), &node), 0);
    return node;
}

static uint32_t make_dir(uint32_t dir, const char *name)
{
    uint32_t node;
    assert_int_equal(ramfs_mkdir(&fs, dir, name, strlen(name), &node), 0);
    return node;
}

static uint32_t lookup(uint32_t dir, const char *name)
{
    uint32_t node = 0;
    assert_int_equal(ramfs_lookup(&fs, dir, name, strlen(name), &node), 0);
    return node;
}

static int lookup_error(uint32_t dir, const char *name)
{
    uint32_t node;
    return ramfs_lookup(&fs, dir, name, strlen(name), &node);
}

static void write_all(uint32_t node, uint64_t offset, const void *data, size_t size)
{
    assert_int_equal(ramfs_write(&fs, node, offset, data, size), (int64_t)size);
}

static struct ramfs_stat stat_of(uint32_t node)
{
    struct ramfs_stat stat;
    assert_int_equal(ramfs_stat(&fs, node, &stat), 0);
    return stat;
}

/* ---- names ---------------------------------------------------------------- */

static void created_file_is_found_by_lookup(void **state)
{
    (void)state;
    uint32_t node = make_file(RAMFS_ROOT, "motd");
    assert_int_equal(lookup(RAMFS_ROOT, "motd"), node);
    assert_int_not_equal(node, RAMFS_ROOT);
    struct ramfs_stat stat = stat_of(node);
    assert_int_equal(stat.type, RAMFS_FILE);
    assert_int_equal(stat.node, node);
    assert_int_equal(stat.links, 1);
    assert_int_equal(stat.size, 0);
}

static void lookup_of_missing_name_is_enoent(void **state)
{
    (void)state;
    make_file(RAMFS_ROOT, "motd");
    assert_int_equal(lookup_error(RAMFS_ROOT, "mot"), -KOITO_ENOENT);
    assert_int_equal(lookup_error(RAMFS_ROOT, "motdd"), -KOITO_ENOENT);
}

static void lookup_of_dot_and_dot_dot(void **state)
{
    (void)state;
    uint32_t etc = make_dir(RAMFS_ROOT, "etc");
    assert_int_equal(lookup(etc, "."), etc);
    assert_int_equal(lookup(etc, ".."), RAMFS_ROOT);
    assert_int_equal(lookup(RAMFS_ROOT, ".."), RAMFS_ROOT);
}

static void lookup_inside_a_file_is_enotdir(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "motd");
    uint32_t node;
    assert_int_equal(lookup_error(file, "x"), -KOITO_ENOTDIR);
    assert_int_equal(ramfs_create(&fs, file, NAME("x"), &node), -KOITO_ENOTDIR);
    assert_int_equal(ramfs_mkdir(&fs, file, NAME("x"), &node), -KOITO_ENOTDIR);
}

static void names_that_cannot_be_entries_are_einval(void **state)
{
    (void)state;
    uint32_t node;
    assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, "", 0, &node), -KOITO_EINVAL);
    assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, NAME("a/b"), &node), -KOITO_EINVAL);
    assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, "a\0b", 3, &node), -KOITO_EINVAL);
    assert_int_equal(lookup_error(RAMFS_ROOT, ""), -KOITO_EINVAL);
}

static void name_of_59_bytes_fits_and_60_is_enametoolong(void **state)
{
    (void)state;
    char name[RAMFS_NAME_MAX + 1];
    memset(name, 'n', sizeof(name));
    uint32_t node;
    assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, name, RAMFS_NAME_MAX + 1, &node),
                     -KOITO_ENAMETOOLONG);
    assert_int_equal(ramfs_lookup(&fs, RAMFS_ROOT, name, RAMFS_NAME_MAX + 1, &node),
                     -KOITO_ENAMETOOLONG);
    assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, name, RAMFS_NAME_MAX, &node), 0);
    uint32_t found;
    assert_int_equal(ramfs_lookup(&fs, RAMFS_ROOT, name, RAMFS_NAME_MAX, &found), 0);
    assert_int_equal(found, node);
}

static void create_of_existing_name_is_eexist(void **state)
{
    (void)state;
    make_file(RAMFS_ROOT, "motd");
    make_dir(RAMFS_ROOT, "etc");
    uint32_t node;
    assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, NAME("motd"), &node), -KOITO_EEXIST);
    assert_int_equal(ramfs_mkdir(&fs, RAMFS_ROOT, NAME("etc"), &node), -KOITO_EEXIST);
    assert_int_equal(ramfs_mkdir(&fs, RAMFS_ROOT, NAME("motd"), &node), -KOITO_EEXIST);
    assert_int_equal(ramfs_mkdir(&fs, RAMFS_ROOT, NAME("."), &node), -KOITO_EEXIST);
    assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, NAME(".."), &node), -KOITO_EEXIST);
}

static void same_name_in_two_directories_are_two_nodes(void **state)
{
    (void)state;
    uint32_t a = make_dir(RAMFS_ROOT, "a");
    uint32_t b = make_dir(RAMFS_ROOT, "b");
    uint32_t in_a = make_file(a, "x");
    uint32_t in_b = make_file(b, "x");
    assert_int_not_equal(in_a, in_b);
    assert_int_equal(lookup(a, "x"), in_a);
    assert_int_equal(lookup(b, "x"), in_b);
    assert_int_equal(lookup_error(RAMFS_ROOT, "x"), -KOITO_ENOENT);
}

static void full_node_table_is_enospc_until_a_node_is_freed(void **state)
{
    (void)state;
    char name[16];
    for (unsigned i = 1; i < RAMFS_NODE_COUNT; i++) {
        snprintf(name, sizeof(name), "f%u", i);
        make_file(RAMFS_ROOT, name);
    }
    uint32_t node;
    assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, NAME("one-more"), &node), -KOITO_ENOSPC);
    assert_int_equal(ramfs_mkdir(&fs, RAMFS_ROOT, NAME("one-more"), &node), -KOITO_ENOSPC);
    assert_int_equal(lookup_error(RAMFS_ROOT, "one-more"), -KOITO_ENOENT);
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("f7")), 0);
    make_file(RAMFS_ROOT, "one-more");
}

static void node_numbers_not_in_use_are_enoent(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "gone");
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("gone")), 0);
    uint32_t bad[] = { 0, RAMFS_NODE_COUNT + 1, 0xffffffffu, file };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint32_t node;
        struct ramfs_stat stat;
        struct ramfs_dirent entry;
        uint64_t position = 0;
        char byte;
        assert_null(ramfs_node(&fs, bad[i]));
        assert_int_equal(ramfs_lookup(&fs, bad[i], NAME("x"), &node), -KOITO_ENOENT);
        assert_int_equal(ramfs_create(&fs, bad[i], NAME("x"), &node), -KOITO_ENOENT);
        assert_int_equal(ramfs_unlink(&fs, bad[i], NAME("x")), -KOITO_ENOENT);
        assert_int_equal(ramfs_read(&fs, bad[i], 0, &byte, 1), -KOITO_ENOENT);
        assert_int_equal(ramfs_write(&fs, bad[i], 0, "x", 1), -KOITO_ENOENT);
        assert_int_equal(ramfs_truncate(&fs, bad[i], 0), -KOITO_ENOENT);
        assert_int_equal(ramfs_readdir(&fs, bad[i], &position, &entry), -KOITO_ENOENT);
        assert_int_equal(ramfs_stat(&fs, bad[i], &stat), -KOITO_ENOENT);
        assert_int_equal(ramfs_hold(&fs, bad[i]), -KOITO_ENOENT);
        assert_int_equal(ramfs_release(&fs, bad[i]), -KOITO_ENOENT);
    }
}

/* ---- unlink and rmdir ----------------------------------------------------- */

static void unlink_removes_the_name(void **state)
{
    (void)state;
    make_file(RAMFS_ROOT, "motd");
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("motd")), 0);
    assert_int_equal(lookup_error(RAMFS_ROOT, "motd"), -KOITO_ENOENT);
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("motd")), -KOITO_ENOENT);
}

static void unlink_of_directory_is_eisdir(void **state)
{
    (void)state;
    make_dir(RAMFS_ROOT, "etc");
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("etc")), -KOITO_EISDIR);
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME(".")), -KOITO_EISDIR);
    lookup(RAMFS_ROOT, "etc");
}

static void unlink_frees_every_page_of_the_file(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "big");
    static uint8_t data[3 * RAMFS_PAGE_SIZE + 100];
    write_all(file, 0, data, sizeof(data));
    write_all(file, RAMFS_FILE_SIZE_MAX - 1, "z", 1); /* the last map page too */
    assert_true(test_pages_outstanding() >= 6);
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("big")), 0);
    assert_int_equal(test_pages_outstanding(), 0);
}

static void unlink_of_open_file_keeps_data_until_close(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "log");
    write_all(file, 0, "kept", 4);
    assert_int_equal(ramfs_hold(&fs, file), 0);
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("log")), 0);
    assert_int_equal(lookup_error(RAMFS_ROOT, "log"), -KOITO_ENOENT);

    char buffer[8] = { 0 };
    assert_int_equal(ramfs_read(&fs, file, 0, buffer, sizeof(buffer)), 4);
    assert_memory_equal(buffer, "kept", 4);
    write_all(file, 4, "!", 1);
    assert_int_equal(stat_of(file).links, 0);
    assert_int_equal(stat_of(file).size, 5);

    /* A new file may not take the held node. */
    uint32_t other = make_file(RAMFS_ROOT, "log");
    assert_int_not_equal(other, file);
    assert_int_equal(ramfs_release(&fs, file), 0);
    struct ramfs_stat stat;
    assert_int_equal(ramfs_stat(&fs, file, &stat), -KOITO_ENOENT);
    assert_int_equal(test_pages_outstanding(), 0);
}

static void release_of_a_linked_node_keeps_it(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "motd");
    assert_int_equal(ramfs_hold(&fs, file), 0);
    assert_int_equal(ramfs_hold(&fs, file), 0);
    assert_int_equal(ramfs_release(&fs, file), 0);
    assert_int_equal(ramfs_release(&fs, file), 0);
    assert_int_equal(lookup(RAMFS_ROOT, "motd"), file);
}

static void release_without_hold_is_einval(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "motd");
    assert_int_equal(ramfs_release(&fs, file), -KOITO_EINVAL);
    assert_int_equal(ramfs_hold(&fs, file), 0);
    assert_int_equal(ramfs_release(&fs, file), 0);
    assert_int_equal(ramfs_release(&fs, file), -KOITO_EINVAL);
}

static void mkdir_and_rmdir_count_links(void **state)
{
    (void)state;
    assert_int_equal(stat_of(RAMFS_ROOT).links, 2);
    uint32_t etc = make_dir(RAMFS_ROOT, "etc");
    make_dir(RAMFS_ROOT, "tmp");
    make_file(RAMFS_ROOT, "motd");
    assert_int_equal(stat_of(RAMFS_ROOT).links, 4);
    struct ramfs_stat stat = stat_of(etc);
    assert_int_equal(stat.type, RAMFS_DIRECTORY);
    assert_int_equal(stat.links, 2);
    assert_int_equal(stat.size, 0);
    assert_int_equal(ramfs_rmdir(&fs, RAMFS_ROOT, NAME("tmp")), 0);
    assert_int_equal(stat_of(RAMFS_ROOT).links, 3);
    assert_int_equal(lookup_error(RAMFS_ROOT, "tmp"), -KOITO_ENOENT);
}

static void rmdir_of_non_empty_directory_is_refused(void **state)
{
    (void)state;
    uint32_t etc = make_dir(RAMFS_ROOT, "etc");
    make_file(etc, "motd");
    assert_int_equal(ramfs_rmdir(&fs, RAMFS_ROOT, NAME("etc")), -KOITO_ENOTEMPTY);
    assert_int_equal(lookup(RAMFS_ROOT, "etc"), etc);
    assert_int_equal(ramfs_unlink(&fs, etc, NAME("motd")), 0);
    assert_int_equal(ramfs_rmdir(&fs, RAMFS_ROOT, NAME("etc")), 0);
}

static void rmdir_of_file_is_enotdir(void **state)
{
    (void)state;
    make_file(RAMFS_ROOT, "motd");
    assert_int_equal(ramfs_rmdir(&fs, RAMFS_ROOT, NAME("motd")), -KOITO_ENOTDIR);
    assert_int_equal(ramfs_rmdir(&fs, RAMFS_ROOT, NAME("none")), -KOITO_ENOENT);
}

static void rmdir_of_dot_or_dot_dot_is_einval(void **state)
{
    (void)state;
    uint32_t etc = make_dir(RAMFS_ROOT, "etc");
    assert_int_equal(ramfs_rmdir(&fs, etc, NAME(".")), -KOITO_EINVAL);
    assert_int_equal(ramfs_rmdir(&fs, etc, NAME("..")), -KOITO_EINVAL);
    assert_int_equal(ramfs_rmdir(&fs, RAMFS_ROOT, NAME(".")), -KOITO_EINVAL);
    lookup(RAMFS_ROOT, "etc");
}

static void removed_directory_still_held_takes_no_entries(void **state)
{
    (void)state;
    uint32_t tmp = make_dir(RAMFS_ROOT, "tmp");
    assert_int_equal(ramfs_hold(&fs, tmp), 0); /* a process's cwd */
    assert_int_equal(ramfs_rmdir(&fs, RAMFS_ROOT, NAME("tmp")), 0);
    uint32_t node;
    assert_int_equal(ramfs_create(&fs, tmp, NAME("x"), &node), -KOITO_ENOENT);
    assert_int_equal(ramfs_mkdir(&fs, tmp, NAME("x"), &node), -KOITO_ENOENT);
    assert_int_equal(lookup_error(tmp, ".."), -KOITO_ENOENT);
    assert_int_equal(lookup(tmp, "."), tmp);
    struct ramfs_dirent entry;
    uint64_t position = 0;
    assert_int_equal(ramfs_readdir(&fs, tmp, &position, &entry), 0);
    assert_int_equal(stat_of(tmp).links, 0);
    assert_int_equal(ramfs_release(&fs, tmp), 0);
    assert_null(ramfs_node(&fs, tmp));
}

/* ---- rename --------------------------------------------------------------- */

static void rename_moves_a_file_between_directories(void **state)
{
    (void)state;
    uint32_t a = make_dir(RAMFS_ROOT, "a");
    uint32_t b = make_dir(RAMFS_ROOT, "b");
    uint32_t file = make_file(a, "old");
    write_all(file, 0, "data", 4);
    assert_int_equal(ramfs_rename(&fs, a, NAME("old"), b, NAME("new")), 0);
    assert_int_equal(lookup_error(a, "old"), -KOITO_ENOENT);
    assert_int_equal(lookup(b, "new"), file);
    assert_int_equal(stat_of(file).size, 4);
}

static void rename_replaces_an_existing_file(void **state)
{
    (void)state;
    uint32_t source = make_file(RAMFS_ROOT, "new");
    uint32_t target = make_file(RAMFS_ROOT, "old");
    write_all(target, 0, "page", 4);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("new"), RAMFS_ROOT, NAME("old")), 0);
    assert_int_equal(lookup(RAMFS_ROOT, "old"), source);
    assert_int_equal(lookup_error(RAMFS_ROOT, "new"), -KOITO_ENOENT);
    assert_null(ramfs_node(&fs, target));
    assert_int_equal(test_pages_outstanding(), 0);
}

static void rename_of_a_directory_moves_its_links(void **state)
{
    (void)state;
    uint32_t a = make_dir(RAMFS_ROOT, "a");
    uint32_t b = make_dir(RAMFS_ROOT, "b");
    uint32_t sub = make_dir(a, "sub");
    uint32_t empty = make_dir(b, "empty");
    assert_int_equal(ramfs_rename(&fs, a, NAME("sub"), b, NAME("empty")), 0);
    assert_null(ramfs_node(&fs, empty));
    assert_int_equal(lookup(b, "empty"), sub);
    assert_int_equal(lookup(sub, ".."), b);
    assert_int_equal(stat_of(a).links, 2);
    assert_int_equal(stat_of(b).links, 3);
    assert_int_equal(ramfs_rename(&fs, b, NAME("empty"), b, NAME("renamed")), 0);
    assert_int_equal(stat_of(b).links, 3);
}

static void rename_onto_itself_does_nothing(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "same");
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("same"), RAMFS_ROOT, NAME("same")), 0);
    assert_int_equal(lookup(RAMFS_ROOT, "same"), file);
}

static void rename_refusals_change_nothing(void **state)
{
    (void)state;
    uint32_t dir = make_dir(RAMFS_ROOT, "dir");
    uint32_t full = make_dir(RAMFS_ROOT, "full");
    uint32_t inner = make_dir(dir, "inner");
    uint32_t file = make_file(RAMFS_ROOT, "file");
    make_file(full, "x");
    char long_name[RAMFS_NAME_MAX + 1];
    memset(long_name, 'n', sizeof(long_name));

    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("none"), dir, NAME("x")), -KOITO_ENOENT);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("file"), RAMFS_ROOT, NAME("dir")),
                     -KOITO_EISDIR);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("dir"), RAMFS_ROOT, NAME("file")),
                     -KOITO_ENOTDIR);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("dir"), RAMFS_ROOT, NAME("full")),
                     -KOITO_ENOTEMPTY);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("dir"), inner, NAME("loop")),
                     -KOITO_EINVAL);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("dir"), dir, NAME("loop")),
                     -KOITO_EINVAL);
    assert_int_equal(ramfs_rename(&fs, dir, NAME("."), RAMFS_ROOT, NAME("x")), -KOITO_EINVAL);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("file"), dir, NAME("..")),
                     -KOITO_EINVAL);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("file"), file, NAME("x")),
                     -KOITO_ENOTDIR);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("file"), RAMFS_ROOT, long_name,
                                  sizeof(long_name)),
                     -KOITO_ENAMETOOLONG);
    assert_int_equal(lookup(RAMFS_ROOT, "dir"), dir);
    assert_int_equal(lookup(RAMFS_ROOT, "full"), full);
    assert_int_equal(lookup(RAMFS_ROOT, "file"), file);
    assert_int_equal(lookup(dir, "inner"), inner);
    assert_int_equal(stat_of(RAMFS_ROOT).links, 4);
}

static void rename_into_a_removed_directory_is_enoent(void **state)
{
    (void)state;
    uint32_t gone = make_dir(RAMFS_ROOT, "gone");
    make_file(RAMFS_ROOT, "file");
    assert_int_equal(ramfs_hold(&fs, gone), 0);
    assert_int_equal(ramfs_rmdir(&fs, RAMFS_ROOT, NAME("gone")), 0);
    assert_int_equal(ramfs_rename(&fs, RAMFS_ROOT, NAME("file"), gone, NAME("file")),
                     -KOITO_ENOENT);
    lookup(RAMFS_ROOT, "file");
}

/* ---- file data ------------------------------------------------------------ */

static void write_then_read_returns_the_bytes(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    write_all(file, 0, "hello, world", 12);
    char buffer[32];
    memset(buffer, 'x', sizeof(buffer));
    assert_int_equal(ramfs_read(&fs, file, 0, buffer, sizeof(buffer)), 12);
    assert_memory_equal(buffer, "hello, world", 12);
    assert_int_equal(ramfs_read(&fs, file, 7, buffer, 3), 3);
    assert_memory_equal(buffer, "wor", 3);
    assert_int_equal(stat_of(file).size, 12);
}

static void read_at_or_past_end_returns_zero(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    char buffer[4];
    assert_int_equal(ramfs_read(&fs, file, 0, buffer, sizeof(buffer)), 0);
    write_all(file, 0, "abc", 3);
    assert_int_equal(ramfs_read(&fs, file, 3, buffer, sizeof(buffer)), 0);
    assert_int_equal(ramfs_read(&fs, file, 1000000, buffer, sizeof(buffer)), 0);
    assert_int_equal(ramfs_read(&fs, file, UINT64_MAX, buffer, sizeof(buffer)), 0);
}

static void write_past_end_zero_fills_hole(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    write_all(file, 10, "x", 1);
    write_all(file, 3 * RAMFS_PAGE_SIZE + 5, "y", 1);
    assert_int_equal(stat_of(file).size, 3 * RAMFS_PAGE_SIZE + 6);
    static uint8_t buffer[4 * RAMFS_PAGE_SIZE];
    memset(buffer, 0xee, sizeof(buffer));
    assert_int_equal(ramfs_read(&fs, file, 0, buffer, sizeof(buffer)), 3 * RAMFS_PAGE_SIZE + 6);
    for (size_t i = 0; i < 3 * RAMFS_PAGE_SIZE + 6; i++) {
        uint8_t expected = i == 10 ? 'x' : i == 3 * RAMFS_PAGE_SIZE + 5 ? 'y' : 0;
        assert_int_equal(buffer[i], expected);
    }
    /* The pages of the hole between stay unallocated: data, map, data. */
    assert_int_equal(test_pages_outstanding(), 3);
}

static void write_across_page_boundaries_keeps_every_byte(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    static uint8_t data[3 * RAMFS_PAGE_SIZE + 77], back[sizeof(data)];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 31 + 7);
    write_all(file, RAMFS_PAGE_SIZE - 13, data, sizeof(data));
    assert_int_equal(ramfs_read(&fs, file, RAMFS_PAGE_SIZE - 13, back, sizeof(back)),
                     sizeof(back));
    assert_memory_equal(back, data, sizeof(data));
    write_all(file, RAMFS_PAGE_SIZE - 1, "AB", 2);
    assert_int_equal(ramfs_read(&fs, file, RAMFS_PAGE_SIZE - 2, back, 4), 4);
    assert_int_equal(back[0], data[11]);
    assert_memory_equal(back + 1, "AB", 2);
    assert_int_equal(back[3], data[14]);
}

static void writes_reach_the_file_size_limit_and_no_further(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    assert_int_equal(ramfs_write(&fs, file, RAMFS_FILE_SIZE_MAX - 2, "abcd", 4), 2);
    assert_int_equal(stat_of(file).size, RAMFS_FILE_SIZE_MAX);
    assert_int_equal(ramfs_write(&fs, file, RAMFS_FILE_SIZE_MAX, "a", 1), -KOITO_EFBIG);
    assert_int_equal(ramfs_write(&fs, file, UINT64_MAX, "a", 1), -KOITO_EFBIG);
    char buffer[4];
    assert_int_equal(ramfs_read(&fs, file, RAMFS_FILE_SIZE_MAX - 2, buffer, 4), 2);
    assert_memory_equal(buffer, "ab", 2);
}

static void zero_length_write_changes_nothing(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    assert_int_equal(ramfs_write(&fs, file, 100, "", 0), 0);
    assert_int_equal(stat_of(file).size, 0);
    assert_int_equal(test_pages_outstanding(), 0);
}

static void write_without_pages_is_enospc(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    test_pages_set_limit(0);
    assert_int_equal(ramfs_write(&fs, file, 0, "x", 1), -KOITO_ENOSPC);
    assert_int_equal(stat_of(file).size, 0);
    /* A map page but no data page: the map page is not kept. */
    test_pages_set_limit(1);
    assert_int_equal(ramfs_write(&fs, file, 0, "x", 1), -KOITO_ENOSPC);
    assert_int_equal(test_pages_outstanding(), 0);
}

static void write_running_out_of_pages_returns_what_fit(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    static uint8_t data[4 * RAMFS_PAGE_SIZE];
    memset(data, 'd', sizeof(data));
    test_pages_set_limit(3); /* the map page and two data pages */
    assert_int_equal(ramfs_write(&fs, file, 100, data, sizeof(data)),
                     2 * RAMFS_PAGE_SIZE - 100);
    assert_int_equal(stat_of(file).size, 2 * RAMFS_PAGE_SIZE);
}

static void read_write_truncate_of_a_directory_are_eisdir(void **state)
{
    (void)state;
    uint32_t dir = make_dir(RAMFS_ROOT, "d");
    char byte;
    assert_int_equal(ramfs_read(&fs, dir, 0, &byte, 1), -KOITO_EISDIR);
    assert_int_equal(ramfs_write(&fs, dir, 0, "x", 1), -KOITO_EISDIR);
    assert_int_equal(ramfs_truncate(&fs, dir, 0), -KOITO_EISDIR);
}

static void truncate_shrinks_and_regrowth_reads_zeros(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    static uint8_t data[2 * RAMFS_PAGE_SIZE + 10], back[sizeof(data)];
    memset(data, 'q', sizeof(data));
    write_all(file, 0, data, sizeof(data));
    unsigned pages_before = test_pages_outstanding();
    assert_int_equal(ramfs_truncate(&fs, file, 100), 0);
    assert_int_equal(stat_of(file).size, 100);
    assert_int_equal(test_pages_outstanding(), pages_before - 2);
    assert_int_equal(ramfs_truncate(&fs, file, sizeof(data)), 0);
    assert_int_equal(ramfs_read(&fs, file, 0, back, sizeof(back)), sizeof(back));
    for (size_t i = 0; i < sizeof(back); i++)
        assert_int_equal(back[i], i < 100 ? 'q' : 0);
    /* A write past the end after a shrink shows zeros between, too. */
    assert_int_equal(ramfs_truncate(&fs, file, 50), 0);
    write_all(file, 60, "w", 1);
    assert_int_equal(ramfs_read(&fs, file, 0, back, 61), 61);
    for (size_t i = 50; i < 60; i++)
        assert_int_equal(back[i], 0);
}

static void truncate_to_zero_frees_every_page(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    write_all(file, 5 * RAMFS_PAGE_SIZE, "x", 1);
    assert_int_equal(ramfs_truncate(&fs, file, 0), 0);
    assert_int_equal(test_pages_outstanding(), 0);
    assert_int_equal(ramfs_truncate(&fs, file, RAMFS_FILE_SIZE_MAX), 0);
    assert_int_equal(test_pages_outstanding(), 0);
    assert_int_equal(stat_of(file).size, RAMFS_FILE_SIZE_MAX);
}

static void truncate_beyond_the_limit_is_efbig(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    write_all(file, 0, "abc", 3);
    assert_int_equal(ramfs_truncate(&fs, file, RAMFS_FILE_SIZE_MAX + 1ull), -KOITO_EFBIG);
    assert_int_equal(stat_of(file).size, 3);
}

/* ---- readdir -------------------------------------------------------------- */

static void readdir_lists_dot_dot_dot_then_the_entries(void **state)
{
    (void)state;
    uint32_t etc = make_dir(RAMFS_ROOT, "etc");
    uint32_t motd = make_file(etc, "motd");
    uint32_t sub = make_dir(etc, "sub");
    make_file(RAMFS_ROOT, "elsewhere");
    struct ramfs_dirent entry;
    uint64_t position = 0;

    assert_int_equal(ramfs_readdir(&fs, etc, &position, &entry), 1);
    assert_string_equal(entry.name, ".");
    assert_int_equal(entry.node, etc);
    assert_int_equal(ramfs_readdir(&fs, etc, &position, &entry), 1);
    assert_string_equal(entry.name, "..");
    assert_int_equal(entry.node, RAMFS_ROOT);
    assert_int_equal(entry.type, RAMFS_DIRECTORY);
    assert_int_equal(ramfs_readdir(&fs, etc, &position, &entry), 1);
    assert_string_equal(entry.name, "motd");
    assert_int_equal(entry.name_length, 4);
    assert_int_equal(entry.node, motd);
    assert_int_equal(entry.type, RAMFS_FILE);
    assert_int_equal(ramfs_readdir(&fs, etc, &position, &entry), 1);
    assert_string_equal(entry.name, "sub");
    assert_int_equal(entry.node, sub);
    assert_int_equal(entry.type, RAMFS_DIRECTORY);
    assert_int_equal(ramfs_readdir(&fs, etc, &position, &entry), 0);
    assert_int_equal(ramfs_readdir(&fs, etc, &position, &entry), 0);
}

static void readdir_of_root_does_not_list_the_root(void **state)
{
    (void)state;
    struct ramfs_dirent entry;
    uint64_t position = 0;
    assert_int_equal(ramfs_readdir(&fs, RAMFS_ROOT, &position, &entry), 1);
    assert_int_equal(ramfs_readdir(&fs, RAMFS_ROOT, &position, &entry), 1);
    assert_string_equal(entry.name, "..");
    assert_int_equal(entry.node, RAMFS_ROOT);
    assert_int_equal(ramfs_readdir(&fs, RAMFS_ROOT, &position, &entry), 0);
}

static void readdir_position_survives_removal_of_earlier_entries(void **state)
{
    (void)state;
    make_file(RAMFS_ROOT, "a");
    make_file(RAMFS_ROOT, "b");
    make_file(RAMFS_ROOT, "c");
    make_file(RAMFS_ROOT, "d");
    struct ramfs_dirent entry;
    uint64_t position = 2; /* past "." and ".." */
    assert_int_equal(ramfs_readdir(&fs, RAMFS_ROOT, &position, &entry), 1);
    assert_string_equal(entry.name, "a");
    assert_int_equal(ramfs_readdir(&fs, RAMFS_ROOT, &position, &entry), 1);
    assert_string_equal(entry.name, "b");
    /* rm -r style: remove what was read, then go on. */
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("a")), 0);
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("b")), 0);
    assert_int_equal(ramfs_readdir(&fs, RAMFS_ROOT, &position, &entry), 1);
    assert_string_equal(entry.name, "c");
    assert_int_equal(ramfs_unlink(&fs, RAMFS_ROOT, NAME("d")), 0);
    assert_int_equal(ramfs_readdir(&fs, RAMFS_ROOT, &position, &entry), 0);
}

static void readdir_of_a_file_is_enotdir(void **state)
{
    (void)state;
    uint32_t file = make_file(RAMFS_ROOT, "f");
    struct ramfs_dirent entry;
    uint64_t position = 0;
    assert_int_equal(ramfs_readdir(&fs, file, &position, &entry), -KOITO_ENOTDIR);
    assert_int_equal(position, 0);
}

static void readdir_entry_of_longest_name_is_terminated(void **state)
{
    (void)state;
    char name[RAMFS_NAME_MAX];
    memset(name, 'L', sizeof(name));
    uint32_t node;
    assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, name, sizeof(name), &node), 0);
    struct ramfs_dirent entry;
    memset(&entry, 0xff, sizeof(entry));
    uint64_t position = 2;
    assert_int_equal(ramfs_readdir(&fs, RAMFS_ROOT, &position, &entry), 1);
    assert_int_equal(entry.name_length, RAMFS_NAME_MAX);
    assert_memory_equal(entry.name, name, RAMFS_NAME_MAX);
    assert_int_equal(entry.name[RAMFS_NAME_MAX], '\0');
}

#define TEST(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(created_file_is_found_by_lookup),
        TEST(lookup_of_missing_name_is_enoent),
        TEST(lookup_of_dot_and_dot_dot),
        TEST(lookup_inside_a_file_is_enotdir),
        TEST(names_that_cannot_be_entries_are_einval),
        TEST(name_of_59_bytes_fits_and_60_is_enametoolong),
        TEST(create_of_existing_name_is_eexist),
        TEST(same_name_in_two_directories_are_two_nodes),
        TEST(full_node_table_is_enospc_until_a_node_is_freed),
        TEST(node_numbers_not_in_use_are_enoent),
        TEST(unlink_removes_the_name),
        TEST(unlink_of_directory_is_eisdir),
        TEST(unlink_frees_every_page_of_the_file),
        TEST(unlink_of_open_file_keeps_data_until_close),
        TEST(release_of_a_linked_node_keeps_it),
        TEST(release_without_hold_is_einval),
        TEST(mkdir_and_rmdir_count_links),
        TEST(rmdir_of_non_empty_directory_is_refused),
        TEST(rmdir_of_file_is_enotdir),
        TEST(rmdir_of_dot_or_dot_dot_is_einval),
        TEST(removed_directory_still_held_takes_no_entries),
        TEST(rename_moves_a_file_between_directories),
        TEST(rename_replaces_an_existing_file),
        TEST(rename_of_a_directory_moves_its_links),
        TEST(rename_onto_itself_does_nothing),
        TEST(rename_refusals_change_nothing),
        TEST(rename_into_a_removed_directory_is_enoent),
        TEST(write_then_read_returns_the_bytes),
        TEST(read_at_or_past_end_returns_zero),
        TEST(write_past_end_zero_fills_hole),
        TEST(write_across_page_boundaries_keeps_every_byte),
        TEST(writes_reach_the_file_size_limit_and_no_further),
        TEST(zero_length_write_changes_nothing),
        TEST(write_without_pages_is_enospc),
        TEST(write_running_out_of_pages_returns_what_fit),
        TEST(read_write_truncate_of_a_directory_are_eisdir),
        TEST(truncate_shrinks_and_regrowth_reads_zeros),
        TEST(truncate_to_zero_frees_every_page),
        TEST(truncate_beyond_the_limit_is_efbig),
        TEST(readdir_lists_dot_dot_dot_then_the_entries),
        TEST(readdir_of_root_does_not_list_the_root),
        TEST(readdir_position_survives_removal_of_earlier_entries),
        TEST(readdir_of_a_file_is_enotdir),
        TEST(readdir_entry_of_longest_name_is_terminated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
