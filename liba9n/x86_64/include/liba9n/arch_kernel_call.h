/*
 * x86_64 kernel-call instruction, inline so that IPC stubs keep a message
 * in registers: rax = call number, MR0..MR9 in rdi, rsi, rdx, r10, r8, r9,
 * r12, r13, r14, r15 (abi/x86_64/a9n_arch.h). syscall destroys rcx and r11.
 */
#ifndef LIBA9N_ARCH_KERNEL_CALL_H
#define LIBA9N_ARCH_KERNEL_CALL_H

#include <a9n/types.h>
#include <a9n_arch.h>

static inline void a9n_arch_kernel_call_inline(a9n_word_t number,
                                               a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    register a9n_word_t rax __asm__("rax") = number;
    register a9n_word_t mr0 __asm__("rdi") = mr[0];
    register a9n_word_t mr1 __asm__("rsi") = mr[1];
    register a9n_word_t mr2 __asm__("rdx") = mr[2];
    register a9n_word_t mr3 __asm__("r10") = mr[3];
    register a9n_word_t mr4 __asm__("r8") = mr[4];
    register a9n_word_t mr5 __asm__("r9") = mr[5];
    register a9n_word_t mr6 __asm__("r12") = mr[6];
    register a9n_word_t mr7 __asm__("r13") = mr[7];
    register a9n_word_t mr8 __asm__("r14") = mr[8];
    register a9n_word_t mr9 __asm__("r15") = mr[9];

    __asm__ volatile("syscall"
                     : "+r"(rax), "+r"(mr0), "+r"(mr1), "+r"(mr2), "+r"(mr3), "+r"(mr4),
                       "+r"(mr5), "+r"(mr6), "+r"(mr7), "+r"(mr8), "+r"(mr9)
                     :
                     : "rcx", "r11", "memory");

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
}

#endif
