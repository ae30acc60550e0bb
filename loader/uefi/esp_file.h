/*
 * Files on the EFI system partition the loader was started from: the
 * configuration, the kernel and the boot modules.
 */
#ifndef LOADER_UEFI_ESP_FILE_H
#define LOADER_UEFI_ESP_FILE_H

#include <efi.h>

/* The root directory of the volume that holds this loader's image. */
EFI_STATUS esp_open_root(EFI_BOOT_SERVICES *boot_services, EFI_HANDLE image,
                         EFI_FILE_HANDLE *root);

/* Open `path` (ASCII, '\' separated) for reading and get its size. */
EFI_STATUS esp_open_file(EFI_FILE_HANDLE root, const char *path, EFI_FILE_HANDLE *file,
                         UINT64 *size);

/* Read all `size` bytes of `file` into `buffer`, then close it. */
EFI_STATUS esp_read_file(EFI_FILE_HANDLE file, void *buffer, UINT64 size);

#endif
