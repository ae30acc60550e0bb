/*
 * Calls into the Supervisor Binary Interface (OpenSBI): console output
 * before the UART is known, the timer, and shutdown. SBI spec v1.0: a7 =
 * extension, a6 = function, a0.. = arguments; a0 = error, a1 = value.
 */
#include "riscv.h"
#include "platform.h"

enum sbi_extension {
    SBI_LEGACY_SET_TIMER = 0x00,
    SBI_LEGACY_CONSOLE_PUTCHAR = 0x01,
    SBI_LEGACY_SHUTDOWN = 0x08,
    SBI_BASE = 0x10,
    SBI_TIME = 0x54494d45,             /* "TIME" */
    SBI_SYSTEM_RESET = 0x53525354,     /* "SRST" */
};

enum {
    SBI_BASE_PROBE_EXTENSION = 3,
    SBI_TIME_SET_TIMER = 0,
    SBI_SYSTEM_RESET_RESET = 0,
    SBI_RESET_TYPE_SHUTDOWN = 0,
    SBI_RESET_REASON_NONE = 0,
    SBI_RESET_REASON_FAILURE = 1,
};

struct sbi_result {
    long error;
    long value;
};

static struct sbi_result sbi_call(unsigned long extension, unsigned long function,
                                  unsigned long argument0, unsigned long argument1)
{
    register unsigned long a0 __asm__("a0") = argument0;
    register unsigned long a1 __asm__("a1") = argument1;
    register unsigned long a6 __asm__("a6") = function;
    register unsigned long a7 __asm__("a7") = extension;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7) : "memory");
    return (struct sbi_result){(long)a0, (long)a1};
}

static bool has_time_extension, has_system_reset_extension;

static bool sbi_probe(unsigned long extension)
{
    struct sbi_result result = sbi_call(SBI_BASE, SBI_BASE_PROBE_EXTENSION, extension, 0);
    return result.error == 0 && result.value != 0;
}

void sbi_init(void)
{
    has_time_extension = sbi_probe(SBI_TIME);
    has_system_reset_extension = sbi_probe(SBI_SYSTEM_RESET);
}

void sbi_console_putchar(char c)
{
    /* OpenSBI 1.1 has no debug-console extension: the legacy call is all there is. */
    sbi_call(SBI_LEGACY_CONSOLE_PUTCHAR, 0, (unsigned char)c, 0);
}

void sbi_set_timer(uint64_t deadline)
{
    if (has_time_extension)
        sbi_call(SBI_TIME, SBI_TIME_SET_TIMER, deadline, 0);
    else
        sbi_call(SBI_LEGACY_SET_TIMER, 0, deadline, 0);
}

void sbi_shutdown(bool failure)
{
    if (has_system_reset_extension)
        sbi_call(SBI_SYSTEM_RESET, SBI_SYSTEM_RESET_RESET, SBI_RESET_TYPE_SHUTDOWN,
                 failure ? SBI_RESET_REASON_FAILURE : SBI_RESET_REASON_NONE);
    sbi_call(SBI_LEGACY_SHUTDOWN, 0, 0, 0);
}
