/*
 * Boot test and `make run` demo: the kernel starts this as init; it prints
 * through the debug kernel call, yields, and stops the machine.
 */
#include <liba9n/debug.h>
#include <liba9n/init.h>
#include <liba9n/kernel_call.h>

int main(void)
{
    a9n_debug_puts("hello: running in user mode as init\n");
    for (a9n_word_t i = 1; i <= 3; i++) {
        a9n_yield();
        a9n_debug_puts("hello: back from yield ");
        a9n_debug_put_unsigned(i);
        a9n_debug_puts("\n");
    }
    const struct a9n_init_info *info = a9n_init_info();
    if (info == NULL) {
        a9n_debug_puts("hello: no init info (FAIL)\n");
        a9n_debug_exit(1);
    }
    a9n_debug_puts("hello: kernel ");
    a9n_debug_puts(info->kernel_version);
    a9n_debug_puts(" on ");
    a9n_debug_puts(info->arch);
    a9n_debug_puts(", done\n");
    a9n_debug_exit(0);
}
