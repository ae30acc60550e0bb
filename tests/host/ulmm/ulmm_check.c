/* The allocators' invariant checker (see ulmm_check.h). */
#include "ulmm_check.h"

#include <stdio.h>
#include <stdlib.h>

#include "simulated_kernel.h"

#define FAIL(...)                                                                \
    do {                                                                         \
        snprintf(message, size, __VA_ARGS__);                                    \
        goto fail;                                                               \
    } while (0)

struct leaf {
    a9n_paddr_t base;
    unsigned size_bits;
};

static int compare_leaves(const void *a, const void *b)
{
    const struct leaf *x = a, *y = b;
    return x->base < y->base ? -1 : x->base > y->base;
}

/* The kernel's children of `slot`, up to `max` of them, into `children`. */
static unsigned kernel_children(const struct slot *slot, const struct slot **children,
                                unsigned max)
{
    unsigned count = 0;
    for (const struct slot *child = slot->first_child; child != NULL && count < max;
         child = child->next_sibling)
        children[count++] = child;
    return count;
}

static bool kernel_generic_is(const struct slot *slot, a9n_paddr_t base, unsigned size_bits)
{
    return slot->type == A9N_CAPABILITY_GENERIC && slot->object == base &&
           slot->size_bits == size_bits && (slot->flags & SLOT_FLAG_DEVICE) == 0;
}

bool ulmm_check_buddy(const struct ulmm_buddy *buddy, char *message, size_t size)
{
    const struct ulmm_slot_allocator *slots = buddy->slots;
    uint32_t count = ulmm_slot_count(slots->radix);
    bool *seen = calloc(count, sizeof(*seen));
    bool *listed = calloc(count, sizeof(*listed));
    uint32_t *stack = malloc(count * sizeof(*stack));
    struct leaf *leaves = malloc(count * sizeof(*leaves));
    uint32_t visited = 0, leaf_count = 0, free_in_trees = 0, free_in_lists = 0;
    uint64_t leaf_bytes = 0, free_bytes = 0, listed_bytes = 0, root_bytes = 0;

    for (uint32_t r = 0; r < buddy->root_count; r++) {
        uint32_t depth = 0;
        const struct ulmm_buddy_block *root = &buddy->blocks[buddy->roots[r]];
        if (root->parent != ULMM_NO_SLOT)
            FAIL("root %u has a parent", buddy->roots[r]);
        root_bytes += (uint64_t)1 << root->size_bits;
        stack[depth++] = buddy->roots[r];
        while (depth > 0) {
            uint32_t i = stack[--depth];
            const struct ulmm_buddy_block *block = &buddy->blocks[i];
            if (i >= count || seen[i])
                FAIL("block %u reached twice or out of range", i);
            seen[i] = true;
            visited++;
            if (!ulmm_slot_is_allocated(slots, i))
                FAIL("block %u is in a free slot", i);
            const struct slot *kernel = simulated_ulmm_slot(i);
            if (!kernel_generic_is(kernel, block->base, block->size_bits))
                FAIL("block %u is not the Generic %#llx/%u in the kernel", i,
                     (unsigned long long)block->base, block->size_bits);
            if (block->parent != ULMM_NO_SLOT &&
                kernel->parent != simulated_ulmm_slot(block->parent))
                FAIL("block %u: kernel parent is not block %u", i, block->parent);

            const struct slot *children[3];
            unsigned child_count = kernel_children(kernel, children, 3);
            switch (block->state) {
            case ULMM_BLOCK_SPLIT:
                for (unsigned h = 0; h < 2; h++) {
                    uint32_t half = block->halves[h];
                    if (half >= count || buddy->blocks[half].parent != i ||
                        buddy->blocks[half].size_bits != block->size_bits - 1 ||
                        buddy->blocks[half].base !=
                            block->base + ((a9n_paddr_t)h << (block->size_bits - 1)))
                        FAIL("block %u: half %u is wrong", i, h);
                    stack[depth++] = half;
                }
                if (child_count != 2 ||
                    !((children[0] == simulated_ulmm_slot(block->halves[0]) &&
                       children[1] == simulated_ulmm_slot(block->halves[1])) ||
                      (children[1] == simulated_ulmm_slot(block->halves[0]) &&
                       children[0] == simulated_ulmm_slot(block->halves[1]))))
                    FAIL("split block %u: kernel children are not exactly its halves", i);
                break;
            case ULMM_BLOCK_FREE:
                if (child_count != 0)
                    FAIL("free block %u has children in the kernel", i);
                if (block->parent != ULMM_NO_SLOT) {
                    const struct ulmm_buddy_block *parent = &buddy->blocks[block->parent];
                    uint32_t other = parent->halves[parent->halves[0] == i ? 1 : 0];
                    if (buddy->blocks[other].state == ULMM_BLOCK_FREE)
                        FAIL("free buddies %u and %u not merged", i, other);
                }
                free_in_trees++;
                free_bytes += (uint64_t)1 << block->size_bits;
                /* fall through */
            case ULMM_BLOCK_ALLOCATED:
                leaves[leaf_count++] = (struct leaf){ block->base, block->size_bits };
                leaf_bytes += (uint64_t)1 << block->size_bits;
                break;
            default:
                FAIL("block %u in the tree has state %u", i, block->state);
            }
        }
    }

    uint32_t records = 0;
    for (uint32_t i = 0; i < count; i++)
        records += buddy->blocks[i].state != ULMM_BLOCK_NONE;
    if (records != visited)
        FAIL("%u block records, %u in the trees", records, visited);

    for (unsigned order = ULMM_ORDER_MIN; order <= ULMM_ORDER_MAX; order++) {
        uint32_t previous = ULMM_NO_SLOT;
        for (uint32_t i = buddy->free_lists[order - ULMM_ORDER_MIN]; i != ULMM_NO_SLOT;
             i = buddy->blocks[i].next) {
            if (i >= count || listed[i])
                FAIL("free list %u: %u listed twice or out of range", order, i);
            listed[i] = true;
            const struct ulmm_buddy_block *block = &buddy->blocks[i];
            if (block->state != ULMM_BLOCK_FREE || block->size_bits != order || !seen[i])
                FAIL("free list %u holds %u (state %u, size %u)", order, i, block->state,
                     block->size_bits);
            if (block->prev != previous)
                FAIL("free list %u: %u has a wrong prev link", order, i);
            previous = i;
            free_in_lists++;
            listed_bytes += (uint64_t)1 << order;
        }
    }
    if (free_in_lists != free_in_trees)
        FAIL("%u free blocks in the trees, %u on the free lists", free_in_trees, free_in_lists);
    if (leaf_bytes != buddy->total_bytes || root_bytes != buddy->total_bytes)
        FAIL("total not conserved: leaves %llu, roots %llu, recorded %llu",
             (unsigned long long)leaf_bytes, (unsigned long long)root_bytes,
             (unsigned long long)buddy->total_bytes);
    if (free_bytes != buddy->free_bytes || listed_bytes != buddy->free_bytes)
        FAIL("free bytes %llu, listed %llu, recorded %llu", (unsigned long long)free_bytes,
             (unsigned long long)listed_bytes, (unsigned long long)buddy->free_bytes);

    qsort(leaves, leaf_count, sizeof(*leaves), compare_leaves);
    for (uint32_t j = 0; j + 1 < leaf_count; j++) {
        if (leaves[j].base + ((a9n_paddr_t)1 << leaves[j].size_bits) > leaves[j + 1].base)
            FAIL("blocks at %#llx and %#llx overlap", (unsigned long long)leaves[j].base,
                 (unsigned long long)leaves[j + 1].base);
    }

    free(seen);
    free(listed);
    free(stack);
    free(leaves);
    return true;
fail:
    free(seen);
    free(listed);
    free(stack);
    free(leaves);
    return false;
}

bool ulmm_check_slab(const struct ulmm_slab *slab, char *message, size_t size)
{
    const struct ulmm_buddy *buddy = slab->buddy;
    const struct ulmm_slot_allocator *slots = buddy->slots;
    uint32_t count = ulmm_slot_count(slots->radix);
    uint32_t *free_cells = calloc(count, sizeof(*free_cells));
    uint32_t *objects = calloc(count, sizeof(*objects));
    bool *on_partial = calloc(count, sizeof(*on_partial));

    for (uint32_t i = 0; i < count; i++) {
        const struct ulmm_slab_entry *cell = &slab->entries[i];
        if (cell->kind != ULMM_SLAB_ENTRY_FREE_CELL && cell->kind != ULMM_SLAB_ENTRY_OBJECT)
            continue;
        if (cell->slab >= count || slab->entries[cell->slab].kind != ULMM_SLAB_ENTRY_SLAB)
            FAIL("cell %u belongs to no slab", i);
        if (!ulmm_slot_is_allocated(slots, i) || buddy->blocks[i].state != ULMM_BLOCK_NONE)
            FAIL("cell %u: slot free or also a buddy block", i);
        const struct ulmm_slab_entry *home = &slab->entries[cell->slab];
        const struct ulmm_buddy_block *block = &buddy->blocks[cell->slab];
        const struct slot *kernel = simulated_ulmm_slot(i);
        uint64_t cell_size = (uint64_t)1 << home->object_bits;
        if (kernel->type != A9N_CAPABILITY_GENERIC || kernel->size_bits != home->object_bits ||
            kernel->parent != simulated_ulmm_slot(cell->slab) || kernel->object < block->base ||
            kernel->object + cell_size > block->base + home->cells_made * cell_size)
            FAIL("cell %u is not a Generic of its slab %u in the kernel", i, cell->slab);
        if (cell->kind == ULMM_SLAB_ENTRY_FREE_CELL) {
            free_cells[cell->slab]++;
            if (kernel->first_child != NULL)
                FAIL("free cell %u has children in the kernel", i);
        } else {
            objects[cell->slab]++;
            if (kernel->first_child == NULL)
                FAIL("cell %u of an object holds nothing in the kernel", i);
        }
    }

    for (unsigned bits = ULMM_ORDER_MIN; bits <= ULMM_ORDER_MAX; bits++) {
        uint32_t previous = ULMM_NO_SLOT;
        for (uint32_t i = slab->partial[bits - ULMM_ORDER_MIN]; i != ULMM_NO_SLOT;
             i = slab->entries[i].next) {
            if (i >= count || on_partial[i] || slab->entries[i].kind != ULMM_SLAB_ENTRY_SLAB ||
                slab->entries[i].object_bits != bits || slab->entries[i].prev != previous)
                FAIL("partial list %u is broken at %u", bits, i);
            on_partial[i] = true;
            previous = i;
        }
    }

    for (uint32_t i = 0; i < count; i++) {
        const struct ulmm_slab_entry *home = &slab->entries[i];
        if (home->kind != ULMM_SLAB_ENTRY_SLAB)
            continue;
        const struct ulmm_buddy_block *block = &buddy->blocks[i];
        unsigned block_bits =
            home->object_bits > slab->slab_bits ? home->object_bits : slab->slab_bits;
        if (block->state != ULMM_BLOCK_ALLOCATED || block->size_bits != block_bits)
            FAIL("slab %u is not an allocated buddy block of 2^%u", i, block_bits);
        if (home->in_use == 0)
            FAIL("slab %u is empty but was not given back", i);
        uint32_t listed = 0;
        for (uint32_t c = home->free_cells; c != ULMM_NO_SLOT && listed <= count;
             c = slab->entries[c].next) {
            if (slab->entries[c].kind != ULMM_SLAB_ENTRY_FREE_CELL || slab->entries[c].slab != i)
                FAIL("slab %u: free list holds %u", i, c);
            listed++;
        }
        uint64_t capacity = (uint64_t)1 << (block_bits - home->object_bits);
        if (listed != free_cells[i] || objects[i] != home->in_use ||
            listed + home->in_use != home->cells_made || home->cells_made > capacity)
            FAIL("slab %u: %u listed, %u free, %u objects (in_use %u), %u made of %llu", i,
                 listed, free_cells[i], objects[i], home->in_use, home->cells_made,
                 (unsigned long long)capacity);
        bool full = listed == 0 && home->cells_made == capacity;
        if (full == on_partial[i])
            FAIL("slab %u: full %d but on partial list %d", i, full, on_partial[i]);
    }

    free(free_cells);
    free(objects);
    free(on_partial);
    return true;
fail:
    free(free_cells);
    free(objects);
    free(on_partial);
    return false;
}

uint32_t ulmm_check_slots_accounted(const struct ulmm_buddy *buddy, const struct ulmm_slab *slab)
{
    uint32_t accounted = 0;
    for (uint32_t i = 0; i < ulmm_slot_count(buddy->slots->radix); i++) {
        accounted += buddy->blocks[i].state != ULMM_BLOCK_NONE;
        if (slab != NULL)
            accounted += slab->entries[i].kind == ULMM_SLAB_ENTRY_FREE_CELL ||
                         slab->entries[i].kind == ULMM_SLAB_ENTRY_OBJECT;
    }
    return accounted;
}
