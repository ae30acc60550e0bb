# Host tests of the UEFI loader's pure parts: the configuration parser, the
# kernel ELF checks and the memory-map conversion (against gnu-efi's types).
HOST_TESTS += uefi_config uefi_kernel_image uefi_memory_map
uefi_config_SRCS := tests/host/uefi/test_config.c loader/uefi/config.c
uefi_config_CFLAGS := -Iloader/uefi
uefi_kernel_image_SRCS := tests/host/uefi/test_kernel_image.c loader/uefi/kernel_image.c
uefi_kernel_image_CFLAGS := -Iloader/uefi
uefi_memory_map_SRCS := tests/host/uefi/test_memory_map.c loader/uefi/memory_map.c
uefi_memory_map_CFLAGS := -Iloader/uefi -I/usr/include/efi -I/usr/include/efi/x86_64
