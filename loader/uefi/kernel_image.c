/*
 * Kernel ELF validation for the UEFI loader (see kernel_image.h). Every
 * offset and size read from the file is bounds-checked before use.
 */
#include "kernel_image.h"

#include <a9n/boot_info.h>
#include <a9n/elf.h>
#include <stdbool.h>

#include "string.h"

#define ELF_MACHINE_X86_64 62

static uint64_t align_up4(uint64_t value)
{
    return (value + 3) & ~3ull;
}

/* The loader-entry note in the note segment [offset, offset + size), or 0. */
static uint64_t find_entry_note(const unsigned char *file, uint64_t offset, uint64_t size)
{
    static const char name[] = A9N_ELF_NOTE_NAME;
    uint64_t position = 0;
    while (size - position >= sizeof(struct elf_note_header)) {
        struct elf_note_header note;
        memcpy(&note, file + offset + position, sizeof(note));
        position += sizeof(note);
        uint64_t name_space = align_up4(note.name_size);
        uint64_t descriptor_space = align_up4(note.descriptor_size);
        if (name_space > size - position || descriptor_space > size - position - name_space)
            return 0;
        const unsigned char *note_name = file + offset + position;
        const unsigned char *descriptor = note_name + name_space;
        if (note.type == A9N_ELF_NOTE_LOADER_ENTRY && note.name_size == sizeof(name) &&
            memcmp(note_name, name, sizeof(name)) == 0 && note.descriptor_size == 8) {
            uint64_t entry;
            memcpy(&entry, descriptor, sizeof(entry));
            return entry;
        }
        position += name_space + descriptor_space;
    }
    return 0;
}

static enum kernel_image_error add_segment(const struct elf_program_header *program, size_t size,
                                           struct kernel_image *image)
{
    if (program->file_size > program->memory_size ||
        !elf_range_within(program->offset, program->file_size, size) ||
        !elf_range_within(program->paddr, program->memory_size, KERNEL_IMAGE_PHYSICAL_LIMIT))
        return KERNEL_IMAGE_BAD_SEGMENT;
    if (image->segment_count == KERNEL_IMAGE_MAX_SEGMENTS)
        return KERNEL_IMAGE_BAD_PROGRAM_HEADERS;
    uint64_t end = program->paddr + program->memory_size;
    for (unsigned i = 0; i < image->segment_count; i++) {
        const struct kernel_segment *other = &image->segments[i];
        if (program->paddr < other->paddr + other->memory_size && other->paddr < end)
            return KERNEL_IMAGE_SEGMENTS_OVERLAP;
    }
    image->segments[image->segment_count++] = (struct kernel_segment){
        .paddr = program->paddr,
        .memory_size = program->memory_size,
        .file_offset = program->offset,
        .file_size = program->file_size,
    };
    uint64_t base = program->paddr & ~(KERNEL_IMAGE_PAGE_SIZE - 1);
    uint64_t page_end = (end + KERNEL_IMAGE_PAGE_SIZE - 1) & ~(KERNEL_IMAGE_PAGE_SIZE - 1);
    if (image->segment_count == 1 || base < image->base)
        image->base = base;
    if (image->segment_count == 1 || page_end > image->end)
        image->end = page_end;
    return KERNEL_IMAGE_OK;
}

enum kernel_image_error kernel_image_parse(const void *file, size_t size,
                                           struct kernel_image *image)
{
    struct elf_header header;
    const unsigned char *bytes = file;

    *image = (struct kernel_image){ 0 };
    if (size < sizeof(header))
        return KERNEL_IMAGE_NOT_ELF64;
    memcpy(&header, file, sizeof(header));
    /* "\177ELF", 64-bit, little-endian */
    if (memcmp(header.ident, "\177ELF", 4) != 0 || header.ident[4] != 2 || header.ident[5] != 1)
        return KERNEL_IMAGE_NOT_ELF64;
    if (header.machine != ELF_MACHINE_X86_64 || header.type != ELF_TYPE_EXECUTABLE)
        return KERNEL_IMAGE_WRONG_MACHINE;
    if (header.program_header_size != sizeof(struct elf_program_header) ||
        !elf_range_within(header.program_header_offset,
                      (uint64_t)header.program_header_count * sizeof(struct elf_program_header),
                      size))
        return KERNEL_IMAGE_BAD_PROGRAM_HEADERS;

    bool executable[KERNEL_IMAGE_MAX_SEGMENTS] = { false };
    for (unsigned i = 0; i < header.program_header_count; i++) {
        struct elf_program_header program;
        memcpy(&program, bytes + header.program_header_offset + i * sizeof(program),
               sizeof(program));
        if (program.type == ELF_PROGRAM_NOTE) {
            if (!elf_range_within(program.offset, program.file_size, size))
                return KERNEL_IMAGE_BAD_SEGMENT;
            if (image->entry == 0)
                image->entry = find_entry_note(bytes, program.offset, program.file_size);
            continue;
        }
        /* Linkers emit empty PT_LOADs for empty output sections: nothing to load. */
        if (program.type != ELF_PROGRAM_LOAD || program.memory_size == 0)
            continue;
        enum kernel_image_error error = add_segment(&program, size, image);
        if (error != KERNEL_IMAGE_OK)
            return error;
        executable[image->segment_count - 1] = program.flags & ELF_FLAG_EXECUTE;
    }
    if (image->segment_count == 0)
        return KERNEL_IMAGE_BAD_PROGRAM_HEADERS;
    if (image->entry == 0)
        return KERNEL_IMAGE_NO_ENTRY_NOTE;
    for (unsigned i = 0; i < image->segment_count; i++) {
        const struct kernel_segment *segment = &image->segments[i];
        if (executable[i] && image->entry >= segment->paddr &&
            image->entry - segment->paddr < segment->memory_size)
            return KERNEL_IMAGE_OK;
    }
    return KERNEL_IMAGE_BAD_ENTRY;
}

const char *kernel_image_error_message(enum kernel_image_error error)
{
    switch (error) {
    case KERNEL_IMAGE_OK:
        return "no error";
    case KERNEL_IMAGE_NOT_ELF64:
        return "not a 64-bit little-endian ELF file";
    case KERNEL_IMAGE_WRONG_MACHINE:
        return "not an x86_64 ELF executable";
    case KERNEL_IMAGE_BAD_PROGRAM_HEADERS:
        return "bad or missing program headers";
    case KERNEL_IMAGE_BAD_SEGMENT:
        return "a segment lies outside the file or above 1 GiB physical";
    case KERNEL_IMAGE_SEGMENTS_OVERLAP:
        return "segments overlap";
    case KERNEL_IMAGE_NO_ENTRY_NOTE:
        return "no A9N loader-entry note (not an A9N kernel?)";
    case KERNEL_IMAGE_BAD_ENTRY:
        return "the loader entry is not in an executable segment";
    }
    return "unknown error";
}
