/*
 * A window: one page of the caller's own address space where it maps a
 * copy of a frame to read or fill it (ELF contents, app-info and argument
 * pages of a program being built). The copy is removed on close, which
 * unmaps it; the window's page tables stay for the next open.
 */
#ifndef KOITO_WINDOW_H
#define KOITO_WINDOW_H

#include <a9n/error.h>
#include <a9n/types.h>
#include <liba9n/memory.h>

struct koito_window {
    a9n_word_t address_space; /* descriptor of the caller's address space */
    a9n_word_t address;       /* page-aligned, used by nothing else */
    unsigned root_radix;      /* of the caller's root node */
    a9n_word_t frame_slot;    /* empty root slot for the copy shown */
    /* Where page tables come from the first time (generic, root node slots). */
    struct a9n_page_table_supply tables;
};

/* Show a copy of `frame` (a descriptor) at the window; *contents = its address. */
enum a9n_error koito_window_open(struct koito_window *window, a9n_word_t frame, void **contents);
void koito_window_close(struct koito_window *window);

#endif
