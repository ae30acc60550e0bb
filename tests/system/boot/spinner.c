/* Boot test: spins without ever yielding; only the timer can take the CPU away. */
#include <liba9n/debug.h>

int main(void)
{
    a9n_debug_puts("spinner: spinning without yielding\n");
    for (volatile unsigned long i = 0;; i++)
        ;
}
