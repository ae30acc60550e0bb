/*
 * Kernel console output and panic. Output is polled and unbuffered so that
 * a panic message always reaches the serial line.
 */
#include "format.h"

#include <hal.h>

static void console_sink(char c, void *context)
{
    (void)context;
    if (c == '\n')
        hal_console_putc('\r');
    hal_console_putc(c);
}

void kernel_printf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    format_emit(console_sink, NULL, fmt, args);
    va_end(args);
}

_Noreturn void kernel_panic(const char *fmt, ...)
{
    va_list args;
    kernel_printf("\nA9N kernel panic: ");
    va_start(args, fmt);
    format_emit(console_sink, NULL, fmt, args);
    va_end(args);
    kernel_printf("\n");
    hal_halt();
}
