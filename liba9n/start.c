/*
 * C start of every program built on liba9n: the architecture's _start
 * (liba9n/<arch>/start) aligns the stack and calls here with the first
 * argument register untouched.
 */
#include <liba9n/app.h>
#include <liba9n/debug.h>
#include <liba9n/init.h>
#include <liba9n/kernel_call.h>

int main(void);

static a9n_word_t start_argument;

a9n_word_t a9n_start_argument(void)
{
    return start_argument;
}

const struct a9n_init_info *a9n_init_info(void)
{
    const struct a9n_init_info *info = (const struct a9n_init_info *)start_argument;
    if (info == NULL || info->magic != A9N_INIT_INFO_MAGIC)
        return NULL;
    return info;
}

/*
 * What runs once the start argument is kept: main, then the thread ends.
 * Weak: a program on the C library links koito/libc/start.c, whose
 * version sets the library up and runs main through exit(). (Weak
 * functions are never inlined into a9n_start, so the override holds.)
 */
__attribute__((weak)) _Noreturn void a9n_start_program(void)
{
    main();
    a9n_thread_exit();
}

_Noreturn void a9n_start(a9n_word_t argument)
{
    start_argument = argument;
    /*
     * Init and KOITO programs are told their own PCB slot (init protocol,
     * app info); other programs call a9n_thread_set_self. The Debug
     * capability has a fixed slot in both layouts; it is empty where none
     * was given.
     */
    const struct a9n_app_info *app = a9n_app_info();
    if (a9n_init_info() != NULL) {
        a9n_thread_set_self(a9n_init_slot(A9N_INIT_SLOT_PROCESS));
        a9n_debug_set_capability(a9n_init_slot(A9N_INIT_SLOT_DEBUG));
    } else if (app != NULL) {
        a9n_thread_set_self(a9n_app_slot(app, A9N_APP_SLOT_PROCESS));
        a9n_debug_set_capability(a9n_app_slot(app, A9N_APP_SLOT_DEBUG));
    }
    a9n_start_program();
}
