/*
 * The memory primitives the compiler may call on its own in freestanding
 * code (struct copies and zeroing). Programs with a real C library use its
 * versions instead.
 */
#include <stddef.h>

void *memset(void *destination, int value, size_t size)
{
    unsigned char *d = destination;
    while (size--)
        *d++ = (unsigned char)value;
    return destination;
}

void *memcpy(void *restrict destination, const void *restrict source, size_t size)
{
    unsigned char *d = destination;
    const unsigned char *s = source;
    while (size--)
        *d++ = *s++;
    return destination;
}
