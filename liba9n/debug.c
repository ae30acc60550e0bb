/*
 * Debug console: text is packed into the capability call's message
 * registers, 8 bytes per word, so the kernel never has to read user memory.
 */
#include <liba9n/debug.h>

static a9n_word_t debug_capability;

void a9n_debug_set_capability(a9n_word_t debug)
{
    debug_capability = debug;
}

a9n_word_t a9n_debug_capability(void)
{
    return debug_capability;
}

void a9n_debug_write(const char *text, size_t length)
{
    if (debug_capability == 0)
        return;
    while (length > 0) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
        size_t chunk = length < A9N_DEBUG_PUT_CHARS_MAX ? length : A9N_DEBUG_PUT_CHARS_MAX;
        mr[A9N_DEBUG_ARG_COUNT] = chunk;
        for (size_t i = 0; i < chunk; i++)
            mr[A9N_DEBUG_ARG_BYTES + i / sizeof(a9n_word_t)] |=
                (a9n_word_t)(unsigned char)text[i] << (8 * (i % sizeof(a9n_word_t)));
        /* Refused (no capability there, no write right): the rest would be too. */
        if (a9n_capability_call(debug_capability, A9N_DEBUG_PUT_CHARS, mr) != A9N_ERROR_NONE)
            return;
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
    if (debug_capability != 0) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
        mr[A9N_DEBUG_ARG_STATUS] = status > A9N_DEBUG_EXIT_STATUS_MAX ? A9N_DEBUG_EXIT_STATUS_MAX
                                                                     : status;
        a9n_capability_call(debug_capability, A9N_DEBUG_EXIT, mr);
    }
    /* Only reached without a Debug capability that may stop the machine. */
    a9n_thread_exit();
}

struct a9n_word_result a9n_debug_fastpath_hits(void)
{
    /* Descriptor 0 is the root node: never send it a Debug operation number. */
    if (debug_capability == 0)
        return (struct a9n_word_result){ A9N_ERROR_EMPTY_SLOT, 0 };
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    enum a9n_error error = a9n_capability_call(debug_capability, A9N_DEBUG_FASTPATH_HITS, mr);
    return (struct a9n_word_result){ error, mr[A9N_DEBUG_RESULT_HITS] };
}
