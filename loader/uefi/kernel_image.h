/*
 * Checks on the kernel ELF before the loader places it at its physical
 * addresses, and the entry point it names in its A9N loader-entry note.
 * Pure C (no UEFI calls), so it is host-tested.
 */
#ifndef LOADER_UEFI_KERNEL_IMAGE_H
#define LOADER_UEFI_KERNEL_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define KERNEL_IMAGE_MAX_SEGMENTS 16
/* The HAL's boot page tables map only the first GiB: the image must be there. */
#define KERNEL_IMAGE_PHYSICAL_LIMIT (1ull << 30)
#define KERNEL_IMAGE_PAGE_SIZE 4096ull

struct kernel_segment {
    uint64_t paddr;
    uint64_t memory_size; /* >= file_size; the rest is zero */
    uint64_t file_offset;
    uint64_t file_size;
};

struct kernel_image {
    uint64_t base, end;   /* physical span of all segments, whole pages */
    uint64_t entry;       /* physical, from the A9N loader-entry note */
    unsigned segment_count;
    struct kernel_segment segments[KERNEL_IMAGE_MAX_SEGMENTS];
};

enum kernel_image_error {
    KERNEL_IMAGE_OK,
    KERNEL_IMAGE_NOT_ELF64,
    KERNEL_IMAGE_WRONG_MACHINE,
    KERNEL_IMAGE_BAD_PROGRAM_HEADERS,
    KERNEL_IMAGE_BAD_SEGMENT,
    KERNEL_IMAGE_SEGMENTS_OVERLAP,
    KERNEL_IMAGE_NO_ENTRY_NOTE,
    KERNEL_IMAGE_BAD_ENTRY,
};

/*
 * Validate `size` bytes of `file` as a little-endian ELF64 x86_64
 * executable whose loadable segments fit in the file, lie below
 * KERNEL_IMAGE_PHYSICAL_LIMIT (by p_paddr) and do not overlap, and whose
 * loader-entry note points into an executable segment. Fill `image`.
 */
enum kernel_image_error kernel_image_parse(const void *file, size_t size,
                                           struct kernel_image *image);

const char *kernel_image_error_message(enum kernel_image_error error);

#endif
