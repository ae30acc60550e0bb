/*
 * The device-interrupt upcall: the line's port (interrupt.c) says whom to
 * notify; the scheduler then runs whoever is most urgent, which is the
 * driver when it waited at a higher priority than the interrupted thread.
 */
#include <hal.h>

#include "checked.h"
#include "interrupt.h"
#include "notification_port.h"
#include "scheduler.h"

_Noreturn void kernel_handle_interrupt(unsigned line)
{
    checked_kernel_entry();
    const struct slot *notification = interrupt_line_fired(line);
    /* The badge of the bound capability tells the driver which port fired. */
    if (notification != NULL)
        notification_port_signal(notification_port_of(notification), notification->local.badge);
    scheduler_exit_to_user();
}
