/*
 * Periodic tick from the SBI timer: the time CSR counts at the device
 * tree's timebase-frequency and each tick programs the next deadline, which
 * also clears the pending supervisor timer interrupt.
 */
#include "riscv.h"
#include "platform.h"

static uint64_t timebase_frequency;
static uint64_t tick_interval;
static uint64_t next_deadline;

void timer_init(uint64_t frequency)
{
    timebase_frequency = frequency;
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
