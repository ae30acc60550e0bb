/*
 * User-level ELF loading for KOITO (init and the POSIX server): parse an
 * ELF64 executable into page-aligned segments with their map attributes, and
 * fill one page of a segment from the file. Pure code (no kernel calls),
 * host-tested in tests/host/koito/test_elf_loader.c; the mapping itself is
 * the caller's (koito/lib/spawn.c, koito/init/ulmm_start.c).
 */
#ifndef KOITO_ELF_LOADER_H
#define KOITO_ELF_LOADER_H

#include <a9n/types.h>

#define KOITO_ELF_MAX_SEGMENTS 8

enum koito_elf_error {
    KOITO_ELF_OK = 0,
    KOITO_ELF_NOT_ELF,          /* magic, class, byte order, type or machine */
    KOITO_ELF_TRUNCATED,        /* a header or segment lies outside the file */
    KOITO_ELF_BAD_SEGMENT,      /* file size above memory size, outside user space, overlaps */
    KOITO_ELF_WRITE_EXECUTE,    /* a segment both writable and executable */
    KOITO_ELF_TOO_MANY_SEGMENTS,
    KOITO_ELF_BAD_ENTRY,        /* the entry point is not in an executable segment */
};

struct koito_elf_segment {
    a9n_word_t start;       /* page-aligned first address */
    a9n_word_t pages;
    a9n_word_t address;     /* p_vaddr */
    uint64_t file_offset;   /* p_offset */
    uint64_t file_size;
    unsigned attributes;    /* enum a9n_map_attribute */
};

struct koito_elf_image {
    a9n_word_t entry;
    unsigned segment_count;
    struct koito_elf_segment segments[KOITO_ELF_MAX_SEGMENTS];
};

/* Parse `size` bytes at `file` for this architecture; user_top bounds every address. */
enum koito_elf_error koito_elf_parse(const void *file, uint64_t size, unsigned page_bits,
                                     a9n_word_t user_top, struct koito_elf_image *image);

/* Write the page at `page` (inside the segment) into `destination`: file bytes, zeros after. */
void koito_elf_fill_page(const struct koito_elf_segment *segment, const void *file,
                         a9n_word_t page, unsigned page_bits, void *destination);

/* Whether the page holds file bytes (else it stays as a fresh frame is: zeroed). */
bool koito_elf_page_has_data(const struct koito_elf_segment *segment, a9n_word_t page,
                             unsigned page_bits);

const char *koito_elf_error_name(enum koito_elf_error error);

#endif
