/*
 * ELF64 executable parsing for the boot modules. Everything read from the
 * file is bounds-checked before use: a boot module is data from outside
 * the kernel and a broken one must be refused, not crash the boot.
 */
#include "elf.h"

#include <a9n/elf.h>
#include <a9n/paging.h>
#include <stdint.h>

#include "string.h"

static enum a9n_error parse_segment(const struct elf_program_header *program, size_t size,
                                    a9n_word_t user_top, unsigned page_size,
                                    struct elf_segment *segment)
{
    if (program->file_size > program->memory_size)
        return A9N_ERROR_INVALID_ARGUMENT;
    if (!elf_range_within(program->offset, program->file_size, size))
        return A9N_ERROR_INVALID_ARGUMENT;
    if (!elf_range_within(program->vaddr, program->memory_size, user_top))
        return A9N_ERROR_INVALID_ARGUMENT;
    /* Segments are mapped page by page: file offset and address must agree. */
    if (program->vaddr % page_size != 0 || program->offset % page_size != 0)
        return A9N_ERROR_INVALID_ARGUMENT;
    /* W^X: a segment is never writable and executable at once. */
    if ((program->flags & ELF_FLAG_WRITE) && (program->flags & ELF_FLAG_EXECUTE))
        return A9N_ERROR_INVALID_ARGUMENT;

    segment->vaddr = program->vaddr;
    segment->memory_size = program->memory_size;
    segment->file_offset = program->offset;
    segment->file_size = program->file_size;
    segment->attributes = 0;
    if (program->flags & ELF_FLAG_READ)
        segment->attributes |= A9N_MAP_READ;
    if (program->flags & ELF_FLAG_WRITE)
        segment->attributes |= A9N_MAP_WRITE | A9N_MAP_READ;
    if (program->flags & ELF_FLAG_EXECUTE)
        segment->attributes |= A9N_MAP_EXECUTE;
    return A9N_ERROR_NONE;
}

static bool segments_overlap(const struct elf_segment *a, const struct elf_segment *b,
                             unsigned page_size)
{
    /* Compare whole pages: two segments may not share a page either. */
    a9n_word_t a_end = a->vaddr + ((a->memory_size + page_size - 1) / page_size) * page_size;
    a9n_word_t b_end = b->vaddr + ((b->memory_size + page_size - 1) / page_size) * page_size;
    return a->vaddr < b_end && b->vaddr < a_end;
}

enum a9n_error elf_parse(const void *data, size_t size, unsigned machine, a9n_word_t user_top,
                         unsigned page_size, struct elf_image *image)
{
    struct elf_header header;

    if (data == NULL || size < sizeof(header))
        return A9N_ERROR_INVALID_ARGUMENT;
    /* Copy: the module may not be aligned for direct structure access. */
    memcpy(&header, data, sizeof(header));
    if (memcmp(header.ident, ELF_MAGIC, 4) != 0 || header.ident[4] != ELF_CLASS_64 ||
        header.ident[5] != ELF_DATA_LITTLE || header.type != ELF_TYPE_EXECUTABLE ||
        header.machine != machine)
        return A9N_ERROR_INVALID_ARGUMENT;
    if (header.program_header_size != sizeof(struct elf_program_header))
        return A9N_ERROR_INVALID_ARGUMENT;
    if (!elf_range_within(header.program_header_offset,
                      (uint64_t)header.program_header_count * sizeof(struct elf_program_header),
                      size))
        return A9N_ERROR_INVALID_ARGUMENT;
    if (header.entry >= user_top)
        return A9N_ERROR_INVALID_ARGUMENT;

    unsigned count = 0;
    bool entry_executable = false;
    const unsigned char *bytes = data;
    for (unsigned i = 0; i < header.program_header_count; i++) {
        struct elf_program_header program;
        memcpy(&program, bytes + header.program_header_offset + i * sizeof(program),
               sizeof(program));
        /* Linkers emit empty PT_LOADs for empty output sections: nothing to map. */
        if (program.type != ELF_PROGRAM_LOAD || program.memory_size == 0)
            continue;
        if (count == ELF_MAX_SEGMENTS)
            return A9N_ERROR_INVALID_ARGUMENT;
        struct elf_segment *segment = &image->segments[count];
        enum a9n_error error = parse_segment(&program, size, user_top, page_size, segment);
        if (error != A9N_ERROR_NONE)
            return error;
        for (unsigned j = 0; j < count; j++) {
            if (segments_overlap(&image->segments[j], segment, page_size))
                return A9N_ERROR_INVALID_ARGUMENT;
        }
        if ((segment->attributes & A9N_MAP_EXECUTE) && header.entry >= segment->vaddr &&
            header.entry - segment->vaddr < segment->memory_size)
            entry_executable = true;
        count++;
    }
    if (count == 0 || !entry_executable)
        return A9N_ERROR_INVALID_ARGUMENT;

    image->entry = header.entry;
    image->segment_count = count;
    return A9N_ERROR_NONE;
}
