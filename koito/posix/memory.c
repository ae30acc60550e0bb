/*
 * Memory of the POSIX server and of its programs, all from ULMM. The
 * server's own pages (for the ramfs) are mapped in its address space as
 * the file system asks for them and reused when it frees them. A
 * program's heap (brk) and anonymous mappings (mmap) are frames ULMM maps
 * into the program's address space, owned by its pid: when it ends, one
 * CLIENT_EXITED takes them back, so only mmap needs handles (for munmap).
 */
#include "posix_server.h"

/* ---- the server's own pages --------------------------------------------------------------- */

/*
 * Where the server maps its pages: far above its image, window and stack.
 * Each page is one ULMM allocation, given back as soon as the ramfs frees
 * it, so that ULMM's free bytes show what files hold now (the transcript
 * test checks `free` before and after).
 */
#define OWN_PAGES_BASE 0x100000000ul
#define OWN_PAGES_MAX (64ul << 20) /* 64 MiB of file data at most: then ENOSPC */
#define OWN_PAGE_COUNT (OWN_PAGES_MAX / RAMFS_PAGE_SIZE)
#define WORD_BITS (sizeof(a9n_word_t) * 8)

static a9n_word_t page_used[OWN_PAGE_COUNT / WORD_BITS];
static a9n_word_t page_handle[OWN_PAGE_COUNT];

static void *own_page_alloc(void *context)
{
    (void)context;
    for (unsigned word = 0; word < OWN_PAGE_COUNT / WORD_BITS; word++) {
        if (page_used[word] == ~(a9n_word_t)0)
            continue;
        unsigned bit = (unsigned)__builtin_ctzl(~page_used[word]);
        unsigned index = word * (unsigned)WORD_BITS + bit;
        a9n_word_t address = OWN_PAGES_BASE + (a9n_word_t)index * RAMFS_PAGE_SIZE;
        struct ulmm_result result =
            ulmm_map(ulmm_self(), 0, address, A9N_MAP_READ | A9N_MAP_WRITE, 0);
        if (result.status != ULMM_STATUS_OK)
            return NULL;
        page_used[word] |= (a9n_word_t)1 << bit;
        page_handle[index] = result.handle;
        return (void *)address;
    }
    return NULL;
}

static void own_page_free(void *context, void *page)
{
    (void)context;
    a9n_word_t index = ((a9n_word_t)page - OWN_PAGES_BASE) / RAMFS_PAGE_SIZE;
    if (ulmm_free(ulmm_self(), page_handle[index]) == ULMM_STATUS_OK)
        page_used[index / WORD_BITS] &= ~((a9n_word_t)1 << (index % WORD_BITS));
}

const struct ramfs_page_provider posix_pages = {
    .alloc_page = own_page_alloc,
    .free_page = own_page_free,
    .context = NULL,
};

/* ---- programs' memory -------------------------------------------------------------------------- */

static struct ulmm_client acting_for(const struct process *process)
{
    struct ulmm_client owner = posix_ulmm_manager;
    owner.owner = process->pid;
    return owner;
}

static a9n_word_t page_size(void)
{
    return (a9n_word_t)1 << posix_spawner.app_template.page_bits;
}

static a9n_word_t round_up(a9n_word_t value, a9n_word_t alignment)
{
    return (value + alignment - 1) & ~(alignment - 1);
}

/* The largest run ULMM maps at `address` within `pages` pages: aligned to its own size. */
static unsigned run_order(a9n_word_t address, a9n_word_t pages)
{
    unsigned bits = posix_spawner.app_template.page_bits;
    unsigned order = 0;
    while (order < ULMM_MAX_FRAME_ORDER && ((a9n_word_t)2 << order) <= pages &&
           (address & (((a9n_word_t)2 << (order + bits)) - 1)) == 0)
        order++;
    return order;
}

/* Map the heap up to `end` (page-aligned). False when ULMM has no more: what was mapped stays. */
static bool heap_grow(struct process *process, a9n_word_t end)
{
    struct ulmm_client owner = acting_for(process);
    unsigned bits = posix_spawner.app_template.page_bits;
    while (process->heap_mapped < end) {
        a9n_word_t pages = (end - process->heap_mapped) >> bits;
        unsigned order = run_order(process->heap_mapped, pages);
        struct ulmm_result result = ulmm_map(&owner, order, process->heap_mapped,
                                             A9N_MAP_READ | A9N_MAP_WRITE, 0);
        if (result.status != ULMM_STATUS_OK)
            return false;
        process->heap_mapped += (a9n_word_t)1 << (order + bits);
    }
    return true;
}

enum koito_reply_action posix_brk_request(struct koito_server *server,
                                          struct koito_request *request)
{
    struct process *process = request->client;
    a9n_word_t wanted = koito_message_word(request->message, 0);
    if (wanted == 0)
        return posix_reply(server, request, (long)process->brk, 0);
    if (wanted < POSIX_HEAP_BASE || wanted - POSIX_HEAP_BASE > POSIX_HEAP_MAX)
        return posix_reply(server, request, -KOITO_ENOMEM, 0);
    /* Shrinking keeps the pages: growing again reuses them; the end of the pid frees them. */
    if (!heap_grow(process, round_up(wanted, page_size())))
        return posix_reply(server, request, -KOITO_ENOMEM, 0);
    process->brk = wanted;
    return posix_reply(server, request, (long)wanted, 0);
}

enum koito_reply_action posix_mmap_request(struct koito_server *server,
                                           struct koito_request *request)
{
    struct process *process = request->client;
    a9n_word_t length = koito_message_word(request->message, 0);
    unsigned bits = posix_spawner.app_template.page_bits;
    if (length == 0 || length > ((a9n_word_t)1 << (ULMM_MAX_FRAME_ORDER + bits)))
        return posix_reply(server, request, length == 0 ? -KOITO_EINVAL : -KOITO_ENOMEM, 0);
    unsigned order = 0;
    while (((a9n_word_t)1 << (order + bits)) < length)
        order++;
    a9n_word_t size = (a9n_word_t)1 << (order + bits);
    a9n_word_t address = round_up(process->mmap_next, size);
    struct mapping *free_entry = NULL;
    for (unsigned i = 0; i < POSIX_MAPPINGS_MAX && free_entry == NULL; i++)
        if (process->mappings[i].address == 0)
            free_entry = &process->mappings[i];
    if (free_entry == NULL || address + size > POSIX_MMAP_END)
        return posix_reply(server, request, -KOITO_ENOMEM, 0);

    struct ulmm_client owner = acting_for(process);
    struct ulmm_result result = ulmm_map(&owner, order, address, A9N_MAP_READ | A9N_MAP_WRITE, 0);
    if (result.status != ULMM_STATUS_OK)
        return posix_reply(server, request, -KOITO_ENOMEM, 0);
    *free_entry = (struct mapping){ address, size, result.handle };
    process->mmap_next = address + size;
    return posix_reply(server, request, (long)address, 0);
}

enum koito_reply_action posix_munmap_request(struct koito_server *server,
                                             struct koito_request *request)
{
    struct process *process = request->client;
    a9n_word_t address = koito_message_word(request->message, 0);
    a9n_word_t length = koito_message_word(request->message, 1);
    for (unsigned i = 0; i < POSIX_MAPPINGS_MAX; i++) {
        struct mapping *mapping = &process->mappings[i];
        if (address == 0 || mapping->address != address)
            continue;
        /* Only whole mappings, as mmap made them. */
        if (length == 0 || round_up(length, page_size()) > mapping->size)
            return posix_reply(server, request, -KOITO_EINVAL, 0);
        struct ulmm_client owner = acting_for(process);
        if (ulmm_free(&owner, mapping->handle) != ULMM_STATUS_OK)
            return posix_reply(server, request, -KOITO_EINVAL, 0);
        *mapping = (struct mapping){ 0 };
        return posix_reply(server, request, 0, 0);
    }
    return posix_reply(server, request, -KOITO_EINVAL, 0);
}

void memory_forget(struct process *process)
{
    /* ULMM takes the frames back with the pid; the handles just go. */
    for (unsigned i = 0; i < POSIX_MAPPINGS_MAX; i++)
        process->mappings[i] = (struct mapping){ 0 };
}

enum koito_reply_action posix_memory_status_request(struct koito_server *server,
                                                    struct koito_request *request)
{
    struct ulmm_statistics statistics = ulmm_statistics(&posix_ulmm_manager);
    if (statistics.status != ULMM_STATUS_OK)
        return posix_reply(server, request, -KOITO_EIO, 0);
    koito_message_set_word(request->message, 1, statistics.total_bytes);
    koito_message_set_word(request->message, 2, statistics.free_bytes);
    return posix_reply(server, request, 0, 2);
}
