/* The boot-tree archive: the builder mkrootfs uses, the bounds-checking
 * reader, and loading an archive into a ramfs (contents left in place until
 * written). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "koito/ramfs/archive.h"
#include "koito/ramfs/path.h"
#include "koito/ramfs/rootfs_builder.h"
#include "page_provider.h"

static struct ramfs fs;
static struct rootfs_builder builder;
static uint8_t image[64 * 1024];

static const char motd[] = "Welcome to KOITO.\n";
static const char ls_elf[] = "\177ELF pretend program";

static int setup(void **state)
{
    (void)state;
    test_pages_reset(TEST_PAGES_UNLIMITED);
    ramfs_init(&fs, &test_page_provider);
    rootfs_builder_init(&builder);
    memset(image, 0, sizeof(image));
    return 0;
}

/* The small tree most tests use: /bin/ls, /etc/motd, /tmp/. */
static size_t small_archive(void)
{
    assert_int_equal(rootfs_builder_add_directory(&builder, "/tmp/"), ROOTFS_OK);
    assert_int_equal(rootfs_builder_add_file(&builder, "/bin/ls", ls_elf, sizeof(ls_elf)),
                     ROOTFS_OK);
    assert_int_equal(rootfs_builder_add_file(&builder, "/etc/motd", motd, strlen(motd)),
                     ROOTFS_OK);
    size_t size = rootfs_builder_size(&builder);
    assert_true(size <= sizeof(image));
    rootfs_builder_write(&builder, image);
    return size;
}

static uint32_t node_at(const char *path)
{
    uint32_t node = 0;
    assert_int_equal(ramfs_path_lookup(&fs, RAMFS_ROOT, path, strlen(path), &node), 0);
    return node;
}

static bool fs_is_empty(void)
{
    struct ramfs_dirent entry;
    uint64_t position = 2;
    return ramfs_readdir(&fs, RAMFS_ROOT, &position, &entry) == 0;
}

/* ---- a second writer, byte by byte, for archives the builder never makes -- */

struct raw_member {
    uint8_t type;
    const char *path;
    const void *data;
    uint32_t size;
};

static void put_u32(uint8_t *p, uint32_t value)
{
    for (unsigned i = 0; i < 4; i++)
        p[i] = (uint8_t)(value >> (8 * i));
}

static size_t raw_archive(uint8_t *out, const struct raw_member *members, unsigned count)
{
    size_t end = RAMFS_ARCHIVE_HEADER_SIZE + count * RAMFS_ARCHIVE_ENTRY_SIZE;
    for (unsigned i = 0; i < count; i++) {
        uint8_t *entry = out + RAMFS_ARCHIVE_HEADER_SIZE + i * RAMFS_ARCHIVE_ENTRY_SIZE;
        size_t length = strlen(members[i].path);
        put_u32(entry, (uint32_t)end);
        entry[4] = (uint8_t)length;
        entry[5] = (uint8_t)(length >> 8);
        entry[6] = members[i].type;
        entry[7] = 0;
        memcpy(out + end, members[i].path, length);
        end += length;
        put_u32(entry + 8, members[i].data != NULL ? (uint32_t)end : 0);
        put_u32(entry + 12, members[i].size);
        if (members[i].data != NULL)
            memcpy(out + end, members[i].data, members[i].size);
        end += members[i].size;
    }
    put_u32(out, RAMFS_ARCHIVE_MAGIC);
    out[4] = RAMFS_ARCHIVE_VERSION;
    out[5] = out[6] = out[7] = 0;
    put_u32(out + 8, count);
    put_u32(out + 12, (uint32_t)end);
    return end;
}

static enum ramfs_archive_error open_image(size_t size)
{
    struct ramfs_archive archive;
    return ramfs_archive_open(&archive, image, size);
}

static uint8_t *entry_field(unsigned index, unsigned offset)
{
    return image + RAMFS_ARCHIVE_HEADER_SIZE + index * RAMFS_ARCHIVE_ENTRY_SIZE + offset;
}

/* ---- builder and reader --------------------------------------------------- */

static void builder_output_reads_back_member_by_member(void **state)
{
    (void)state;
    size_t size = small_archive();
    struct ramfs_archive archive;
    assert_int_equal(ramfs_archive_open(&archive, image, size), RAMFS_ARCHIVE_OK);
    assert_int_equal(archive.count, 5);
    const struct { enum ramfs_archive_type type; const char *path; const char *data; size_t size; }
        expected[] = {
            { RAMFS_ARCHIVE_DIRECTORY, "/tmp", NULL, 0 },
            { RAMFS_ARCHIVE_DIRECTORY, "/bin", NULL, 0 },
            { RAMFS_ARCHIVE_FILE, "/bin/ls", ls_elf, sizeof(ls_elf) },
            { RAMFS_ARCHIVE_DIRECTORY, "/etc", NULL, 0 },
            { RAMFS_ARCHIVE_FILE, "/etc/motd", motd, strlen(motd) },
        };
    for (uint32_t i = 0; i < 5; i++) {
        struct ramfs_archive_member member;
        assert_true(ramfs_archive_member(&archive, i, &member));
        assert_int_equal(member.type, expected[i].type);
        assert_int_equal(member.path_length, strlen(expected[i].path));
        assert_memory_equal(member.path, expected[i].path, member.path_length);
        assert_int_equal(member.size, expected[i].size);
        if (expected[i].data == NULL) {
            assert_null(member.data);
            continue;
        }
        assert_memory_equal(member.data, expected[i].data, member.size);
        assert_int_equal((member.data - image) % RAMFS_ARCHIVE_DATA_ALIGNMENT, 0);
    }
    struct ramfs_archive_member member;
    assert_false(ramfs_archive_member(&archive, 5, &member));
}

/* Padding is written too: the same tree gives the same bytes on every build. */
static void builder_output_does_not_depend_on_the_buffer(void **state)
{
    (void)state;
    size_t size = small_archive();
    static uint8_t other[sizeof(image)];
    memset(other, 0xff, sizeof(other));
    rootfs_builder_write(&builder, other);
    assert_memory_equal(other, image, size);
}

static void builder_implies_parent_directories_once(void **state)
{
    (void)state;
    assert_int_equal(rootfs_builder_add_file(&builder, "/a/b/c/file", "x", 1), ROOTFS_OK);
    assert_int_equal(rootfs_builder_add_file(&builder, "/a/b/other", "y", 1), ROOTFS_OK);
    assert_int_equal(rootfs_builder_add_directory(&builder, "/a/b/"), ROOTFS_OK);
    assert_int_equal(rootfs_builder_add_directory(&builder, "/a"), ROOTFS_OK);
    const char *paths[] = { "/a", "/a/b", "/a/b/c", "/a/b/c/file", "/a/b/other" };
    assert_int_equal(builder.count, 5);
    for (unsigned i = 0; i < 5; i++)
        assert_string_equal(builder.entries[i].path, paths[i]);
}

static void builder_refuses_bad_paths_and_adds_nothing(void **state)
{
    (void)state;
    const char *bad_files[] = { "bin/ls", "", "/", "//ls", "/bin//ls", "/bin/./ls", "/bin/../ls",
                                "/.", "/bin/ls/" };
    for (unsigned i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
        if (rootfs_builder_add_file(&builder, bad_files[i], "x", 1) != ROOTFS_BAD_PATH)
            fail_msg("file path '%s' was not refused", bad_files[i]);
    }
    const char *bad_directories[] = { "tmp/", "/", "//", "/tmp//", "/tmp/../" };
    for (unsigned i = 0; i < sizeof(bad_directories) / sizeof(bad_directories[0]); i++) {
        if (rootfs_builder_add_directory(&builder, bad_directories[i]) != ROOTFS_BAD_PATH)
            fail_msg("directory path '%s' was not refused", bad_directories[i]);
    }
    assert_int_equal(builder.count, 0);
    assert_string_not_equal(rootfs_error_name(ROOTFS_BAD_PATH), rootfs_error_name(ROOTFS_OK));
}

static void builder_refuses_long_names_and_paths(void **state)
{
    (void)state;
    char path[RAMFS_PATH_MAX + 2];
    path[0] = '/';
    memset(path + 1, 'n', RAMFS_NAME_MAX + 1);
    path[RAMFS_NAME_MAX + 2] = '\0';
    assert_int_equal(rootfs_builder_add_file(&builder, path, "x", 1), ROOTFS_NAME_TOO_LONG);
    path[RAMFS_NAME_MAX + 1] = '\0';
    assert_int_equal(rootfs_builder_add_file(&builder, path, "x", 1), ROOTFS_OK);

    /* "/d/d/d/...": 255 bytes fit, 256 do not. */
    for (unsigned i = 0; i < RAMFS_PATH_MAX; i++)
        path[i] = i % 2 == 0 ? '/' : 'd';
    path[RAMFS_PATH_MAX] = '\0';
    assert_int_equal(rootfs_builder_add_directory(&builder, path), ROOTFS_PATH_TOO_LONG);
    path[RAMFS_PATH_MAX + 1] = '\0';
    path[RAMFS_PATH_MAX] = 'd';
    assert_int_equal(rootfs_builder_add_file(&builder, path, "x", 1), ROOTFS_PATH_TOO_LONG);
    path[RAMFS_PATH_MAX - 1] = '\0';
    assert_int_equal(rootfs_builder_add_directory(&builder, path), ROOTFS_OK);
}

static void builder_refuses_clashes(void **state)
{
    (void)state;
    assert_int_equal(rootfs_builder_add_file(&builder, "/etc/motd", "x", 1), ROOTFS_OK);
    assert_int_equal(rootfs_builder_add_file(&builder, "/etc/motd", "y", 1), ROOTFS_DUPLICATE);
    assert_int_equal(rootfs_builder_add_file(&builder, "/etc", "y", 1), ROOTFS_DUPLICATE);
    assert_int_equal(rootfs_builder_add_directory(&builder, "/etc/motd/"),
                     ROOTFS_NOT_A_DIRECTORY);
    assert_int_equal(rootfs_builder_add_file(&builder, "/etc/motd/x/y", "z", 1),
                     ROOTFS_NOT_A_DIRECTORY);
    assert_int_equal(builder.count, 2);
}

static void builder_refuses_a_file_over_the_limit(void **state)
{
    (void)state;
    /* The builder reads no data before writing: no 8 MiB buffer needed. */
    assert_int_equal(rootfs_builder_add_file(&builder, "/big", image, RAMFS_FILE_SIZE_MAX + 1ul),
                     ROOTFS_FILE_TOO_LARGE);
    assert_int_equal(rootfs_builder_add_file(&builder, "/big", image, RAMFS_FILE_SIZE_MAX),
                     ROOTFS_OK);
}

static void builder_refuses_more_entries_than_nodes(void **state)
{
    (void)state;
    char path[16];
    for (unsigned i = 0; i < ROOTFS_MAX_ENTRIES - 1; i++) {
        snprintf(path, sizeof(path), "/f%u", i);
        assert_int_equal(rootfs_builder_add_file(&builder, path, "", 0), ROOTFS_OK);
    }
    /* The implied directory would fit, the file not: neither is added. */
    assert_int_equal(rootfs_builder_add_file(&builder, "/dir/file", "", 0),
                     ROOTFS_TOO_MANY_ENTRIES);
    assert_int_equal(builder.count, ROOTFS_MAX_ENTRIES - 1);
    assert_int_equal(rootfs_builder_add_directory(&builder, "/last"), ROOTFS_OK);
    assert_int_equal(rootfs_builder_add_directory(&builder, "/more"), ROOTFS_TOO_MANY_ENTRIES);
    /* A full archive still loads: every node but the root. */
    size_t size = rootfs_builder_size(&builder);
    uint8_t *full = malloc(size);
    assert_non_null(full);
    rootfs_builder_write(&builder, full);
    assert_int_equal(ramfs_load_archive(&fs, full, size), 0);
    node_at("/last");
    free(full);
}

static void archive_truncated_anywhere_is_rejected(void **state)
{
    (void)state;
    size_t size = small_archive();
    assert_int_equal(open_image(size), RAMFS_ARCHIVE_OK);
    for (size_t cut = 0; cut < size; cut++) {
        /* Exactly `cut` bytes of their own: a read past them is one past
         * an allocation, which a sanitizer build reports. */
        uint8_t *prefix = malloc(cut + 1);
        assert_non_null(prefix);
        memcpy(prefix, image, cut);
        struct ramfs_archive archive;
        if (ramfs_archive_open(&archive, prefix, cut) != RAMFS_ARCHIVE_TRUNCATED)
            fail_msg("an archive cut to %zu of %zu bytes was not refused as truncated", cut, size);
        assert_int_equal(ramfs_load_archive(&fs, prefix, cut), -KOITO_EINVAL);
        free(prefix);
    }
    assert_true(fs_is_empty());
}

/* Cut, and the header's size made to agree: only the per-entry bounds can tell. */
static void archive_truncated_with_a_matching_size_field_is_rejected(void **state)
{
    (void)state;
    size_t size = small_archive();
    for (size_t cut = RAMFS_ARCHIVE_HEADER_SIZE; cut < size; cut++) {
        uint8_t *prefix = malloc(cut);
        assert_non_null(prefix);
        memcpy(prefix, image, cut);
        put_u32(prefix + 12, (uint32_t)cut);
        struct ramfs_archive archive;
        if (ramfs_archive_open(&archive, prefix, cut) != RAMFS_ARCHIVE_TRUNCATED)
            fail_msg("an archive cut to %zu of %zu bytes, its size field agreeing, was not refused",
                     cut, size);
        free(prefix);
    }
}

static void archive_padded_past_its_size_is_accepted(void **state)
{
    (void)state;
    size_t size = small_archive();
    struct ramfs_archive archive;
    assert_int_equal(ramfs_archive_open(&archive, image, sizeof(image)), RAMFS_ARCHIVE_OK);
    assert_int_equal(archive.size, size);
    assert_int_equal(archive.count, 5);
}

static void archive_with_bad_header_is_rejected(void **state)
{
    (void)state;
    size_t size = small_archive();
    image[0] ^= 1;
    assert_int_equal(open_image(size), RAMFS_ARCHIVE_BAD_MAGIC);
    image[0] ^= 1;
    image[4] = 2;
    assert_int_equal(open_image(size), RAMFS_ARCHIVE_BAD_VERSION);
    image[4] = RAMFS_ARCHIVE_VERSION;
    image[7] = 1;
    assert_int_equal(open_image(size), RAMFS_ARCHIVE_BAD_VERSION);
    image[7] = 0;
    put_u32(image + 12, 8); /* smaller than the header itself */
    assert_int_equal(open_image(size), RAMFS_ARCHIVE_TRUNCATED);
    put_u32(image + 12, (uint32_t)size);
    put_u32(image + 8, 0x10000000); /* count * 16 wraps to 0 in 32 bits */
    assert_int_equal(open_image(size), RAMFS_ARCHIVE_TRUNCATED);
    put_u32(image + 8, 5);
    assert_int_equal(open_image(size), RAMFS_ARCHIVE_OK);
    assert_int_equal(ramfs_load_archive(&fs, image, size - 1), -KOITO_EINVAL);
}

static void archive_entry_with_bad_fields_is_rejected(void **state)
{
    (void)state;
    size_t size = small_archive();
    static uint8_t original[sizeof(image)];
    memcpy(original, image, size);
    struct {
        unsigned entry, offset;
        uint32_t value;
        unsigned width;
        enum ramfs_archive_error error;
    } cases[] = {
        { 2, 6, 0, 1, RAMFS_ARCHIVE_BAD_ENTRY },             /* type 0 */
        { 2, 6, 3, 1, RAMFS_ARCHIVE_BAD_ENTRY },             /* type 3 */
        { 2, 7, 1, 1, RAMFS_ARCHIVE_BAD_ENTRY },             /* reserved byte */
        { 0, 12, 1, 4, RAMFS_ARCHIVE_BAD_ENTRY },            /* a directory with data */
        { 0, 8, 20, 4, RAMFS_ARCHIVE_BAD_ENTRY },            /* a directory's data offset */
        { 2, 4, 0, 1, RAMFS_ARCHIVE_BAD_ENTRY },             /* empty path (length 0) */
        { 2, 0, 0, 4, RAMFS_ARCHIVE_BAD_ENTRY },             /* path at the magic: not '/' */
        { 2, 0, 0xffffffffu, 4, RAMFS_ARCHIVE_TRUNCATED },   /* path offset wraps */
        { 2, 8, 0xfffffff0u, 4, RAMFS_ARCHIVE_TRUNCATED },   /* data offset + size wraps */
        { 2, 12, 0xffffffffu, 4, RAMFS_ARCHIVE_TRUNCATED },  /* data size */
        { 4, 4, 0xff, 1, RAMFS_ARCHIVE_TRUNCATED },          /* path length */
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        memcpy(image, original, size);
        uint8_t *field = entry_field(cases[i].entry, cases[i].offset);
        if (cases[i].width == 4)
            put_u32(field, cases[i].value);
        else
            *field = (uint8_t)cases[i].value;
        if (cases[i].entry == 2 && cases[i].offset == 4)
            field[1] = 0;
        if (open_image(size) != cases[i].error)
            fail_msg("case %u: expected %s", i, ramfs_archive_error_name(cases[i].error));
        assert_int_equal(ramfs_load_archive(&fs, image, size), -KOITO_EINVAL);
    }
    assert_true(fs_is_empty());
}

static void archive_path_with_nul_is_rejected(void **state)
{
    (void)state;
    size_t size = small_archive();
    struct ramfs_archive archive;
    assert_int_equal(ramfs_archive_open(&archive, image, size), RAMFS_ARCHIVE_OK);
    struct ramfs_archive_member member;
    assert_true(ramfs_archive_member(&archive, 4, &member));
    image[member.path - (const char *)image + 4] = '\0'; /* "/etc\0otd" */
    assert_int_equal(open_image(size), RAMFS_ARCHIVE_BAD_ENTRY);
}

static void archive_error_names_say_what_went_wrong(void **state)
{
    (void)state;
    enum ramfs_archive_error errors[] = { RAMFS_ARCHIVE_OK, RAMFS_ARCHIVE_TRUNCATED,
                                          RAMFS_ARCHIVE_BAD_MAGIC, RAMFS_ARCHIVE_BAD_VERSION,
                                          RAMFS_ARCHIVE_BAD_ENTRY };
    for (unsigned i = 0; i < 5; i++) {
        for (unsigned j = 0; j < i; j++)
            assert_string_not_equal(ramfs_archive_error_name(errors[i]),
                                    ramfs_archive_error_name(errors[j]));
    }
}

/* ---- loading -------------------------------------------------------------- */

static void loaded_tree_holds_every_member(void **state)
{
    (void)state;
    size_t size = small_archive();
    assert_int_equal(ramfs_load_archive(&fs, image, size), 0);
    struct ramfs_stat stat;
    assert_int_equal(ramfs_stat(&fs, node_at("/etc/motd"), &stat), 0);
    assert_int_equal(stat.type, RAMFS_FILE);
    assert_int_equal(stat.size, strlen(motd));
    assert_int_equal(ramfs_stat(&fs, node_at("/tmp"), &stat), 0);
    assert_int_equal(stat.type, RAMFS_DIRECTORY);
    assert_int_equal(ramfs_stat(&fs, RAMFS_ROOT, &stat), 0);
    assert_int_equal(stat.links, 5); /* tmp, bin, etc */
    char buffer[64] = { 0 };
    assert_int_equal(ramfs_read(&fs, node_at("/etc/motd"), 0, buffer, sizeof(buffer)),
                     strlen(motd));
    assert_string_equal(buffer, motd);
    assert_int_equal(ramfs_read(&fs, node_at("/bin/ls"), 1, buffer, 3), 3);
    assert_memory_equal(buffer, "ELF", 3);
}

static void loaded_files_are_not_copied_until_written(void **state)
{
    (void)state;
    size_t size = small_archive();
    static uint8_t original[sizeof(image)];
    memcpy(original, image, size);
    assert_int_equal(ramfs_load_archive(&fs, image, size), 0);
    uint32_t node = node_at("/etc/motd");
    const struct ramfs_node *file = ramfs_node(&fs, node);
    assert_true(file->archive_data >= image && file->archive_data < image + size);
    char buffer[64];
    assert_int_equal(ramfs_read(&fs, node, 0, buffer, sizeof(buffer)), strlen(motd));
    assert_int_equal(test_pages_outstanding(), 0);

    assert_int_equal(ramfs_write(&fs, node, 0, "HELLO", 5), 5);
    assert_null(file->archive_data);
    assert_int_equal(test_pages_outstanding(), 2); /* a map page and a data page */
    memset(buffer, 0, sizeof(buffer));
    assert_int_equal(ramfs_read(&fs, node, 0, buffer, sizeof(buffer)), strlen(motd));
    assert_memory_equal(buffer, "HELLO", 5);
    assert_memory_equal(buffer + 5, motd + 5, strlen(motd) - 5);
    assert_memory_equal(image, original, size); /* the image is read only */
}

static void archive_file_shrinks_in_place_and_grows_by_copying(void **state)
{
    (void)state;
    size_t size = small_archive();
    assert_int_equal(ramfs_load_archive(&fs, image, size), 0);
    uint32_t node = node_at("/etc/motd");
    assert_int_equal(ramfs_truncate(&fs, node, 7), 0);
    assert_int_equal(test_pages_outstanding(), 0);
    assert_non_null(ramfs_node(&fs, node)->archive_data);
    assert_int_equal(ramfs_truncate(&fs, node, 20), 0);
    assert_null(ramfs_node(&fs, node)->archive_data);
    char buffer[32];
    memset(buffer, 'x', sizeof(buffer));
    assert_int_equal(ramfs_read(&fs, node, 0, buffer, sizeof(buffer)), 20);
    assert_memory_equal(buffer, motd, 7);
    for (unsigned i = 7; i < 20; i++)
        assert_int_equal(buffer[i], 0);
}

static void first_write_without_pages_is_enospc_and_keeps_the_contents(void **state)
{
    (void)state;
    size_t size = small_archive();
    assert_int_equal(ramfs_load_archive(&fs, image, size), 0);
    uint32_t node = node_at("/etc/motd");
    test_pages_set_limit(1); /* the map page, no data page */
    assert_int_equal(ramfs_write(&fs, node, 0, "X", 1), -KOITO_ENOSPC);
    assert_int_equal(ramfs_truncate(&fs, node, 100), -KOITO_ENOSPC);
    assert_int_equal(test_pages_outstanding(), 0);
    char buffer[64] = { 0 };
    assert_int_equal(ramfs_read(&fs, node, 0, buffer, sizeof(buffer)), strlen(motd));
    assert_string_equal(buffer, motd);
}

static void first_copy_running_out_of_pages_midway_gives_back_the_partial_copy(void **state)
{
    (void)state;
    static uint8_t two_pages[2 * RAMFS_PAGE_SIZE];
    memset(two_pages, 't', sizeof(two_pages));
    assert_int_equal(rootfs_builder_add_file(&builder, "/two", two_pages, sizeof(two_pages)),
                     ROOTFS_OK);
    static uint8_t archive[3 * RAMFS_PAGE_SIZE];
    size_t size = rootfs_builder_size(&builder);
    rootfs_builder_write(&builder, archive);
    assert_int_equal(ramfs_load_archive(&fs, archive, size), 0);
    uint32_t node = node_at("/two");
    test_pages_set_limit(2); /* the map page and the first data page */
    assert_int_equal(ramfs_write(&fs, node, 0, "X", 1), -KOITO_ENOSPC);
    assert_int_equal(test_pages_outstanding(), 0);
    assert_non_null(ramfs_node(&fs, node)->archive_data);
    test_pages_set_limit(3);
    assert_int_equal(ramfs_write(&fs, node, RAMFS_PAGE_SIZE, "X", 1), 1);
    uint8_t byte;
    assert_int_equal(ramfs_read(&fs, node, RAMFS_PAGE_SIZE - 1, &byte, 1), 1);
    assert_int_equal(byte, 't');
}

static void unlinked_archive_file_takes_no_pages(void **state)
{
    (void)state;
    size_t size = small_archive();
    assert_int_equal(ramfs_load_archive(&fs, image, size), 0);
    uint32_t etc = node_at("/etc");
    assert_int_equal(ramfs_unlink(&fs, etc, "motd", 4), 0);
    assert_int_equal(ramfs_rmdir(&fs, RAMFS_ROOT, "etc", 3), 0);
    assert_int_equal(test_pages_outstanding(), 0);
}

static void load_with_a_missing_parent_is_enoent(void **state)
{
    (void)state;
    const struct raw_member members[] = { { RAMFS_ARCHIVE_FILE, "/bin/ls", "x", 1 } };
    size_t size = raw_archive(image, members, 1);
    assert_int_equal(open_image(size), RAMFS_ARCHIVE_OK);
    assert_int_equal(ramfs_load_archive(&fs, image, size), -KOITO_ENOENT);
}

static void load_stops_at_a_duplicate_with_eexist(void **state)
{
    (void)state;
    const struct raw_member members[] = {
        { RAMFS_ARCHIVE_DIRECTORY, "/etc", NULL, 0 },
        { RAMFS_ARCHIVE_FILE, "/etc", "x", 1 },
        { RAMFS_ARCHIVE_DIRECTORY, "/after", NULL, 0 },
    };
    size_t size = raw_archive(image, members, 3);
    assert_int_equal(ramfs_load_archive(&fs, image, size), -KOITO_EEXIST);
    node_at("/etc"); /* the members before it stay */
    uint32_t node;
    assert_int_equal(ramfs_path_lookup(&fs, RAMFS_ROOT, "/after", 6, &node), -KOITO_ENOENT);
}

static void load_of_a_file_path_ending_in_slash_is_eisdir(void **state)
{
    (void)state;
    const struct raw_member members[] = { { RAMFS_ARCHIVE_FILE, "/motd/", "x", 1 } };
    size_t size = raw_archive(image, members, 1);
    assert_int_equal(ramfs_load_archive(&fs, image, size), -KOITO_EISDIR);
    assert_true(fs_is_empty());
}

static void load_of_a_long_name_is_enametoolong(void **state)
{
    (void)state;
    char path[RAMFS_NAME_MAX + 3] = "/";
    memset(path + 1, 'n', RAMFS_NAME_MAX + 1);
    path[RAMFS_NAME_MAX + 2] = '\0';
    const struct raw_member members[] = { { RAMFS_ARCHIVE_DIRECTORY, path, NULL, 0 } };
    size_t size = raw_archive(image, members, 1);
    assert_int_equal(ramfs_load_archive(&fs, image, size), -KOITO_ENAMETOOLONG);
}

static void load_of_a_file_over_the_limit_is_efbig(void **state)
{
    (void)state;
    size_t data_size = RAMFS_FILE_SIZE_MAX + 1ul;
    uint8_t *data = calloc(1, data_size);
    uint8_t *big = malloc(data_size + 4096);
    assert_non_null(data);
    assert_non_null(big);
    const struct raw_member members[] = {
        { RAMFS_ARCHIVE_FILE, "/fits", data, RAMFS_FILE_SIZE_MAX },
        { RAMFS_ARCHIVE_FILE, "/big", data, (uint32_t)data_size },
    };
    size_t size = raw_archive(big, members, 1);
    assert_int_equal(ramfs_load_archive(&fs, big, size), 0);
    assert_int_equal(test_pages_outstanding(), 0);
    ramfs_init(&fs, &test_page_provider);
    size = raw_archive(big, members + 1, 1);
    assert_int_equal(ramfs_load_archive(&fs, big, size), -KOITO_EFBIG);
    assert_true(fs_is_empty());
    free(big);
    free(data);
}

static void load_into_a_full_node_table_is_enospc(void **state)
{
    (void)state;
    uint32_t node;
    char name[16];
    for (unsigned i = 0; i < RAMFS_NODE_COUNT - 2; i++) {
        snprintf(name, sizeof(name), "n%u", i);
        assert_int_equal(ramfs_create(&fs, RAMFS_ROOT, name, strlen(name), &node), 0);
    }
    const struct raw_member members[] = {
        { RAMFS_ARCHIVE_DIRECTORY, "/last", NULL, 0 },
        { RAMFS_ARCHIVE_DIRECTORY, "/none", NULL, 0 },
    };
    size_t size = raw_archive(image, members, 2);
    assert_int_equal(ramfs_load_archive(&fs, image, size), -KOITO_ENOSPC);
    node_at("/last");
}

#define TEST(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(builder_output_reads_back_member_by_member),
        TEST(builder_output_does_not_depend_on_the_buffer),
        TEST(builder_implies_parent_directories_once),
        TEST(builder_refuses_bad_paths_and_adds_nothing),
        TEST(builder_refuses_long_names_and_paths),
        TEST(builder_refuses_clashes),
        TEST(builder_refuses_a_file_over_the_limit),
        TEST(builder_refuses_more_entries_than_nodes),
        TEST(archive_truncated_anywhere_is_rejected),
        TEST(archive_truncated_with_a_matching_size_field_is_rejected),
        TEST(archive_padded_past_its_size_is_accepted),
        TEST(archive_with_bad_header_is_rejected),
        TEST(archive_entry_with_bad_fields_is_rejected),
        TEST(archive_path_with_nul_is_rejected),
        TEST(archive_error_names_say_what_went_wrong),
        TEST(loaded_tree_holds_every_member),
        TEST(loaded_files_are_not_copied_until_written),
        TEST(archive_file_shrinks_in_place_and_grows_by_copying),
        TEST(first_write_without_pages_is_enospc_and_keeps_the_contents),
        TEST(first_copy_running_out_of_pages_midway_gives_back_the_partial_copy),
        TEST(unlinked_archive_file_takes_no_pages),
        TEST(load_with_a_missing_parent_is_enoent),
        TEST(load_stops_at_a_duplicate_with_eexist),
        TEST(load_of_a_file_path_ending_in_slash_is_eisdir),
        TEST(load_of_a_long_name_is_enametoolong),
        TEST(load_of_a_file_over_the_limit_is_efbig),
        TEST(load_into_a_full_node_table_is_enospc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
