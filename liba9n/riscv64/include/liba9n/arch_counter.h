/* riscv64 counter: instructions retired (user-readable through scounteren.IR). */
#ifndef LIBA9N_ARCH_COUNTER_H
#define LIBA9N_ARCH_COUNTER_H

#include <stdint.h>

static inline uint64_t a9n_read_counter(void)
{
    uint64_t value;
    __asm__ volatile("rdinstret %0" : "=r"(value));
    return value;
}

#endif
