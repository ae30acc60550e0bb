/* The pipe ring buffer (pipe.h). At most two copies per call: up to the end
 * of the buffer, then from its start. */
#include "pipe.h"

#include <koito/bytes.h>

void pipe_init(struct pipe *pipe)
{
    pipe->readers = 1;
    pipe->writers = 1;
    pipe->head = 0;
    pipe->count = 0;
}

int pipe_write(struct pipe *pipe, const void *data, size_t size)
{
    if (size == 0)
        return 0;
    if (pipe->readers == 0)
        return -KOITO_EPIPE;
    size_t room = PIPE_CAPACITY - pipe->count;
    if (room == 0 || (size <= PIPE_ATOMIC_MAX && size > room))
        return -KOITO_EAGAIN;
    size_t total = size < room ? size : room;
    size_t tail = (pipe->head + pipe->count) % PIPE_CAPACITY;
    size_t first = PIPE_CAPACITY - tail < total ? PIPE_CAPACITY - tail : total;
    memcpy(pipe->buffer + tail, data, first);
    memcpy(pipe->buffer, (const uint8_t *)data + first, total - first);
    pipe->count += (uint32_t)total;
    return (int)total;
}

int pipe_read(struct pipe *pipe, void *buffer, size_t size)
{
    if (size == 0)
        return 0;
    if (pipe->count == 0)
        return pipe->writers == 0 ? 0 : -KOITO_EAGAIN;
    size_t total = size < pipe->count ? size : pipe->count;
    size_t first = PIPE_CAPACITY - pipe->head < total ? PIPE_CAPACITY - pipe->head : total;
    memcpy(buffer, pipe->buffer + pipe->head, first);
    memcpy((uint8_t *)buffer + first, pipe->buffer, total - first);
    pipe->head = (uint32_t)((pipe->head + total) % PIPE_CAPACITY);
    pipe->count -= (uint32_t)total;
    return (int)total;
}

void pipe_close_read_end(struct pipe *pipe)
{
    if (pipe->readers > 0)
        pipe->readers--;
}

void pipe_close_write_end(struct pipe *pipe)
{
    if (pipe->writers > 0)
        pipe->writers--;
}

bool pipe_is_unused(const struct pipe *pipe)
{
    return pipe->readers == 0 && pipe->writers == 0;
}
