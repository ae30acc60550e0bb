/* riscv64 counter: instructions retired (user-readable through scounteren.IR). */
#include <liba9n/counter.h>

uint64_t a9n_read_counter(void)
{
    uint64_t value;
    __asm__ volatile("rdinstret %0" : "=r"(value));
    return value;
}
