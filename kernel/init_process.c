/*
 * Building the init process: its root node with the fixed slots of
 * abi/a9n/init_info.h, PCB, address space, page tables and frames (all as
 * capabilities init holds), the boot modules mapped read-only, the init
 * info, and every byte of free memory left over as Generics.
 */
#include "init_process.h"

#include <a9n/init_info.h>
#include <a9n/ipc.h>
#include <hal.h>

#include "debug.h"
#include "elf.h"
#include "interrupt.h"
#include "io_port.h"
#include "mapping.h"
#include "node.h"
#include "scheduler.h"
#include "string.h"
#include "version.h"

/* Radix of each child node of init's root node. */
#define PAGE_TABLE_NODE_RADIX 7
#define FRAME_NODE_RADIX 10
#define GENERIC_NODE_RADIX 8
#define DEVICE_NODE_RADIX 6

_Static_assert(1u << GENERIC_NODE_RADIX == A9N_INIT_MAX_GENERICS, "Generic node holds the list");
_Static_assert(1u << DEVICE_NODE_RADIX == A9N_INIT_MAX_DEVICE_GENERICS, "device node holds the list");

/* A node being filled in order. */
struct node_filler {
    struct slot *slots;
    unsigned radix;
    unsigned used;
};

struct init_builder {
    struct boot_memory *memory;
    struct slot *root;
    a9n_paddr_t address_space;
    struct a9n_init_info *info;
    struct node_filler page_tables;
    struct node_filler frames;
    struct node_filler modules;
    struct node_filler generics;
    struct node_filler device_generics;
};

static a9n_paddr_t take_zeroed(struct boot_memory *memory, unsigned size_bits)
{
    a9n_paddr_t base;
    if (!boot_memory_take_aligned(memory, size_bits, &base))
        kernel_panic("init: out of memory building init (%u-bit block)", size_bits);
    memset(hal_phys_to_virt(base), 0, (size_t)1 << size_bits);
    return base;
}

static struct slot *next_slot(struct node_filler *node, const char *what)
{
    if (node->used == 1u << node->radix)
        kernel_panic("init: more %s than its node holds (radix %u)", what, node->radix);
    return &node->slots[node->used++];
}

/*
 * A new node object in root slot `index`, radix `radix`; its capability has
 * no parent: the memory came from the boot allocator, not a Generic.
 */
static struct slot *make_node(struct init_builder *builder, enum a9n_init_slot index,
                              unsigned radix, struct node_filler *filler)
{
    a9n_paddr_t memory = take_zeroed(builder->memory, A9N_SLOT_BITS + radix);
    node_init_object(hal_phys_to_virt(memory), radix);
    slot_make_root(&builder->root[index], A9N_CAPABILITY_NODE, memory, radix);
    builder->info->node_radix[index] = radix;
    if (filler != NULL)
        *filler = (struct node_filler){ hal_phys_to_virt(memory), radix, 0 };
    return &builder->root[index];
}

/* Bits of virtual address a table of `depth` spans, including the page offset. */
static unsigned table_span_bits(unsigned depth)
{
    const struct hal_paging_geometry *geometry = hal_paging_geometry();
    unsigned bits = geometry->page_bits;
    for (unsigned d = 1; d <= depth; d++)
        bits += geometry->index_bits[d - 1];
    return bits;
}

/* Map `frame` at `va`, creating (and recording as capabilities) missing tables. */
static void map_frame(struct init_builder *builder, a9n_word_t va, a9n_paddr_t frame,
                      unsigned attributes, struct slot *capability)
{
    unsigned depth;
    while ((depth = hal_missing_depth(builder->address_space, va)) > 0) {
        a9n_paddr_t table = take_zeroed(builder->memory, A9N_PAGE_TABLE_BITS);
        if (hal_map_table(builder->address_space, va, depth, table) != A9N_ERROR_NONE)
            kernel_panic("init: cannot map a depth-%u table at %p", depth, (void *)va);
        struct slot *table_slot = next_slot(&builder->page_tables, "page tables");
        slot_make_root(table_slot, A9N_CAPABILITY_PAGE_TABLE, table, depth);
        a9n_word_t span_mask = ((a9n_word_t)1 << table_span_bits(depth)) - 1;
        mapping_record(table_slot, builder->address_space, va & ~span_mask);
    }
    if (hal_map_frame(builder->address_space, va, frame, attributes) != A9N_ERROR_NONE)
        kernel_panic("init: cannot map a frame at %p", (void *)va);
    slot_make_root(capability, A9N_CAPABILITY_FRAME, frame, 0);
    mapping_record(capability, builder->address_space, va);
}

/* A fresh zeroed frame mapped at `va`; its capability goes to the frame node. */
static a9n_paddr_t map_new_frame(struct init_builder *builder, a9n_word_t va, unsigned attributes)
{
    a9n_paddr_t frame = take_zeroed(builder->memory, A9N_FRAME_BITS);
    map_frame(builder, va, frame, attributes, next_slot(&builder->frames, "frames"));
    return frame;
}

static void load_image(struct init_builder *builder, const struct a9n_boot_module *module,
                       struct elf_image *image)
{
    const unsigned char *file = hal_phys_to_virt(module->base);
    enum a9n_error error = elf_parse(file, module->size, A9N_ARCH_ELF_MACHINE,
                                     A9N_ARCH_USER_TOP, A9N_ARCH_PAGE_SIZE, image);
    if (error != A9N_ERROR_NONE)
        kernel_panic("init: module %s is not a valid executable (error %d)", module->name, error);

    _Static_assert(ELF_MAX_SEGMENTS <= A9N_INIT_MAX_SEGMENTS, "init info lists every segment");
    for (unsigned i = 0; i < image->segment_count; i++) {
        const struct elf_segment *segment = &image->segments[i];
        builder->info->segments[i] = (struct a9n_init_segment){
            .address = segment->vaddr,
            .first_frame = builder->frames.used,
            .pages = (uint32_t)((segment->memory_size + A9N_ARCH_PAGE_SIZE - 1) / A9N_ARCH_PAGE_SIZE),
            .attributes = segment->attributes,
        };
        builder->info->segment_count = i + 1;
        for (a9n_word_t offset = 0; offset < segment->memory_size; offset += A9N_ARCH_PAGE_SIZE) {
            a9n_paddr_t frame = map_new_frame(builder, segment->vaddr + offset,
                                              segment->attributes);
            if (offset < segment->file_size) {
                a9n_word_t length = segment->file_size - offset;
                if (length > A9N_ARCH_PAGE_SIZE)
                    length = A9N_ARCH_PAGE_SIZE;
                memcpy(hal_phys_to_virt(frame), file + segment->file_offset + offset, length);
            }
        }
    }
}

static void copy_string(char *destination, const char *source, size_t size)
{
    size_t i = 0;
    for (; i + 1 < size && source[i] != '\0'; i++)
        destination[i] = source[i];
    destination[i] = '\0';
}

/* Map the other boot modules read-only, one after another, and list them. */
static void map_modules(struct init_builder *builder, const struct a9n_boot_module *modules,
                        unsigned count)
{
    a9n_word_t va = INIT_MODULE_ADDRESS;
    for (unsigned i = 1; i < count; i++) {
        const struct a9n_boot_module *module = &modules[i];
        struct a9n_init_module *listed = &builder->info->modules[builder->info->module_count++];
        a9n_paddr_t first = module->base & ~(a9n_paddr_t)(A9N_ARCH_PAGE_SIZE - 1);
        a9n_word_t offset = (a9n_word_t)(module->base - first);
        a9n_word_t pages = (offset + module->size + A9N_ARCH_PAGE_SIZE - 1) / A9N_ARCH_PAGE_SIZE;

        copy_string(listed->name, module->name, sizeof(listed->name));
        listed->address = va + offset;
        listed->size = module->size;
        listed->first_frame = builder->modules.used;
        listed->pages = (uint32_t)pages;
        for (a9n_word_t page = 0; page < pages; page++) {
            map_frame(builder, va, first + page * A9N_ARCH_PAGE_SIZE, A9N_MAP_READ,
                      next_slot(&builder->modules, "module frames"));
            va += A9N_ARCH_PAGE_SIZE;
        }
    }
}

static unsigned module_node_radix(const struct a9n_boot_module *modules, unsigned count)
{
    a9n_word_t pages = 0;
    for (unsigned i = 1; i < count; i++)
        pages += (modules[i].size + 2 * A9N_ARCH_PAGE_SIZE - 1) / A9N_ARCH_PAGE_SIZE;
    unsigned radix = A9N_NODE_RADIX_MIN;
    while (((a9n_word_t)1 << radix) < pages)
        radix++;
    return radix;
}

/* The largest naturally aligned power-of-two block starting at `base` within `end`. */
static unsigned block_bits(a9n_paddr_t base, a9n_paddr_t end)
{
    unsigned bits = A9N_ARCH_PAGE_BITS;
    while (bits < A9N_GENERIC_MAX_BITS && (base & (((a9n_paddr_t)2 << bits) - 1)) == 0 &&
           end - base >= ((a9n_paddr_t)2 << bits))
        bits++;
    return bits;
}

/*
 * Cut [base, end) into Generics. Returns the bytes that did not fit the
 * node (reported, not silently lost).
 */
static uint64_t add_generics(struct node_filler *node, struct a9n_init_generic *list,
                             uint32_t *count, a9n_paddr_t base, a9n_paddr_t end, bool device)
{
    while (end - base >= A9N_ARCH_PAGE_SIZE) {
        if (node->used == 1u << node->radix)
            return end - base;
        unsigned bits = block_bits(base, end);
        slot_make_generic(&node->slots[node->used], base, bits, device);
        list[node->used] = (struct a9n_init_generic){ base, bits, device };
        node->used++;
        *count = node->used;
        base += (a9n_paddr_t)1 << bits;
    }
    return 0;
}

static void hand_out_memory(struct init_builder *builder, const struct a9n_boot_info *boot_info)
{
    struct a9n_init_info *info = builder->info;
    uint64_t dropped = 0;

    for (unsigned i = 0; i < builder->memory->range_count; i++) {
        const struct boot_memory_range *range = &builder->memory->ranges[i];
        dropped += add_generics(&builder->generics, info->generics, &info->generic_count,
                                range->base, range->end, false);
    }
    builder->memory->range_count = 0;

    for (unsigned i = 0; i < boot_info->memory_region_count && i < A9N_BOOT_MAX_MEMORY_REGIONS;
         i++) {
        const struct a9n_memory_region *region = &boot_info->memory[i];
        if (region->type != A9N_MEMORY_DEVICE)
            continue;
        a9n_paddr_t base = (region->base + A9N_ARCH_PAGE_SIZE - 1) & ~(a9n_paddr_t)(A9N_ARCH_PAGE_SIZE - 1);
        a9n_paddr_t end = (region->base + region->size) & ~(a9n_paddr_t)(A9N_ARCH_PAGE_SIZE - 1);
        if (base < end)
            dropped += add_generics(&builder->device_generics, info->device_generics,
                                    &info->device_generic_count, base, end, true);
    }
    if (dropped != 0)
        kernel_printf("init: %lu KiB of memory did not fit init's Generic nodes\n",
                      (unsigned long)(dropped / 1024));
}

static void fill_info_header(struct a9n_init_info *info, const struct a9n_boot_info *boot_info)
{
    const struct hal_paging_geometry *geometry = hal_paging_geometry();

    info->magic = A9N_INIT_INFO_MAGIC;
    info->version = A9N_INIT_INFO_VERSION;
    copy_string(info->kernel_version, A9N_KERNEL_VERSION, sizeof(info->kernel_version));
    copy_string(info->arch, A9N_ARCH_NAME, sizeof(info->arch));
    info->paging_levels = geometry->levels;
    info->page_bits = geometry->page_bits;
    for (unsigned d = 0; d < geometry->levels && d < A9N_PAGING_MAX_LEVELS; d++)
        info->index_bits[d] = geometry->index_bits[d];
    info->user_top = A9N_ARCH_USER_TOP;
    info->register_mrs = A9N_ARCH_REGISTER_MRS;
    info->message_mrs = A9N_MESSAGE_MRS;
    info->ipc_buffer = INIT_IPC_BUFFER_ADDRESS;
    info->stack_top = INIT_STACK_TOP;
    info->boot_arch = boot_info->arch;
}

/*
 * Every interrupt line, the whole I/O port space where the HAL has one, and
 * where the console UART is: drivers are init's to start.
 */
static void give_devices(struct init_builder *builder)
{
    slot_make_root(&builder->root[A9N_INIT_SLOT_INTERRUPT_REGION],
                   A9N_CAPABILITY_INTERRUPT_REGION, 0, 0);
    builder->info->interrupt_count = interrupt_line_count();
    unsigned io_ports = hal_io_port_count();
    if (io_ports != 0)
        io_port_make_root(&builder->root[A9N_INIT_SLOT_IO_PORT], 0, io_ports - 1);
    builder->info->io_port_count = io_ports;
    hal_console_describe(&builder->info->console);
}

/* The PCB's own slots hold copies of init's capabilities, derived from them. */
static void give_process_capability(struct slot *process_slot, struct slot *source)
{
    slot_derive(process_slot, source, source->rights, 0);
    /* The PCB names the object; it is not a second mapping of it. */
    mapping_clear(process_slot);
}

struct process *init_process_build(struct boot_memory *memory,
                                   const struct a9n_boot_module *modules, unsigned count,
                                   const struct a9n_boot_info *boot_info)
{
    struct init_builder builder = { .memory = memory };

    if (count == 0)
        kernel_panic("init: no boot module to start");

    /* The info pages are frames of init: take them first, fill them last. */
    unsigned info_bits = A9N_ARCH_PAGE_BITS;
    while ((1ul << info_bits) < A9N_INIT_INFO_PAGES * A9N_ARCH_PAGE_SIZE)
        info_bits++;
    a9n_paddr_t info_memory = take_zeroed(memory, info_bits);
    builder.info = hal_phys_to_virt(info_memory);
    fill_info_header(builder.info, boot_info);

    a9n_paddr_t root_memory = take_zeroed(memory, A9N_SLOT_BITS + A9N_INIT_ROOT_RADIX);
    node_init_object(hal_phys_to_virt(root_memory), A9N_INIT_ROOT_RADIX);
    builder.root = hal_phys_to_virt(root_memory);
    slot_make_root(&builder.root[A9N_INIT_SLOT_ROOT_NODE], A9N_CAPABILITY_NODE, root_memory,
                   A9N_INIT_ROOT_RADIX);

    make_node(&builder, A9N_INIT_SLOT_PAGE_TABLE_NODE, PAGE_TABLE_NODE_RADIX, &builder.page_tables);
    make_node(&builder, A9N_INIT_SLOT_FRAME_NODE, FRAME_NODE_RADIX, &builder.frames);
    make_node(&builder, A9N_INIT_SLOT_MODULE_NODE, module_node_radix(modules, count),
              &builder.modules);
    make_node(&builder, A9N_INIT_SLOT_GENERIC_NODE, GENERIC_NODE_RADIX, &builder.generics);
    make_node(&builder, A9N_INIT_SLOT_DEVICE_NODE, DEVICE_NODE_RADIX, &builder.device_generics);

    builder.address_space = take_zeroed(memory, A9N_ADDRESS_SPACE_BITS);
    hal_address_space_init(builder.address_space);
    slot_make_root(&builder.root[A9N_INIT_SLOT_ADDRESS_SPACE], A9N_CAPABILITY_ADDRESS_SPACE,
                   builder.address_space, 0);

    struct elf_image image;
    load_image(&builder, &modules[0], &image);
    for (unsigned i = 1; i <= INIT_STACK_PAGES; i++)
        map_new_frame(&builder, INIT_STACK_TOP - i * A9N_ARCH_PAGE_SIZE,
                      A9N_MAP_READ | A9N_MAP_WRITE);
    for (unsigned i = 0; i < A9N_INIT_INFO_PAGES; i++)
        map_frame(&builder, INIT_INFO_ADDRESS + i * A9N_ARCH_PAGE_SIZE,
                  info_memory + i * A9N_ARCH_PAGE_SIZE, A9N_MAP_READ,
                  next_slot(&builder.frames, "frames"));
    a9n_paddr_t ipc_buffer = take_zeroed(memory, A9N_FRAME_BITS);
    map_frame(&builder, INIT_IPC_BUFFER_ADDRESS, ipc_buffer, A9N_MAP_READ | A9N_MAP_WRITE,
              &builder.root[A9N_INIT_SLOT_IPC_BUFFER]);
    map_modules(&builder, modules, count);

    a9n_paddr_t process_memory = take_zeroed(memory, A9N_PROCESS_BITS);
    struct process *process = hal_phys_to_virt(process_memory);
    slot_make_root(&builder.root[A9N_INIT_SLOT_PROCESS], A9N_CAPABILITY_PROCESS, process_memory, 0);
    give_process_capability(&process->slots[PROCESS_SLOT_ROOT_NODE],
                            &builder.root[A9N_INIT_SLOT_ROOT_NODE]);
    give_process_capability(&process->slots[PROCESS_SLOT_ADDRESS_SPACE],
                            &builder.root[A9N_INIT_SLOT_ADDRESS_SPACE]);
    give_process_capability(&process->slots[PROCESS_SLOT_IPC_BUFFER],
                            &builder.root[A9N_INIT_SLOT_IPC_BUFFER]);

    give_devices(&builder);
#ifdef A9N_KERNEL_DEBUG
    /* The one Debug capability: init decides who may print and stop the machine. */
    debug_make_root(&builder.root[A9N_INIT_SLOT_DEBUG]);
#endif
    builder.info->page_table_count = builder.page_tables.used;
    builder.info->frame_count = builder.frames.used;
    /* Last: every allocation above is done, the rest is init's to manage. */
    hand_out_memory(&builder, boot_info);

    hal_context_init(&process->context);
    *a9n_arch_context_ip(&process->context) = image.entry;
    *a9n_arch_context_sp(&process->context) = INIT_STACK_TOP;
    *a9n_arch_context_arg0(&process->context) = INIT_INFO_ADDRESS;
    process->priority = SCHEDULER_PRIORITIES - 1;
    process->state = PROCESS_STATE_INACTIVE;
    return process;
}
