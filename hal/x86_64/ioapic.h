/*
 * Device interrupts on x86_64 (ioapic.c): the I/O APICs from the ACPI MADT,
 * one IDT vector per global system interrupt (GSI). Only hal/x86_64 uses it.
 */
#ifndef HAL_X86_64_IOAPIC_H
#define HAL_X86_64_IOAPIC_H

#include "x86.h"

/*
 * GSI n arrives on vector X86_VECTOR_DEVICE_FIRST + n. 48 leaves 32..47 to
 * the timer and future local vectors; entry.asm has X86_DEVICE_VECTORS
 * stubs (keep its DEVICE_VECTORS equal).
 */
#define X86_VECTOR_DEVICE_FIRST 48
#define X86_DEVICE_VECTORS 128

/* After x86_acpi_init and x86_lapic_init: find the I/O APICs, mask every pin. */
void x86_ioapic_init(void);

/* The GSI an ISA IRQ (0..15) is wired to, after the MADT's source overrides. */
unsigned x86_isa_irq_line(unsigned isa_irq);

static inline bool x86_is_device_vector(a9n_word_t vector)
{
    return vector >= X86_VECTOR_DEVICE_FIRST &&
           vector < X86_VECTOR_DEVICE_FIRST + X86_DEVICE_VECTORS;
}

/*
 * A device vector arrived: mask its line, end the interrupt at the local
 * APIC, and return the line for kernel_handle_interrupt.
 */
unsigned x86_device_interrupt_accept(a9n_word_t vector);

#endif
