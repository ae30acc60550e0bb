/* riscv64 instructions of the isolation tests (isolation/traps.h). */
#include "../traps.h"

void isolation_misaligned_trap(a9n_word_t address)
{
    a9n_word_t old;
    __asm__ volatile("amoadd.d %0, zero, (%1)" : "=r"(old) : "r"(address) : "memory");
}

enum a9n_fault_kind isolation_misaligned_fault_kind(void)
{
    return A9N_FAULT_MISALIGNED_ACCESS;
}

a9n_word_t isolation_divide(a9n_word_t dividend, a9n_word_t divisor, a9n_word_t *remainder)
{
    a9n_word_t quotient, rest;
    __asm__ volatile("divu %0, %2, %3\n\tremu %1, %2, %3"
                     : "=&r"(quotient), "=&r"(rest)
                     : "r"(dividend), "r"(divisor));
    *remainder = rest;
    return quotient;
}

bool isolation_divide_by_zero_traps(void)
{
    return false;
}

static void unimplemented(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("unimp");
}

static void read_sstatus(a9n_word_t unused)
{
    (void)unused;
    a9n_word_t value;
    __asm__ volatile("csrr %0, sstatus" : "=r"(value));
}

static void write_satp(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("csrw satp, zero");
}

static void supervisor_return(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("sret");
}

static void wait_for_interrupt(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("wfi");
}

static void fence_virtual_memory(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("sfence.vma");
}

const struct isolation_instruction isolation_forbidden_instructions[] = {
    { "unimp", unimplemented, A9N_FAULT_ILLEGAL_INSTRUCTION },
    { "csrr sstatus", read_sstatus, A9N_FAULT_ILLEGAL_INSTRUCTION },
    { "csrw satp", write_satp, A9N_FAULT_ILLEGAL_INSTRUCTION },
    { "sret", supervisor_return, A9N_FAULT_ILLEGAL_INSTRUCTION },
    { "wfi", wait_for_interrupt, A9N_FAULT_ILLEGAL_INSTRUCTION },
    { "sfence.vma", fence_virtual_memory, A9N_FAULT_ILLEGAL_INSTRUCTION },
};
const unsigned isolation_forbidden_instruction_count =
    sizeof(isolation_forbidden_instructions) / sizeof(isolation_forbidden_instructions[0]);
