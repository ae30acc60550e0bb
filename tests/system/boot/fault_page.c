/* Boot test: a write to an unmapped address is reported, the kernel lives on. */
#include <liba9n/debug.h>

int main(void)
{
    a9n_debug_puts("fault_page: writing to an unmapped address\n");
    *(volatile a9n_word_t *)0x10 = 1;
    a9n_debug_puts("fault_page: survived the write (FAIL)\n");
    a9n_debug_exit(1);
}
