/*
 * The cheapest cycle/instruction counter user mode can read: x86_64 rdtsc,
 * riscv64 rdinstret. Under QEMU with -icount shift=0,sleep=off both count
 * retired instructions exactly, which is what `make bench` reports.
 */
#ifndef LIBA9N_COUNTER_H
#define LIBA9N_COUNTER_H

#include <stdint.h>

uint64_t a9n_read_counter(void);

#endif
