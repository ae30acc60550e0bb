/*
 * Init's window: one page of its own address space where it maps a copy
 * of a frame to fill it (ELF contents, app-info pages). The copy is
 * removed on close, which unmaps it; the window's page tables stay.
 */
#include <liba9n/memory.h>
#include <liba9n/node.h>

#include "init.h"

/* Far from init's image, init info and modules, below every port's user_top. */
#define WINDOW_ADDRESS 0x2000000000ul

static struct a9n_page_table_supply tables;

enum a9n_error window_open(a9n_word_t tables_generic, a9n_word_t frame, void **contents)
{
    if (tables.end == 0)
        tables = (struct a9n_page_table_supply){
            .generic = tables_generic,
            .node = a9n_descriptor(0, 0),
            .radix = A9N_INIT_ROOT_RADIX,
            .next = KOITO_SLOT_WINDOW_TABLES,
            .end = KOITO_SLOT_WINDOW_TABLES + KOITO_WINDOW_TABLES,
        };
    enum a9n_error error = a9n_node_copy(a9n_descriptor(0, 0), KOITO_SLOT_WINDOW_FRAME, frame);
    if (error != A9N_ERROR_NONE)
        return error;
    error = a9n_map_frame_building_tables(a9n_init_slot(A9N_INIT_SLOT_ADDRESS_SPACE),
                                          koito_slot(KOITO_SLOT_WINDOW_FRAME), WINDOW_ADDRESS,
                                          A9N_MAP_READ | A9N_MAP_WRITE, &tables);
    if (error != A9N_ERROR_NONE) {
        a9n_node_remove(a9n_descriptor(0, 0), KOITO_SLOT_WINDOW_FRAME);
        return error;
    }
    *contents = (void *)WINDOW_ADDRESS;
    return A9N_ERROR_NONE;
}

void window_close(void)
{
    a9n_node_remove(a9n_descriptor(0, 0), KOITO_SLOT_WINDOW_FRAME);
}
