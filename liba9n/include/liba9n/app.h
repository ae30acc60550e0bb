/*
 * What a KOITO program knows about itself: the app-info page init maps
 * into every program (abi/a9n/app_info.h), and exit through the OS port.
 */
#ifndef LIBA9N_APP_H
#define LIBA9N_APP_H

#include <a9n/app_info.h>

/* The app-info page, or NULL when the program was not started by KOITO init. */
const struct a9n_app_info *a9n_app_info(void);

/* Tell init the program is done; init destroys it and reclaims its memory. */
_Noreturn void a9n_app_exit(unsigned status);

#endif
