/*
 * The FP registers of the calling thread for the FP tests. Each function
 * fills every FP register and the FP control and status register from a
 * seed, does one thing, and reads them all back in one stretch of
 * assembly, so that no compiled code touches them in between (the x86_64
 * C ABI keeps no FP register across a call). The result is the number of
 * registers that no longer hold the seed's values: 0 when the thread's
 * state survived. Afterwards the control register is back at its
 * default.
 *
 * This is the only architecture-specific part of the system tests
 * (fpu/<arch>/registers.c, chosen by program.mk): C cannot say "this value
 * in that register across this instruction".
 */
#ifndef SYSTEM_TEST_FPU_REGISTERS_H
#define SYSTEM_TEST_FPU_REGISTERS_H

#include <stdbool.h>

#include <a9n/types.h>
#include <a9n_arch.h>

/* Registers fpu_hold_* compare: all of them differ after an FPU hand-over that lost the state. */
extern const unsigned fpu_register_count;

/* ... across kernel call `number` with the MRs in `mr` (in and out, as a9n_arch_kernel_call). */
unsigned fpu_hold_across_kernel_call(a9n_word_t seed, a9n_word_t number,
                                     a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);

/*
 * ... while `*word` equals `value` (another thread changes it: this one
 * must have been preempted), at most `spins` rounds; *changed says whether
 * it changed.
 */
unsigned fpu_hold_while_equal(a9n_word_t seed, const volatile a9n_word_t *word, a9n_word_t value,
                              a9n_word_t spins, bool *changed);

/* ... across a store of `value` to `address` (which may fault and be resolved). */
unsigned fpu_hold_across_store(a9n_word_t seed, volatile a9n_word_t *address, a9n_word_t value);

/* Fill the registers from `seed` and leave them so (nothing read back, nothing reset). */
void fpu_fill(a9n_word_t seed);

/* Whether the registers hold the architecture's initial state (what a new thread must see). */
bool fpu_is_initial(void);

/* The square-root instruction (sqrtsd, fsqrt.d): the compiler would call libm's sqrt. */
double fpu_sqrt(double x);

#endif
