/*
 * Stopping the machine: QEMU's sifive_test device ends QEMU with a status the
 * test harness reads; a syscon-poweroff register gets the device tree's own
 * value (both found through the device tree); else SBI shutdown or a wfi
 * loop with interrupts off.
 */
#include "riscv.h"
#include "platform.h"

enum {
    /* sifive_test: low 16 bits select the action, high 16 bits the exit code. */
    SIFIVE_TEST_FAIL = 0x3333,
    SIFIVE_TEST_PASS = 0x5555,
    /* Exit code after a kernel panic (distinct from test statuses). */
    HALT_EXIT_CODE = 0x7e,
    /* QEMU's exit status is 8 bits: larger codes would wrap, 256 to a "pass". */
    MAX_EXIT_CODE = 0xff,
};

static volatile uint32_t *exit_register;
static volatile uint32_t *poweroff_register;
static uint32_t poweroff_value, poweroff_mask;

void machine_init(const struct devicetree_platform *platform)
{
    if (platform->has_exit_device)
        exit_register = kernel_memory_map_device(platform->exit_device.base, 4);
    if (platform->has_poweroff) {
        poweroff_register = kernel_memory_map_device(platform->poweroff.base, 4);
        poweroff_value = platform->poweroff.value;
        poweroff_mask = platform->poweroff.mask;
    }
}

static _Noreturn void stop_forever(void)
{
    csr_write(sie, 0);
    csr_clear(sstatus, SSTATUS_SIE);
    for (;;)
        __asm__ volatile("wfi");
}

/*
 * What Linux's syscon-poweroff does: update the mask bits to the value's
 * (a plain write when the mask is all ones, as on QEMU virt). Power may take
 * a while to go; the caller carries on with the next way to stop.
 */
static void syscon_power_off(void)
{
    if (!poweroff_register)
        return;
    if (poweroff_mask == UINT32_MAX)
        *poweroff_register = poweroff_value;
    else
        *poweroff_register =
            (*poweroff_register & ~poweroff_mask) | (poweroff_value & poweroff_mask);
}

/* A panic: QEMU's test device exits 126; elsewhere the message stays on screen. */
_Noreturn void hal_halt(void)
{
    csr_clear(sstatus, SSTATUS_SIE);
    if (exit_register)
        *exit_register = HALT_EXIT_CODE << 16 | SIFIVE_TEST_FAIL;
    stop_forever();
}

/*
 * Success powers off through the device tree's syscon-poweroff (QEMU virt's
 * writes 0x5555, sifive_test's pass), else sifive_test's pass. A failure
 * needs sifive_test's failure code for QEMU to exit with it; a poweroff
 * register cannot say it, so it is only the last way to stop.
 */
_Noreturn void hal_debug_exit(unsigned status)
{
    csr_clear(sstatus, SSTATUS_SIE);
    if (status == 0 && poweroff_register)
        syscon_power_off();
    else if (exit_register) {
        unsigned code = status > MAX_EXIT_CODE ? MAX_EXIT_CODE : status;
        *exit_register = status == 0 ? SIFIVE_TEST_PASS : code << 16 | SIFIVE_TEST_FAIL;
    }
    sbi_shutdown(status != 0);
    syscon_power_off();
    stop_forever();
}
