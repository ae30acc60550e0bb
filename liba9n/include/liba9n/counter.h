/*
 * The cheapest cycle/instruction counter user mode can read: x86_64 rdtsc,
 * riscv64 rdinstret. Under QEMU with -icount shift=0,sleep=off both count
 * retired instructions exactly, which is what `make bench` reports.
 *
 * a9n_read_counter() is inline (liba9n/<arch>/include/liba9n/arch_counter.h):
 * a function call around a measured operation would make the compiler move
 * every live caller-saved register (on riscv64 all 14 register MRs) aside
 * and back, and those moves would be counted as part of the operation.
 */
#ifndef LIBA9N_COUNTER_H
#define LIBA9N_COUNTER_H

#include <liba9n/arch_counter.h>

#endif
