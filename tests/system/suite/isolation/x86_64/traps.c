/* x86_64 instructions of the isolation tests (isolation/traps.h). */
#include "../traps.h"

void isolation_misaligned_trap(a9n_word_t address)
{
    __asm__ volatile("movaps (%0), %%xmm0" : : "r"(address) : "xmm0", "memory");
}

enum a9n_fault_kind isolation_misaligned_fault_kind(void)
{
    return A9N_FAULT_PROTECTION;
}

a9n_word_t isolation_divide(a9n_word_t dividend, a9n_word_t divisor, a9n_word_t *remainder)
{
    a9n_word_t quotient, rest;
    __asm__ volatile("div %[divisor]"
                     : "=a"(quotient), "=d"(rest)
                     : "a"(dividend), "d"(0), [divisor] "r"(divisor));
    *remainder = rest;
    return quotient;
}

bool isolation_divide_by_zero_traps(void)
{
    return true;
}

static void undefined_opcode(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("ud2");
}

static void halt(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("hlt");
}

static void disable_interrupts(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("cli");
}

static void write_msr(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("wrmsr" : : "c"(0xc0000080u), "a"(0), "d"(0)); /* EFER */
}

static void write_cr3(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("mov %0, %%cr3" : : "r"((a9n_word_t)0));
}

static void port_output(a9n_word_t unused)
{
    (void)unused;
    __asm__ volatile("outb %%al, $0x80" : : "a"(0));
}

static void load_idt(a9n_word_t unused)
{
    (void)unused;
    static const struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } empty = { 0, 0 };
    __asm__ volatile("lidt %0" : : "m"(empty));
}

const struct isolation_instruction isolation_forbidden_instructions[] = {
    { "ud2", undefined_opcode, A9N_FAULT_ILLEGAL_INSTRUCTION },
    { "hlt", halt, A9N_FAULT_PROTECTION },
    { "cli", disable_interrupts, A9N_FAULT_PROTECTION },
    { "wrmsr", write_msr, A9N_FAULT_PROTECTION },
    { "mov cr3", write_cr3, A9N_FAULT_PROTECTION },
    { "out", port_output, A9N_FAULT_PROTECTION },
    { "lidt", load_idt, A9N_FAULT_PROTECTION },
};
const unsigned isolation_forbidden_instruction_count =
    sizeof(isolation_forbidden_instructions) / sizeof(isolation_forbidden_instructions[0]);
