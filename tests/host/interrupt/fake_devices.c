/* The fake interrupt controller, I/O port space and clock (see fake_devices.h). */
#include "fake_devices.h"

#include <string.h>

struct fake_devices fake_devices;

void fake_devices_reset(void)
{
    memset(&fake_devices, 0, sizeof(fake_devices));
}

unsigned hal_interrupt_count(void)
{
    return FAKE_INTERRUPT_LINES;
}

void hal_interrupt_mask(unsigned line)
{
    if (line < FAKE_INTERRUPT_LINES)
        fake_devices.unmasked[line] = false;
}

void hal_interrupt_unmask(unsigned line)
{
    if (line < FAKE_INTERRUPT_LINES)
        fake_devices.unmasked[line] = true;
}

unsigned hal_io_port_count(void)
{
    return FAKE_IO_PORTS;
}

/* A read returns a value derived from the port, so tests can tell ports apart. */
uint32_t hal_io_port_read(unsigned port, unsigned width)
{
    fake_devices.accesses++;
    fake_devices.last_port = port;
    fake_devices.last_width = width;
    fake_devices.last_value = (port * 0x01010101u) & (width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1);
    return fake_devices.last_value;
}

void hal_io_port_write(unsigned port, unsigned width, uint32_t value)
{
    fake_devices.accesses++;
    fake_devices.last_port = port;
    fake_devices.last_width = width;
    fake_devices.last_value = value;
}

uint64_t hal_clock_ns(void)
{
    return fake_devices.clock_ns;
}
