/*
 * The memory primitives the compiler may emit calls to even in freestanding
 * code (struct copies, zeroing), plus what the kernel uses itself.
 */
#include <stddef.h>
#include <stdint.h>

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

void *memmove(void *destination, const void *source, size_t size)
{
    unsigned char *d = destination;
    const unsigned char *s = source;
    if (d < s) {
        while (size--)
            *d++ = *s++;
    } else {
        while (size--)
            d[size] = s[size];
    }
    return destination;
}

int memcmp(const void *a, const void *b, size_t size)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < size; i++) {
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}
