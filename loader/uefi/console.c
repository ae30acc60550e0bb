/*
 * UEFI console output: ASCII format strings converted to the firmware's
 * UCS-2 in small chunks, "\n" sent as CR LF.
 */
#include "console.h"

#include <stdarg.h>

static SIMPLE_TEXT_OUTPUT_INTERFACE *console;

struct output {
    CHAR16 buffer[64];
    unsigned length;
};

static void flush(struct output *out)
{
    out->buffer[out->length] = 0;
    if (console != NULL && out->length > 0)
        console->OutputString(console, out->buffer);
    out->length = 0;
}

static void put(struct output *out, char c)
{
    if (c == '\n')
        put(out, '\r');
    if (out->length + 1 == sizeof(out->buffer) / sizeof(out->buffer[0]))
        flush(out);
    out->buffer[out->length++] = (CHAR16)(unsigned char)c;
}

static void put_number(struct output *out, UINT64 value, unsigned base)
{
    char digits[20];
    unsigned count = 0;
    do {
        digits[count++] = "0123456789abcdef"[value % base];
        value /= base;
    } while (value != 0);
    while (count > 0)
        put(out, digits[--count]);
}

/* The status codes a user of this loader may actually meet. */
static const char *status_name(EFI_STATUS status)
{
    switch (status) {
    case EFI_NOT_FOUND:
        return "not found";
    case EFI_OUT_OF_RESOURCES:
        return "out of resources";
    case EFI_INVALID_PARAMETER:
        return "invalid parameter";
    case EFI_DEVICE_ERROR:
        return "device error";
    case EFI_UNSUPPORTED:
        return "unsupported";
    case EFI_BUFFER_TOO_SMALL:
        return "buffer too small";
    default:
        return NULL;
    }
}

void console_init(EFI_SYSTEM_TABLE *system_table)
{
    console = system_table->ConOut;
}

void console_print(const char *format, ...)
{
    struct output out = { .length = 0 };
    va_list arguments;
    va_start(arguments, format);
    for (const char *p = format; *p != '\0'; p++) {
        if (*p != '%' || p[1] == '\0') {
            put(&out, *p);
            continue;
        }
        p++;
        if (*p == 's') {
            for (const char *s = va_arg(arguments, const char *); *s != '\0'; s++)
                put(&out, *s);
        } else if (*p == 'x') {
            put(&out, '0');
            put(&out, 'x');
            put_number(&out, va_arg(arguments, UINT64), 16);
        } else if (*p == 'u') {
            put_number(&out, va_arg(arguments, UINT64), 10);
        } else if (*p == 'r') {
            EFI_STATUS status = va_arg(arguments, EFI_STATUS);
            const char *name = status_name(status);
            if (name == NULL) {
                put(&out, '0');
                put(&out, 'x');
                put_number(&out, status, 16);
            } else {
                for (; *name != '\0'; name++)
                    put(&out, *name);
            }
        } else {
            put(&out, *p);
        }
    }
    va_end(arguments);
    flush(&out);
}
