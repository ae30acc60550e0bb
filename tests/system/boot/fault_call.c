/* Boot test: an unknown kernel-call number faults instead of returning. */
#include <liba9n/debug.h>
#include <liba9n/kernel_call.h>

int main(void)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_debug_puts("fault_call: calling kernel call 7\n");
    a9n_arch_kernel_call(7, mr);
    a9n_debug_puts("fault_call: unknown call returned (FAIL)\n");
    a9n_debug_exit(1);
}
