/*
 * Periodic tick from the SBI timer: the time CSR counts at the device
 * tree's timebase-frequency and each tick programs the next deadline, which
 * also clears the pending supervisor timer interrupt. The same CSR is the
 * monotonic clock (hal_clock_ns).
 */
#include "riscv.h"
#include "platform.h"

/* ns = (time ticks * multiplier) >> CLOCK_SHIFT: no division per read. */
#define CLOCK_SHIFT 32

static uint64_t timebase_frequency;
static uint64_t tick_interval;
static uint64_t next_deadline;
static uint64_t time_base; /* the time CSR at the clock's 0 ns */
static uint64_t time_ns_multiplier;

void timer_init(uint64_t frequency)
{
    timebase_frequency = frequency;
    /*
     * 10^9 << 32 fits 64 bits; the division happens once. The resolution
     * is one tick of the CSR: 100 ns on QEMU virt (10 MHz), 250 ns on a
     * VisionFive 2 (4 MHz). boot.c has refused a frequency of 0.
     */
    time_ns_multiplier = (1000000000ull << CLOCK_SHIFT) / frequency;
    time_base = read_time();
}

uint64_t hal_clock_ns(void)
{
    uint64_t ticks = read_time() - time_base;
    return (uint64_t)(((unsigned __int128)ticks * time_ns_multiplier) >> CLOCK_SHIFT);
}

void hal_timer_start(unsigned hz)
{
    if (hz == 0)
        return;
    tick_interval = timebase_frequency / hz;
    if (tick_interval == 0)
        tick_interval = 1;
    next_deadline = read_time() + tick_interval;
    sbi_set_timer(next_deadline);
    csr_set(sie, SIE_STIE);
}

void timer_acknowledge(void)
{
    /* Keep the period exact, but never schedule in the past after a long stall. */
    uint64_t now = read_time();
    next_deadline += tick_interval;
    if (next_deadline <= now)
        next_deadline = now + tick_interval;
    sbi_set_timer(next_deadline);
}
