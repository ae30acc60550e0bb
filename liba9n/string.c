/*
 * The memory primitives the compiler may call on its own in freestanding
 * code (struct copies and zeroing). Programs with a real C library use its
 * versions instead.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Word-at-a-time when both ends are word aligned: every kernel-call wrapper
 * zeroes a message-register array, and on riscv64 (no vector stores, the
 * compiler calls memset) a byte loop made a yield cost twice as much.
 * User level keeps its own copy: it never links kernel sources.
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

