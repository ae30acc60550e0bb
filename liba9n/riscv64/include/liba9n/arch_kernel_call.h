/*
 * riscv64 kernel-call instruction, inline so that IPC stubs keep a message
 * in registers: a7 = call number, MR0..MR13 in a0..a6 and t0..t6
 * (abi/riscv64/a9n_arch.h). Every other register is preserved.
 */
#ifndef LIBA9N_ARCH_KERNEL_CALL_H
#define LIBA9N_ARCH_KERNEL_CALL_H

#include <a9n/types.h>
#include <a9n_arch.h>

static inline void a9n_arch_kernel_call_inline(a9n_word_t number,
                                               a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    register a9n_word_t a7 __asm__("a7") = number;
    register a9n_word_t mr0 __asm__("a0") = mr[0];
    register a9n_word_t mr1 __asm__("a1") = mr[1];
    register a9n_word_t mr2 __asm__("a2") = mr[2];
    register a9n_word_t mr3 __asm__("a3") = mr[3];
    register a9n_word_t mr4 __asm__("a4") = mr[4];
    register a9n_word_t mr5 __asm__("a5") = mr[5];
    register a9n_word_t mr6 __asm__("a6") = mr[6];
    register a9n_word_t mr7 __asm__("t0") = mr[7];
    register a9n_word_t mr8 __asm__("t1") = mr[8];
    register a9n_word_t mr9 __asm__("t2") = mr[9];
    register a9n_word_t mr10 __asm__("t3") = mr[10];
    register a9n_word_t mr11 __asm__("t4") = mr[11];
    register a9n_word_t mr12 __asm__("t5") = mr[12];
    register a9n_word_t mr13 __asm__("t6") = mr[13];

    __asm__ volatile("ecall"
                     : "+r"(mr0), "+r"(mr1), "+r"(mr2), "+r"(mr3), "+r"(mr4), "+r"(mr5),
                       "+r"(mr6), "+r"(mr7), "+r"(mr8), "+r"(mr9), "+r"(mr10), "+r"(mr11),
                       "+r"(mr12), "+r"(mr13)
                     : "r"(a7)
                     : "memory");

    mr[0] = mr0;
    mr[1] = mr1;
    mr[2] = mr2;
    mr[3] = mr3;
    mr[4] = mr4;
    mr[5] = mr5;
    mr[6] = mr6;
    mr[7] = mr7;
    mr[8] = mr8;
    mr[9] = mr9;
    mr[10] = mr10;
    mr[11] = mr11;
    mr[12] = mr12;
    mr[13] = mr13;
}

#endif
