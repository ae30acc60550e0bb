/*
 * Reading whole files from the EFI system partition through the Simple
 * File System protocol of the device the loader itself came from.
 */
#include "esp_file.h"

#include "config.h"

EFI_STATUS esp_open_root(EFI_BOOT_SERVICES *boot_services, EFI_HANDLE image,
                         EFI_FILE_HANDLE *root)
{
    EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
    EFI_GUID file_system_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
    EFI_LOADED_IMAGE *loaded_image;
    EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *file_system;

    EFI_STATUS status = boot_services->HandleProtocol(image, &loaded_image_guid, (void **)&loaded_image);
    if (EFI_ERROR(status))
        return status;
    status = boot_services->HandleProtocol(loaded_image->DeviceHandle, &file_system_guid,
                                           (void **)&file_system);
    if (EFI_ERROR(status))
        return status;
    return file_system->OpenVolume(file_system, root);
}

EFI_STATUS esp_open_file(EFI_FILE_HANDLE root, const char *path, EFI_FILE_HANDLE *file,
                         UINT64 *size)
{
    CHAR16 wide_path[LOADER_CONFIG_PATH_LENGTH];
    unsigned i = 0;
    for (; path[i] != '\0' && i + 1 < LOADER_CONFIG_PATH_LENGTH; i++)
        wide_path[i] = (CHAR16)(unsigned char)path[i];
    wide_path[i] = 0;

    EFI_STATUS status = root->Open(root, file, wide_path, EFI_FILE_MODE_READ, 0);
    if (EFI_ERROR(status))
        return status;

    EFI_GUID file_info_guid = EFI_FILE_INFO_ID;
    /* EFI_FILE_INFO ends in the file name: leave room for a long one. */
    union {
        EFI_FILE_INFO info;
        char bytes[sizeof(EFI_FILE_INFO) + 512];
    } info;
    UINTN info_size = sizeof(info);
    status = (*file)->GetInfo(*file, &file_info_guid, &info_size, &info);
    if (EFI_ERROR(status)) {
        (*file)->Close(*file);
        return status;
    }
    *size = info.info.FileSize;
    return EFI_SUCCESS;
}

EFI_STATUS esp_read_file(EFI_FILE_HANDLE file, void *buffer, UINT64 size)
{
    EFI_STATUS status = EFI_SUCCESS;
    UINT64 done = 0;
    /* Read may return less than asked; zero bytes means the file ended early. */
    while (done < size) {
        UINTN chunk = size - done;
        status = file->Read(file, &chunk, (char *)buffer + done);
        if (EFI_ERROR(status))
            break;
        if (chunk == 0) {
            status = EFI_END_OF_FILE;
            break;
        }
        done += chunk;
    }
    file->Close(file);
    return status;
}
