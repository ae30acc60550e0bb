/*
 * KOITO's console driver: owns the console UART, started by init as the
 * "console" service (koito/include/koito/services.h). main sets up what
 * both threads need — the UART's registers, their PCBs and IPC buffers,
 * the interrupt's notification — then starts the service thread (output
 * requests) and the input thread (receive interrupt) and stops itself.
 * docs/console.md.
 */
#include <a9n/paging.h>
#include <koito/services.h>
#include <liba9n/app.h>
#include <liba9n/debug.h>
#include <liba9n/interrupt.h>
#include <liba9n/memory.h>
#include <liba9n/node.h>
#include <liba9n/process.h>
#include <liba9n/ulmm.h>

#include "driver.h"

/* Root-node slots from app_info.first_free_slot on. */
enum console_slot {
    CONSOLE_SLOT_SERVICE_PROCESS,
    CONSOLE_SLOT_INPUT_PROCESS,
    CONSOLE_SLOT_SERVICE_IPC_BUFFER, /* copies of the IPC buffers' frames, for configure */
    CONSOLE_SLOT_INPUT_IPC_BUFFER,
    CONSOLE_SLOT_NOTIFICATION,
    CONSOLE_SLOT_NOTIFICATION_BADGED, /* the copy bound to the interrupt */
    CONSOLE_SLOT_PAGE_TABLES,         /* up to paging_levels tables for the UART's page */
    CONSOLE_SLOT_COUNT = CONSOLE_SLOT_PAGE_TABLES + A9N_PAGING_MAX_LEVELS,
};

/* The bit the interrupt sets in the notification word. */
#define CONSOLE_INTERRUPT_BADGE 1u

/* Addresses in the program's free area: IPC buffers at its base, the UART 1 GiB above. */
#define CONSOLE_SERVICE_IPC_BUFFER_OFFSET 0x0ul
#define CONSOLE_INPUT_IPC_BUFFER_OFFSET 0x1000ul
#define CONSOLE_UART_OFFSET 0x40000000ul

#define CONSOLE_STACK_SIZE 16384

static unsigned char service_stack[CONSOLE_STACK_SIZE] __attribute__((aligned(16)));
static unsigned char input_stack[CONSOLE_STACK_SIZE] __attribute__((aligned(16)));

static const struct a9n_app_info *app;
static struct uart uart;
static struct console_service service;
static struct koito_server server;
static struct console_input input;

static a9n_word_t slot(a9n_word_t index)
{
    return a9n_app_slot(app, index);
}

static a9n_word_t own_slot(enum console_slot index)
{
    return app->first_free_slot + index;
}

_Noreturn static void fail(const char *what, unsigned long code)
{
    a9n_debug_puts("console: ");
    a9n_debug_puts(what);
    a9n_debug_puts(" failed (");
    a9n_debug_put_unsigned(code);
    a9n_debug_puts(")\n");
    a9n_app_exit(1);
}

/*
 * The UART's registers: the I/O Port capability init gave as it is, or
 * the device frame of its page mapped uncached, with page tables made
 * from the service Generic.
 */
static void open_uart(void)
{
    a9n_word_t page_size = (a9n_word_t)1 << app->page_bits;
    if (!uart_layout_valid(&app->console, page_size))
        fail("the console description", app->console.registers);
    uart.console = &app->console;
    if (app->console.registers == A9N_CONSOLE_REGISTERS_IO_PORT) {
        uart.io_port = slot(KOITO_SERVICE_SLOT_DEVICE);
        uart.first = uart_first_register(&app->console, page_size, 0);
        return;
    }
    a9n_word_t window = app->free_base + CONSOLE_UART_OFFSET;
    struct a9n_page_table_supply tables = {
        .generic = slot(KOITO_SERVICE_SLOT_GENERIC),
        .node = a9n_descriptor(0, 0),
        .radix = app->root_radix,
        .next = own_slot(CONSOLE_SLOT_PAGE_TABLES),
        .end = own_slot(CONSOLE_SLOT_PAGE_TABLES) + app->paging_levels,
    };
    enum a9n_error error = a9n_map_frame_building_tables(
        slot(A9N_APP_SLOT_ADDRESS_SPACE), slot(KOITO_SERVICE_SLOT_DEVICE), window,
        A9N_MAP_READ | A9N_MAP_WRITE | A9N_MAP_DEVICE, &tables);
    if (error != A9N_ERROR_NONE)
        fail("mapping the UART", error);
    uart.first = uart_first_register(&app->console, page_size, window);
}

/* A PCB and a mapped IPC buffer (ULMM's frame, a copy transferred for configure). */
static struct a9n_ipc_buffer *make_thread(enum console_slot process, enum console_slot frame,
                                          a9n_word_t offset)
{
    const struct ulmm_client *ulmm = ulmm_self();
    struct ulmm_result result =
        ulmm_alloc_object(ulmm, A9N_CAPABILITY_PROCESS, 0, own_slot(process));
    if (result.status != ULMM_STATUS_OK)
        fail("allocating a PCB", result.status);
    a9n_word_t address = app->free_base + offset;
    result = ulmm_map(ulmm, 0, address, A9N_MAP_READ | A9N_MAP_WRITE, own_slot(frame));
    if (result.status != ULMM_STATUS_OK)
        fail("mapping an IPC buffer", result.status);
    return (struct a9n_ipc_buffer *)address;
}

/* The interrupt's Notification Port, and a badged copy bound to the UART's Interrupt Port. */
static void bind_interrupt(void)
{
    struct ulmm_result result = ulmm_alloc_object(ulmm_self(), A9N_CAPABILITY_NOTIFICATION_PORT,
                                                  0, own_slot(CONSOLE_SLOT_NOTIFICATION));
    if (result.status != ULMM_STATUS_OK)
        fail("allocating the notification", result.status);
    enum a9n_error error =
        a9n_node_mint(a9n_descriptor(0, 0), own_slot(CONSOLE_SLOT_NOTIFICATION_BADGED),
                      slot(own_slot(CONSOLE_SLOT_NOTIFICATION)), A9N_RIGHTS_ALL,
                      CONSOLE_INTERRUPT_BADGE);
    if (error != A9N_ERROR_NONE)
        fail("minting the notification", error);
    error = a9n_interrupt_port_bind(slot(KOITO_SERVICE_SLOT_INTERRUPT),
                                    slot(own_slot(CONSOLE_SLOT_NOTIFICATION_BADGED)));
    if (error != A9N_ERROR_NONE)
        fail("binding the interrupt", error);
}

static void start(enum console_slot process, enum console_slot frame,
                  void (*function)(a9n_word_t), a9n_word_t argument, unsigned char *stack)
{
    enum a9n_error error = a9n_thread_start(&(struct a9n_thread_start){
        .process = slot(own_slot(process)),
        .address_space = slot(A9N_APP_SLOT_ADDRESS_SPACE),
        .root_node = a9n_descriptor(0, 0),
        .ipc_buffer = slot(own_slot(frame)),
        .resolver = slot(A9N_APP_SLOT_OS_PORT),
        .priority = KOITO_PRIORITY_CONSOLE,
        .function = function,
        .argument = argument,
        .stack = stack,
        .stack_size = CONSOLE_STACK_SIZE,
    });
    if (error != A9N_ERROR_NONE)
        fail("starting a thread", error);
}

static void output_to_uart(void *device, const unsigned char *bytes, size_t count)
{
    for (size_t i = 0; i < count; i++)
        uart_put_byte(device, bytes[i]);
}

static void run_service(a9n_word_t argument)
{
    koito_server_run((struct koito_server *)argument);
}

int main(void)
{
    app = a9n_app_info();
    if (app == NULL)
        a9n_app_exit(1);
    if (app->first_free_slot + CONSOLE_SLOT_COUNT > (1u << app->root_radix) ||
        app->paging_levels > CONSOLE_SLOT_COUNT - CONSOLE_SLOT_PAGE_TABLES)
        fail("the slot layout", app->first_free_slot);
    open_uart();

    struct a9n_ipc_buffer *service_buffer =
        make_thread(CONSOLE_SLOT_SERVICE_PROCESS, CONSOLE_SLOT_SERVICE_IPC_BUFFER,
                    CONSOLE_SERVICE_IPC_BUFFER_OFFSET);
    struct a9n_ipc_buffer *input_buffer = make_thread(
        CONSOLE_SLOT_INPUT_PROCESS, CONSOLE_SLOT_INPUT_IPC_BUFFER, CONSOLE_INPUT_IPC_BUFFER_OFFSET);
    bind_interrupt();

    service.output = output_to_uart;
    service.device = &uart;
    console_service_init(&server, &service, slot(KOITO_SERVICE_SLOT_PORT), service_buffer,
                         app->root_radix);
    input = (struct console_input){
        .uart = &uart,
        .notification = slot(own_slot(CONSOLE_SLOT_NOTIFICATION)),
        .interrupt_port = slot(KOITO_SERVICE_SLOT_INTERRUPT),
        .posix_port = slot(KOITO_SERVICE_SLOT_PEER_PORT),
        .process = slot(own_slot(CONSOLE_SLOT_INPUT_PROCESS)),
        .ipc_buffer = input_buffer,
        .root_radix = app->root_radix,
    };
    start(CONSOLE_SLOT_SERVICE_PROCESS, CONSOLE_SLOT_SERVICE_IPC_BUFFER, run_service,
          (a9n_word_t)&server, service_stack);
    start(CONSOLE_SLOT_INPUT_PROCESS, CONSOLE_SLOT_INPUT_IPC_BUFFER, console_input_run,
          (a9n_word_t)&input, input_stack);

    /* Everything runs in the two threads now; this one has nothing left to do. */
    for (;;)
        a9n_process_suspend(slot(A9N_APP_SLOT_PROCESS));
}
