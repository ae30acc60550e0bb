/*
 * The periodic tick: the local APIC timer, calibrated once against the
 * ACPI PM timer, or the PIT where ACPI has no PM timer (hardware-reduced
 * ACPI, as on QEMU microvm). The LAPIC timer is per CPU and needs no I/O
 * APIC routing, so it is the timer SMP will want too; the reference clock
 * is only read, never an interrupt source. The legacy PICs are masked.
 */
#include "x86.h"

#define LAPIC_TASK_PRIORITY 0x080
#define LAPIC_EOI 0x0b0
#define LAPIC_SPURIOUS_VECTOR 0x0f0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_THERMAL 0x330
#define LAPIC_LVT_PERFORMANCE 0x340
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define LAPIC_TIMER_INITIAL_COUNT 0x380
#define LAPIC_TIMER_CURRENT_COUNT 0x390
#define LAPIC_TIMER_DIVIDE 0x3e0

#define LAPIC_SOFTWARE_ENABLE (1u << 8)
#define LAPIC_LVT_MASKED (1u << 16)
#define LAPIC_LVT_TIMER_PERIODIC (1u << 17)
#define LAPIC_TIMER_DIVIDE_BY_16 0x3
#define APIC_BASE_ENABLE (1ull << 11)

#define PIT_CHANNEL0 0x40
#define PIT_COMMAND 0x43
#define PIT_FREQUENCY 1193182u
/* channel 0, low then high byte, mode 0 (interrupt on terminal count) */
#define PIT_CHANNEL0_ONE_SHOT 0x30
/* read-back: latch the status of channel 0 only; bit 7 of it is OUT */
#define PIT_READ_BACK_STATUS0 0xe2
#define PIT_STATUS_OUT 0x80
#define CALIBRATION_HZ 100 /* measure over 10 ms */
/* The ACPI PM timer counts at 3.579545 MHz whatever the CPU does. */
#define PM_TIMER_FREQUENCY 3579545u

#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1

static volatile uint32_t *lapic;
static uint64_t lapic_ticks_per_second;

static uint32_t lapic_read(unsigned reg) { return lapic[reg / 4]; }
static void lapic_write(unsigned reg, uint32_t value) { lapic[reg / 4] = value; }

void x86_lapic_init(void)
{
    /* Legacy PICs must never deliver: their vectors overlap the CPU
       exceptions until remapped. */
    if (x86_platform.legacy_pics) {
        x86_outb(PIC1_DATA, 0xff);
        x86_outb(PIC2_DATA, 0xff);
    }

    x86_wrmsr(X86_MSR_APIC_BASE, x86_rdmsr(X86_MSR_APIC_BASE) | APIC_BASE_ENABLE);
    lapic = x86_map_device(x86_platform.lapic, 1);

    lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
    lapic_write(LAPIC_LVT_THERMAL, LAPIC_LVT_MASKED);
    lapic_write(LAPIC_LVT_PERFORMANCE, LAPIC_LVT_MASKED);
    lapic_write(LAPIC_LVT_LINT0, LAPIC_LVT_MASKED);
    lapic_write(LAPIC_LVT_LINT1, LAPIC_LVT_MASKED);
    lapic_write(LAPIC_LVT_ERROR, LAPIC_LVT_MASKED);
    lapic_write(LAPIC_TASK_PRIORITY, 0);
    lapic_write(LAPIC_SPURIOUS_VECTOR, LAPIC_SOFTWARE_ENABLE | X86_VECTOR_SPURIOUS);
}

void x86_lapic_eoi(void)
{
    lapic_write(LAPIC_EOI, 0);
}

/* LAPIC timer ticks (divide by 16) while the PM timer advances 10 ms. */
static uint32_t lapic_ticks_per_pm_timer_interval(void)
{
    uint16_t port = x86_platform.pm_timer_port;
    uint32_t mask = x86_platform.pm_timer_32bit ? 0xffffffffu : 0xffffffu;
    uint32_t start = x86_inl(port) & mask;
    lapic_write(LAPIC_TIMER_INITIAL_COUNT, 0xffffffff);
    /* A stuck PM timer ends when the LAPIC count runs out: calibration fails. */
    while (((x86_inl(port) - start) & mask) < PM_TIMER_FREQUENCY / CALIBRATION_HZ &&
           lapic_read(LAPIC_TIMER_CURRENT_COUNT) != 0)
        ;
    return 0xffffffff - lapic_read(LAPIC_TIMER_CURRENT_COUNT);
}

/* LAPIC timer ticks (divide by 16) during one PIT one-shot of 10 ms. */
static uint32_t lapic_ticks_per_pit_interval(void)
{
    uint16_t pit_count = PIT_FREQUENCY / CALIBRATION_HZ;

    x86_outb(PIT_COMMAND, PIT_CHANNEL0_ONE_SHOT);
    x86_outb(PIT_CHANNEL0, pit_count & 0xff);
    lapic_write(LAPIC_TIMER_INITIAL_COUNT, 0xffffffff);
    x86_outb(PIT_CHANNEL0, pit_count >> 8); /* the PIT starts counting now */
    do {
        x86_outb(PIT_COMMAND, PIT_READ_BACK_STATUS0);
    } while ((x86_inb(PIT_CHANNEL0) & PIT_STATUS_OUT) == 0);
    return 0xffffffff - lapic_read(LAPIC_TIMER_CURRENT_COUNT);
}

static uint64_t calibrate(void)
{
    lapic_write(LAPIC_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_BY_16);
    lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
    uint32_t elapsed = x86_platform.pm_timer_port != 0 ? lapic_ticks_per_pm_timer_interval()
                                                       : lapic_ticks_per_pit_interval();
    lapic_write(LAPIC_TIMER_INITIAL_COUNT, 0);
    return (uint64_t)elapsed * CALIBRATION_HZ;
}

void hal_timer_start(unsigned hz)
{
    if (lapic_ticks_per_second == 0) {
        lapic_ticks_per_second = calibrate();
        /* A missing PIT reads OUT high at once; a stuck PM timer runs the LAPIC out. */
        if (lapic_ticks_per_second < 1000 * CALIBRATION_HZ ||
            lapic_ticks_per_second >= 0xffffffffull * CALIBRATION_HZ)
            kernel_panic("x86_64: LAPIC timer calibration failed (no PIT or PM timer?)");
    }
    if (hz == 0) {
        lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
        lapic_write(LAPIC_TIMER_INITIAL_COUNT, 0);
        return;
    }
    uint64_t period = lapic_ticks_per_second / hz;
    if (period == 0)
        period = 1;
    if (period > 0xffffffff)
        period = 0xffffffff;
    lapic_write(LAPIC_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_BY_16);
    lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_TIMER_PERIODIC | X86_VECTOR_TIMER);
    lapic_write(LAPIC_TIMER_INITIAL_COUNT, (uint32_t)period);
}
