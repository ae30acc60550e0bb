/*
 * Init's window (koito/window.h): one page of its own address space,
 * with page tables from the Generic init keeps for itself.
 */
#include <koito/window.h>

#include "init.h"

/* Far from init's image, init info and modules, below every port's user_top. */
#define WINDOW_ADDRESS 0x2000000000ul

static struct koito_window window;

struct koito_window *koito_init_window(void)
{
    if (window.address == 0)
        window = (struct koito_window){
            .address_space = koito_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
            .address = WINDOW_ADDRESS,
            .root_radix = A9N_INIT_ROOT_RADIX,
            .frame_slot = KOITO_SLOT_WINDOW_FRAME,
            .tables = {
                .generic = koito_private_generic(),
                .node = a9n_descriptor(0, 0),
                .radix = A9N_INIT_ROOT_RADIX,
                .next = KOITO_SLOT_WINDOW_TABLES,
                .end = KOITO_SLOT_WINDOW_TABLES + KOITO_WINDOW_TABLES,
            },
        };
    return &window;
}
