/*
 * Starting ULMM. ULMM cannot allocate its own memory before it runs, so
 * init builds it from a piece of free memory it keeps (KOITO_PRIVATE_BITS):
 * the smallest Generic big enough is split in halves down to that size;
 * every other half and every other Generic goes to ULMM once it runs.
 * Everything of ULMM's (PCB, address space, image frames, page tables)
 * lives in ULMM's own root node, below the first slot its allocator uses.
 */
#include <a9n/app_info.h>
#include <liba9n/debug.h>
#include <liba9n/memory.h>
#include <liba9n/node.h>
#include <liba9n/process.h>

#include <koito/elf_loader.h>
#include "init.h"

/* ULMM's node (4 MiB), its tables (~5 MiB of bss), image and stack fit in 16 MiB. */
#define KOITO_PRIVATE_BITS 24
#define ROOT a9n_descriptor(0, 0)
#define ULMM_NODE koito_slot(KOITO_SLOT_ULMM_NODE)
/* ULMM's fixed slot where init puts a Generic for ULMM_REQUEST_ADD_MEMORY. */
#define ULMM_HANDOVER_SLOT (A9N_APP_SLOT_FIRST_FREE - 1)

static a9n_word_t private_generic;

/* Upper halves of the split Generic, handed to ULMM after it starts. */
struct half {
    a9n_word_t slot;
    a9n_paddr_t base;
    unsigned size_bits;
};
static struct half halves[(KOITO_SLOT_SPLIT_END - KOITO_SLOT_SPLIT_FIRST) / 2];
static unsigned half_count;
static uint32_t split_generic; /* index in the Generic node of the one split */

a9n_word_t koito_private_generic(void)
{
    return private_generic;
}

static a9n_word_t ulmm_slot(a9n_word_t index)
{
    return a9n_descriptor_child(ULMM_NODE, ULMM_ROOT_RADIX, index);
}

static a9n_word_t generic_descriptor(const struct a9n_init_info *info, uint32_t index)
{
    return a9n_init_child_slot(A9N_INIT_SLOT_GENERIC_NODE,
                               info->node_radix[A9N_INIT_SLOT_GENERIC_NODE], index);
}

/* Keep a 2^KOITO_PRIVATE_BITS piece of the smallest Generic that has one. */
static bool keep_private_memory(const struct a9n_init_info *info)
{
    uint32_t best = info->generic_count;
    for (uint32_t i = 0; i < info->generic_count; i++) {
        const struct a9n_init_generic *generic = &info->generics[i];
        if (generic->size_bits >= KOITO_PRIVATE_BITS &&
            (best == info->generic_count || generic->size_bits < info->generics[best].size_bits))
            best = i;
    }
    if (best == info->generic_count)
        return false;

    split_generic = best;
    a9n_word_t current = generic_descriptor(info, best);
    a9n_paddr_t base = info->generics[best].base;
    unsigned bits = info->generics[best].size_bits;
    a9n_word_t slot = KOITO_SLOT_SPLIT_FIRST;
    while (bits > KOITO_PRIVATE_BITS) {
        if (slot + 2 > KOITO_SLOT_SPLIT_END)
            return false;
        /* A childless Generic: the halves land at its base and right after. */
        if (a9n_generic_convert(current, A9N_CAPABILITY_GENERIC, bits - 1, 2, ROOT, slot) !=
            A9N_ERROR_NONE)
            return false;
        bits--;
        halves[half_count++] = (struct half){ slot + 1, base + ((a9n_paddr_t)1 << bits), bits };
        current = koito_slot(slot);
        slot += 2;
    }
    private_generic = current;
    return true;
}

const struct a9n_init_module *koito_find_module(const struct a9n_init_info *info,
                                                const char *name)
{
    for (uint32_t i = 0; i < info->module_count; i++) {
        const char *candidate = info->modules[i].name;
        unsigned j = 0;
        while (name[j] != '\0' && candidate[j] == name[j])
            j++;
        if (name[j] == '\0' && candidate[j] == '\0')
            return &info->modules[i];
    }
    return NULL;
}

/* A fresh frame in ULMM's node, optionally filled, mapped in ULMM's address space. */
static enum a9n_error ulmm_page(struct a9n_page_table_supply *supply, a9n_word_t address,
                                unsigned attributes, void (*fill)(void *contents, void *context),
                                void *context)
{
    a9n_word_t frame = supply->next++;
    enum a9n_error error =
        a9n_generic_convert(private_generic, A9N_CAPABILITY_FRAME, 0, 1, ULMM_NODE, frame);
    if (error != A9N_ERROR_NONE)
        return error;
    if (fill != NULL) {
        void *contents;
        error = koito_window_open(koito_init_window(), ulmm_slot(frame), &contents);
        if (error != A9N_ERROR_NONE)
            return error;
        fill(contents, context);
        koito_window_close(koito_init_window());
    }
    return a9n_map_frame_building_tables(ulmm_slot(A9N_APP_SLOT_ADDRESS_SPACE), ulmm_slot(frame),
                                         address, attributes, supply);
}

struct elf_page {
    const struct koito_elf_segment *segment;
    const void *file;
    a9n_word_t page;
    unsigned page_bits;
};

static void fill_elf_page(void *contents, void *context)
{
    const struct elf_page *page = context;
    koito_elf_fill_page(page->segment, page->file, page->page, page->page_bits, contents);
}

struct app_page {
    const struct a9n_init_info *info;
    uint32_t first_free;
};

static void fill_app_info(void *contents, void *context)
{
    const struct app_page *page = context;
    koito_app_info_write(contents, page->info, KOITO_PID_ULMM, "ulmm", ULMM_ROOT_RADIX,
                         page->first_free);
}

/* ULMM's objects, image, IPC buffer, stack and app info; then start it. */
static bool build_ulmm(const struct a9n_init_info *info, const struct a9n_init_module *module)
{
    struct koito_elf_image image;
    enum koito_elf_error elf = koito_elf_parse((const void *)module->address, module->size,
                                               info->page_bits, info->user_top, &image);
    if (elf != KOITO_ELF_OK) {
        a9n_debug_puts("koito: ulmm: ");
        a9n_debug_puts(koito_elf_error_name(elf));
        a9n_debug_puts("\n");
        return false;
    }

    a9n_word_t g = private_generic;
    /* The node first: at the piece's base, aligned to its own size. */
    if (a9n_generic_convert(g, A9N_CAPABILITY_NODE, ULMM_ROOT_RADIX, 1, ROOT,
                            KOITO_SLOT_ULMM_NODE) != A9N_ERROR_NONE ||
        a9n_node_copy(ULMM_NODE, A9N_APP_SLOT_ROOT_NODE, ULMM_NODE) != A9N_ERROR_NONE ||
        a9n_generic_convert(g, A9N_CAPABILITY_PROCESS, 0, 1, ULMM_NODE, A9N_APP_SLOT_PROCESS) !=
            A9N_ERROR_NONE ||
        a9n_generic_convert(g, A9N_CAPABILITY_ADDRESS_SPACE, 0, 1, ULMM_NODE,
                            A9N_APP_SLOT_ADDRESS_SPACE) != A9N_ERROR_NONE ||
        a9n_generic_convert(g, A9N_CAPABILITY_FRAME, 0, 1, ULMM_NODE, A9N_APP_SLOT_IPC_BUFFER) !=
            A9N_ERROR_NONE ||
        a9n_generic_convert(g, A9N_CAPABILITY_IPC_PORT, 0, 1, ROOT, KOITO_SLOT_ULMM_PORT) !=
            A9N_ERROR_NONE ||
        a9n_generic_convert(g, A9N_CAPABILITY_IPC_PORT, 0, 1, ROOT, KOITO_SLOT_OS_PORT) !=
            A9N_ERROR_NONE ||
        a9n_node_mint(ULMM_NODE, A9N_APP_SLOT_OS_PORT, koito_slot(KOITO_SLOT_OS_PORT),
                      A9N_RIGHT_WRITE | A9N_RIGHT_COPY, KOITO_PID_ULMM) != A9N_ERROR_NONE ||
        a9n_node_copy(ULMM_NODE, A9N_APP_SLOT_ULMM_PORT, koito_slot(KOITO_SLOT_ULMM_PORT)) !=
            A9N_ERROR_NONE)
        return false;

    struct a9n_page_table_supply supply = {
        .generic = g,
        .node = ULMM_NODE,
        .radix = ULMM_ROOT_RADIX,
        .next = A9N_APP_SLOT_FIRST_FREE,
        .end = (a9n_word_t)1 << ULMM_ROOT_RADIX,
    };
    for (unsigned s = 0; s < image.segment_count; s++) {
        const struct koito_elf_segment *segment = &image.segments[s];
        for (a9n_word_t p = 0; p < segment->pages; p++) {
            struct elf_page page = { segment, (const void *)module->address,
                                     segment->start + (p << info->page_bits), info->page_bits };
            /* Pages without file bytes (bss) are left as convert made them: zeroed. */
            bool has_data = koito_elf_page_has_data(segment, page.page, info->page_bits);
            if (ulmm_page(&supply, page.page, segment->attributes,
                          has_data ? fill_elf_page : NULL, &page) != A9N_ERROR_NONE)
                return false;
        }
    }
    if (a9n_map_frame_building_tables(ulmm_slot(A9N_APP_SLOT_ADDRESS_SPACE),
                                      ulmm_slot(A9N_APP_SLOT_IPC_BUFFER),
                                      A9N_APP_IPC_BUFFER_ADDRESS, A9N_MAP_READ | A9N_MAP_WRITE,
                                      &supply) != A9N_ERROR_NONE)
        return false;
    a9n_word_t page_size = (a9n_word_t)1 << info->page_bits;
    for (a9n_word_t p = 1; p <= A9N_APP_STACK_PAGES; p++)
        if (ulmm_page(&supply, A9N_APP_STACK_TOP - p * page_size,
                      A9N_MAP_READ | A9N_MAP_WRITE, NULL, NULL) != A9N_ERROR_NONE)
            return false;
    /*
     * The app-info page last, and filled after it is mapped: the first
     * slot ULMM may use is known only when every table is made. Its
     * frame is made (and the tables for it) before the window fills it.
     */
    a9n_word_t info_frame = supply.next;
    if (ulmm_page(&supply, A9N_APP_INFO_ADDRESS, A9N_MAP_READ, NULL, NULL) !=
        A9N_ERROR_NONE)
        return false;
    struct app_page app = { info, (uint32_t)supply.next };
    void *contents;
    struct koito_window *window = koito_init_window();
    if (koito_window_open(window, ulmm_slot(info_frame), &contents) != A9N_ERROR_NONE)
        return false;
    fill_app_info(contents, &app);
    koito_window_close(window);

    struct a9n_process_configuration configuration = {
        .fields = A9N_PROCESS_FIELD_ADDRESS_SPACE | A9N_PROCESS_FIELD_ROOT_NODE |
                  A9N_PROCESS_FIELD_IPC_BUFFER | A9N_PROCESS_FIELD_RESOLVER |
                  A9N_PROCESS_FIELD_IP | A9N_PROCESS_FIELD_SP | A9N_PROCESS_FIELD_PRIORITY,
        .address_space = ulmm_slot(A9N_APP_SLOT_ADDRESS_SPACE),
        .root_node = ULMM_NODE,
        .ipc_buffer = ulmm_slot(A9N_APP_SLOT_IPC_BUFFER),
        .resolver = ulmm_slot(A9N_APP_SLOT_OS_PORT),
        .ip = image.entry,
        .sp = A9N_APP_STACK_TOP,
        .priority = KOITO_PRIORITY_ULMM,
    };
    a9n_word_t process = ulmm_slot(A9N_APP_SLOT_PROCESS);
    return a9n_process_configure(process, &configuration) == A9N_ERROR_NONE &&
           a9n_process_write_register(process, A9N_REGISTER_ARG0, A9N_APP_INFO_ADDRESS) ==
               A9N_ERROR_NONE &&
           a9n_process_resume(process) == A9N_ERROR_NONE;
}

/* Move a Generic init holds into ULMM's handover slot and have ULMM take it. */
static bool hand_over(const struct ulmm_client *ulmm, a9n_word_t source, a9n_paddr_t base,
                      unsigned size_bits)
{
    if (a9n_node_move(ULMM_NODE, ULMM_HANDOVER_SLOT, source) != A9N_ERROR_NONE)
        return false;
    enum ulmm_status status = ulmm_add_memory(ulmm, ULMM_HANDOVER_SLOT, base, size_bits);
    if (status != ULMM_STATUS_OK) {
        a9n_debug_puts("koito: ULMM refused memory: ");
        a9n_debug_puts(ulmm_status_name(status));
        a9n_debug_puts("\n");
        return false;
    }
    return true;
}

bool ulmm_start(const struct a9n_init_info *info, struct ulmm_client *ulmm)
{
    const struct a9n_init_module *module = koito_find_module(info, "ulmm");
    if (module == NULL) {
        a9n_debug_puts("koito: no boot module named ulmm\n");
        return false;
    }
    if (!keep_private_memory(info)) {
        a9n_debug_puts("koito: no free memory block of 16 MiB for ULMM's start\n");
        return false;
    }
    if (!build_ulmm(info, module)) {
        a9n_debug_puts("koito: could not build the ULMM process\n");
        return false;
    }

    *ulmm = (struct ulmm_client){
        .port = koito_slot(KOITO_SLOT_ULMM_PORT),
        .ipc_buffer = (struct a9n_ipc_buffer *)info->ipc_buffer,
        .owner = 0,
    };
    for (uint32_t i = 0; i < info->generic_count; i++)
        if (i != split_generic &&
            !hand_over(ulmm, generic_descriptor(info, i), info->generics[i].base,
                       info->generics[i].size_bits))
            return false;
    for (unsigned i = 0; i < half_count; i++)
        if (!hand_over(ulmm, koito_slot(halves[i].slot), halves[i].base, halves[i].size_bits))
            return false;
    return true;
}
