/*
 * Boot-time process construction: a root table, the ELF segments copied
 * into fresh frames with their ELF permissions, and a stack.
 */
#include "boot_process.h"

#include <hal.h>

#include "elf.h"
#include "string.h"

static enum a9n_error take_zeroed_page(struct boot_memory *memory, a9n_paddr_t *page)
{
    if (!boot_memory_take_page(memory, page))
        return A9N_ERROR_INSUFFICIENT_MEMORY;
    memset(hal_phys_to_virt(*page), 0, A9N_ARCH_PAGE_SIZE);
    return A9N_ERROR_NONE;
}

/* Map a fresh zeroed frame at `va`, building missing tables on the way. */
static enum a9n_error map_new_page(struct boot_memory *memory, a9n_paddr_t root, a9n_word_t va,
                                   unsigned attributes, a9n_paddr_t *frame)
{
    enum a9n_error error;
    unsigned depth;

    /* The depth query keeps this free of any knowledge of the table shape. */
    while ((depth = hal_missing_depth(root, va)) > 0) {
        a9n_paddr_t table;
        if ((error = take_zeroed_page(memory, &table)) != A9N_ERROR_NONE)
            return error;
        if ((error = hal_map_table(root, va, depth, table)) != A9N_ERROR_NONE)
            return error;
    }
    if ((error = take_zeroed_page(memory, frame)) != A9N_ERROR_NONE)
        return error;
    return hal_map_frame(root, va, *frame, attributes);
}

static enum a9n_error load_segment(struct boot_memory *memory, a9n_paddr_t root,
                                   const unsigned char *file, const struct elf_segment *segment)
{
    for (a9n_word_t offset = 0; offset < segment->memory_size; offset += A9N_ARCH_PAGE_SIZE) {
        a9n_paddr_t frame;
        enum a9n_error error = map_new_page(memory, root, segment->vaddr + offset,
                                            segment->attributes, &frame);
        if (error != A9N_ERROR_NONE)
            return error;
        if (offset < segment->file_size) {
            a9n_word_t length = segment->file_size - offset;
            if (length > A9N_ARCH_PAGE_SIZE)
                length = A9N_ARCH_PAGE_SIZE;
            memcpy(hal_phys_to_virt(frame), file + segment->file_offset + offset, length);
        }
    }
    return A9N_ERROR_NONE;
}

static void copy_name(char *destination, const char *source)
{
    size_t i = 0;
    for (; i + 1 < PROCESS_NAME_LENGTH && source[i] != '\0'; i++)
        destination[i] = source[i];
    destination[i] = '\0';
}

enum a9n_error boot_process_create(struct boot_memory *memory, const struct a9n_boot_module *module,
                                   a9n_word_t id, struct process **created)
{
    const unsigned char *file = hal_phys_to_virt(module->base);
    struct elf_image image;
    enum a9n_error error = elf_parse(file, module->size, A9N_ARCH_ELF_MACHINE, A9N_ARCH_USER_TOP,
                                     A9N_ARCH_PAGE_SIZE, &image);
    if (error != A9N_ERROR_NONE)
        return error;

    a9n_paddr_t process_page, root;
    if ((error = take_zeroed_page(memory, &process_page)) != A9N_ERROR_NONE ||
        (error = take_zeroed_page(memory, &root)) != A9N_ERROR_NONE)
        return error;
    hal_address_space_init(root);

    for (unsigned i = 0; i < image.segment_count; i++) {
        if ((error = load_segment(memory, root, file, &image.segments[i])) != A9N_ERROR_NONE)
            return error;
    }
    for (unsigned i = 1; i <= BOOT_PROCESS_STACK_PAGES; i++) {
        a9n_paddr_t frame;
        error = map_new_page(memory, root, BOOT_PROCESS_STACK_TOP - i * A9N_ARCH_PAGE_SIZE,
                             A9N_MAP_READ | A9N_MAP_WRITE, &frame);
        if (error != A9N_ERROR_NONE)
            return error;
    }

    _Static_assert(sizeof(struct process) <= A9N_ARCH_PAGE_SIZE, "a process fits in one page");
    struct process *process = hal_phys_to_virt(process_page);
    hal_context_init(&process->context);
    *a9n_arch_context_ip(&process->context) = image.entry;
    *a9n_arch_context_sp(&process->context) = BOOT_PROCESS_STACK_TOP;
    process->address_space_root = root;
    process->state = PROCESS_STATE_INACTIVE;
    process->priority = 0;
    process->id = id;
    copy_name(process->name, module->name);
    *created = process;
    return A9N_ERROR_NONE;
}
