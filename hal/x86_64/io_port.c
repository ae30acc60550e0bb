/*
 * The I/O port space for I/O Port capabilities (the kernel has checked the
 * range), and where the console UART is for a user-level driver: COM1's
 * ports and the line its ISA IRQ 4 is wired to.
 */
#include "ioapic.h"

#define IO_PORT_COUNT 0x10000
#define COM1_BASE 0x3f8
#define COM1_ISA_IRQ 4

unsigned hal_io_port_count(void)
{
    return IO_PORT_COUNT;
}

uint32_t hal_io_port_read(unsigned port, unsigned width)
{
    uint16_t value16;
    uint32_t value32;
    switch (width) {
    case 1:
        return x86_inb((uint16_t)port);
    case 2:
        __asm__ volatile("inw %1, %0" : "=a"(value16) : "Nd"((uint16_t)port));
        return value16;
    default:
        __asm__ volatile("inl %1, %0" : "=a"(value32) : "Nd"((uint16_t)port));
        return value32;
    }
}

void hal_io_port_write(unsigned port, unsigned width, uint32_t value)
{
    switch (width) {
    case 1:
        x86_outb((uint16_t)port, (uint8_t)value);
        break;
    case 2:
        __asm__ volatile("outw %0, %1" : : "a"((uint16_t)value), "Nd"((uint16_t)port));
        break;
    default:
        __asm__ volatile("outl %0, %1" : : "a"(value), "Nd"((uint16_t)port));
        break;
    }
}

void hal_console_describe(struct a9n_console_info *console)
{
    *console = (struct a9n_console_info){
        .registers = A9N_CONSOLE_REGISTERS_IO_PORT,
        .interrupt_line = x86_isa_irq_line(COM1_ISA_IRQ),
        .base = COM1_BASE,
        .register_shift = 0,
        .register_width = 1,
    };
}
