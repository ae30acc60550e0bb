/* The window (koito/window.h): a frame copy mapped at a fixed page, then removed. */
#include <koito/window.h>
#include <liba9n/node.h>

#define ROOT a9n_descriptor(0, 0)

enum a9n_error koito_window_open(struct koito_window *window, a9n_word_t frame, void **contents)
{
    enum a9n_error error = a9n_node_copy(ROOT, window->frame_slot, frame);
    if (error != A9N_ERROR_NONE)
        return error;
    error = a9n_map_frame_building_tables(
        window->address_space, a9n_descriptor(window->root_radix, window->frame_slot),
        window->address, A9N_MAP_READ | A9N_MAP_WRITE, &window->tables);
    if (error != A9N_ERROR_NONE) {
        a9n_node_remove(ROOT, window->frame_slot);
        return error;
    }
    *contents = (void *)window->address;
    return A9N_ERROR_NONE;
}

void koito_window_close(struct koito_window *window)
{
    a9n_node_remove(ROOT, window->frame_slot);
}
