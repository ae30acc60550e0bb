/*
 * What a program knows about how it was started. For init, the kernel
 * passes the init info (abi/a9n/init_info.h) in the first argument register.
 */
#ifndef LIBA9N_INIT_H
#define LIBA9N_INIT_H

#include <a9n/init_info.h>

/* The start argument the program was entered with (0 when none). */
a9n_word_t a9n_start_argument(void);

/* init only: the kernel's init info, or NULL when its magic does not match. */
const struct a9n_init_info *a9n_init_info(void);

/*
 * Called by the start code once a9n_start_argument() is set; never
 * returns. liba9n's (weak) version runs main() and ends the thread; the
 * C library's (koito/libc/start.c) replaces it.
 */
_Noreturn void a9n_start_program(void);

#endif
