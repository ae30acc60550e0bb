/*
 * Basic ABI types shared by the kernel and user level.
 * Everything here is freestanding C: no libc headers beyond the compiler's.
 */
#ifndef A9N_TYPES_H
#define A9N_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One machine word: a register, a descriptor, a message register. */
typedef uintptr_t a9n_word_t;

/* Physical addresses are always 64 bits, whatever the word size. */
typedef uint64_t a9n_paddr_t;

#define A9N_WORD_BITS (sizeof(a9n_word_t) * 8)

#endif
