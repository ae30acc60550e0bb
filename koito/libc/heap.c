/*
 * The heap behind malloc: sbrk over pages ULMM maps into the program, from
 * the start of its free area (app_info.free_base) up to HEAP_SIZE_MAX.
 * The break moves by bytes; the mapping grows in whole pages, a run of
 * pages per ULMM request, and shrinks by whole runs when malloc trims, so
 * freed memory goes back to ULMM. ULMM's frames come zeroed.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include <a9n/paging.h>
#include <liba9n/app.h>
#include <liba9n/ulmm.h>

#include "glue.h"

/* Address space the heap may use above free_base; a program maps its own pages above it. */
#define HEAP_SIZE_MAX ((uintptr_t)1 << 30)

/*
 * Each run is one ULMM allocation. The mapping grows ahead of the break by
 * a granule of 1/8 of what is mapped (16 to 2^ULMM_MAX_FRAME_ORDER pages),
 * so that a heap of HEAP_SIZE_MAX takes about 350 runs however malloc grows it.
 */
#define HEAP_RUNS_MAX 512
#define HEAP_GRANULE_MIN_ORDER 4

struct heap_run {
    uintptr_t address; /* it ends where the next run starts, the last at heap.mapped */
    a9n_word_t handle;
};

static struct {
    uintptr_t base;   /* free_base; 0 until the first sbrk */
    uintptr_t limit;  /* base + HEAP_SIZE_MAX, or user_top if lower */
    uintptr_t end;    /* the break */
    uintptr_t mapped; /* end of the mapped pages: the break rounded up, and the granule */
    unsigned page_bits;
    unsigned run_count;
    struct heap_run runs[HEAP_RUNS_MAX];
} heap;

static unsigned floor_log2(uintptr_t value)
{
    return (unsigned)(sizeof(unsigned long) * 8 - 1) - (unsigned)__builtin_clzl(value);
}

static uintptr_t page_round_up(uintptr_t address)
{
    uintptr_t page_mask = ((uintptr_t)1 << heap.page_bits) - 1;
    return (address + page_mask) & ~page_mask;
}

static int heap_start(void)
{
    const struct a9n_app_info *info = a9n_app_info();
    if (info == NULL)
        return 0;
    heap.base = heap.end = heap.mapped = info->free_base;
    heap.page_bits = info->page_bits;
    heap.limit = info->user_top - info->free_base < HEAP_SIZE_MAX ? info->user_top
                                                                   : info->free_base + HEAP_SIZE_MAX;
    return 1;
}

/* Give back every run that starts at or above `address` (page aligned). */
static void unmap_from(uintptr_t address)
{
    while (heap.run_count > 0 && heap.runs[heap.run_count - 1].address >= address) {
        struct heap_run *run = &heap.runs[--heap.run_count];
        ulmm_free(ulmm_self(), run->handle);
        heap.mapped = run->address;
    }
}

/* Map pages until `needed` (page aligned, within the limit); all or nothing. */
static int map_until(uintptr_t needed)
{
    uintptr_t start = heap.mapped;
    unsigned mapped_pages = (unsigned)((heap.mapped - heap.base) >> heap.page_bits);
    unsigned granule_order = mapped_pages >> 3 == 0 ? 0 : floor_log2(mapped_pages >> 3);
    if (granule_order < HEAP_GRANULE_MIN_ORDER)
        granule_order = HEAP_GRANULE_MIN_ORDER;
    if (granule_order > ULMM_MAX_FRAME_ORDER)
        granule_order = ULMM_MAX_FRAME_ORDER;
    uintptr_t granule = (uintptr_t)1 << (granule_order + heap.page_bits);
    uintptr_t wanted = (needed - heap.base + granule - 1) / granule * granule + heap.base;
    if (wanted > heap.limit)
        wanted = needed;

    while (heap.mapped < wanted) {
        uintptr_t pages = (wanted - heap.mapped) >> heap.page_bits;
        unsigned order = floor_log2(pages);
        if (order > ULMM_MAX_FRAME_ORDER)
            order = ULMM_MAX_FRAME_ORDER;
        struct ulmm_result result = heap.run_count < HEAP_RUNS_MAX
            ? ulmm_map(ulmm_self(), order, heap.mapped, A9N_MAP_READ | A9N_MAP_WRITE, 0)
            : (struct ulmm_result){ ULMM_STATUS_OUT_OF_MEMORY, 0 };
        if (result.status != ULMM_STATUS_OK) {
            if (heap.mapped >= needed)
                return 1; /* only the read-ahead is missing */
            unmap_from(start);
            return 0;
        }
        heap.runs[heap.run_count++] = (struct heap_run){ heap.mapped, result.handle };
        heap.mapped += (uintptr_t)1 << (order + heap.page_bits);
    }
    return 1;
}

void *sbrk(ptrdiff_t increment)
{
    if (heap.base == 0 && !heap_start()) {
        errno = ENOMEM;
        return (void *)-1;
    }
    uintptr_t old_end = heap.end;
    uintptr_t amount = increment < 0 ? -(uintptr_t)increment : (uintptr_t)increment;
    if (increment < 0 ? amount > old_end - heap.base : amount > heap.limit - old_end) {
        errno = ENOMEM;
        return (void *)-1;
    }
    uintptr_t new_end = increment < 0 ? old_end - amount : old_end + amount;
    uintptr_t needed = page_round_up(new_end);
    if (needed > heap.mapped && !map_until(needed)) {
        errno = ENOMEM;
        return (void *)-1;
    }
    if (increment < 0)
        unmap_from(needed);
    heap.end = new_end;
    return (void *)old_end;
}
GLUE_ALSO_UNDERSCORED(sbrk);
