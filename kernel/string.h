/* Kernel memory primitives (kernel/string.c; libc's on the host). */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include <stddef.h>

void *memset(void *destination, int value, size_t size);
void *memcpy(void *restrict destination, const void *restrict source, size_t size);
void *memmove(void *destination, const void *source, size_t size);
int memcmp(const void *a, const void *b, size_t size);

#endif
