/*
 * C start of every program built on liba9n: the architecture's _start
 * (liba9n/<arch>/start) aligns the stack and calls here.
 */
#include <liba9n/kernel_call.h>

int main(void);

_Noreturn void a9n_start(void)
{
    main();
    a9n_thread_exit();
}
