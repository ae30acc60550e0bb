/*
 * Isolation: user mode cannot read or write kernel memory. The kernel
 * image (the top 2 GiB on both ports) and the direct map of RAM (x86_64 at
 * the start of the upper half, riscv64 at 2^64 - 2^38, both + a RAM
 * address from the init info) are tried, reading and writing; every access
 * must arrive at the resolver as a page fault on exactly that address.
 */
#include "../fault/resolver.h"

static volatile a9n_word_t survived;

static void read_address(a9n_word_t address)
{
    survived = *(volatile a9n_word_t *)address + 1;
}

static void write_address(a9n_word_t address)
{
    *(volatile a9n_word_t *)address = 0x5a5a;
    survived = 1;
}

/* One access by a fresh thread; its fault report must name `address`. */
static bool access_faults(void (*access)(a9n_word_t), a9n_word_t address, unsigned expected_access)
{
    struct faulting_thread thread;
    if (fault_thread_start(access, address, &thread) != A9N_ERROR_NONE)
        return false;
    struct fault_report report = fault_receive(&thread);
    /* The thread is not resumed: it stays in the call until the test's end. */
    return report.error == A9N_ERROR_NONE && report.kind == A9N_FAULT_PAGE &&
           report.address == address && (report.flags & expected_access) != 0 &&
           report.badge == RESOLVER_BADGE;
}

static a9n_word_t ram_address(void)
{
    return (a9n_word_t)system_test_init_info()->generics[0].base;
}

SYSTEM_TEST(isolation_user_mode_cannot_touch_kernel_memory)
{
    const a9n_word_t all_ones = ~(a9n_word_t)0;
    const a9n_word_t addresses[] = {
        all_ones << 31,                   /* kernel image base (riscv64: its text) */
        (all_ones << 31) + 0x100000,      /* x86_64: kernel text at physical 1 MiB */
        (all_ones << 47) + ram_address(), /* x86_64 direct map of RAM */
        (all_ones << 38) + ram_address(), /* riscv64 direct map of RAM */
        all_ones & ~(a9n_word_t)0xfff,    /* the last page */
    };
    survived = 0;
    for (unsigned i = 0; i < sizeof(addresses) / sizeof(addresses[0]); i++) {
        CHECK(access_faults(read_address, addresses[i], A9N_FAULT_ACCESS_READ));
        CHECK(access_faults(write_address, addresses[i], A9N_FAULT_ACCESS_WRITE));
        /* Threads of this test die with its Generic; reuse of the stack pool is fine. */
    }
    CHECK_EQUAL(survived, 0);
}
