/*
 * Populating a ramfs from the boot-tree archive (ramfs_load_archive in
 * ramfs.h). Files keep pointing into the image: their bytes are copied
 * only when first changed (ramfs.c, copy_from_archive).
 */
#include "archive.h"
#include "path.h"
#include "ramfs.h"

static int add_member(struct ramfs *fs, const struct ramfs_archive_member *member)
{
    struct ramfs_path_last last;
    int error = ramfs_path_split(fs, RAMFS_ROOT, member->path, member->path_length, &last);
    if (error != 0)
        return error;
    uint32_t node;
    if (member->type == RAMFS_ARCHIVE_DIRECTORY)
        return ramfs_mkdir(fs, last.parent, last.name, last.length, &node);
    if (last.trailing_slash)
        return -KOITO_EISDIR;
    if (member->size > RAMFS_FILE_SIZE_MAX)
        return -KOITO_EFBIG;
    error = ramfs_create(fs, last.parent, last.name, last.length, &node);
    if (error != 0)
        return error;
    struct ramfs_node *file = ramfs_node(fs, node);
    file->archive_data = member->data;
    file->size = member->size;
    return 0;
}

int ramfs_load_archive(struct ramfs *fs, const void *image, size_t size)
{
    struct ramfs_archive archive;
    if (ramfs_archive_open(&archive, image, size) != RAMFS_ARCHIVE_OK)
        return -KOITO_EINVAL;
    struct ramfs_archive_member member;
    for (uint32_t i = 0; ramfs_archive_member(&archive, i, &member); i++) {
        int error = add_member(fs, &member);
        if (error != 0)
            return error;
    }
    return 0;
}
