/*
 * The C start of programs on newlib. liba9n's _start and a9n_start keep
 * the app-info address and call a9n_start_program: this one replaces
 * liba9n's weak version, runs the constructors and main, and ends through
 * exit() (atexit handlers, destructors, stdio flushed, then _exit).
 */
#include "glue.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <liba9n/app.h>
#include <liba9n/init.h>


int main(int argc, char **argv);
void __libc_init_array(void);
void __libc_fini_array(void);

/*
 * newlib's __libc_init_array and __libc_fini_array also call _init and
 * _fini (a GCC toolchain's crti.o); constructors and destructors are all
 * in .init_array and .fini_array (liba9n/user.ld).
 */
void _init(void);
void _fini(void);
void _init(void) {}
void _fini(void) {}

/*
 * Programs the POSIX server starts have a start-up page (koito/posix.h):
 * argc, argv[], NULL, envp[], NULL, auxiliary vector, all in words. A boot
 * module started by init has none: argv[0] is its module name.
 */
static char program_name[A9N_APP_NAME_LENGTH + 1];
static char *no_arguments[] = { program_name, NULL };
extern char **environ;

_Noreturn void a9n_start_program(void)
{
    const struct a9n_app_info *info = a9n_app_info();
    int argc = 1;
    char **argv = no_arguments;
    if (info != NULL && info->arguments != 0) {
        a9n_word_t *page = (a9n_word_t *)(uintptr_t)info->arguments;
        argc = (int)page[0];
        argv = (char **)&page[1];
        environ = &argv[argc + 1];
    } else if (info != NULL) {
        memcpy(program_name, info->name, A9N_APP_NAME_LENGTH);
    }
    atexit(__libc_fini_array);
    __libc_init_array();
    exit(main(argc, argv));
}
