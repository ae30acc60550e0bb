/*
 * Debug console: text is packed into message registers, 8 bytes per word,
 * so the kernel never has to read user memory.
 */
#include <liba9n/debug.h>
#include <liba9n/kernel_call.h>

#define CHARS_PER_CALL ((A9N_ARCH_REGISTER_MRS - 2) * sizeof(a9n_word_t))

void a9n_debug_write(const char *text, size_t length)
{
    while (length > 0) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
        size_t chunk = length < CHARS_PER_CALL ? length : CHARS_PER_CALL;
        mr[0] = A9N_DEBUG_PUT_CHARS;
        mr[1] = chunk;
        for (size_t i = 0; i < chunk; i++)
            mr[2 + i / sizeof(a9n_word_t)] |= (a9n_word_t)(unsigned char)text[i]
                                              << (8 * (i % sizeof(a9n_word_t)));
        a9n_arch_kernel_call((a9n_word_t)A9N_KERNEL_CALL_DEBUG, mr);
        text += chunk;
        length -= chunk;
    }
}

void a9n_debug_puts(const char *text)
{
    size_t length = 0;
    while (text[length] != '\0')
        length++;
    a9n_debug_write(text, length);
}

static void put_digits(a9n_word_t value, unsigned base)
{
    char buffer[24];
    size_t i = sizeof(buffer);
    do {
        buffer[--i] = "0123456789abcdef"[value % base];
        value /= base;
    } while (value != 0);
    a9n_debug_write(buffer + i, sizeof(buffer) - i);
}

void a9n_debug_put_unsigned(a9n_word_t value)
{
    put_digits(value, 10);
}

void a9n_debug_put_hex(a9n_word_t value)
{
    a9n_debug_write("0x", 2);
    put_digits(value, 16);
}

_Noreturn void a9n_debug_exit(unsigned status)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[0] = A9N_DEBUG_EXIT;
    mr[1] = status;
    a9n_arch_kernel_call((a9n_word_t)A9N_KERNEL_CALL_DEBUG, mr);
    /* Only reached in a kernel built without the debug call. */
    a9n_thread_exit();
}
