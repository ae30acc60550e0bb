/*
 * The loader's configuration file, \A9N\BOOT.CFG on the EFI system
 * partition: which kernel and which boot modules to load. Pure C (no UEFI
 * calls), so the parser is host-tested.
 */
#ifndef LOADER_UEFI_CONFIG_H
#define LOADER_UEFI_CONFIG_H

#include <a9n/boot_info.h>
#include <stddef.h>

#define LOADER_CONFIG_PATH_LENGTH 128

struct loader_module_config {
    char name[A9N_BOOT_MODULE_NAME_LENGTH];
    char path[LOADER_CONFIG_PATH_LENGTH]; /* on the ESP, '\' separated */
};

struct loader_config {
    char kernel[LOADER_CONFIG_PATH_LENGTH];
    unsigned module_count;
    struct loader_module_config modules[A9N_BOOT_MAX_MODULES];
    char command_line[A9N_BOOT_COMMAND_LINE_LENGTH];
};

enum loader_config_error {
    LOADER_CONFIG_OK,
    LOADER_CONFIG_UNKNOWN_KEY,
    LOADER_CONFIG_MISSING_VALUE,
    LOADER_CONFIG_TOO_LONG,
    LOADER_CONFIG_TOO_MANY_MODULES,
    LOADER_CONFIG_DUPLICATE_KERNEL,
    LOADER_CONFIG_NO_KERNEL,
};

/*
 * Parse `size` bytes of `text`: one `key=value` per line, `#` starts a
 * comment line, blanks around keys and values and CR line ends are
 * ignored. Keys: `kernel=PATH` (exactly once), `module=NAME PATH` (in boot
 * order, at most A9N_BOOT_MAX_MODULES), `command_line=TEXT`. '/' in paths
 * becomes '\'. On an error `*line` is the 1-based line it was found on
 * (0 for LOADER_CONFIG_NO_KERNEL).
 */
enum loader_config_error loader_config_parse(const char *text, size_t size,
                                             struct loader_config *config, unsigned *line);

const char *loader_config_error_message(enum loader_config_error error);

#endif
