/* KOITO init's ELF loader: parsing (bounds, W^X, overlaps, entry) and page filling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <a9n/elf.h>
#include <a9n/paging.h>
#include <a9n_arch.h>

#include <koito/elf_loader.h>

#define PAGE_BITS 12
#define USER_TOP 0x800000000000ul

/* A file: ELF header, three program headers, then 0x3000 bytes of contents. */
static unsigned char file[0x4000];
static struct elf_header *header = (struct elf_header *)file;
static struct elf_program_header *programs;

static int setup(void **state)
{
    (void)state;
    memset(file, 0, sizeof(file));
    memcpy(header->ident, ELF_MAGIC, 4);
    header->ident[4] = ELF_CLASS_64;
    header->ident[5] = ELF_DATA_LITTLE;
    header->type = ELF_TYPE_EXECUTABLE;
    header->machine = A9N_ARCH_ELF_MACHINE;
    header->entry = 0x400010;
    header->program_header_offset = sizeof(*header);
    header->program_header_size = sizeof(struct elf_program_header);
    header->program_header_count = 3;
    programs = (struct elf_program_header *)(file + sizeof(*header));
    /* text R-X, one page; rodata R--; data RW- with bss past its file bytes. */
    programs[0] = (struct elf_program_header){ ELF_PROGRAM_LOAD, ELF_FLAG_READ | ELF_FLAG_EXECUTE,
                                               0x1000, 0x400000, 0, 0x800, 0x800, 0x1000 };
    programs[1] = (struct elf_program_header){ ELF_PROGRAM_LOAD, ELF_FLAG_READ, 0x2000, 0x401000,
                                               0, 0x100, 0x100, 0x1000 };
    programs[2] = (struct elf_program_header){ ELF_PROGRAM_LOAD, ELF_FLAG_READ | ELF_FLAG_WRITE,
                                               0x3010, 0x402010, 0, 0x20, 0x2000, 0x1000 };
    for (unsigned i = 0x1000; i < sizeof(file); i++)
        file[i] = (unsigned char)(i * 7);
    return 0;
}

static enum koito_elf_error parse(struct koito_elf_image *image)
{
    return koito_elf_parse(file, sizeof(file), PAGE_BITS, USER_TOP, image);
}

static void parses_segments_with_their_rights(void **state)
{
    (void)state;
    struct koito_elf_image image;
    assert_int_equal(parse(&image), KOITO_ELF_OK);
    assert_int_equal(image.entry, 0x400010);
    assert_int_equal(image.segment_count, 3);
    assert_int_equal(image.segments[0].attributes, A9N_MAP_READ | A9N_MAP_EXECUTE);
    assert_int_equal(image.segments[1].attributes, A9N_MAP_READ);
    assert_int_equal(image.segments[2].attributes, A9N_MAP_READ | A9N_MAP_WRITE);
    /* 0x402010 .. 0x404010 spans three pages. */
    assert_int_equal(image.segments[2].start, 0x402000);
    assert_int_equal(image.segments[2].pages, 3);
}

static void refuses_writable_executable_segments(void **state)
{
    (void)state;
    struct koito_elf_image image;
    programs[0].flags |= ELF_FLAG_WRITE;
    assert_int_equal(parse(&image), KOITO_ELF_WRITE_EXECUTE);
}

static void refuses_foreign_or_broken_headers(void **state)
{
    (void)state;
    struct koito_elf_image image;
    header->machine = A9N_ARCH_ELF_MACHINE + 1;
    assert_int_equal(parse(&image), KOITO_ELF_NOT_ELF);
    setup(NULL);
    header->ident[0] = 0;
    assert_int_equal(parse(&image), KOITO_ELF_NOT_ELF);
    setup(NULL);
    header->program_header_count = 0xffff;
    assert_int_equal(parse(&image), KOITO_ELF_TRUNCATED);
    setup(NULL);
    header->program_header_offset = (uint64_t)-8;
    assert_int_equal(parse(&image), KOITO_ELF_TRUNCATED);
    assert_int_equal(koito_elf_parse(file, 10, PAGE_BITS, USER_TOP, &image), KOITO_ELF_TRUNCATED);
}

static void refuses_segments_outside_file_or_user_space(void **state)
{
    (void)state;
    struct koito_elf_image image;
    programs[1].file_size = 0x10000; /* past the end of the file (and above memory size) */
    programs[1].memory_size = 0x10000;
    assert_int_equal(parse(&image), KOITO_ELF_TRUNCATED);
    setup(NULL);
    programs[1].file_size = 0x200; /* more file than memory */
    assert_int_equal(parse(&image), KOITO_ELF_BAD_SEGMENT);
    setup(NULL);
    programs[2].vaddr = USER_TOP - 0x1000; /* runs past user_top */
    assert_int_equal(parse(&image), KOITO_ELF_BAD_SEGMENT);
    setup(NULL);
    programs[2].vaddr = (uint64_t)-0x100; /* wraps around */
    assert_int_equal(parse(&image), KOITO_ELF_BAD_SEGMENT);
    setup(NULL);
    programs[1].vaddr = 0x400400; /* shares a page with the text */
    assert_int_equal(parse(&image), KOITO_ELF_BAD_SEGMENT);
}

static void entry_must_be_executable(void **state)
{
    (void)state;
    struct koito_elf_image image;
    header->entry = 0x401000;
    assert_int_equal(parse(&image), KOITO_ELF_BAD_ENTRY);
}

static void fills_file_bytes_then_zeros(void **state)
{
    (void)state;
    struct koito_elf_image image;
    assert_int_equal(parse(&image), KOITO_ELF_OK);
    const struct koito_elf_segment *data = &image.segments[2];
    unsigned char page[0x1000];

    assert_true(koito_elf_page_has_data(data, 0x402000, PAGE_BITS));
    assert_false(koito_elf_page_has_data(data, 0x403000, PAGE_BITS));
    memset(page, 0xaa, sizeof(page));
    koito_elf_fill_page(data, file, 0x402000, PAGE_BITS, page);
    for (unsigned i = 0; i < 0x10; i++)
        assert_int_equal(page[i], 0);
    for (unsigned i = 0x10; i < 0x30; i++)
        assert_int_equal(page[i], file[0x3010 + i - 0x10]);
    for (unsigned i = 0x30; i < sizeof(page); i++)
        assert_int_equal(page[i], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(parses_segments_with_their_rights, setup),
        cmocka_unit_test_setup(refuses_writable_executable_segments, setup),
        cmocka_unit_test_setup(refuses_foreign_or_broken_headers, setup),
        cmocka_unit_test_setup(refuses_segments_outside_file_or_user_space, setup),
        cmocka_unit_test_setup(entry_must_be_executable, setup),
        cmocka_unit_test_setup(fills_file_bytes_then_zeros, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
