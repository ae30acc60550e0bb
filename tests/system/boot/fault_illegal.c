/* Boot test: an illegal instruction is reported, the kernel lives on. */
#include <liba9n/debug.h>

int main(void)
{
    a9n_debug_puts("fault_illegal: executing an illegal instruction\n");
    __builtin_trap();
}
