/* Boot test: a user program runs, prints through the debug call and yields. */
#include <liba9n/debug.h>
#include <liba9n/kernel_call.h>

int main(void)
{
    a9n_debug_puts("hello: running in user mode\n");
    for (a9n_word_t i = 1; i <= 3; i++) {
        a9n_yield();
        a9n_debug_puts("hello: back from yield ");
        a9n_debug_put_unsigned(i);
        a9n_debug_puts("\n");
    }
    return 0;
}
