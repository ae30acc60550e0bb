/*
 * The periodic tick: the local APIC timer, calibrated once against the
 * ACPI PM timer, or the PIT where ACPI has no PM timer (hardware-reduced
 * ACPI, as on QEMU microvm). The LAPIC timer is per CPU and needs no I/O
 * APIC routing, so it is the timer SMP will want too; the reference clock
 * is only read, never an interrupt source. The legacy PICs are masked.
 *
 * The monotonic clock (hal_clock_ns) is the TSC, measured over the same
 * calibration interval. CPUID 0x15/0x16 state a frequency on recent CPUs;
 * it is used when it agrees with the measurement, because under QEMU TCG
 * the guest TSC runs at whatever rate QEMU gives it (the host's TSC, or
 * one per instruction with -icount shift=0), not at what CPUID claims.
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

/* ns = (TSC ticks * multiplier) >> CLOCK_SHIFT: no division per read. */
#define CLOCK_SHIFT 32
/* A CPUID frequency is believed when within 1/CPUID_TOLERANCE of the measured one. */
#define CPUID_TOLERANCE 100

static volatile uint32_t *lapic;
static uint64_t lapic_ticks_per_second;
static uint64_t tsc_ticks_per_second;
static uint64_t tsc_base; /* the TSC at the clock's 0 ns */
static uint64_t tsc_ns_multiplier;

static inline uint64_t rdtsc(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
}

static uint32_t lapic_read(unsigned reg) { return lapic[reg / 4]; }
static void lapic_write(unsigned reg, uint32_t value) { lapic[reg / 4] = value; }

static void calibrate(void);

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
    calibrate();
}

void x86_lapic_eoi(void)
{
    lapic_write(LAPIC_EOI, 0);
}

/* LAPIC timer ticks (divide by 16) while the PM timer advances 10 ms; TSC ticks in *tsc. */
static uint32_t lapic_ticks_per_pm_timer_interval(uint64_t *tsc)
{
    uint16_t port = x86_platform.pm_timer_port;
    uint32_t mask = x86_platform.pm_timer_32bit ? 0xffffffffu : 0xffffffu;
    uint32_t start = x86_inl(port) & mask;
    lapic_write(LAPIC_TIMER_INITIAL_COUNT, 0xffffffff);
    uint64_t tsc_start = rdtsc();
    /* A stuck PM timer ends when the LAPIC count runs out: calibration fails. */
    while (((x86_inl(port) - start) & mask) < PM_TIMER_FREQUENCY / CALIBRATION_HZ &&
           lapic_read(LAPIC_TIMER_CURRENT_COUNT) != 0)
        ;
    *tsc = rdtsc() - tsc_start;
    return 0xffffffff - lapic_read(LAPIC_TIMER_CURRENT_COUNT);
}

/* LAPIC timer ticks (divide by 16) during one PIT one-shot of 10 ms; TSC ticks in *tsc. */
static uint32_t lapic_ticks_per_pit_interval(uint64_t *tsc)
{
    uint16_t pit_count = PIT_FREQUENCY / CALIBRATION_HZ;

    x86_outb(PIT_COMMAND, PIT_CHANNEL0_ONE_SHOT);
    x86_outb(PIT_CHANNEL0, pit_count & 0xff);
    lapic_write(LAPIC_TIMER_INITIAL_COUNT, 0xffffffff);
    x86_outb(PIT_CHANNEL0, pit_count >> 8); /* the PIT starts counting now */
    uint64_t tsc_start = rdtsc();
    do {
        x86_outb(PIT_COMMAND, PIT_READ_BACK_STATUS0);
    } while ((x86_inb(PIT_CHANNEL0) & PIT_STATUS_OUT) == 0);
    *tsc = rdtsc() - tsc_start;
    return 0xffffffff - lapic_read(LAPIC_TIMER_CURRENT_COUNT);
}

/*
 * The TSC frequency the CPU states, or 0: CPUID 0x15 (TSC / crystal ratio
 * and the crystal's Hz), else 0x16 (base frequency in MHz, which the TSC
 * runs at on the CPUs that have the leaf but no crystal in 0x15).
 */
static uint64_t cpuid_tsc_frequency(void)
{
    uint32_t r[4];
    x86_cpuid(0, 0, r);
    uint32_t max_leaf = r[0];
    if (max_leaf >= 0x15) {
        x86_cpuid(0x15, 0, r);
        if (r[0] != 0 && r[1] != 0 && r[2] != 0)
            return (uint64_t)r[2] * r[1] / r[0];
    }
    if (max_leaf >= 0x16) {
        x86_cpuid(0x16, 0, r);
        if ((r[0] & 0xffff) != 0)
            return (uint64_t)(r[0] & 0xffff) * 1000000;
    }
    return 0;
}

/* Measure the LAPIC timer and the TSC against the PM timer or PIT, once at boot. */
static void calibrate(void)
{
    lapic_write(LAPIC_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_BY_16);
    lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
    uint64_t tsc;
    uint32_t elapsed = x86_platform.pm_timer_port != 0 ? lapic_ticks_per_pm_timer_interval(&tsc)
                                                       : lapic_ticks_per_pit_interval(&tsc);
    lapic_write(LAPIC_TIMER_INITIAL_COUNT, 0);
    lapic_ticks_per_second = (uint64_t)elapsed * CALIBRATION_HZ;
    /* A missing PIT reads OUT high at once; a stuck PM timer runs the LAPIC out. */
    if (lapic_ticks_per_second < 1000 * CALIBRATION_HZ ||
        lapic_ticks_per_second >= 0xffffffffull * CALIBRATION_HZ)
        kernel_panic("x86_64: LAPIC timer calibration failed (no PIT or PM timer?)");

    tsc_ticks_per_second = tsc * CALIBRATION_HZ;
    uint64_t stated = cpuid_tsc_frequency();
    uint64_t tolerance = tsc_ticks_per_second / CPUID_TOLERANCE;
    if (stated != 0 && stated + tolerance >= tsc_ticks_per_second &&
        stated <= tsc_ticks_per_second + tolerance)
        tsc_ticks_per_second = stated;
    /* Below 1 MHz the clock would not resolve 1 us (and the multiplier would overflow). */
    if (tsc_ticks_per_second < 1000000)
        kernel_panic("x86_64: TSC runs at %lu Hz, too slow for the clock",
                     (unsigned long)tsc_ticks_per_second);
    /* 10^9 << 32 fits 64 bits; the division happens once. */
    tsc_ns_multiplier = (1000000000ull << CLOCK_SHIFT) / tsc_ticks_per_second;
    tsc_base = rdtsc();
}

uint64_t hal_clock_ns(void)
{
    uint64_t ticks = rdtsc() - tsc_base;
    return (uint64_t)(((unsigned __int128)ticks * tsc_ns_multiplier) >> CLOCK_SHIFT);
}

void hal_timer_start(unsigned hz)
{
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
