/*
 * KOITO's system services (koito/services.h): the console driver and the
 * POSIX server. Init builds them like any program and then fills the
 * service slots of their root nodes: their ports, which init makes from
 * the memory it keeps so that it can badge a copy for the peer; the
 * console's UART registers and interrupt; the POSIX server's ULMM
 * authority; and for each a small Generic for page tables of its own.
 * Everything init makes here lives in one node of its own
 * (KOITO_SLOT_SERVICE_NODE).
 */
#include <koito/services.h>
#include <liba9n/debug.h>
#include <liba9n/interrupt.h>
#include <liba9n/node.h>

#include "init.h"

#define ROOT a9n_descriptor(0, 0)
#define SERVICE_NODE_RADIX 7

/* Slots of the service node. */
enum service_node_slot {
    SERVICE_POSIX_PORT = 0,
    SERVICE_CONSOLE_PORT,
    SERVICE_INTERRUPT_PORT,
    SERVICE_CONSOLE_GENERIC,
    SERVICE_POSIX_GENERIC,
    SERVICE_DEVICE,
    /* Halves of the device Generic split down to the UART's page. */
    SERVICE_DEVICE_SPLIT,
    SERVICE_NODE_SLOTS = 1u << SERVICE_NODE_RADIX,
};

static a9n_word_t service_slot(a9n_word_t index)
{
    return a9n_descriptor_child(koito_slot(KOITO_SLOT_SERVICE_NODE), SERVICE_NODE_RADIX, index);
}

static bool same_name(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

bool koito_is_service(const char *module_name)
{
    return same_name(module_name, KOITO_CONSOLE_MODULE) ||
           same_name(module_name, KOITO_POSIX_MODULE);
}

static bool failed(const char *what)
{
    a9n_debug_puts("koito: services: ");
    a9n_debug_puts(what);
    a9n_debug_puts("\n");
    return false;
}

/* The service node, both ports and the page-table Generics, from init's own memory. */
static bool make_shared_objects(void)
{
    a9n_word_t generic = koito_private_generic();
    a9n_word_t node = koito_slot(KOITO_SLOT_SERVICE_NODE);
    return a9n_generic_convert(generic, A9N_CAPABILITY_NODE, SERVICE_NODE_RADIX, 1, ROOT,
                               KOITO_SLOT_SERVICE_NODE) == A9N_ERROR_NONE &&
           a9n_generic_convert(generic, A9N_CAPABILITY_IPC_PORT, 0, 2, node,
                               SERVICE_POSIX_PORT) == A9N_ERROR_NONE &&
           a9n_generic_convert(generic, A9N_CAPABILITY_GENERIC, KOITO_SERVICE_GENERIC_BITS, 1,
                               node, SERVICE_CONSOLE_GENERIC) == A9N_ERROR_NONE &&
           a9n_generic_convert(generic, A9N_CAPABILITY_GENERIC, KOITO_SERVICE_GENERIC_BITS, 1,
                               node, SERVICE_POSIX_GENERIC) == A9N_ERROR_NONE;
}

/* x86_64: an I/O Port capability for exactly the UART's registers. */
static bool mint_uart_ports(const struct a9n_console_info *console)
{
    a9n_word_t first = console->base;
    a9n_word_t last = first + ((a9n_word_t)7 << console->register_shift) +
                      console->register_width - 1;
    return a9n_io_port_mint(a9n_init_slot(A9N_INIT_SLOT_IO_PORT),
                            koito_slot(KOITO_SLOT_SERVICE_NODE), SERVICE_DEVICE, first,
                            last) == A9N_ERROR_NONE;
}

/*
 * MMIO: the device Frame of the UART's page. The device Generic that
 * covers it is split in halves down to one page, always keeping the half
 * with the UART: a few slots, whatever the Generic's size.
 */
static bool make_uart_frame(const struct a9n_init_info *info)
{
    const struct a9n_console_info *console = &info->console;
    a9n_word_t page = console->base & ~(((a9n_word_t)1 << info->page_bits) - 1);
    for (uint32_t i = 0; i < info->device_generic_count; i++) {
        const struct a9n_init_generic *generic = &info->device_generics[i];
        if (page < generic->base || page - generic->base >= (a9n_word_t)1 << generic->size_bits)
            continue;
        a9n_word_t current = a9n_init_child_slot(
            A9N_INIT_SLOT_DEVICE_NODE, info->node_radix[A9N_INIT_SLOT_DEVICE_NODE], i);
        a9n_word_t base = generic->base;
        unsigned bits = generic->size_bits;
        a9n_word_t slot = SERVICE_DEVICE_SPLIT;
        while (bits > info->page_bits) {
            if (slot + 2 > SERVICE_NODE_SLOTS)
                return false;
            if (a9n_generic_convert(current, A9N_CAPABILITY_GENERIC, bits - 1, 2,
                                    koito_slot(KOITO_SLOT_SERVICE_NODE),
                                    slot) != A9N_ERROR_NONE)
                return false;
            bits--;
            bool upper = page >= base + ((a9n_word_t)1 << bits);
            if (upper)
                base += (a9n_word_t)1 << bits;
            current = service_slot(slot + (upper ? 1 : 0));
            slot += 2;
        }
        return a9n_generic_convert(current, A9N_CAPABILITY_FRAME, 0, 1,
                                   koito_slot(KOITO_SLOT_SERVICE_NODE),
                                   SERVICE_DEVICE) == A9N_ERROR_NONE;
    }
    return false;
}

/* The console's UART registers and an Interrupt Port for its line. */
static bool make_console_devices(const struct a9n_init_info *info)
{
    const struct a9n_console_info *console = &info->console;
    bool registers = false;
    if (console->registers == A9N_CONSOLE_REGISTERS_IO_PORT)
        registers = mint_uart_ports(console);
    else if (console->registers == A9N_CONSOLE_REGISTERS_MMIO)
        registers = make_uart_frame(info);
    if (!registers)
        return failed("no UART registers for the console");

    if (a9n_generic_convert(koito_private_generic(), A9N_CAPABILITY_INTERRUPT_PORT, 0, 1,
                            koito_slot(KOITO_SLOT_SERVICE_NODE),
                            SERVICE_INTERRUPT_PORT) != A9N_ERROR_NONE ||
        a9n_interrupt_region_make_port(a9n_init_slot(A9N_INIT_SLOT_INTERRUPT_REGION),
                                       console->interrupt_line,
                                       service_slot(SERVICE_INTERRUPT_PORT)) != A9N_ERROR_NONE)
        return failed("no interrupt port for the console");
    return true;
}

struct service {
    a9n_word_t own_port;  /* service node slot of its port */
    a9n_word_t peer_port; /* service node slot of the peer's port */
    a9n_word_t generic;   /* service node slot of its page-table Generic */
    bool console;         /* also the UART and its interrupt */
    bool posix;           /* also ULMM's unbadged port */
    a9n_word_t pid;
};

/* Fill the service slots of the child's root node (koito/services.h). */
static bool fill_service_slots(const void *context, a9n_word_t node)
{
    const struct service *service = context;
    unsigned send = A9N_RIGHT_WRITE | A9N_RIGHT_COPY;
    if (a9n_node_copy(node, KOITO_SERVICE_SLOT_PORT, service_slot(service->own_port)) !=
            A9N_ERROR_NONE ||
        a9n_node_mint(node, KOITO_SERVICE_SLOT_PEER_PORT, service_slot(service->peer_port), send,
                      service->pid) != A9N_ERROR_NONE ||
        a9n_node_move(node, KOITO_SERVICE_SLOT_GENERIC, service_slot(service->generic)) !=
            A9N_ERROR_NONE)
        return false;
    if (service->console &&
        (a9n_node_move(node, KOITO_SERVICE_SLOT_DEVICE, service_slot(SERVICE_DEVICE)) !=
             A9N_ERROR_NONE ||
         a9n_node_copy(node, KOITO_SERVICE_SLOT_INTERRUPT,
                       service_slot(SERVICE_INTERRUPT_PORT)) != A9N_ERROR_NONE))
        return false;
    if (service->posix && a9n_node_copy(node, KOITO_SERVICE_SLOT_ULMM_MANAGER,
                                        koito_slot(KOITO_SLOT_ULMM_PORT)) != A9N_ERROR_NONE)
        return false;
    return true;
}

static bool start_service(const struct a9n_init_info *info, const struct ulmm_client *ulmm,
                          const char *name, const struct service *service, unsigned priority,
                          unsigned index)
{
    const struct a9n_init_module *module = koito_find_module(info, name);
    if (module == NULL)
        return true;
    const struct koito_program program = {
        .image = (const void *)module->address,
        .image_size = module->size,
        .name = module->name,
        .pid = service->pid,
        .slots = KOITO_SLOT_SERVICES + index * KOITO_CHILD_SLOTS,
        .priority = priority,
        /* The services are the system: a limit would only let a program starve them. */
        .memory_quota = ULMM_QUOTA_UNLIMITED,
        .prepare = fill_service_slots,
        .context = service,
    };
    if (koito_spawn(koito_init_spawner(info, ulmm), &program) != KOITO_SPAWN_OK)
        return failed(name);
    return true;
}

bool koito_services_start(const struct a9n_init_info *info, const struct ulmm_client *ulmm)
{
    if (!make_shared_objects())
        return failed("no memory for the services' ports");
    bool console = koito_find_module(info, KOITO_CONSOLE_MODULE) != NULL;
    if (console && !make_console_devices(info))
        return false;

    static const struct service console_service = {
        SERVICE_CONSOLE_PORT, SERVICE_POSIX_PORT, SERVICE_CONSOLE_GENERIC, true, false,
        KOITO_PID_CONSOLE,
    };
    static const struct service posix_service = {
        SERVICE_POSIX_PORT, SERVICE_CONSOLE_PORT, SERVICE_POSIX_GENERIC, false, true,
        KOITO_PID_POSIX,
    };
    return start_service(info, ulmm, KOITO_CONSOLE_MODULE, &console_service,
                         KOITO_PRIORITY_CONSOLE, 0) &&
           start_service(info, ulmm, KOITO_POSIX_MODULE, &posix_service, KOITO_PRIORITY_POSIX,
                         1);
}
