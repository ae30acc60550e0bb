/*
 * The slab allocator (see slab.h for the model). A slab's cells are made
 * lazily, in address order, so a slab costs kernel calls and slots only
 * for the cells ever used; freed cells are reused before new ones are made.
 */
#include "slab.h"

#include "kernel_interface.h"

static struct ulmm_slot_allocator *slots_of(const struct ulmm_slab *slab)
{
    return slab->buddy->slots;
}

static uint32_t *partial_list(struct ulmm_slab *slab, unsigned object_bits)
{
    return &slab->partial[object_bits - ULMM_ORDER_MIN];
}

static void partial_push(struct ulmm_slab *slab, uint32_t home)
{
    struct ulmm_slab_entry *entry = &slab->entries[home];
    uint32_t *head = partial_list(slab, entry->object_bits);

    entry->prev = ULMM_NO_SLOT;
    entry->next = *head;
    if (*head != ULMM_NO_SLOT)
        slab->entries[*head].prev = home;
    *head = home;
}

static void partial_remove(struct ulmm_slab *slab, uint32_t home)
{
    struct ulmm_slab_entry *entry = &slab->entries[home];

    if (entry->prev != ULMM_NO_SLOT)
        slab->entries[entry->prev].next = entry->next;
    else
        *partial_list(slab, entry->object_bits) = entry->next;
    if (entry->next != ULMM_NO_SLOT)
        slab->entries[entry->next].prev = entry->prev;
}

/* Cells a slab can hold: its block size over the cell size. */
static uint64_t slab_capacity(const struct ulmm_slab *slab, uint32_t home)
{
    unsigned block_bits = slab->buddy->blocks[home].size_bits;
    return (uint64_t)1 << (block_bits - slab->entries[home].object_bits);
}

static bool slab_is_full(const struct ulmm_slab *slab, uint32_t home)
{
    const struct ulmm_slab_entry *entry = &slab->entries[home];
    return entry->free_cells == ULMM_NO_SLOT && entry->cells_made == slab_capacity(slab, home);
}

enum ulmm_error ulmm_slab_init(struct ulmm_slab *slab, struct ulmm_buddy *buddy,
                               struct ulmm_slab_entry *entries, unsigned slab_bits,
                               unsigned paging_levels)
{
    if (slab_bits < ULMM_ORDER_MIN || slab_bits > ULMM_ORDER_MAX)
        return ULMM_ERROR_INVALID_ARGUMENT;
    if (paging_levels < 2 || paging_levels > A9N_PAGING_MAX_LEVELS)
        return ULMM_ERROR_INVALID_ARGUMENT;

    slab->buddy = buddy;
    slab->entries = entries;
    slab->slab_bits = slab_bits;
    slab->paging_levels = paging_levels;
    for (uint32_t i = 0; i < ulmm_slot_count(buddy->slots->radix); i++)
        entries[i].kind = ULMM_SLAB_ENTRY_NONE;
    for (unsigned i = 0; i < ULMM_ORDER_COUNT; i++)
        slab->partial[i] = ULMM_NO_SLOT;
    return ULMM_ERROR_NONE;
}

/* A new, empty slab for objects of 2^object_bits, on its partial list. */
static enum ulmm_error slab_create(struct ulmm_slab *slab, unsigned object_bits, uint32_t *home)
{
    unsigned block_bits = object_bits > slab->slab_bits ? object_bits : slab->slab_bits;
    enum ulmm_error error = ulmm_buddy_allocate(slab->buddy, block_bits, home);
    if (error != ULMM_ERROR_NONE)
        return error;

    struct ulmm_slab_entry *entry = &slab->entries[*home];
    entry->kind = ULMM_SLAB_ENTRY_SLAB;
    entry->object_bits = (uint8_t)object_bits;
    entry->slab = ULMM_NO_SLOT;
    entry->free_cells = ULMM_NO_SLOT;
    entry->cells_made = 0;
    entry->in_use = 0;
    partial_push(slab, *home);
    return ULMM_ERROR_NONE;
}

/*
 * Give the empty slab back to the buddy allocator. Freeing the block
 * revokes it, which removes every cell; then the cells' slots are free.
 * If the kernel refuses (only possible if ULMM's capabilities were changed
 * behind its back), the slab stays, empty, for the next allocation.
 */
static void slab_destroy(struct ulmm_slab *slab, uint32_t home)
{
    if (ulmm_buddy_free(slab->buddy, home) != ULMM_ERROR_NONE)
        return;

    partial_remove(slab, home);
    uint32_t cell = slab->entries[home].free_cells;
    while (cell != ULMM_NO_SLOT) {
        uint32_t next = slab->entries[cell].next;
        slab->entries[cell].kind = ULMM_SLAB_ENTRY_NONE;
        ulmm_slot_free(slots_of(slab), cell);
        cell = next;
    }
    slab->entries[home].kind = ULMM_SLAB_ENTRY_NONE;
}

static void cell_put_back(struct ulmm_slab *slab, uint32_t home, uint32_t cell)
{
    slab->entries[cell].kind = ULMM_SLAB_ENTRY_FREE_CELL;
    slab->entries[cell].next = slab->entries[home].free_cells;
    slab->entries[home].free_cells = cell;
}

/* A free cell of the slab (which is not full): a freed one, else a new one. */
static enum ulmm_error cell_take(struct ulmm_slab *slab, uint32_t home, uint32_t *cell)
{
    struct ulmm_slab_entry *entry = &slab->entries[home];
    struct ulmm_slot_allocator *slots = slots_of(slab);

    if (entry->free_cells != ULMM_NO_SLOT) {
        *cell = entry->free_cells;
        entry->free_cells = slab->entries[*cell].next;
        return ULMM_ERROR_NONE;
    }

    enum ulmm_error error = ulmm_slot_allocate(slots, cell);
    if (error != ULMM_ERROR_NONE)
        return error;
    /* The slab block has had children since its first cell: this one lands after the last. */
    if (ulmm_kernel_convert(ulmm_slot_descriptor(slots, home), A9N_CAPABILITY_GENERIC,
                            entry->object_bits, 1, slots->node, *cell) != A9N_ERROR_NONE) {
        ulmm_slot_free(slots, *cell);
        return ULMM_ERROR_KERNEL_REFUSED;
    }
    entry->cells_made++;
    slab->entries[*cell].slab = home;
    return ULMM_ERROR_NONE;
}

enum ulmm_error ulmm_slab_allocate(struct ulmm_slab *slab, enum a9n_capability_type type,
                                   a9n_word_t parameter, a9n_word_t node, a9n_word_t index,
                                   uint32_t *object)
{
    unsigned object_bits = a9n_object_size_bits(type, parameter);
    if (object_bits == 0)
        return ULMM_ERROR_INVALID_ARGUMENT;
    /* The ABI bounds depths statically; this machine may have fewer levels. */
    if (type == A9N_CAPABILITY_PAGE_TABLE && parameter >= slab->paging_levels)
        return ULMM_ERROR_INVALID_ARGUMENT;

    uint32_t home = *partial_list(slab, object_bits);
    if (home == ULMM_NO_SLOT) {
        enum ulmm_error error = slab_create(slab, object_bits, &home);
        if (error != ULMM_ERROR_NONE)
            return error;
    }

    uint32_t cell;
    enum ulmm_error error = cell_take(slab, home, &cell);
    if (error == ULMM_ERROR_NONE &&
        ulmm_kernel_convert(ulmm_slot_descriptor(slots_of(slab), cell), type, parameter, 1, node,
                            index) != A9N_ERROR_NONE) {
        /* Failed converts change nothing: the cell is still a childless Generic. */
        cell_put_back(slab, home, cell);
        error = ULMM_ERROR_KERNEL_REFUSED;
    }
    if (error != ULMM_ERROR_NONE) {
        /* A slab created for this allocation must not stay behind empty. */
        if (slab->entries[home].in_use == 0)
            slab_destroy(slab, home);
        return error;
    }

    slab->entries[cell].kind = ULMM_SLAB_ENTRY_OBJECT;
    slab->entries[home].in_use++;
    if (slab_is_full(slab, home))
        partial_remove(slab, home);
    *object = cell;
    return ULMM_ERROR_NONE;
}

enum ulmm_error ulmm_slab_free(struct ulmm_slab *slab, uint32_t object)
{
    if (object >= ulmm_slot_count(slots_of(slab)->radix) ||
        slab->entries[object].kind != ULMM_SLAB_ENTRY_OBJECT)
        return ULMM_ERROR_NOT_ALLOCATED;
    /* Destroys the object and every copy a client made or was given. */
    if (ulmm_kernel_revoke(slots_of(slab)->node, object) != A9N_ERROR_NONE)
        return ULMM_ERROR_KERNEL_REFUSED;

    uint32_t home = slab->entries[object].slab;
    bool was_full = slab_is_full(slab, home);
    cell_put_back(slab, home, object);
    slab->entries[home].in_use--;
    if (was_full)
        partial_push(slab, home);
    if (slab->entries[home].in_use == 0)
        slab_destroy(slab, home);
    return ULMM_ERROR_NONE;
}
