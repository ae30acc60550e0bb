/*
 * Page Table capabilities: map a table into an address space, unmap it.
 *
 * A Page Table capability cannot be copied (object.c), so each table has
 * exactly one capability and one mapping record: the record is the table's
 * whole mapping state. That is what makes it safe to zero a table when it
 * is mapped: if its record is not live, nothing live reaches the table.
 * Zeroing on map (not on unmap) also covers tables whose address space died
 * under them: whatever they still point to never becomes reachable again.
 */
#include "page_table.h"

#include <a9n/memory.h>

#include "address_space.h"
#include "capability_call.h"
#include "mapping.h"
#include "string.h"

struct page_table_map {
    struct slot *table;
    const struct slot *address_space;
    a9n_word_t address; /* the first address the table covers */
};

/* Bits of virtual address a table of `depth` covers, page offset included. */
static unsigned span_bits(unsigned depth)
{
    const struct hal_paging_geometry *geometry = hal_paging_geometry();
    unsigned bits = geometry->page_bits;
    for (unsigned d = 1; d <= depth; d++)
        bits += geometry->index_bits[d - 1];
    return bits;
}

static enum a9n_error page_table_decode_map(const struct slot *root, struct slot *table,
                                            const struct capability_message *message,
                                            struct page_table_map *map)
{
    unsigned depth = table->parameter;

    if (mapping_root(table) != 0)
        return A9N_ERROR_INVALID_STATE;
    enum a9n_error error =
        address_space_decode_target(root, message->mr[A9N_PAGE_TABLE_ARG_ADDRESS_SPACE],
                                    message->mr[A9N_PAGE_TABLE_ARG_ADDRESS], &map->address_space);
    if (error != A9N_ERROR_NONE)
        return error;
    /* Any page inside the region names it; the record keeps its start. */
    a9n_word_t span_mask = ((a9n_word_t)1 << span_bits(depth)) - 1;
    map->address = message->mr[A9N_PAGE_TABLE_ARG_ADDRESS] & ~span_mask;

    /* The first missing depth is exactly where a table of this depth goes. */
    unsigned missing = hal_missing_depth(map->address_space->object, map->address);
    if (missing < depth)
        return A9N_ERROR_ALREADY_MAPPED; /* a table of this depth is there */
    if (missing > depth)
        return A9N_ERROR_NOT_MAPPED; /* the table that would hold it is missing */
    map->table = table;
    return A9N_ERROR_NONE;
}

static void page_table_perform_map(const struct page_table_map *map)
{
    struct slot *table = map->table;
    a9n_paddr_t root = map->address_space->object;

    memset(hal_phys_to_virt(table->object), 0, (size_t)1 << A9N_PAGE_TABLE_BITS);
    /* Cannot fail: decode saw the parent present and this entry empty. */
    hal_map_table(root, map->address, table->parameter, table->object);
    mapping_record(table, root, map->address);
}

void page_table_teardown(struct slot *capability, bool last)
{
    (void)last; /* one capability per table: it is always the last */
    mapping_remove(capability, capability->parameter);
}

enum a9n_error page_table_invoke(const struct slot *root, struct slot *table,
                                 struct capability_message *message)
{
    switch (message->mr[1]) {
    case A9N_PAGE_TABLE_MAP: {
        struct page_table_map map;
        enum a9n_error error = page_table_decode_map(root, table, message, &map);
        if (error == A9N_ERROR_NONE)
            page_table_perform_map(&map);
        return error;
    }
    case A9N_PAGE_TABLE_UNMAP:
        if (mapping_root(table) == 0)
            return A9N_ERROR_NOT_MAPPED;
        mapping_remove(table, table->parameter);
        return A9N_ERROR_NONE;
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}
