/*
 * Validation and segment listing of ELF64 executables (boot modules).
 * Pure functions over a byte buffer so that they are host-tested; the
 * caller maps the segments.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <a9n/error.h>
#include <a9n/types.h>

#define ELF_MAX_SEGMENTS 16

struct elf_segment {
    a9n_word_t vaddr;       /* page aligned (the file must place it so) */
    a9n_word_t memory_size; /* bytes from vaddr, >= file_size */
    a9n_word_t file_offset;
    a9n_word_t file_size;
    unsigned attributes;    /* enum a9n_map_attribute */
};

struct elf_image {
    a9n_word_t entry;
    unsigned segment_count;
    struct elf_segment segments[ELF_MAX_SEGMENTS];
};

/*
 * Check that `data` is a little-endian ELF64 executable for `machine`
 * whose loadable segments all lie below `user_top`, do not overlap, are
 * page aligned, fit in the file, and are never both writable and
 * executable; fill `image`. A9N_ERROR_INVALID_ARGUMENT on any violation.
 */
enum a9n_error elf_parse(const void *data, size_t size, unsigned machine, a9n_word_t user_top,
                         unsigned page_size, struct elf_image *image);

#endif
