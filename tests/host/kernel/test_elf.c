/* ELF parsing of boot modules: valid executables load, malformed ones are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <a9n/paging.h>

#include "elf.h"

#define PAGE 4096u
#define USER_TOP 0x0000800000000000ul
#define MACHINE 62

struct header {
    unsigned char ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct program {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

struct file {
    struct header header;
    struct program programs[4];
    unsigned char padding[3 * PAGE];
};

/* A valid executable: text (R-X) at 0x400000 and data (RW-) at 0x401000. */
static void make_executable(struct file *file)
{
    memset(file, 0, sizeof(*file));
    memcpy(file->header.ident, "\177ELF", 4);
    file->header.ident[4] = 2;
    file->header.ident[5] = 1;
    file->header.type = 2;
    file->header.machine = MACHINE;
    file->header.entry = 0x400010;
    file->header.phoff = offsetof(struct file, programs);
    file->header.phentsize = sizeof(struct program);
    file->header.phnum = 2;
    file->programs[0] = (struct program){ 1, 5, PAGE, 0x400000, 0, 100, 100, PAGE };
    file->programs[1] = (struct program){ 1, 6, 2 * PAGE, 0x401000, 0, 10, 3 * PAGE, PAGE };
}

static enum a9n_error parse(const struct file *file, size_t size, struct elf_image *image)
{
    return elf_parse(file, size, MACHINE, USER_TOP, PAGE, image);
}

static void parses_valid_executable(void **state)
{
    (void)state;
    static struct file file;
    struct elf_image image;
    make_executable(&file);
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_NONE);
    assert_int_equal(image.entry, 0x400010);
    assert_int_equal(image.segment_count, 2);
    assert_int_equal(image.segments[0].attributes, A9N_MAP_READ | A9N_MAP_EXECUTE);
    assert_int_equal(image.segments[1].attributes, A9N_MAP_READ | A9N_MAP_WRITE);
    assert_int_equal(image.segments[1].memory_size, 3 * PAGE);
    assert_int_equal(image.segments[1].file_size, 10);
}

static void skips_empty_and_non_load_segments(void **state)
{
    (void)state;
    static struct file file;
    struct elf_image image;
    make_executable(&file);
    file.programs[2] = (struct program){ 1, 4, 0, 0x402000, 0, 0, 0, PAGE };    /* empty */
    file.programs[3] = (struct program){ 4, 4, 0, 0x900000, 0, 8, 8, 8 };       /* PT_NOTE */
    file.header.phnum = 4;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_NONE);
    assert_int_equal(image.segment_count, 2);
}

static void refuses_bad_identification(void **state)
{
    (void)state;
    static struct file file;
    struct elf_image image;
    make_executable(&file);
    file.header.ident[0] = 0;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.header.ident[4] = 1; /* 32-bit */
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.header.machine = 243;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.header.type = 3; /* shared object */
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    assert_int_equal(parse(&file, 10, &image), A9N_ERROR_INVALID_ARGUMENT);
    assert_int_equal(elf_parse(NULL, 0, MACHINE, USER_TOP, PAGE, &image),
                     A9N_ERROR_INVALID_ARGUMENT);
}

static void refuses_program_headers_outside_file(void **state)
{
    (void)state;
    static struct file file;
    struct elf_image image;
    make_executable(&file);
    file.header.phoff = sizeof(file) - 10;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.header.phoff = UINT64_MAX - 8; /* wraps around */
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.header.phentsize = 32;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
}

static void refuses_segment_data_outside_file(void **state)
{
    (void)state;
    static struct file file;
    struct elf_image image;
    make_executable(&file);
    file.programs[1].filesz = sizeof(file);
    file.programs[1].memsz = sizeof(file);
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.programs[1].filesz = 4 * PAGE; /* more than memsz */
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
}

static void refuses_segments_outside_user_space(void **state)
{
    (void)state;
    static struct file file;
    struct elf_image image;
    make_executable(&file);
    file.programs[1].vaddr = USER_TOP - PAGE;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.programs[1].vaddr = 0xffffffff80000000ul;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.programs[1].vaddr = UINT64_MAX - PAGE + 1; /* vaddr + memsz wraps */
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
}

static void refuses_writable_and_executable_segment(void **state)
{
    (void)state;
    static struct file file;
    struct elf_image image;
    make_executable(&file);
    file.programs[0].flags = 7;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
}

static void refuses_misaligned_and_overlapping_segments(void **state)
{
    (void)state;
    static struct file file;
    struct elf_image image;
    make_executable(&file);
    file.programs[1].vaddr = 0x401008;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.programs[1].vaddr = 0x400000; /* same page as text */
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
}

static void refuses_entry_outside_executable_segment(void **state)
{
    (void)state;
    static struct file file;
    struct elf_image image;
    make_executable(&file);
    file.header.entry = 0x401000; /* in the data segment */
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
    make_executable(&file);
    file.header.entry = USER_TOP + 16;
    assert_int_equal(parse(&file, sizeof(file), &image), A9N_ERROR_INVALID_ARGUMENT);
}

static void refuses_too_many_segments(void **state)
{
    (void)state;
    static unsigned char data[PAGE * 2];
    struct header header;
    struct elf_image image;
    static struct file file;
    make_executable(&file);
    header = file.header;
    header.phoff = sizeof(header);
    header.phnum = ELF_MAX_SEGMENTS + 1;
    memset(data, 0, sizeof(data));
    memcpy(data, &header, sizeof(header));
    for (unsigned i = 0; i < header.phnum; i++) {
        struct program program = { 1, 5, 0, 0x400000 + i * PAGE, 0, 0, 8, PAGE };
        memcpy(data + sizeof(header) + i * sizeof(program), &program, sizeof(program));
    }
    assert_int_equal(elf_parse(data, sizeof(data), MACHINE, USER_TOP, PAGE, &image),
                     A9N_ERROR_INVALID_ARGUMENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_valid_executable),
        cmocka_unit_test(skips_empty_and_non_load_segments),
        cmocka_unit_test(refuses_bad_identification),
        cmocka_unit_test(refuses_program_headers_outside_file),
        cmocka_unit_test(refuses_segment_data_outside_file),
        cmocka_unit_test(refuses_segments_outside_user_space),
        cmocka_unit_test(refuses_writable_and_executable_segment),
        cmocka_unit_test(refuses_misaligned_and_overlapping_segments),
        cmocka_unit_test(refuses_entry_outside_executable_segment),
        cmocka_unit_test(refuses_too_many_segments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
