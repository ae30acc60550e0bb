/* The UEFI loader's kernel ELF checks, on small hand-built images. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <a9n/boot_info.h>

#include "kernel_image.h"

struct elf_header {
    unsigned char ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, program_header_offset, section_header_offset;
    uint32_t flags;
    uint16_t header_size, program_header_size, program_header_count;
    uint16_t section_header_size, section_header_count, section_name_index;
};

struct elf_program_header {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, file_size, memory_size, align;
};

#define FILE_SIZE 0x3000
#define TEXT_PADDR 0x100000ull
#define DATA_PADDR 0x102000ull
#define NOTE_OFFSET 0x200

static unsigned char file[FILE_SIZE];
static struct elf_header *header;
static struct elf_program_header *programs;
static struct kernel_image image;

/* text (RX, 1 page of file) at 1 MiB, data (RW, bss beyond the file), one note. */
static int build(void **state)
{
    (void)state;
    memset(file, 0, sizeof(file));
    header = (struct elf_header *)file;
    programs = (struct elf_program_header *)(file + sizeof(*header));
    memcpy(header->ident, "\177ELF\2\1\1", 7);
    header->type = 2;
    header->machine = 62;
    header->version = 1;
    header->entry = TEXT_PADDR;
    header->program_header_offset = sizeof(*header);
    header->program_header_size = sizeof(struct elf_program_header);
    header->program_header_count = 3;
    programs[0] = (struct elf_program_header){ 1, 5, 0x1000, 0xffffffff80100000ull, TEXT_PADDR,
                                               0x1000, 0x1000, 0x1000 };
    programs[1] = (struct elf_program_header){ 1, 6, 0x2000, 0xffffffff80102000ull, DATA_PADDR,
                                               0x800, 0x5000, 0x1000 };
    programs[2] = (struct elf_program_header){ 4, 4, NOTE_OFFSET, 0, 0, 24 + 24, 24 + 24, 4 };
    /* an unrelated note first, then the loader-entry note */
    uint32_t other[3] = { 4, 8, 18 };
    memcpy(file + NOTE_OFFSET, other, sizeof(other));
    memcpy(file + NOTE_OFFSET + 12, "Xen", 4);
    uint32_t entry_note[3] = { 4, 8, A9N_ELF_NOTE_LOADER_ENTRY };
    memcpy(file + NOTE_OFFSET + 24, entry_note, sizeof(entry_note));
    memcpy(file + NOTE_OFFSET + 36, A9N_ELF_NOTE_NAME, 4);
    uint64_t entry = TEXT_PADDR + 0x40;
    memcpy(file + NOTE_OFFSET + 40, &entry, sizeof(entry));
    return 0;
}

static enum kernel_image_error parse(void)
{
    return kernel_image_parse(file, sizeof(file), &image);
}

static void a_good_kernel_gives_segments_span_and_note_entry(void **state)
{
    (void)state;
    assert_int_equal(parse(), KERNEL_IMAGE_OK);
    assert_int_equal(image.segment_count, 2);
    assert_int_equal(image.base, TEXT_PADDR);
    assert_int_equal(image.end, DATA_PADDR + 0x5000);
    assert_int_equal(image.entry, TEXT_PADDR + 0x40);
    assert_int_equal(image.segments[1].file_size, 0x800);
    assert_int_equal(image.segments[1].memory_size, 0x5000);
}

static void wrong_files_are_refused(void **state)
{
    (void)state;
    file[4] = 1; /* 32-bit */
    assert_int_equal(parse(), KERNEL_IMAGE_NOT_ELF64);
    build(NULL);
    header->machine = 243; /* riscv */
    assert_int_equal(parse(), KERNEL_IMAGE_WRONG_MACHINE);
    assert_int_equal(kernel_image_parse(file, 10, &image), KERNEL_IMAGE_NOT_ELF64);
}

static void program_headers_outside_the_file_are_refused(void **state)
{
    (void)state;
    header->program_header_offset = FILE_SIZE - 8;
    assert_int_equal(parse(), KERNEL_IMAGE_BAD_PROGRAM_HEADERS);
    build(NULL);
    header->program_header_size = 32;
    assert_int_equal(parse(), KERNEL_IMAGE_BAD_PROGRAM_HEADERS);
}

static void segments_outside_the_file_or_above_1_gib_are_refused(void **state)
{
    (void)state;
    programs[0].file_size = FILE_SIZE;
    programs[0].memory_size = FILE_SIZE;
    assert_int_equal(parse(), KERNEL_IMAGE_BAD_SEGMENT);
    build(NULL);
    programs[1].paddr = KERNEL_IMAGE_PHYSICAL_LIMIT - 0x1000;
    assert_int_equal(parse(), KERNEL_IMAGE_BAD_SEGMENT);
    build(NULL);
    programs[1].paddr = ~0ull - 0x100; /* wraps around */
    assert_int_equal(parse(), KERNEL_IMAGE_BAD_SEGMENT);
    build(NULL);
    programs[1].file_size = 0x6000; /* more file than memory */
    assert_int_equal(parse(), KERNEL_IMAGE_BAD_SEGMENT);
}

static void overlapping_segments_are_refused(void **state)
{
    (void)state;
    programs[1].paddr = TEXT_PADDR + 0xff0;
    assert_int_equal(parse(), KERNEL_IMAGE_SEGMENTS_OVERLAP);
}

static void the_entry_note_must_exist_and_point_at_code(void **state)
{
    (void)state;
    memcpy(file + NOTE_OFFSET + 36, "Xen", 4);
    assert_int_equal(parse(), KERNEL_IMAGE_NO_ENTRY_NOTE);
    build(NULL);
    uint64_t data_entry = DATA_PADDR;
    memcpy(file + NOTE_OFFSET + 40, &data_entry, sizeof(data_entry));
    assert_int_equal(parse(), KERNEL_IMAGE_BAD_ENTRY);
    build(NULL);
    programs[2].file_size = 30; /* the note is cut off */
    assert_int_equal(parse(), KERNEL_IMAGE_NO_ENTRY_NOTE);
    build(NULL);
    uint32_t huge_name = 0xfffffff0u;
    memcpy(file + NOTE_OFFSET, &huge_name, sizeof(huge_name));
    assert_int_equal(parse(), KERNEL_IMAGE_NO_ENTRY_NOTE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(a_good_kernel_gives_segments_span_and_note_entry, build),
        cmocka_unit_test_setup(wrong_files_are_refused, build),
        cmocka_unit_test_setup(program_headers_outside_the_file_are_refused, build),
        cmocka_unit_test_setup(segments_outside_the_file_or_above_1_gib_are_refused, build),
        cmocka_unit_test_setup(overlapping_segments_are_refused, build),
        cmocka_unit_test_setup(the_entry_note_must_exist_and_point_at_code, build),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
