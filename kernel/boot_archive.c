/*
 * Boot-module archives: one blob holding several modules, for boot paths
 * that pass a single file (QEMU -initrd, one U-Boot load).
 */
#include "boot_archive.h"

#include "string.h"

/* Names are printed and compared as C strings: they must end inside the field. */
static bool name_terminated(const char *name, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (name[i] == '\0')
            return true;
    }
    return false;
}

bool boot_archive_is_archive(const void *data, size_t size)
{
    struct a9n_boot_archive_header header;
    if (size < sizeof(header))
        return false;
    memcpy(&header, data, sizeof(header));
    return header.magic == A9N_BOOT_ARCHIVE_MAGIC;
}

enum a9n_error boot_archive_expand(const void *data, size_t size, a9n_paddr_t base,
                                   struct a9n_boot_module *modules, unsigned max,
                                   unsigned *count)
{
    struct a9n_boot_archive_header header;
    const unsigned char *bytes = data;

    if (!boot_archive_is_archive(data, size))
        return A9N_ERROR_INVALID_ARGUMENT;
    memcpy(&header, data, sizeof(header));
    size_t table_size = sizeof(struct a9n_boot_archive_entry);
    if (header.count > (size - sizeof(header)) / table_size)
        return A9N_ERROR_INVALID_ARGUMENT;
    if (header.count > max - *count)
        return A9N_ERROR_INSUFFICIENT_MEMORY;

    /* Validate every entry before adding any: all or nothing. */
    for (unsigned i = 0; i < header.count; i++) {
        struct a9n_boot_archive_entry entry;
        memcpy(&entry, bytes + sizeof(header) + i * table_size, sizeof(entry));
        if (entry.offset > size || entry.size > size - entry.offset)
            return A9N_ERROR_INVALID_ARGUMENT;
        if (!name_terminated(entry.name, sizeof(entry.name)))
            return A9N_ERROR_INVALID_ARGUMENT;
    }
    for (unsigned i = 0; i < header.count; i++) {
        struct a9n_boot_archive_entry entry;
        memcpy(&entry, bytes + sizeof(header) + i * table_size, sizeof(entry));
        struct a9n_boot_module *module = &modules[*count + i];
        module->base = base + entry.offset;
        module->size = entry.size;
        memcpy(module->name, entry.name, sizeof(module->name));
    }
    *count += header.count;
    return A9N_ERROR_NONE;
}
