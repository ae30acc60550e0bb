/*
 * A small printf engine for the kernel console and panics. No floating
 * point, no allocation; a width larger than the internal buffer is honoured
 * by padding, never by overflowing.
 */
#include "format.h"

#include <stdbool.h>
#include <stdint.h>

struct format_spec {
    bool left_align;
    bool zero_pad;
    unsigned width;
};

static size_t emit_padding(format_sink sink, void *context, char pad, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        sink(pad, context);
    return count;
}

static size_t emit_field(format_sink sink, void *context, const struct format_spec *spec,
                         const char *text, size_t length)
{
    size_t emitted = 0;
    unsigned padding = spec->width > length ? spec->width - (unsigned)length : 0;
    char pad = spec->zero_pad && !spec->left_align ? '0' : ' ';

    /* Zero padding goes after a sign, space padding before it. */
    if (pad == '0' && length > 0 && text[0] == '-') {
        sink('-', context);
        text++;
        length--;
        emitted++;
    }
    if (!spec->left_align)
        emitted += emit_padding(sink, context, pad, padding);
    for (size_t i = 0; i < length; i++)
        sink(text[i], context);
    emitted += length;
    if (spec->left_align)
        emitted += emit_padding(sink, context, ' ', padding);
    return emitted;
}

/* Digits of `value` in `base`, written backwards from the end of `buffer`. */
static size_t format_unsigned(char *buffer_end, uint64_t value, unsigned base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t length = 0;
    do {
        *--buffer_end = digits[value % base];
        value /= base;
        length++;
    } while (value != 0);
    return length;
}

size_t format_emit(format_sink sink, void *context, const char *fmt, va_list args)
{
    size_t emitted = 0;

    while (*fmt != '\0') {
        if (*fmt != '%') {
            sink(*fmt++, context);
            emitted++;
            continue;
        }
        fmt++;

        struct format_spec spec = { false, false, 0 };
        for (;; fmt++) {
            if (*fmt == '-')
                spec.left_align = true;
            else if (*fmt == '0')
                spec.zero_pad = true;
            else
                break;
        }
        while (*fmt >= '0' && *fmt <= '9')
            spec.width = spec.width * 10 + (unsigned)(*fmt++ - '0');

        unsigned long_count = 0;
        bool size_modifier = false;
        while (*fmt == 'l' || *fmt == 'z') {
            if (*fmt == 'z')
                size_modifier = true;
            else
                long_count++;
            fmt++;
        }

        char buffer[24];
        char *end = buffer + sizeof(buffer);
        char conversion = *fmt;
        if (conversion == '\0')
            break;
        fmt++;

        switch (conversion) {
        case '%':
            sink('%', context);
            emitted++;
            break;
        case 'c': {
            char c = (char)va_arg(args, int);
            emitted += emit_field(sink, context, &spec, &c, 1);
            break;
        }
        case 's': {
            const char *s = va_arg(args, const char *);
            if (s == NULL)
                s = "(null)";
            size_t length = 0;
            while (s[length] != '\0')
                length++;
            emitted += emit_field(sink, context, &spec, s, length);
            break;
        }
        case 'd':
        case 'i': {
            int64_t value;
            if (size_modifier)
                value = (int64_t)va_arg(args, intptr_t);
            else if (long_count >= 2)
                value = va_arg(args, long long);
            else if (long_count == 1)
                value = va_arg(args, long);
            else
                value = va_arg(args, int);
            /* Negate in unsigned arithmetic so INT64_MIN does not overflow. */
            uint64_t magnitude = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
            size_t length = format_unsigned(end, magnitude, 10, false);
            if (value < 0) {
                end[-(long)length - 1] = '-';
                length++;
            }
            emitted += emit_field(sink, context, &spec, end - length, length);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'p': {
            uint64_t value;
            if (conversion == 'p')
                value = (uintptr_t)va_arg(args, void *);
            else if (size_modifier)
                value = va_arg(args, size_t);
            else if (long_count >= 2)
                value = va_arg(args, unsigned long long);
            else if (long_count == 1)
                value = va_arg(args, unsigned long);
            else
                value = va_arg(args, unsigned);
            unsigned base = conversion == 'u' ? 10 : 16;
            size_t length = format_unsigned(end, value, base, conversion == 'X');
            if (conversion == 'p') {
                end[-(long)length - 1] = 'x';
                end[-(long)length - 2] = '0';
                length += 2;
            }
            emitted += emit_field(sink, context, &spec, end - length, length);
            break;
        }
        default:
            /* Unknown conversion: show it rather than consume an argument. */
            sink('%', context);
            sink(conversion, context);
            emitted += 2;
            break;
        }
    }
    return emitted;
}

struct buffer_sink {
    char *buffer;
    size_t size;
    size_t used;
};

static void buffer_sink_put(char c, void *context)
{
    struct buffer_sink *sink = context;
    if (sink->used + 1 < sink->size)
        sink->buffer[sink->used] = c;
    sink->used++;
}

size_t format_to_buffer(char *buffer, size_t size, const char *fmt, ...)
{
    struct buffer_sink sink = { buffer, size, 0 };
    va_list args;
    va_start(args, fmt);
    size_t length = format_emit(buffer_sink_put, &sink, fmt, args);
    va_end(args);
    if (size > 0)
        buffer[sink.used < size ? sink.used : size - 1] = '\0';
    return length;
}
