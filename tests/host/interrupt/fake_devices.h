/*
 * A software interrupt controller, I/O port space and clock for host tests
 * and the fuzzer (fake_devices.c): it keeps the hal.h contract and records
 * what the kernel asked of it.
 */
#ifndef TESTS_HOST_FAKE_DEVICES_H
#define TESTS_HOST_FAKE_DEVICES_H

#include <stdbool.h>

#include <hal.h>

#define FAKE_INTERRUPT_LINES 24
#define FAKE_IO_PORTS 0x10000

struct fake_devices {
    bool unmasked[FAKE_INTERRUPT_LINES]; /* every line starts masked */
    unsigned accesses;                   /* I/O port reads and writes so far */
    unsigned last_port, last_width;
    uint32_t last_value;                 /* written, or returned by the last read */
    uint64_t clock_ns;                   /* what hal_clock_ns() returns; tests move it */
};

extern struct fake_devices fake_devices;

/* Back to the boot state: all lines masked, no accesses, the clock at 0. */
void fake_devices_reset(void);

#endif
