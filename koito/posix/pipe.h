/*
 * Pipes of the KOITO POSIX server: a bounded ring buffer with the number of
 * open read and write ends. Pure data structure: the server blocks callers
 * on -KOITO_EAGAIN and wakes them after the other side's call. Errors are
 * negative KOITO_E* values (koito/errno.h).
 */
#ifndef KOITO_POSIX_PIPE_H
#define KOITO_POSIX_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <koito/errno.h>

#define PIPE_CAPACITY 4096  /* bytes buffered */
#define PIPE_ATOMIC_MAX 512 /* newlib's PIPE_BUF: writes up to this size are never split */

struct pipe {
    uint32_t readers;       /* open read ends (open files, not descriptors) */
    uint32_t writers;
    uint32_t head;          /* index of the oldest byte */
    uint32_t count;         /* bytes buffered */
    uint8_t buffer[PIPE_CAPACITY];
};

/* Empty, with one read end and one write end open (pipe()). */
void pipe_init(struct pipe *pipe);

/*
 * Append up to `size` bytes: returns how many fit (a write of at most
 * PIPE_ATOMIC_MAX bytes goes in whole or not at all), 0 for size 0.
 * EAGAIN when none fit and a reader remains: the caller blocks. EPIPE when
 * no read end is open (the server also raises SIGPIPE).
 */
int pipe_write(struct pipe *pipe, const void *data, size_t size);

/*
 * Take up to `size` bytes: returns how many; 0 for end of file (empty, no
 * write end open) or size 0; EAGAIN when empty and a writer remains: the
 * caller blocks.
 */
int pipe_read(struct pipe *pipe, void *buffer, size_t size);

/* An end's last open file is gone; closing an end already closed does nothing. */
void pipe_close_read_end(struct pipe *pipe);
void pipe_close_write_end(struct pipe *pipe);

/* Both ends closed: the owner may free the pipe. */
bool pipe_is_unused(const struct pipe *pipe);

#endif
