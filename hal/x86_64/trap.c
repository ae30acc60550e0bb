/*
 * The IDT and trap dispatch: CPU exceptions from user mode become
 * kernel_handle_fault upcalls (#NM kernel_handle_fpu_unavailable), the
 * timer becomes kernel_handle_timer, device interrupts (ioapic.c)
 * kernel_handle_interrupt, and anything unexpected in kernel mode prints
 * a register dump and halts.
 */
#include "ioapic.h"
#include "x86.h"

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attributes;
    uint16_t offset_middle;
    uint32_t offset_high;
    uint32_t reserved;
};

static struct idt_gate idt[256] __attribute__((aligned(16)));

/* Stub index in entry.asm's x86_trap_stubs after the 32 exceptions. */
#define STUB_TIMER 32
#define STUB_SPURIOUS 33
#define STUB_DEVICE_FIRST 34
#define STUB_SIZE 16

/* Present, 64-bit interrupt gate (clears IF on entry), DPL as given. */
static void set_gate(unsigned vector, unsigned stub, unsigned dpl, unsigned ist)
{
    uint64_t handler = (uint64_t)(x86_trap_stubs + stub * STUB_SIZE);
    idt[vector] = (struct idt_gate){
        .offset_low = handler & 0xffff,
        .selector = X86_KERNEL_CS,
        .ist = (uint8_t)ist,
        .type_attributes = (uint8_t)(0x8e | dpl << 5),
        .offset_middle = (handler >> 16) & 0xffff,
        .offset_high = (uint32_t)(handler >> 32),
    };
}

void x86_traps_init(void)
{
    for (unsigned vector = 0; vector < X86_VECTOR_EXCEPTION_COUNT; vector++)
        set_gate(vector, vector, 0, 0);
    /* int3 from user mode is a breakpoint; every other gate is DPL 0, so
       `int n` from user mode is a general-protection fault. */
    set_gate(X86_VECTOR_BREAKPOINT, X86_VECTOR_BREAKPOINT, 3, 0);
    set_gate(X86_VECTOR_DOUBLE_FAULT, X86_VECTOR_DOUBLE_FAULT, 0, X86_IST_DOUBLE_FAULT);
    set_gate(X86_VECTOR_NMI, X86_VECTOR_NMI, 0, X86_IST_NMI);
    set_gate(X86_VECTOR_MACHINE_CHECK, X86_VECTOR_MACHINE_CHECK, 0, X86_IST_MACHINE_CHECK);
    set_gate(X86_VECTOR_TIMER, STUB_TIMER, 0, 0);
    set_gate(X86_VECTOR_SPURIOUS, STUB_SPURIOUS, 0, 0);
    for (unsigned i = 0; i < X86_DEVICE_VECTORS; i++)
        set_gate(X86_VECTOR_DEVICE_FIRST + i, STUB_DEVICE_FIRST + i, 0, 0);

    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) pointer = { sizeof(idt) - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" : : "m"(pointer));
}

static const char *const exception_names[X86_VECTOR_EXCEPTION_COUNT] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
    "invalid opcode", "device not available", "double fault", "coprocessor overrun",
    "invalid TSS", "segment not present", "stack fault", "general protection",
    "page fault", "reserved", "x87 error", "alignment check", "machine check",
    "SIMD error", "virtualization", "control protection",
};

static _Noreturn void kernel_trap(const struct a9n_arch_context *frame, const char *where)
{
    const char *name = frame->vector < X86_VECTOR_EXCEPTION_COUNT && exception_names[frame->vector]
                           ? exception_names[frame->vector]
                           : "interrupt";
    kernel_printf("\nA9N x86_64: unexpected %s (vector %lu) %s\n", name, frame->vector, where);
    kernel_printf("  error %016lx  cr2 %016lx  cr3 %016lx\n", frame->error_code, x86_read_cr2(),
                  x86_read_cr3());
    kernel_printf("  rip %016lx  cs %04lx  rflags %016lx\n", frame->rip, frame->cs, frame->rflags);
    kernel_printf("  rsp %016lx  ss %04lx\n", frame->rsp, frame->ss);
    kernel_printf("  rax %016lx  rbx %016lx  rcx %016lx  rdx %016lx\n", frame->rax, frame->rbx,
                  frame->rcx, frame->rdx);
    kernel_printf("  rsi %016lx  rdi %016lx  rbp %016lx  r8  %016lx\n", frame->rsi, frame->rdi,
                  frame->rbp, frame->r8);
    kernel_printf("  r9  %016lx  r10 %016lx  r11 %016lx  r12 %016lx\n", frame->r9, frame->r10,
                  frame->r11, frame->r12);
    kernel_printf("  r13 %016lx  r14 %016lx  r15 %016lx\n", frame->r13, frame->r14, frame->r15);
    hal_halt();
}

static _Noreturn void timer_upcall(a9n_word_t a0, a9n_word_t a1, a9n_word_t a2)
{
    (void)a0, (void)a1, (void)a2;
    kernel_handle_timer();
}

static _Noreturn void device_interrupt_upcall(a9n_word_t line, a9n_word_t a1, a9n_word_t a2)
{
    (void)a1, (void)a2;
    kernel_handle_interrupt((unsigned)line);
}

/* Page-fault error code bits. */
#define PF_PRESENT (1u << 0)
#define PF_WRITE (1u << 1)
#define PF_INSTRUCTION (1u << 4)

static unsigned page_fault_access(a9n_word_t error_code)
{
    unsigned flags = (error_code & PF_PRESENT) ? A9N_FAULT_ACCESS_PRESENT : 0;
    if (error_code & PF_INSTRUCTION)
        return flags | A9N_FAULT_ACCESS_EXECUTE;
    if (error_code & PF_WRITE)
        return flags | A9N_FAULT_ACCESS_WRITE;
    return flags | A9N_FAULT_ACCESS_READ;
}

/* The fault a user-mode exception means to the thread; NONE if it is fatal. */
static enum a9n_fault_kind user_fault_kind(a9n_word_t vector)
{
    switch (vector) {
    case X86_VECTOR_DIVIDE_ERROR:
    case X86_VECTOR_OVERFLOW:
    case X86_VECTOR_X87_ERROR:
    case X86_VECTOR_SIMD_ERROR:
        return A9N_FAULT_ARITHMETIC;
    case X86_VECTOR_DEBUG:
    case X86_VECTOR_BREAKPOINT:
        return A9N_FAULT_BREAKPOINT;
    case X86_VECTOR_INVALID_OPCODE: /* also AVX and later: XCR0 enables x87 and SSE only */
        return A9N_FAULT_ILLEGAL_INSTRUCTION;
    case X86_VECTOR_PAGE_FAULT:
        return A9N_FAULT_PAGE;
    case X86_VECTOR_ALIGNMENT_CHECK:
        return A9N_FAULT_MISALIGNED_ACCESS;
    case X86_VECTOR_NMI:
    case X86_VECTOR_DOUBLE_FAULT:
    case X86_VECTOR_MACHINE_CHECK:
        return A9N_FAULT_NONE;
    default:
        /* #GP, #SS, #NP (also from `int n`), #BR, #TS, #CP, ... */
        return vector < X86_VECTOR_EXCEPTION_COUNT ? A9N_FAULT_PROTECTION : A9N_FAULT_NONE;
    }
}

/* entry.asm, from user mode, on a fresh kernel stack; `frame` is normally
   the current context (the IST traps run on their own stacks). */
_Noreturn void x86_trap_from_user(struct a9n_arch_context *frame)
{
    if (frame->vector == X86_VECTOR_TIMER) {
        x86_lapic_eoi();
        kernel_handle_timer();
    }
    if (frame->vector == X86_VECTOR_SPURIOUS) /* no EOI for spurious */
        hal_return_to_user(frame);
    if (x86_is_device_vector(frame->vector))
        kernel_handle_interrupt(x86_device_interrupt_accept(frame->vector));

    enum a9n_fault_kind kind = user_fault_kind(frame->vector);
    if (kind == A9N_FAULT_NONE || frame != x86_current_context())
        kernel_trap(frame, "from user mode");
    /* CR0.TS set (fpu.c): the thread is not the FPU's owner, or not since another ran. */
    if (frame->vector == X86_VECTOR_DEVICE_NOT_AVAILABLE)
        kernel_handle_fpu_unavailable();
    if (kind == A9N_FAULT_PAGE)
        kernel_handle_fault(kind, x86_read_cr2(), page_fault_access(frame->error_code));
    kernel_handle_fault(kind, 0, 0);
}

/* entry.asm, from kernel mode: only hal_idle runs with interrupts on. */
void x86_trap_from_kernel(struct a9n_arch_context *frame)
{
    if (frame->vector == X86_VECTOR_SPURIOUS)
        return;
    if (frame->vector == X86_VECTOR_TIMER) {
        x86_lapic_eoi();
        x86_call_on_fresh_stack(0, 0, 0, timer_upcall);
    }
    if (x86_is_device_vector(frame->vector))
        x86_call_on_fresh_stack(x86_device_interrupt_accept(frame->vector), 0, 0,
                                device_interrupt_upcall);
    kernel_trap(frame, "in kernel mode");
}
