/* The POSIX server's descriptor tables and open-file pool: lowest-free
 * allocation, sharing through dup/dup2/spawn, and the release callback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "koito/posix/fd_table.h"

static struct open_file_pool pool;
static struct fd_table table;
static struct open_file *released[OPEN_FILE_POOL_SIZE];
static unsigned release_count;

static void record_release(void *context, struct open_file *file)
{
    assert_ptr_equal(context, &pool);
    assert_int_equal(file->references, 0);
    /* The table never names a file being released. */
    for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
        assert_ptr_not_equal(table.fds[fd], file);
    released[release_count++] = file;
}

static int setup(void **state)
{
    (void)state;
    open_file_pool_init(&pool, record_release, &pool);
    fd_table_init(&table, &pool);
    release_count = 0;
    return 0;
}

static struct open_file *new_file(enum open_file_kind kind, uint32_t flags)
{
    struct open_file *file = NULL;
    assert_int_equal(open_file_new(&pool, kind, flags, &file), 0);
    assert_non_null(file);
    return file;
}

/* A new console file at the lowest free descriptor. */
static int open_console(void)
{
    int fd = fd_install(&table, new_file(OPEN_FILE_CONSOLE, KOITO_O_RDWR));
    assert_true(fd >= 0);
    return fd;
}

static struct open_file *file_of(const struct fd_table *t, int fd)
{
    struct open_file *file = NULL;
    assert_int_equal(fd_get(t, fd, &file), 0);
    return file;
}

static void new_open_file_keeps_kind_mode_and_append_only(void **state)
{
    (void)state;
    struct open_file *file =
        new_file(OPEN_FILE_RAMFS_FILE, KOITO_O_WRONLY | KOITO_O_APPEND | KOITO_O_CREAT |
                                           KOITO_O_TRUNC | KOITO_O_EXCL);
    assert_int_equal(file->references, 1);
    assert_int_equal(file->kind, OPEN_FILE_RAMFS_FILE);
    assert_int_equal(file->flags, KOITO_O_WRONLY | KOITO_O_APPEND);
    assert_int_equal(file->offset, 0);
    assert_null(file->pipe);
}

static void access_mode_three_is_einval(void **state)
{
    (void)state;
    struct open_file *file = NULL;
    assert_int_equal(open_file_new(&pool, OPEN_FILE_CONSOLE, KOITO_O_ACCMODE, &file),
                     -KOITO_EINVAL);
    assert_null(file);
}

static void access_modes_decide_reading_and_writing(void **state)
{
    (void)state;
    struct open_file *read_only = new_file(OPEN_FILE_CONSOLE, KOITO_O_RDONLY);
    struct open_file *write_only = new_file(OPEN_FILE_CONSOLE, KOITO_O_WRONLY | KOITO_O_APPEND);
    struct open_file *both = new_file(OPEN_FILE_CONSOLE, KOITO_O_RDWR);
    assert_true(open_file_readable(read_only));
    assert_false(open_file_writable(read_only));
    assert_false(open_file_readable(write_only));
    assert_true(open_file_writable(write_only));
    assert_true(open_file_readable(both));
    assert_true(open_file_writable(both));
}

static void full_pool_is_enfile_until_a_file_is_released(void **state)
{
    (void)state;
    struct open_file *files[OPEN_FILE_POOL_SIZE];
    for (unsigned i = 0; i < OPEN_FILE_POOL_SIZE; i++)
        files[i] = new_file(OPEN_FILE_CONSOLE, KOITO_O_RDONLY);
    struct open_file *extra;
    assert_int_equal(open_file_new(&pool, OPEN_FILE_CONSOLE, KOITO_O_RDONLY, &extra),
                     -KOITO_ENFILE);
    open_file_drop(&pool, files[17]);
    assert_int_equal(release_count, 1);
    assert_ptr_equal(released[0], files[17]);
    assert_ptr_equal(new_file(OPEN_FILE_PIPE_READ, KOITO_O_RDONLY), files[17]);
}

static void install_uses_the_lowest_free_descriptor(void **state)
{
    (void)state;
    assert_int_equal(open_console(), 0);
    assert_int_equal(open_console(), 1);
    assert_int_equal(open_console(), 2);
    assert_int_equal(fd_close(&table, 1), 0);
    assert_int_equal(open_console(), 1);
    assert_int_equal(open_console(), 3);
}

static void install_into_a_full_table_is_emfile(void **state)
{
    (void)state;
    for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
        assert_int_equal(open_console(), fd);
    struct open_file *file = new_file(OPEN_FILE_CONSOLE, KOITO_O_RDWR);
    assert_int_equal(fd_install(&table, file), -KOITO_EMFILE);
    /* The reference is still the caller's. */
    assert_int_equal(file->references, 1);
    open_file_drop(&pool, file);
    assert_int_equal(release_count, 1);
}

static void get_of_bad_descriptor_is_ebadf(void **state)
{
    (void)state;
    open_console();
    struct open_file *file = NULL;
    int bad[] = { -1, 1, FD_TABLE_SIZE - 1, FD_TABLE_SIZE, 1000, -1000 };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(fd_get(&table, bad[i], &file), -KOITO_EBADF);
    assert_null(file);
}

static void close_of_closed_descriptor_is_ebadf(void **state)
{
    (void)state;
    int fd = open_console();
    assert_int_equal(fd_close(&table, fd), 0);
    assert_int_equal(fd_close(&table, fd), -KOITO_EBADF);
    assert_int_equal(fd_close(&table, -1), -KOITO_EBADF);
    assert_int_equal(fd_close(&table, FD_TABLE_SIZE), -KOITO_EBADF);
    assert_int_equal(release_count, 1);
}

static void last_close_releases_the_file_once(void **state)
{
    (void)state;
    int fd = open_console();
    struct open_file *file = file_of(&table, fd);
    int copy = fd_dup(&table, fd);
    assert_int_equal(fd_close(&table, fd), 0);
    assert_int_equal(release_count, 0);
    assert_int_equal(file->references, 1);
    assert_int_equal(fd_close(&table, copy), 0);
    assert_int_equal(release_count, 1);
    assert_ptr_equal(released[0], file);
}

static void dup_takes_the_lowest_free_and_shares_the_offset(void **state)
{
    (void)state;
    open_console();
    int fd = fd_install(&table, new_file(OPEN_FILE_RAMFS_FILE, KOITO_O_RDWR));
    open_console();
    assert_int_equal(fd_close(&table, 0), 0);
    int copy = fd_dup(&table, fd);
    assert_int_equal(copy, 0);
    assert_ptr_equal(file_of(&table, copy), file_of(&table, fd));
    file_of(&table, fd)->offset = 42;
    assert_int_equal(file_of(&table, copy)->offset, 42);
    assert_int_equal(file_of(&table, fd)->references, 2);
}

static void dup_of_bad_descriptor_is_ebadf(void **state)
{
    (void)state;
    assert_int_equal(fd_dup(&table, 0), -KOITO_EBADF);
    assert_int_equal(fd_dup(&table, -1), -KOITO_EBADF);
    assert_int_equal(fd_dup(&table, FD_TABLE_SIZE), -KOITO_EBADF);
}

static void dup_into_a_full_table_is_emfile(void **state)
{
    (void)state;
    for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
        open_console();
    assert_int_equal(fd_dup(&table, 5), -KOITO_EMFILE);
    assert_int_equal(file_of(&table, 5)->references, 1);
}

static void dup2_onto_itself_returns_the_fd(void **state)
{
    (void)state;
    int fd = open_console();
    struct open_file *file = file_of(&table, fd);
    assert_int_equal(fd_dup2(&table, fd, fd), fd);
    assert_int_equal(file->references, 1);
    assert_int_equal(release_count, 0);
}

static void dup2_of_a_closed_descriptor_is_ebadf(void **state)
{
    (void)state;
    int target = open_console();
    assert_int_equal(fd_dup2(&table, 5, target), -KOITO_EBADF);
    assert_int_equal(fd_dup2(&table, 5, 5), -KOITO_EBADF);
    assert_int_equal(fd_dup2(&table, -1, target), -KOITO_EBADF);
    assert_int_equal(file_of(&table, target)->references, 1);
}

static void dup2_onto_an_out_of_range_target_is_ebadf(void **state)
{
    (void)state;
    int fd = open_console();
    assert_int_equal(fd_dup2(&table, fd, FD_TABLE_SIZE), -KOITO_EBADF);
    assert_int_equal(fd_dup2(&table, fd, -1), -KOITO_EBADF);
    assert_int_equal(file_of(&table, fd)->references, 1);
}

static void dup2_closes_the_target_first(void **state)
{
    (void)state;
    int source = open_console();
    int target = open_console();
    struct open_file *old = file_of(&table, target);
    assert_int_equal(fd_dup2(&table, source, target), target);
    assert_int_equal(release_count, 1);
    assert_ptr_equal(released[0], old);
    assert_ptr_equal(file_of(&table, target), file_of(&table, source));
    assert_int_equal(file_of(&table, source)->references, 2);
}

static void dup2_onto_a_closed_target_opens_it(void **state)
{
    (void)state;
    int fd = open_console();
    assert_int_equal(fd_dup2(&table, fd, FD_TABLE_SIZE - 1), FD_TABLE_SIZE - 1);
    assert_ptr_equal(file_of(&table, FD_TABLE_SIZE - 1), file_of(&table, fd));
    assert_int_equal(release_count, 0);
}

static void dup2_between_descriptors_of_one_file_keeps_it(void **state)
{
    (void)state;
    int fd = open_console();
    int copy = fd_dup(&table, fd);
    assert_int_equal(fd_dup2(&table, fd, copy), copy);
    assert_int_equal(release_count, 0);
    assert_int_equal(file_of(&table, fd)->references, 2);
}

static void spawn_maps_parent_descriptors_to_0_1_2(void **state)
{
    (void)state;
    int console = open_console();
    int pipe_read = fd_install(&table, new_file(OPEN_FILE_PIPE_READ, KOITO_O_RDONLY));
    int pipe_write = fd_install(&table, new_file(OPEN_FILE_PIPE_WRITE, KOITO_O_WRONLY));
    open_console();
    struct fd_table child;
    memset(&child, 0xff, sizeof(child));
    const int map[3] = { pipe_read, pipe_write, console };
    assert_int_equal(fd_table_spawn(&table, &child, map), 0);
    assert_ptr_equal(child.pool, &pool);
    assert_ptr_equal(file_of(&child, 0), file_of(&table, pipe_read));
    assert_ptr_equal(file_of(&child, 1), file_of(&table, pipe_write));
    assert_ptr_equal(file_of(&child, 2), file_of(&table, console));
    for (int fd = 3; fd < FD_TABLE_SIZE; fd++)
        assert_null(child.fds[fd]);
    assert_int_equal(file_of(&table, pipe_read)->references, 2);
    assert_int_equal(file_of(&table, 3)->references, 1);
}

static void spawn_may_map_one_descriptor_to_several(void **state)
{
    (void)state;
    int console = open_console();
    struct fd_table child;
    const int map[3] = { console, console, console };
    assert_int_equal(fd_table_spawn(&table, &child, map), 0);
    assert_int_equal(file_of(&table, console)->references, 4);
    fd_table_close_all(&child);
    assert_int_equal(file_of(&table, console)->references, 1);
    assert_int_equal(release_count, 0);
}

static void spawn_leaves_minus_one_closed(void **state)
{
    (void)state;
    int console = open_console();
    struct fd_table child;
    const int map[3] = { -1, console, -1 };
    assert_int_equal(fd_table_spawn(&table, &child, map), 0);
    struct open_file *file;
    assert_int_equal(fd_get(&child, 0, &file), -KOITO_EBADF);
    assert_ptr_equal(file_of(&child, 1), file_of(&table, console));
    assert_int_equal(fd_get(&child, 2, &file), -KOITO_EBADF);
}

static void spawn_with_a_bad_parent_descriptor_is_ebadf_and_maps_nothing(void **state)
{
    (void)state;
    int console = open_console();
    const int maps[][3] = { { console, 7, console }, { console, console, -2 },
                            { FD_TABLE_SIZE, console, console } };
    for (unsigned i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
        struct fd_table child;
        memset(&child, 0xff, sizeof(child));
        assert_int_equal(fd_table_spawn(&table, &child, maps[i]), -KOITO_EBADF);
        for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
            assert_null(child.fds[fd]);
        assert_int_equal(file_of(&table, console)->references, 1);
    }
}

static void close_all_releases_every_file(void **state)
{
    (void)state;
    for (int i = 0; i < 5; i++)
        open_console();
    fd_dup2(&table, 0, 20);
    fd_dup(&table, 1);
    fd_table_close_all(&table);
    assert_int_equal(release_count, 5);
    for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
        assert_null(table.fds[fd]);
    struct open_file *file;
    assert_int_equal(fd_get(&table, 0, &file), -KOITO_EBADF);
    assert_int_equal(open_console(), 0);
}

#define TEST(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(new_open_file_keeps_kind_mode_and_append_only),
        TEST(access_mode_three_is_einval),
        TEST(access_modes_decide_reading_and_writing),
        TEST(full_pool_is_enfile_until_a_file_is_released),
        TEST(install_uses_the_lowest_free_descriptor),
        TEST(install_into_a_full_table_is_emfile),
        TEST(get_of_bad_descriptor_is_ebadf),
        TEST(close_of_closed_descriptor_is_ebadf),
        TEST(last_close_releases_the_file_once),
        TEST(dup_takes_the_lowest_free_and_shares_the_offset),
        TEST(dup_of_bad_descriptor_is_ebadf),
        TEST(dup_into_a_full_table_is_emfile),
        TEST(dup2_onto_itself_returns_the_fd),
        TEST(dup2_of_a_closed_descriptor_is_ebadf),
        TEST(dup2_onto_an_out_of_range_target_is_ebadf),
        TEST(dup2_closes_the_target_first),
        TEST(dup2_onto_a_closed_target_opens_it),
        TEST(dup2_between_descriptors_of_one_file_keeps_it),
        TEST(spawn_maps_parent_descriptors_to_0_1_2),
        TEST(spawn_may_map_one_descriptor_to_several),
        TEST(spawn_leaves_minus_one_closed),
        TEST(spawn_with_a_bad_parent_descriptor_is_ebadf_and_maps_nothing),
        TEST(close_all_releases_every_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
