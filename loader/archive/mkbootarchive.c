/*
 * mkbootarchive: pack boot modules into one boot-module archive
 * (abi/a9n/boot_info.h) for boot paths that pass a single blob.
 *   mkbootarchive OUTPUT NAME=FILE...
 * Member data is page aligned so that a kernel may map it in place.
 */
#include <a9n/boot_info.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARCHIVE_ALIGNMENT 4096u

static unsigned char *read_file(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return NULL;
    unsigned char *data = NULL;
    if (fseek(file, 0, SEEK_END) == 0) {
        long length = ftell(file);
        if (length >= 0 && fseek(file, 0, SEEK_SET) == 0) {
            data = malloc((size_t)length + 1);
            if (data != NULL && fread(data, 1, (size_t)length, file) != (size_t)length) {
                free(data);
                data = NULL;
            }
            *size = (size_t)length;
        }
    }
    fclose(file);
    return data;
}

static size_t align_up(size_t value)
{
    return (value + ARCHIVE_ALIGNMENT - 1) / ARCHIVE_ALIGNMENT * ARCHIVE_ALIGNMENT;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s OUTPUT NAME=FILE...\n", argv[0]);
        return 2;
    }
    unsigned count = (unsigned)(argc - 2);
    if (count > A9N_BOOT_MAX_MODULES) {
        fprintf(stderr, "mkbootarchive: at most %d modules\n", A9N_BOOT_MAX_MODULES);
        return 2;
    }

    struct a9n_boot_archive_header header = { A9N_BOOT_ARCHIVE_MAGIC, count, 0 };
    struct a9n_boot_archive_entry entries[A9N_BOOT_MAX_MODULES];
    unsigned char *contents[A9N_BOOT_MAX_MODULES];
    size_t offset = align_up(sizeof(header) + count * sizeof(entries[0]));

    memset(entries, 0, sizeof(entries));
    for (unsigned i = 0; i < count; i++) {
        const char *argument = argv[2 + i];
        const char *equals = strchr(argument, '=');
        if (equals == NULL || equals == argument ||
            (size_t)(equals - argument) >= A9N_BOOT_MODULE_NAME_LENGTH) {
            fprintf(stderr, "mkbootarchive: '%s' is not NAME=FILE (name < %d chars)\n", argument,
                    A9N_BOOT_MODULE_NAME_LENGTH);
            return 2;
        }
        memcpy(entries[i].name, argument, (size_t)(equals - argument));
        size_t size;
        contents[i] = read_file(equals + 1, &size);
        if (contents[i] == NULL) {
            fprintf(stderr, "mkbootarchive: %s: %s\n", equals + 1, strerror(errno));
            return 1;
        }
        entries[i].offset = offset;
        entries[i].size = size;
        offset = align_up(offset + size);
    }

    FILE *output = fopen(argv[1], "wb");
    if (output == NULL) {
        fprintf(stderr, "mkbootarchive: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    static const unsigned char zeros[ARCHIVE_ALIGNMENT];
    size_t position = sizeof(header) + count * sizeof(entries[0]);
    int ok = fwrite(&header, sizeof(header), 1, output) == 1 &&
             fwrite(entries, sizeof(entries[0]), count, output) == count;
    for (unsigned i = 0; ok && i < count; i++) {
        ok = fwrite(zeros, 1, entries[i].offset - position, output) ==
                 entries[i].offset - position &&
             fwrite(contents[i], 1, entries[i].size, output) == entries[i].size;
        position = entries[i].offset + entries[i].size;
    }
    ok = ok && fwrite(zeros, 1, align_up(position) - position, output) == align_up(position) - position;
    if (fclose(output) != 0 || !ok) {
        fprintf(stderr, "mkbootarchive: writing %s failed\n", argv[1]);
        return 1;
    }
    return 0;
}
