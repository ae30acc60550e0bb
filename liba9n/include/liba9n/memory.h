/*
 * Typed wrappers for the Address Space, Page Table and Frame operations
 * (docs/abi.md, "Address Space, Page Table, Frame"), and a helper that maps
 * a frame after building whatever page tables are missing, on any
 * architecture's paging shape.
 */
#ifndef LIBA9N_MEMORY_H
#define LIBA9N_MEMORY_H

#include <a9n/error.h>
#include <a9n/memory.h>
#include <a9n/types.h>
#include <liba9n/kernel_call.h>

/*
 * The depth (the result's value) of the first page table missing on the way
 * to `address`'s frame entry in `address_space`: 0 when a frame can be mapped
 * there (if the entry is free), else convert a table of that depth, map it,
 * and ask again.
 */
struct a9n_word_result a9n_address_space_missing_depth(a9n_word_t address_space,
                                                        a9n_word_t address);

/* Install `table` in `address_space` so that it covers `address` (any page in its region). */
enum a9n_error a9n_page_table_map(a9n_word_t table, a9n_word_t address_space,
                                  a9n_word_t address);
enum a9n_error a9n_page_table_unmap(a9n_word_t table);

/* Map `frame` at `address` with enum a9n_map_attribute bits (READ is required). */
enum a9n_error a9n_frame_map(a9n_word_t frame, a9n_word_t address_space, a9n_word_t address,
                             unsigned attributes);
enum a9n_error a9n_frame_unmap(a9n_word_t frame);
/* The frame's physical address (for DMA). */
struct a9n_word_result a9n_frame_physical_address(a9n_word_t frame);

/*
 * Where a9n_map_frame_building_tables gets page tables: converted one at a
 * time from `generic` into slots next, next + 1, ... (below `end`) of the
 * node `node` of radix `radix`. `next` advances past every table made, so
 * the caller knows which slots now hold page-table capabilities.
 */
struct a9n_page_table_supply {
    a9n_word_t generic;
    a9n_word_t node;
    unsigned radix;
    a9n_word_t next;
    a9n_word_t end;
};

/*
 * Map `frame` at `address` in `address_space`, first converting and mapping
 * every missing page table (deepest first) from `tables`. Errors: those of
 * the operations used; A9N_ERROR_INDEX_OUT_OF_RANGE when `tables` has no
 * slot left. Tables made before an error stay mapped (they are reusable).
 */
enum a9n_error a9n_map_frame_building_tables(a9n_word_t address_space, a9n_word_t frame,
                                             a9n_word_t address, unsigned attributes,
                                             struct a9n_page_table_supply *tables);

#endif
