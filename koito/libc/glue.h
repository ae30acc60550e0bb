/*
 * Shared by the system-call glue between newlib and KOITO (docs/libc.md):
 * every call goes to the POSIX server (koito/posix.h) through the
 * program's OS port. Each glue file answers one concern (descriptors,
 * paths, directories, processes, spawn, signals, memory, time).
 */
#ifndef KOITO_LIBC_GLUE_H
#define KOITO_LIBC_GLUE_H

/* The glue implements POSIX calls: their declarations must be visible under -std=c17. */
#define _DEFAULT_SOURCE 1

#include <stdbool.h>
#include <stddef.h>

#include <a9n/types.h>
#include <koito/posix.h>
#include <koito/server.h>

/*
 * newlib reaches the system by two spellings: on riscv64 its wrappers call
 * the underscore names (_write), configured for x86_64-elf it calls the
 * plain ones (write; newlib's MISSING_SYSCALL_NAMES). Each glue call is
 * defined under the plain name and also answers to the underscore name.
 */
#define GLUE_ALSO_UNDERSCORED(name) \
    extern __typeof__(name) _##name __attribute__((alias(#name)))

/*
 * The one message the glue builds requests in and reads replies from
 * (programs are single-threaded): registers here, the rest in the
 * program's IPC buffer.
 */
extern struct koito_message posix_message;

/*
 * Send request `label` with `length` payload words already in
 * posix_message; the reply is then in posix_message. Returns its word 0
 * (the result: >= 0, or a negative errno), -ENOSYS when the program has
 * no POSIX server. A request answered KOITO_POSIX_REPLY_AGAIN is sent
 * again, unchanged, once the wake-up notification fires.
 */
long posix_call(a9n_word_t label, unsigned length);

/* The reply's payload word i. */
static inline a9n_word_t posix_reply_word(unsigned i)
{
    return koito_message_word(&posix_message, i);
}

/* Set payload word i of the request. */
static inline void posix_set_word(unsigned i, a9n_word_t value)
{
    koito_message_set_word(&posix_message, i, value);
}

/*
 * Pack the NUL-terminated `string` into payload words from `first` on.
 * Returns the words used, or 0 when it is longer than
 * KOITO_POSIX_PATH_MAX (errno ENAMETOOLONG) or NULL (EFAULT).
 */
unsigned posix_put_path(unsigned first, const char *string);

struct stat;
/* descriptor.c: struct stat from a STAT or FSTAT reply (words 1 on). */
void glue_stat_from_reply(struct stat *status);

/* A POSIX-style return: `result` when >= 0, else errno = -result and -1. */
long posix_result(long result);

#endif
