/*
 * Starting a program with the standard slot layout (docs/koito.md). Every
 * object and frame comes from ULMM and is owned by the new process's pid,
 * so ULMM_REQUEST_CLIENT_EXITED takes all of it back; init only keeps
 * copies (derived from ULMM's, so they go with them).
 */
#include <a9n/app_info.h>
#include <liba9n/debug.h>
#include <liba9n/node.h>
#include <liba9n/process.h>

#include "elf_loader.h"
#include "init.h"

#define ROOT a9n_descriptor(0, 0)

struct spawn {
    const struct a9n_init_info *info;
    struct ulmm_client owner; /* init's ULMM connection, acting for the new pid */
    a9n_word_t pid;
    a9n_word_t slots;         /* init's first slot for this child */
};

static a9n_word_t child_slot(const struct spawn *spawn, enum koito_child_slot slot)
{
    return koito_slot(spawn->slots + slot);
}

static enum koito_spawn_error ulmm_failed(const char *what, enum ulmm_status status)
{
    a9n_debug_puts("koito: ULMM refused ");
    a9n_debug_puts(what);
    a9n_debug_puts(": ");
    a9n_debug_puts(ulmm_status_name(status));
    a9n_debug_puts("\n");
    return KOITO_SPAWN_ULMM_REFUSED;
}

/*
 * A frame mapped in the child at `address`. With `fill`, ULMM also
 * transfers a copy to init, which fills it through the window.
 */
static enum koito_spawn_error map_page(const struct spawn *spawn, a9n_word_t address,
                                       unsigned attributes,
                                       void (*fill)(void *contents, const void *context),
                                       const void *context)
{
    struct ulmm_result result = ulmm_map(&spawn->owner, 0, address, attributes,
                                         fill != NULL ? KOITO_SLOT_TRANSFER : 0);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("a page", result.status);
    if (fill == NULL)
        return KOITO_SPAWN_OK;

    void *contents;
    enum a9n_error error =
        window_open(koito_private_generic(), koito_slot(KOITO_SLOT_TRANSFER), &contents);
    if (error == A9N_ERROR_NONE) {
        fill(contents, context);
        window_close();
    }
    a9n_node_remove(ROOT, KOITO_SLOT_TRANSFER);
    return error == A9N_ERROR_NONE ? KOITO_SPAWN_OK : KOITO_SPAWN_KERNEL_REFUSED;
}

struct elf_page {
    const struct koito_elf_segment *segment;
    const void *file;
    a9n_word_t page;
    unsigned page_bits;
};

static void fill_elf_page(void *contents, const void *context)
{
    const struct elf_page *page = context;
    koito_elf_fill_page(page->segment, page->file, page->page, page->page_bits, contents);
}

struct app_page {
    const struct a9n_init_info *info;
    a9n_word_t pid;
    const char *name;
};

static void fill_app_info(void *contents, const void *context)
{
    const struct app_page *page = context;
    koito_app_info_write(contents, page->info, page->pid, page->name, A9N_APP_ROOT_RADIX,
                         A9N_APP_SLOT_FIRST_FREE);
}

static enum koito_spawn_error load_image(const struct spawn *spawn,
                                         const struct a9n_init_module *module,
                                         const struct koito_elf_image *image)
{
    unsigned page_bits = spawn->info->page_bits;
    for (unsigned s = 0; s < image->segment_count; s++) {
        const struct koito_elf_segment *segment = &image->segments[s];
        for (a9n_word_t p = 0; p < segment->pages; p++) {
            struct elf_page page = { segment, (const void *)module->address,
                                     segment->start + (p << page_bits), page_bits };
            /* Pages without file bytes (bss) stay as ULMM gives them: zeroed. */
            bool has_data = koito_elf_page_has_data(segment, page.page, page_bits);
            enum koito_spawn_error error = map_page(spawn, page.page, segment->attributes,
                                                    has_data ? fill_elf_page : NULL, &page);
            if (error != KOITO_SPAWN_OK)
                return error;
        }
    }
    return KOITO_SPAWN_OK;
}

/* IPC buffer (its copy kept for configure), stack, app-info page. */
static enum koito_spawn_error map_layout(const struct spawn *spawn,
                                         const struct a9n_init_module *module)
{
    struct ulmm_result result =
        ulmm_map(&spawn->owner, 0, A9N_APP_IPC_BUFFER_ADDRESS, A9N_MAP_READ | A9N_MAP_WRITE,
                 spawn->slots + KOITO_CHILD_IPC_BUFFER);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the IPC buffer", result.status);

    unsigned stack_order = 0;
    while (((a9n_word_t)1 << stack_order) < A9N_APP_STACK_PAGES)
        stack_order++;
    a9n_word_t stack_size = (a9n_word_t)1 << (stack_order + spawn->info->page_bits);
    result = ulmm_map(&spawn->owner, stack_order, A9N_APP_STACK_TOP - stack_size,
                      A9N_MAP_READ | A9N_MAP_WRITE, 0);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the stack", result.status);

    struct app_page app = { spawn->info, spawn->pid, module->name };
    return map_page(spawn, A9N_APP_INFO_ADDRESS, A9N_MAP_READ, fill_app_info, &app);
}

/* The root node's fixed slots (enum a9n_app_slot). */
static bool fill_root_node(const struct spawn *spawn)
{
    a9n_word_t node = child_slot(spawn, KOITO_CHILD_ROOT_NODE);
    /* Badged, write-only port capabilities: the child can call, never receive. */
    unsigned port_rights = A9N_RIGHT_WRITE | A9N_RIGHT_COPY;
    return a9n_node_copy(node, A9N_APP_SLOT_ROOT_NODE, node) == A9N_ERROR_NONE &&
           a9n_node_copy(node, A9N_APP_SLOT_PROCESS, child_slot(spawn, KOITO_CHILD_PROCESS)) ==
               A9N_ERROR_NONE &&
           a9n_node_copy(node, A9N_APP_SLOT_ADDRESS_SPACE,
                         child_slot(spawn, KOITO_CHILD_ADDRESS_SPACE)) == A9N_ERROR_NONE &&
           a9n_node_copy(node, A9N_APP_SLOT_IPC_BUFFER,
                         child_slot(spawn, KOITO_CHILD_IPC_BUFFER)) == A9N_ERROR_NONE &&
           a9n_node_mint(node, A9N_APP_SLOT_OS_PORT, koito_slot(KOITO_SLOT_OS_PORT), port_rights,
                         spawn->pid) == A9N_ERROR_NONE &&
           a9n_node_mint(node, A9N_APP_SLOT_ULMM_PORT, koito_slot(KOITO_SLOT_ULMM_PORT),
                         port_rights, spawn->pid) == A9N_ERROR_NONE;
}

static bool start_thread(const struct spawn *spawn, a9n_word_t entry)
{
    a9n_word_t node = child_slot(spawn, KOITO_CHILD_ROOT_NODE);
    struct a9n_process_configuration configuration = {
        .fields = A9N_PROCESS_FIELD_ADDRESS_SPACE | A9N_PROCESS_FIELD_ROOT_NODE |
                  A9N_PROCESS_FIELD_IPC_BUFFER | A9N_PROCESS_FIELD_RESOLVER |
                  A9N_PROCESS_FIELD_IP | A9N_PROCESS_FIELD_SP | A9N_PROCESS_FIELD_PRIORITY,
        .address_space = child_slot(spawn, KOITO_CHILD_ADDRESS_SPACE),
        .root_node = node,
        .ipc_buffer = child_slot(spawn, KOITO_CHILD_IPC_BUFFER),
        /* Faults go to init's OS port with the child's pid as badge. */
        .resolver = a9n_descriptor_child(node, A9N_APP_ROOT_RADIX, A9N_APP_SLOT_OS_PORT),
        .ip = entry,
        .sp = A9N_APP_STACK_TOP,
        .priority = KOITO_PRIORITY_PROGRAM,
    };
    a9n_word_t process = child_slot(spawn, KOITO_CHILD_PROCESS);
    return a9n_process_configure(process, &configuration) == A9N_ERROR_NONE &&
           a9n_process_write_register(process, A9N_REGISTER_ARG0, A9N_APP_INFO_ADDRESS) ==
               A9N_ERROR_NONE &&
           a9n_process_resume(process) == A9N_ERROR_NONE;
}

static enum koito_spawn_error build(const struct spawn *spawn,
                                    const struct a9n_init_module *module,
                                    const struct koito_elf_image *image,
                                    const struct ulmm_client *ulmm)
{
    struct ulmm_result result =
        ulmm_register_client(ulmm, spawn->pid, spawn->slots + KOITO_CHILD_ADDRESS_SPACE);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the client", result.status);
    result = ulmm_alloc_object(&spawn->owner, A9N_CAPABILITY_NODE, A9N_APP_ROOT_RADIX,
                               spawn->slots + KOITO_CHILD_ROOT_NODE);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the root node", result.status);
    result = ulmm_alloc_object(&spawn->owner, A9N_CAPABILITY_PROCESS, 0,
                               spawn->slots + KOITO_CHILD_PROCESS);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the PCB", result.status);

    enum koito_spawn_error error = load_image(spawn, module, image);
    if (error == KOITO_SPAWN_OK)
        error = map_layout(spawn, module);
    if (error == KOITO_SPAWN_OK && !(fill_root_node(spawn) && start_thread(spawn, image->entry)))
        error = KOITO_SPAWN_KERNEL_REFUSED;
    return error;
}

enum koito_spawn_error koito_spawn(const struct a9n_init_info *info,
                                   const struct ulmm_client *ulmm,
                                   const struct a9n_init_module *module, a9n_word_t pid,
                                   a9n_word_t slots)
{
    struct koito_elf_image image;
    enum koito_elf_error elf = koito_elf_parse((const void *)module->address, module->size,
                                               info->page_bits, info->user_top, &image);
    if (elf != KOITO_ELF_OK) {
        a9n_debug_puts("koito: ");
        a9n_debug_puts(module->name);
        a9n_debug_puts(": ");
        a9n_debug_puts(koito_elf_error_name(elf));
        a9n_debug_puts("\n");
        return KOITO_SPAWN_BAD_ELF;
    }

    const struct spawn spawn = { info, { ulmm->port, ulmm->ipc_buffer, pid }, pid, slots };
    enum koito_spawn_error error = build(&spawn, module, &image, ulmm);
    if (error != KOITO_SPAWN_OK)
        /* Everything made so far is the pid's: one request takes it all back. */
        ulmm_client_exited(ulmm, pid);
    return error;
}
