/*
 * Stopping the machine: QEMU's sifive_test device (found through the device
 * tree) ends QEMU with a status the test harness reads; elsewhere SBI
 * shutdown or a wfi loop with interrupts off.
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

void machine_init(const struct devicetree_platform *platform)
{
    if (platform->has_exit_device)
        exit_register = kernel_memory_map_device(platform->exit_device.base, 4);
}

static _Noreturn void stop_forever(void)
{
    csr_write(sie, 0);
    csr_clear(sstatus, SSTATUS_SIE);
    for (;;)
        __asm__ volatile("wfi");
}

_Noreturn void hal_halt(void)
{
    csr_clear(sstatus, SSTATUS_SIE);
    if (exit_register)
        *exit_register = HALT_EXIT_CODE << 16 | SIFIVE_TEST_FAIL;
    stop_forever();
}

_Noreturn void hal_debug_exit(unsigned status)
{
    csr_clear(sstatus, SSTATUS_SIE);
    if (exit_register) {
        unsigned code = status > MAX_EXIT_CODE ? MAX_EXIT_CODE : status;
        *exit_register = status == 0 ? SIFIVE_TEST_PASS : code << 16 | SIFIVE_TEST_FAIL;
    }
    sbi_shutdown(status != 0);
    stop_forever();
}
