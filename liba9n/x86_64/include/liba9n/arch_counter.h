/* x86_64 counter: the time-stamp counter (user-readable, CR4.TSD clear). */
#ifndef LIBA9N_ARCH_COUNTER_H
#define LIBA9N_ARCH_COUNTER_H

#include <stdint.h>

static inline uint64_t a9n_read_counter(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
}

#endif
