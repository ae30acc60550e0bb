/*
 * Shared by the system-call glue between newlib and KOITO (docs/libc.md):
 * each glue file answers one concern (console, descriptors, paths, heap,
 * process, time) and can later forward to a server without the others
 * changing.
 */
#ifndef KOITO_LIBC_GLUE_H
#define KOITO_LIBC_GLUE_H

/* The glue implements POSIX calls: their declarations must be visible under -std=c17. */
#define _DEFAULT_SOURCE 1

#include <stddef.h>

/*
 * newlib reaches the system by two spellings: on riscv64 its wrappers call
 * the underscore names (_write), configured for x86_64-elf it calls the
 * plain ones (write; newlib's MISSING_SYSCALL_NAMES). Each glue call is
 * defined under the plain name and also answers to the underscore name.
 */
#define GLUE_ALSO_UNDERSCORED(name) \
    extern __typeof__(name) _##name __attribute__((alias(#name)))

/* console.c: the console behind descriptors 0, 1 and 2 (for now the kernel's debug console). */
long console_write(const void *bytes, size_t length);
long console_read(void *bytes, size_t length);

#endif
