/*
 * Memory: sbrk behind malloc, and anonymous mmap/munmap
 * (<sys/mman.h>). The POSIX server maps the pages, from ULMM, for the
 * program (BRK, MMAP, MUNMAP in docs/posix.md); its end gives them all
 * back.
 */
#include "glue.h"

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>


static uintptr_t current_break;

void *sbrk(ptrdiff_t increment)
{
    if (current_break == 0) {
        posix_set_word(0, 0);
        long start = posix_result(posix_call(KOITO_POSIX_BRK, 1));
        if (start < 0)
            return (void *)-1;
        current_break = (uintptr_t)start;
    }
    uintptr_t old = current_break;
    if (increment == 0)
        return (void *)old;
    uintptr_t wanted = old + (uintptr_t)increment;
    if ((increment > 0 && wanted < old) || (increment < 0 && wanted > old)) {
        errno = ENOMEM;
        return (void *)-1;
    }
    posix_set_word(0, wanted);
    if (posix_result(posix_call(KOITO_POSIX_BRK, 1)) < 0)
        return (void *)-1;
    current_break = wanted;
    return (void *)old;
}
GLUE_ALSO_UNDERSCORED(sbrk);

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset)
{
    (void)address; /* a hint, and KOITO takes none */
    if ((flags & MAP_ANONYMOUS) == 0 || fd != -1 || offset != 0) {
        errno = ENODEV; /* no file mappings */
        return MAP_FAILED;
    }
    if ((flags & (MAP_PRIVATE | MAP_SHARED)) == 0 ||
        (protection & ~(PROT_READ | PROT_WRITE)) != 0) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    posix_set_word(0, length);
    long mapped = posix_result(posix_call(KOITO_POSIX_MMAP, 1));
    return mapped < 0 ? MAP_FAILED : (void *)(uintptr_t)mapped;
}

int munmap(void *address, size_t length)
{
    posix_set_word(0, (a9n_word_t)(uintptr_t)address);
    posix_set_word(1, length);
    return (int)posix_result(posix_call(KOITO_POSIX_MUNMAP, 2));
}
