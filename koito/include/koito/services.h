/*
 * KOITO's system services: the console driver and the POSIX server,
 * started by init when the boot image holds modules of these names.
 * Each gets the application layout (abi/a9n/app_info.h) plus the slots
 * below, filled by init before it runs (docs/koito.md §5). The badge of
 * every port capability a service holds toward another is the holder's
 * pid, as for programs.
 */
#ifndef KOITO_SERVICES_H
#define KOITO_SERVICES_H

#include <a9n/app_info.h>

/* Boot module names init recognises. */
#define KOITO_CONSOLE_MODULE "console"
#define KOITO_POSIX_MODULE "posix"

/* Their pids (ULMM is 1); init's other programs and the POSIX server's children come after. */
enum koito_service_pid {
    KOITO_PID_CONSOLE = 2,
    KOITO_PID_POSIX = 3,
    /* The POSIX server gives its children pids from here (up to ULMM's limit). */
    KOITO_PID_FIRST_PROGRAM = 16,
};

/* Scheduling: ULMM 254 above the console, above the POSIX server, above every program (100). */
#define KOITO_PRIORITY_CONSOLE 220
#define KOITO_PRIORITY_POSIX 200

/* Root-node slots of a service, beyond the application layout's fixed ones. */
enum koito_service_slot {
    /* The service's own IPC port: all rights (it receives here). */
    KOITO_SERVICE_SLOT_PORT = 7,
    /* console: the POSIX server's port (write, copy; badge KOITO_PID_CONSOLE), for input.
     * posix: the console's port (write, copy; badge KOITO_PID_POSIX), for output. */
    KOITO_SERVICE_SLOT_PEER_PORT = 8,
    /* console: the UART's registers: an I/O Port capability for exactly its ports
     * (app_info.console.registers == A9N_CONSOLE_REGISTERS_IO_PORT) or the device
     * Frame of its page (MMIO; map it uncached with A9N_MAP_DEVICE). */
    KOITO_SERVICE_SLOT_DEVICE = 9,
    /* console: an Interrupt Port for app_info.console.interrupt_line, not yet bound. */
    KOITO_SERVICE_SLOT_INTERRUPT = 10,
    /* posix: ULMM's unbadged port, to register programs and act for them (init's authority). */
    KOITO_SERVICE_SLOT_ULMM_MANAGER = 11,
    /* A Generic of KOITO_SERVICE_GENERIC_BITS for the service's own page tables
     * (posix: its window; console: the UART's mapping). */
    KOITO_SERVICE_SLOT_GENERIC = 12,
};

#define KOITO_SERVICE_GENERIC_BITS 16

#endif
