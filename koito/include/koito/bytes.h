/*
 * The byte primitives KOITO's pure libraries use. In a server they are
 * liba9n/string.c's, in host tests the C library's; liba9n has no header
 * for them and these libraries include no C-library header, so they are
 * declared here, exactly as the C standard does.
 */
#ifndef KOITO_BYTES_H
#define KOITO_BYTES_H

#include <stddef.h>

void *memcpy(void *restrict destination, const void *restrict source, size_t size);
void *memset(void *destination, int value, size_t size);

#endif
