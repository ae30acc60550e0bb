/*
 * What the isolation tests need of the instruction set that C cannot
 * express, one file per architecture (isolation/<arch>/traps.c).
 */
#ifndef ISOLATION_TRAPS_H
#define ISOLATION_TRAPS_H

#include <a9n/fault.h>
#include <a9n/types.h>

/*
 * An access to `address` by an instruction the architecture refuses when
 * the address is misaligned (x86_64 movaps: 16 bytes, general protection;
 * riscv64 amoadd.d: 8 bytes, address misaligned), and the fault kind its
 * refusal arrives as. Ordinary loads and stores take misaligned addresses
 * on both (riscv64: the hardware or the SBI firmware completes them).
 */
void isolation_misaligned_trap(a9n_word_t address);
enum a9n_fault_kind isolation_misaligned_fault_kind(void);

/*
 * The hardware's unsigned division: x86_64 div raises a divide error for
 * divisor 0; riscv64 divu/remu never trap and give all ones and the
 * dividend (the RISC-V unprivileged specification, M extension).
 */
a9n_word_t isolation_divide(a9n_word_t dividend, a9n_word_t divisor, a9n_word_t *remainder);
bool isolation_divide_by_zero_traps(void);

/* Instructions user mode may not execute, each in a function of its own. */
struct isolation_instruction {
    const char *name;
    void (*execute)(a9n_word_t unused);
    enum a9n_fault_kind kind; /* what the resolver must see */
};
extern const struct isolation_instruction isolation_forbidden_instructions[];
extern const unsigned isolation_forbidden_instruction_count;

#endif
