/*
 * RISC-V privileged-architecture constants (supervisor CSRs, trap causes,
 * Sv39 page-table entries) and CSR accessors. Usable from assembly too.
 */
#ifndef HAL_RISCV64_RISCV_H
#define HAL_RISCV64_RISCV_H

/* Unsigned-long constants that the assembler can read too. */
#ifdef __ASSEMBLER__
#define UL(x) (x)
#else
#define UL(x) (x##ul)
#endif

/* sstatus */
#define SSTATUS_SIE (1 << 1)   /* interrupts enabled in S-mode */
#define SSTATUS_SPIE (1 << 5)  /* SIE after sret */
#define SSTATUS_SPP (1 << 8)   /* mode before the trap: 1 = S, 0 = U */
#define SSTATUS_VS (3 << 9)    /* vector unit state; 0 = off */
#define SSTATUS_FS (3 << 13)   /* FPU state; 0 = off (FP instructions trap) */
#define SSTATUS_SUM (1 << 18)  /* S-mode may access U pages */

/* sie / sip */
#define SIE_SSIE (1 << 1)
#define SIE_STIE (1 << 5)
#define SIE_SEIE (1 << 9)

/* satp */
#define SATP_MODE_SV39 (UL(8) << 60)
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK (UL(0xffff) << SATP_ASID_SHIFT)

/* scause: the top bit marks interrupts */
#define SCAUSE_INTERRUPT (UL(1) << 63)
#define SCAUSE_SUPERVISOR_TIMER 5
#define SCAUSE_SUPERVISOR_EXTERNAL 9
#define SCAUSE_INSTRUCTION_MISALIGNED 0
#define SCAUSE_INSTRUCTION_ACCESS_FAULT 1
#define SCAUSE_ILLEGAL_INSTRUCTION 2
#define SCAUSE_BREAKPOINT 3
#define SCAUSE_LOAD_MISALIGNED 4
#define SCAUSE_LOAD_ACCESS_FAULT 5
#define SCAUSE_STORE_MISALIGNED 6
#define SCAUSE_STORE_ACCESS_FAULT 7
#define SCAUSE_USER_ECALL 8
#define SCAUSE_INSTRUCTION_PAGE_FAULT 12
#define SCAUSE_LOAD_PAGE_FAULT 13
#define SCAUSE_STORE_PAGE_FAULT 15

/* Sv39 page-table entry */
#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)
#define PTE_PPN_SHIFT 10

#define SV39_LEVELS 3
#define SV39_INDEX_BITS 9
#define SV39_PAGE_BITS 12
#define SV39_ENTRIES 512

#ifndef __ASSEMBLER__
#include <stdint.h>

#define csr_read(csr)                                          \
    ({                                                         \
        unsigned long value__;                                 \
        __asm__ volatile("csrr %0, " #csr : "=r"(value__));    \
        value__;                                               \
    })
#define csr_write(csr, value) __asm__ volatile("csrw " #csr ", %0" ::"rK"(value) : "memory")
#define csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" ::"rK"(bits) : "memory")
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" ::"rK"(bits) : "memory")

/* Order page-table writes before later walks and drop cached translations. */
static inline void sfence_vma_all(void)
{
    __asm__ volatile("sfence.vma zero, zero" ::: "memory");
}

static inline void sfence_vma_address(uintptr_t va)
{
    __asm__ volatile("sfence.vma %0, zero" ::"r"(va) : "memory");
}

static inline uint64_t read_time(void)
{
    uint64_t time;
    __asm__ volatile("rdtime %0" : "=r"(time));
    return time;
}
#endif

#endif
