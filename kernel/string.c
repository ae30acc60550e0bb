/*
 * The memory primitives the compiler may emit calls to even in freestanding
 * code (struct copies, zeroing), plus what the kernel uses itself.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Word-at-a-time when both ends are word aligned: zeroing a converted page
 * is the bulk of Generic convert, and a byte loop costs eight times as many
 * instructions on a CPU without vector stores (riscv64 here).
 */
static bool word_aligned(const void *a, const void *b, size_t size)
{
    return (((uintptr_t)a | (uintptr_t)b | size) & (sizeof(uintptr_t) - 1)) == 0;
}

void *memset(void *destination, int value, size_t size)
{
    if (word_aligned(destination, destination, size)) {
        uintptr_t pattern = (unsigned char)value * (UINTPTR_MAX / 0xff);
        uintptr_t *d = destination;
        for (size_t i = 0; i < size / sizeof(uintptr_t); i++)
            d[i] = pattern;
        return destination;
    }
    unsigned char *d = destination;
    while (size--)
        *d++ = (unsigned char)value;
    return destination;
}

void *memcpy(void *restrict destination, const void *restrict source, size_t size)
{
    if (word_aligned(destination, source, size)) {
        uintptr_t *d = destination;
        const uintptr_t *s = source;
        for (size_t i = 0; i < size / sizeof(uintptr_t); i++)
            d[i] = s[i];
        return destination;
    }
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
