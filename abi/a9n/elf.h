/*
 * The ELF64 file format as far as A9N reads it: headers, program headers,
 * notes. Shared by the kernel's boot-module loader, the UEFI loader and
 * KOITO init's user-level program loader.
 */
#ifndef A9N_ELF_H
#define A9N_ELF_H

#include <stdint.h>

#define ELF_MAGIC "\177ELF"
#define ELF_CLASS_64 2
#define ELF_DATA_LITTLE 1
#define ELF_TYPE_EXECUTABLE 2
#define ELF_PROGRAM_LOAD 1
#define ELF_PROGRAM_NOTE 4
#define ELF_FLAG_EXECUTE 1u
#define ELF_FLAG_WRITE 2u
#define ELF_FLAG_READ 4u

struct elf_header {
    unsigned char ident[16];
    uint16_t type;
    uint16_t machine;
    uint32_t version;
    uint64_t entry;
    uint64_t program_header_offset;
    uint64_t section_header_offset;
    uint32_t flags;
    uint16_t header_size;
    uint16_t program_header_size;
    uint16_t program_header_count;
    uint16_t section_header_size;
    uint16_t section_header_count;
    uint16_t section_name_index;
};

struct elf_program_header {
    uint32_t type;
    uint32_t flags;
    uint64_t offset;
    uint64_t vaddr;
    uint64_t paddr;
    uint64_t file_size;
    uint64_t memory_size;
    uint64_t align;
};

struct elf_note_header {
    uint32_t name_size;
    uint32_t descriptor_size;
    uint32_t type;
};

/* a + b <= limit without wrapping around: every file offset is checked so. */
static inline int elf_range_within(uint64_t a, uint64_t b, uint64_t limit)
{
    return a <= limit && b <= limit - a;
}

#endif
