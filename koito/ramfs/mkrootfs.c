/*
 * mkrootfs: write the boot file tree's archive (archive.h) that the POSIX
 * server loads into its ramfs at start.
 *   mkrootfs OUTPUT /path=SOURCE... /directory/...
 * /path=SOURCE is a file with SOURCE's contents; /directory/ an empty
 * directory. Directories the paths imply are added. A host tool.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rootfs_builder.h"

static struct rootfs_builder builder;

static void *read_file(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return NULL;
    void *data = NULL;
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

/* "/path=SOURCE" or "/directory/". */
static enum rootfs_error add_argument(const char *argument)
{
    const char *equals = strchr(argument, '=');
    if (equals == NULL)
        return rootfs_builder_add_directory(&builder, argument);
    const char *source = equals + 1;
    size_t size = 0;
    void *data = read_file(source, &size);
    size_t path_length = (size_t)(equals - argument);
    char *path = malloc(path_length + 1);
    if (data == NULL || path == NULL) {
        fprintf(stderr, "mkrootfs: %s: %s\n", source, strerror(errno));
        exit(1);
    }
    memcpy(path, argument, path_length);
    path[path_length] = '\0';
    enum rootfs_error error = rootfs_builder_add_file(&builder, path, data, size);
    free(path); /* the builder keeps a copy of the path, and `data` until written */
    return error;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr,
                "usage: %s OUTPUT [/path=SOURCE | /directory/]...\n"
                "  at most %u entries (implied directories included), names of at most %u\n"
                "  bytes, paths under %u bytes, files of at most %u bytes\n",
                argv[0], (unsigned)ROOTFS_MAX_ENTRIES, (unsigned)RAMFS_NAME_MAX,
                (unsigned)RAMFS_PATH_MAX, (unsigned)RAMFS_FILE_SIZE_MAX);
        return 2;
    }
    rootfs_builder_init(&builder);
    for (int i = 2; i < argc; i++) {
        enum rootfs_error error = add_argument(argv[i]);
        if (error != ROOTFS_OK) {
            fprintf(stderr, "mkrootfs: %s: %s\n", argv[i], rootfs_error_name(error));
            return 2;
        }
    }

    size_t size = rootfs_builder_size(&builder);
    uint8_t *image = malloc(size);
    if (image == NULL) {
        fprintf(stderr, "mkrootfs: out of memory\n");
        return 1;
    }
    rootfs_builder_write(&builder, image);
    /* The reader is the judge of the format: never write what it refuses. */
    struct ramfs_archive archive;
    enum ramfs_archive_error check = ramfs_archive_open(&archive, image, size);
    if (check != RAMFS_ARCHIVE_OK) {
        fprintf(stderr, "mkrootfs: the archive written does not read back: %s\n",
                ramfs_archive_error_name(check));
        return 1;
    }

    FILE *output = fopen(argv[1], "wb");
    if (output == NULL || fwrite(image, 1, size, output) != size || fclose(output) != 0) {
        fprintf(stderr, "mkrootfs: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    return 0;
}
