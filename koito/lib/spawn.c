/*
 * Building a program with the application layout (koito/spawn.h). Every
 * object and frame comes from ULMM and is owned by the new pid; the
 * spawner fills pages through its window and keeps copies of the
 * capabilities it needs later (address space, root node, PCB, IPC
 * buffer).
 */
#include <koito/elf_loader.h>
#include <koito/spawn.h>
#include <liba9n/debug.h>
#include <liba9n/node.h>
#include <liba9n/process.h>

#define ROOT a9n_descriptor(0, 0)

struct spawn {
    const struct koito_spawner *spawner;
    const struct koito_program *program;
    struct ulmm_client owner; /* the spawner's ULMM connection, acting for the new pid */
};

static a9n_word_t child_slot(const struct spawn *spawn, enum koito_child_slot slot)
{
    return koito_child_slot(spawn->spawner, spawn->program->slots, slot);
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
 * transfers a copy to the spawner, which fills it through its window.
 */
static enum koito_spawn_error map_page(const struct spawn *spawn, a9n_word_t address,
                                       unsigned attributes,
                                       void (*fill)(void *contents, const void *context),
                                       const void *context)
{
    const struct koito_spawner *spawner = spawn->spawner;
    struct ulmm_result result = ulmm_map(&spawn->owner, 0, address, attributes,
                                         fill != NULL ? spawner->transfer_slot : 0);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("a page", result.status);
    if (fill == NULL)
        return KOITO_SPAWN_OK;

    void *contents;
    enum a9n_error error = koito_window_open(
        spawner->window, a9n_descriptor(spawner->root_radix, spawner->transfer_slot), &contents);
    if (error == A9N_ERROR_NONE) {
        fill(contents, context);
        koito_window_close(spawner->window);
    }
    a9n_node_remove(ROOT, spawner->transfer_slot);
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

static enum koito_spawn_error load_image(const struct spawn *spawn,
                                         const struct koito_elf_image *image)
{
    unsigned page_bits = spawn->spawner->app_template.page_bits;
    for (unsigned s = 0; s < image->segment_count; s++) {
        const struct koito_elf_segment *segment = &image->segments[s];
        for (a9n_word_t p = 0; p < segment->pages; p++) {
            struct elf_page page = { segment, spawn->program->image,
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

static void fill_app_info(void *contents, const void *context)
{
    const struct spawn *spawn = context;
    struct a9n_app_info *app = contents;
    *app = spawn->spawner->app_template;
    app->magic = A9N_APP_INFO_MAGIC;
    app->pid = spawn->program->pid;
    app->root_radix = A9N_APP_ROOT_RADIX;
    app->first_free_slot = A9N_APP_SLOT_FIRST_FREE;
    app->ipc_buffer = A9N_APP_IPC_BUFFER_ADDRESS;
    app->stack_top = A9N_APP_STACK_TOP;
    app->free_base = A9N_APP_FREE_BASE;
    const char *name = spawn->program->name;
    for (unsigned i = 0; i < A9N_APP_NAME_LENGTH; i++)
        app->name[i] = '\0';
    for (unsigned i = 0; i + 1 < A9N_APP_NAME_LENGTH && name[i] != '\0'; i++)
        app->name[i] = name[i];
}

/* IPC buffer (its copy kept for configure), stack, app-info page, the optional extra page. */
static enum koito_spawn_error map_layout(const struct spawn *spawn)
{
    struct ulmm_result result =
        ulmm_map(&spawn->owner, 0, A9N_APP_IPC_BUFFER_ADDRESS, A9N_MAP_READ | A9N_MAP_WRITE,
                 spawn->program->slots + KOITO_CHILD_IPC_BUFFER);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the IPC buffer", result.status);

    unsigned stack_order = 0;
    while (((a9n_word_t)1 << stack_order) < A9N_APP_STACK_PAGES)
        stack_order++;
    a9n_word_t stack_size = (a9n_word_t)1
                            << (stack_order + spawn->spawner->app_template.page_bits);
    result = ulmm_map(&spawn->owner, stack_order, A9N_APP_STACK_TOP - stack_size,
                      A9N_MAP_READ | A9N_MAP_WRITE, 0);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the stack", result.status);

    enum koito_spawn_error error = map_page(spawn, A9N_APP_INFO_ADDRESS, A9N_MAP_READ,
                                            fill_app_info, spawn);
    const struct koito_program *program = spawn->program;
    if (error == KOITO_SPAWN_OK && program->fill_extra_page != NULL)
        error = map_page(spawn, program->extra_page, A9N_MAP_READ | A9N_MAP_WRITE,
                         program->fill_extra_page, program->context);
    return error;
}

/* The root node's fixed slots (enum a9n_app_slot). */
static bool fill_root_node(const struct spawn *spawn)
{
    const struct koito_spawner *spawner = spawn->spawner;
    a9n_word_t node = child_slot(spawn, KOITO_CHILD_ROOT_NODE);
    a9n_word_t pid = spawn->program->pid;
    /* Badged, write-only port capabilities: the child can call, never receive. */
    unsigned port_rights = A9N_RIGHT_WRITE | A9N_RIGHT_COPY;
    return a9n_node_copy(node, A9N_APP_SLOT_ROOT_NODE, node) == A9N_ERROR_NONE &&
           a9n_node_copy(node, A9N_APP_SLOT_PROCESS, child_slot(spawn, KOITO_CHILD_PROCESS)) ==
               A9N_ERROR_NONE &&
           a9n_node_copy(node, A9N_APP_SLOT_ADDRESS_SPACE,
                         child_slot(spawn, KOITO_CHILD_ADDRESS_SPACE)) == A9N_ERROR_NONE &&
           a9n_node_copy(node, A9N_APP_SLOT_IPC_BUFFER,
                         child_slot(spawn, KOITO_CHILD_IPC_BUFFER)) == A9N_ERROR_NONE &&
           a9n_node_mint(node, A9N_APP_SLOT_OS_PORT, spawner->os_port, port_rights, pid) ==
               A9N_ERROR_NONE &&
           a9n_node_mint(node, A9N_APP_SLOT_ULMM_PORT, spawner->ulmm_port, port_rights, pid) ==
               A9N_ERROR_NONE;
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
        /* Faults go to the spawner's OS port with the child's pid as badge. */
        .resolver = a9n_descriptor_child(node, A9N_APP_ROOT_RADIX, A9N_APP_SLOT_OS_PORT),
        .ip = entry,
        .sp = A9N_APP_STACK_TOP,
        .priority = spawn->program->priority,
    };
    a9n_word_t process = child_slot(spawn, KOITO_CHILD_PROCESS);
    return a9n_process_configure(process, &configuration) == A9N_ERROR_NONE &&
           a9n_process_write_register(process, A9N_REGISTER_ARG0, A9N_APP_INFO_ADDRESS) ==
               A9N_ERROR_NONE &&
           a9n_process_resume(process) == A9N_ERROR_NONE;
}

static enum koito_spawn_error build(const struct spawn *spawn,
                                    const struct koito_elf_image *image)
{
    const struct koito_program *program = spawn->program;
    struct ulmm_result result =
        ulmm_register_client(&spawn->spawner->ulmm, program->pid, program->memory_quota,
                             program->slots + KOITO_CHILD_ADDRESS_SPACE);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the client", result.status);
    result = ulmm_alloc_object(&spawn->owner, A9N_CAPABILITY_NODE, A9N_APP_ROOT_RADIX,
                               program->slots + KOITO_CHILD_ROOT_NODE);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the root node", result.status);
    result = ulmm_alloc_object(&spawn->owner, A9N_CAPABILITY_PROCESS, 0,
                               program->slots + KOITO_CHILD_PROCESS);
    if (result.status != ULMM_STATUS_OK)
        return ulmm_failed("the PCB", result.status);

    enum koito_spawn_error error = load_image(spawn, image);
    if (error == KOITO_SPAWN_OK)
        error = map_layout(spawn);
    if (error == KOITO_SPAWN_OK && !fill_root_node(spawn))
        error = KOITO_SPAWN_KERNEL_REFUSED;
    if (error == KOITO_SPAWN_OK && program->prepare != NULL &&
        !program->prepare(program->context, child_slot(spawn, KOITO_CHILD_ROOT_NODE)))
        error = KOITO_SPAWN_KERNEL_REFUSED;
    if (error == KOITO_SPAWN_OK && !start_thread(spawn, image->entry))
        error = KOITO_SPAWN_KERNEL_REFUSED;
    return error;
}

enum koito_spawn_error koito_spawn(const struct koito_spawner *spawner,
                                   const struct koito_program *program)
{
    struct koito_elf_image image;
    enum koito_elf_error elf =
        koito_elf_parse(program->image, program->image_size, spawner->app_template.page_bits,
                        spawner->app_template.user_top, &image);
    if (elf != KOITO_ELF_OK) {
        a9n_debug_puts("koito: ");
        a9n_debug_puts(program->name);
        a9n_debug_puts(": ");
        a9n_debug_puts(koito_elf_error_name(elf));
        a9n_debug_puts("\n");
        return KOITO_SPAWN_BAD_ELF;
    }

    const struct spawn spawn = {
        spawner, program, { spawner->ulmm.port, spawner->ulmm.ipc_buffer, program->pid }
    };
    enum koito_spawn_error error = build(&spawn, &image);
    if (error != KOITO_SPAWN_OK)
        /* Everything made so far is the pid's: one request takes it all back. */
        ulmm_client_exited(&spawner->ulmm, program->pid);
    return error;
}
