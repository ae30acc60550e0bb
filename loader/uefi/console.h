/*
 * Messages on the UEFI console (ConOut: the screen, and the serial line
 * where the firmware mirrors it) while boot services are up.
 */
#ifndef LOADER_UEFI_CONSOLE_H
#define LOADER_UEFI_CONSOLE_H

#include <efi.h>

void console_init(EFI_SYSTEM_TABLE *system_table);

/* printf subset: %s (ASCII), %x (UINT64, hex), %u (UINT64, decimal), %r (EFI_STATUS). */
void console_print(const char *format, ...);

#endif
