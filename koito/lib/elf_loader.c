/*
 * ELF parsing for KOITO's program loader (koito/elf_loader.h). An image
 * (a boot module, a file) is outside data: every offset and size is
 * bounds-checked before use, and a segment that would be writable and
 * executable is refused (W^X).
 */
#include <koito/elf_loader.h>

#include <a9n/elf.h>
#include <a9n/paging.h>
#include <a9n_arch.h>

static void copy_bytes(unsigned char *destination, const unsigned char *source, uint64_t size)
{
    for (uint64_t i = 0; i < size; i++)
        destination[i] = source[i];
}

static bool header_valid(const struct elf_header *header)
{
    const unsigned char *magic = (const unsigned char *)ELF_MAGIC;
    for (unsigned i = 0; i < 4; i++)
        if (header->ident[i] != magic[i])
            return false;
    return header->ident[4] == ELF_CLASS_64 && header->ident[5] == ELF_DATA_LITTLE &&
           header->type == ELF_TYPE_EXECUTABLE && header->machine == A9N_ARCH_ELF_MACHINE;
}

static enum koito_elf_error add_segment(const struct elf_program_header *program, uint64_t size,
                                        unsigned page_bits, a9n_word_t user_top,
                                        struct koito_elf_image *image)
{
    a9n_word_t page_mask = ((a9n_word_t)1 << page_bits) - 1;

    if (!elf_range_within(program->offset, program->file_size, size))
        return KOITO_ELF_TRUNCATED;
    if (program->file_size > program->memory_size || program->memory_size == 0 ||
        !elf_range_within(program->vaddr, program->memory_size, user_top))
        return KOITO_ELF_BAD_SEGMENT;
    if ((program->flags & ELF_FLAG_WRITE) && (program->flags & ELF_FLAG_EXECUTE))
        return KOITO_ELF_WRITE_EXECUTE;
    if (image->segment_count == KOITO_ELF_MAX_SEGMENTS)
        return KOITO_ELF_TOO_MANY_SEGMENTS;

    a9n_word_t start = program->vaddr & ~page_mask;
    a9n_word_t end = (program->vaddr + program->memory_size + page_mask) & ~page_mask;
    /* Segments own whole pages: a page shared by two would need two sets of rights. */
    for (unsigned i = 0; i < image->segment_count; i++) {
        const struct koito_elf_segment *other = &image->segments[i];
        a9n_word_t other_end = other->start + (other->pages << page_bits);
        if (start < other_end && other->start < end)
            return KOITO_ELF_BAD_SEGMENT;
    }
    image->segments[image->segment_count++] = (struct koito_elf_segment){
        .start = start,
        .pages = (end - start) >> page_bits,
        .address = program->vaddr,
        .file_offset = program->offset,
        .file_size = program->file_size,
        .attributes = A9N_MAP_READ | ((program->flags & ELF_FLAG_WRITE) ? A9N_MAP_WRITE : 0) |
                      ((program->flags & ELF_FLAG_EXECUTE) ? A9N_MAP_EXECUTE : 0),
    };
    return KOITO_ELF_OK;
}

enum koito_elf_error koito_elf_parse(const void *file, uint64_t size, unsigned page_bits,
                                     a9n_word_t user_top, struct koito_elf_image *image)
{
    const unsigned char *bytes = file;
    struct elf_header header;

    *image = (struct koito_elf_image){ .entry = 0 };
    if (size < sizeof(header))
        return KOITO_ELF_TRUNCATED;
    copy_bytes((unsigned char *)&header, bytes, sizeof(header));
    if (!header_valid(&header))
        return KOITO_ELF_NOT_ELF;
    if (header.program_header_size != sizeof(struct elf_program_header) ||
        !elf_range_within(header.program_header_offset,
                          (uint64_t)header.program_header_count * sizeof(struct elf_program_header),
                          size))
        return KOITO_ELF_TRUNCATED;

    for (unsigned i = 0; i < header.program_header_count; i++) {
        struct elf_program_header program;
        copy_bytes((unsigned char *)&program,
                   bytes + header.program_header_offset + i * sizeof(program), sizeof(program));
        if (program.type != ELF_PROGRAM_LOAD)
            continue;
        enum koito_elf_error error = add_segment(&program, size, page_bits, user_top, image);
        if (error != KOITO_ELF_OK)
            return error;
    }

    for (unsigned i = 0; i < image->segment_count; i++) {
        const struct koito_elf_segment *segment = &image->segments[i];
        if ((segment->attributes & A9N_MAP_EXECUTE) && header.entry >= segment->start &&
            header.entry < segment->start + (segment->pages << page_bits)) {
            image->entry = header.entry;
            return KOITO_ELF_OK;
        }
    }
    return KOITO_ELF_BAD_ENTRY;
}

void koito_elf_fill_page(const struct koito_elf_segment *segment, const void *file,
                         a9n_word_t page, unsigned page_bits, void *destination)
{
    unsigned char *out = destination;
    a9n_word_t page_size = (a9n_word_t)1 << page_bits;
    a9n_word_t data_end = segment->address + segment->file_size;

    for (a9n_word_t i = 0; i < page_size; i++)
        out[i] = 0;
    /* The part of [address, address + file_size) inside this page comes from the file. */
    a9n_word_t from = page > segment->address ? page : segment->address;
    a9n_word_t to = page + page_size < data_end ? page + page_size : data_end;
    if (from < to)
        copy_bytes(out + (from - page),
                   (const unsigned char *)file + segment->file_offset + (from - segment->address),
                   to - from);
}

bool koito_elf_page_has_data(const struct koito_elf_segment *segment, a9n_word_t page,
                             unsigned page_bits)
{
    a9n_word_t page_size = (a9n_word_t)1 << page_bits;
    return segment->file_size != 0 && page < segment->address + segment->file_size &&
           segment->address < page + page_size;
}

const char *koito_elf_error_name(enum koito_elf_error error)
{
    static const char *const names[] = {
        [KOITO_ELF_OK] = "ok",
        [KOITO_ELF_NOT_ELF] = "not an ELF64 executable for this machine",
        [KOITO_ELF_TRUNCATED] = "truncated",
        [KOITO_ELF_BAD_SEGMENT] = "bad segment",
        [KOITO_ELF_WRITE_EXECUTE] = "writable and executable segment",
        [KOITO_ELF_TOO_MANY_SEGMENTS] = "too many segments",
        [KOITO_ELF_BAD_ENTRY] = "entry point outside executable segments",
    };
    return (unsigned)error < sizeof(names) / sizeof(names[0]) ? names[error] : "unknown";
}
