/*
 * Boot test: user mode cannot read the kernel. The kernel's text sits at
 * the top of the address space on every port; the direct map starts in
 * the upper half. Either read must fault.
 */
#include <liba9n/debug.h>

int main(void)
{
    a9n_debug_puts("fault_kernel_memory: reading the kernel's address range\n");
    volatile a9n_word_t value = *(volatile a9n_word_t *)(~(a9n_word_t)0 - 0x7fffffff);
    (void)value;
    a9n_debug_puts("fault_kernel_memory: read kernel memory (FAIL)\n");
    a9n_debug_exit(1);
}
