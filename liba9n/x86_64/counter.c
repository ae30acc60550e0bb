/* x86_64 counter: the time-stamp counter (user-readable, CR4.TSD clear). */
#include <liba9n/counter.h>

uint64_t a9n_read_counter(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
}
