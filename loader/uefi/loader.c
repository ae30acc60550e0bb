/*
 * The A9N UEFI loader (EFI/BOOT/BOOTX64.EFI): reads \A9N\BOOT.CFG, places
 * the kernel at its physical addresses and the boot modules anywhere,
 * fills a struct a9n_boot_info and jumps to the kernel's loader entry
 * (docs/boot-protocol.md, "x86_64 UEFI loader handoff").
 */
#include <efi.h>

#include "config.h"
#include "console.h"
#include "esp_file.h"
#include "kernel_image.h"
#include "memory_map.h"
#include "pages.h"
#include "string.h"

#define CONFIG_PATH "\\A9N\\BOOT.CFG"
#define CONFIG_MAX_SIZE (64 * 1024)
/* The HAL reads boot_info through its boot page tables, which map the first GiB. */
#define BOOT_INFO_LIMIT ((1ull << 30) - 1)
/* Long enough to read a failure message before the firmware's menu replaces it. */
#define FAILURE_PAUSE_MICROSECONDS 3000000
/* ExitBootServices fails when the map changed since GetMemoryMap: try again. */
#define EXIT_BOOT_SERVICES_ATTEMPTS 8

static EFI_SYSTEM_TABLE *system_table;
static EFI_BOOT_SERVICES *boot_services;
/* Static, not on the stack: this target would probe big stack frames. */
static struct loader_config config;

/* Read the whole file `path` into new loader-data pages. */
static EFI_STATUS load_file(EFI_FILE_HANDLE root, const char *path, EFI_PHYSICAL_ADDRESS *address,
                            UINT64 *size)
{
    EFI_FILE_HANDLE file;
    EFI_STATUS status = esp_open_file(root, path, &file, size);
    if (EFI_ERROR(status)) {
        console_print("A9N loader: cannot open %s: %r\n", path, status);
        return status;
    }
    status = pages_allocate(AllocateAnyPages, EfiLoaderData, *size, address);
    if (EFI_ERROR(status)) {
        console_print("A9N loader: not enough memory for %s (%u bytes): %r\n", path, *size,
                      status);
        file->Close(file);
        return status;
    }
    status = esp_read_file(file, (void *)*address, *size);
    if (EFI_ERROR(status))
        console_print("A9N loader: cannot read %s: %r\n", path, status);
    return status;
}

static EFI_STATUS read_config(EFI_FILE_HANDLE root)
{
    EFI_PHYSICAL_ADDRESS address;
    UINT64 size;
    EFI_STATUS status = load_file(root, CONFIG_PATH, &address, &size);
    if (EFI_ERROR(status))
        return status;
    if (size > CONFIG_MAX_SIZE) {
        console_print("A9N loader: %s is larger than %u bytes\n", CONFIG_PATH,
                      (UINT64)CONFIG_MAX_SIZE);
        return EFI_LOAD_ERROR;
    }
    unsigned line;
    enum loader_config_error error = loader_config_parse((const char *)address, size, &config, &line);
    if (error != LOADER_CONFIG_OK) {
        console_print("A9N loader: %s line %u: %s\n", CONFIG_PATH, (UINT64)line,
                      loader_config_error_message(error));
        return EFI_LOAD_ERROR;
    }
    return EFI_SUCCESS;
}

/* Place the kernel's segments at their p_paddr; its span is loader code,
   so that firmware with no-execute protection for data leaves it runnable. */
static EFI_STATUS load_kernel(EFI_FILE_HANDLE root, struct a9n_boot_info *info, UINT64 *entry)
{
    static struct kernel_image image;
    EFI_PHYSICAL_ADDRESS file;
    UINT64 size;
    EFI_STATUS status = load_file(root, config.kernel, &file, &size);
    if (EFI_ERROR(status))
        return status;
    enum kernel_image_error error = kernel_image_parse((const void *)file, size, &image);
    if (error != KERNEL_IMAGE_OK) {
        console_print("A9N loader: %s is not a usable kernel: %s\n", config.kernel,
                      kernel_image_error_message(error));
        return EFI_LOAD_ERROR;
    }
    EFI_PHYSICAL_ADDRESS base = image.base;
    status = pages_allocate(AllocateAddress, EfiLoaderCode, image.end - image.base, &base);
    if (EFI_ERROR(status)) {
        console_print("A9N loader: the kernel must be at %x..%x, which is not free memory: %r\n",
                      image.base, image.end, status);
        return status;
    }
    memset((void *)base, 0, image.end - image.base);
    for (unsigned i = 0; i < image.segment_count; i++) {
        const struct kernel_segment *segment = &image.segments[i];
        memcpy((void *)segment->paddr, (const char *)file + segment->file_offset,
               segment->file_size);
    }
    info->kernel_base = image.base;
    info->kernel_size = image.end - image.base;
    *entry = image.entry;
    return EFI_SUCCESS;
}

static EFI_STATUS load_modules(EFI_FILE_HANDLE root, struct a9n_boot_info *info)
{
    for (unsigned i = 0; i < config.module_count; i++) {
        struct a9n_boot_module *module = &info->modules[i];
        EFI_PHYSICAL_ADDRESS address;
        EFI_STATUS status = load_file(root, config.modules[i].path, &address, &module->size);
        if (EFI_ERROR(status)) {
            console_print("A9N loader: boot module %s is missing or unreadable\n",
                          config.modules[i].name);
            return status;
        }
        module->base = address;
        memcpy(module->name, config.modules[i].name, sizeof(module->name));
        info->module_count = i + 1;
    }
    return EFI_SUCCESS;
}

/* The RSDP from the firmware's configuration table; ACPI 2.0+ (XSDT) preferred. */
static void find_acpi(struct a9n_boot_info *info)
{
    EFI_GUID acpi_20 = ACPI_20_TABLE_GUID, acpi_10 = ACPI_TABLE_GUID;
    for (UINTN i = 0; i < system_table->NumberOfTableEntries; i++) {
        const EFI_CONFIGURATION_TABLE *table = &system_table->ConfigurationTable[i];
        if (memcmp(&table->VendorGuid, &acpi_20, sizeof(EFI_GUID)) == 0) {
            info->arch.acpi_rsdp = (UINT64)table->VendorTable;
            return;
        }
        if (memcmp(&table->VendorGuid, &acpi_10, sizeof(EFI_GUID)) == 0)
            info->arch.acpi_rsdp = (UINT64)table->VendorTable;
    }
}

/* The GOP framebuffer, when it is a plain 32-bit RGB or BGR one. */
static void find_framebuffer(struct a9n_boot_info *info)
{
    EFI_GUID gop_guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;
    EFI_GRAPHICS_OUTPUT_PROTOCOL *gop;
    if (EFI_ERROR(boot_services->LocateProtocol(&gop_guid, NULL, (void **)&gop)) ||
        gop->Mode == NULL || gop->Mode->Info == NULL)
        return;
    const EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *mode = gop->Mode->Info;
    if (mode->PixelFormat != PixelRedGreenBlueReserved8BitPerColor &&
        mode->PixelFormat != PixelBlueGreenRedReserved8BitPerColor)
        return;
    info->arch.framebuffer_base = gop->Mode->FrameBufferBase;
    info->arch.framebuffer_width = mode->HorizontalResolution;
    info->arch.framebuffer_height = mode->VerticalResolution;
    info->arch.framebuffer_stride = mode->PixelsPerScanLine * 4;
    info->arch.framebuffer_format = mode->PixelFormat;
}

/*
 * Leave boot services with the memory map taken right before, and convert
 * that map. Nothing may allocate between GetMemoryMap and
 * ExitBootServices, so the buffer is allocated first with room for the
 * entries its own allocation adds.
 */
static EFI_STATUS exit_boot_services(EFI_HANDLE image, struct a9n_boot_info *info)
{
    UINTN map_size = 0, map_key, descriptor_size;
    UINT32 descriptor_version;
    EFI_STATUS status = boot_services->GetMemoryMap(&map_size, NULL, &map_key, &descriptor_size,
                                                    &descriptor_version);
    if (status != EFI_BUFFER_TOO_SMALL) {
        console_print("A9N loader: GetMemoryMap failed: %r\n", status);
        return EFI_ERROR(status) ? status : EFI_LOAD_ERROR;
    }
    UINTN capacity = map_size + 16 * descriptor_size;
    EFI_PHYSICAL_ADDRESS map;
    status = pages_allocate(AllocateAnyPages, EfiLoaderData, capacity, &map);
    if (EFI_ERROR(status)) {
        console_print("A9N loader: no memory for the memory map: %r\n", status);
        return status;
    }
    for (unsigned attempt = 0; attempt < EXIT_BOOT_SERVICES_ATTEMPTS; attempt++) {
        map_size = capacity;
        status = boot_services->GetMemoryMap(&map_size, (EFI_MEMORY_DESCRIPTOR *)map, &map_key,
                                             &descriptor_size, &descriptor_version);
        if (EFI_ERROR(status))
            break;
        status = boot_services->ExitBootServices(image, map_key);
        if (status == EFI_SUCCESS) {
            loader_memory_map_convert((const void *)map, map_size, descriptor_size, info);
            return EFI_SUCCESS;
        }
        if (status != EFI_INVALID_PARAMETER)
            break;
    }
    /* Boot services may be half gone after a failed ExitBootServices:
       the console may or may not still print this. */
    console_print("A9N loader: ExitBootServices failed: %r\n", status);
    return status;
}

/* The handoff state is documented in docs/boot-protocol.md: interrupts off,
   rdi = boot_info, on the firmware's identity-mapped page tables. */
static _Noreturn void enter_kernel(UINT64 entry, const struct a9n_boot_info *info)
{
    __asm__ volatile("cli\n\tjmp *%1" : : "D"(info), "r"(entry) : "memory");
    __builtin_unreachable();
}

static EFI_STATUS boot(EFI_HANDLE image)
{
    EFI_FILE_HANDLE root;
    EFI_STATUS status = esp_open_root(boot_services, image, &root);
    if (EFI_ERROR(status)) {
        console_print("A9N loader: cannot open the EFI system partition: %r\n", status);
        return status;
    }
    status = read_config(root);
    if (EFI_ERROR(status))
        return status;

    EFI_PHYSICAL_ADDRESS info_address = BOOT_INFO_LIMIT;
    status = pages_allocate(AllocateMaxAddress, EfiLoaderData, sizeof(struct a9n_boot_info),
                            &info_address);
    if (EFI_ERROR(status)) {
        console_print("A9N loader: no memory below 1 GiB for the boot info: %r\n", status);
        return status;
    }
    struct a9n_boot_info *info = (struct a9n_boot_info *)info_address;
    memset(info, 0, sizeof(*info));
    info->magic = A9N_BOOT_INFO_MAGIC;
    info->version = A9N_BOOT_INFO_VERSION;
    memcpy(info->command_line, config.command_line, sizeof(info->command_line));

    UINT64 entry;
    status = load_kernel(root, info, &entry);
    if (EFI_ERROR(status))
        return status;
    status = load_modules(root, info);
    if (EFI_ERROR(status))
        return status;
    find_acpi(info);
    find_framebuffer(info);
    console_print("A9N loader: kernel %s at %x, %u boot modules, ACPI RSDP %x\n", config.kernel,
                  info->kernel_base, (UINT64)info->module_count, info->arch.acpi_rsdp);

    status = exit_boot_services(image, info);
    if (EFI_ERROR(status))
        return status;
    enter_kernel(entry, info);
}

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *table)
{
    system_table = table;
    boot_services = table->BootServices;
    console_init(table);
    pages_init(boot_services);
    console_print("A9N UEFI loader\n");

    EFI_STATUS status = boot(image);
    /* Only failures come back: give the memory back and let the firmware
       go on to its next boot option. */
    pages_free_all();
    console_print("A9N loader: boot failed, returning to the firmware\n");
    boot_services->Stall(FAILURE_PAUSE_MICROSECONDS);
    return status;
}
