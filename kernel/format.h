/*
 * printf-style formatting into a caller-supplied sink. Kept separate from
 * the console so that it can be unit-tested on the host.
 */
#ifndef KERNEL_FORMAT_H
#define KERNEL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_sink)(char c, void *context);

/*
 * Supported: %% %c %s %d %i %u %x %X %p, flags '0' and '-', a field width,
 * and length modifiers l, ll, z. Returns the number of characters emitted.
 */
size_t format_emit(format_sink sink, void *context, const char *fmt, va_list args);

/* Like snprintf: always terminates when size > 0, returns the full length. */
size_t format_to_buffer(char *buffer, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
