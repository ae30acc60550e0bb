/*
 * Boot test: started after the spinner at the same priority. After its
 * first yield it can only run again if the timer preempts the spinner, so
 * reaching the end proves preemption.
 */
#include <liba9n/debug.h>
#include <liba9n/kernel_call.h>

int main(void)
{
    a9n_debug_puts("finisher: started\n");
    for (int i = 0; i < 5; i++)
        a9n_yield();
    a9n_debug_puts("finisher: ran again after the spinner was preempted\n");
    a9n_debug_exit(0);
}
