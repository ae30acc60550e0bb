/*
 * Trap dispatch: decodes scause for traps from U-mode into the kernel's
 * upcalls (kernel calls, the common case, go straight from trap.S to the
 * kernel), and turns any S-mode trap other than the idle loop's timer and
 * device interrupts into a register dump and hal_halt().
 */
#include "riscv.h"
#include "platform.h"

/* What trap.S saves for a trap taken in S-mode (x[0] unused). */
struct trap_kernel_frame {
    uint64_t x[32];
    uint64_t sepc, scause, stval, sstatus;
};

_Noreturn void trap_handle_user(struct a9n_arch_context *context, uint64_t scause, uint64_t stval);
_Noreturn void trap_handle_kernel(struct trap_kernel_frame *frame);

static _Noreturn void page_fault(a9n_word_t address, unsigned access)
{
    /* RISC-V does not say whether a mapping existed: look it up (rights fault vs. missing). */
    if (paging_active_leaf(address))
        access |= A9N_FAULT_ACCESS_PRESENT;
    kernel_handle_fault(A9N_FAULT_PAGE, address, access);
}

_Noreturn void trap_handle_user(struct a9n_arch_context *context, uint64_t scause, uint64_t stval)
{
    if (scause & SCAUSE_INTERRUPT) {
        if ((scause & ~SCAUSE_INTERRUPT) == SCAUSE_SUPERVISOR_TIMER) {
            timer_acknowledge();
            kernel_handle_timer();
        }
        if ((scause & ~SCAUSE_INTERRUPT) == SCAUSE_SUPERVISOR_EXTERNAL) {
            unsigned line = interrupt_claim();
            if (line != 0)
                kernel_handle_interrupt(line);
        }
        /* Only the timer and external interrupts are enabled in sie; a claim of 0 is spurious. */
        hal_return_to_user(context);
    }
    switch (scause) {
    case SCAUSE_INSTRUCTION_PAGE_FAULT:
        page_fault(stval, A9N_FAULT_ACCESS_EXECUTE);
    case SCAUSE_LOAD_PAGE_FAULT:
        page_fault(stval, A9N_FAULT_ACCESS_READ);
    case SCAUSE_STORE_PAGE_FAULT: /* also AMOs */
        page_fault(stval, A9N_FAULT_ACCESS_WRITE);
    case SCAUSE_ILLEGAL_INSTRUCTION:
        /*
         * Also privileged instructions, CSR accesses, vector instructions
         * (VS stays off), and FP with FPU access off (fpu.S). stval need not
         * hold the instruction, so FP is not told apart here: with access
         * off the kernel turns it on (kernel_handle_fpu_unavailable) and the
         * instruction runs again; one that is not FP comes back here.
         */
        if ((csr_read(sstatus) & SSTATUS_FS) == 0)
            kernel_handle_fpu_unavailable();
        kernel_handle_fault(A9N_FAULT_ILLEGAL_INSTRUCTION, 0, 0);
    case SCAUSE_INSTRUCTION_MISALIGNED:
    case SCAUSE_LOAD_MISALIGNED:
    case SCAUSE_STORE_MISALIGNED:
        kernel_handle_fault(A9N_FAULT_MISALIGNED_ACCESS, stval, 0);
    case SCAUSE_BREAKPOINT:
        kernel_handle_fault(A9N_FAULT_BREAKPOINT, 0, 0);
    default:
        /* Access faults (PMP, bus errors) and causes newer than this HAL. */
        kernel_handle_fault(A9N_FAULT_PROTECTION, 0, 0);
    }
}

static const char *cause_name(uint64_t scause)
{
    static const char *const names[] = {
        "instruction misaligned", "instruction access fault", "illegal instruction",
        "breakpoint", "load misaligned", "load access fault", "store misaligned",
        "store access fault", "ecall from U", "ecall from S", "reserved", "ecall from M",
        "instruction page fault", "load page fault", "reserved", "store page fault",
    };
    if (scause & SCAUSE_INTERRUPT)
        return "interrupt";
    return scause < sizeof names / sizeof names[0] ? names[scause] : "unknown";
}

static const char *const register_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
    "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
    "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

_Noreturn void trap_handle_kernel(struct trap_kernel_frame *frame)
{
    /* Interrupts are enabled in S-mode only inside hal_idle(). */
    if (frame->scause == (SCAUSE_INTERRUPT | SCAUSE_SUPERVISOR_TIMER)) {
        timer_acknowledge();
        kernel_handle_timer();
    }
    if (frame->scause == (SCAUSE_INTERRUPT | SCAUSE_SUPERVISOR_EXTERNAL)) {
        unsigned line = interrupt_claim();
        if (line != 0)
            kernel_handle_interrupt(line);
    }
    if (frame->scause & SCAUSE_INTERRUPT)
        hal_idle();

    kernel_printf("\nriscv64: trap in kernel mode: scause %lx (%s)\n", frame->scause,
                  cause_name(frame->scause));
    kernel_printf("  sepc %016lx  stval %016lx  sstatus %016lx\n", frame->sepc, frame->stval,
                  frame->sstatus);
    for (unsigned i = 1; i < 32; i++)
        kernel_printf("  %-4s %016lx%s", register_names[i], frame->x[i], i % 4 == 3 ? "\n" : "");
    kernel_printf("\n");
    hal_halt();
}
