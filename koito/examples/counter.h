/*
 * The example of docs/server.md: a counter server. Every client (one per
 * badge of its port capability) has a counter and a name; requests add to
 * the counter, read it, and set or read the name. Small on purpose: the
 * whole server is the handler table and three handlers.
 */
#ifndef KOITO_EXAMPLES_COUNTER_H
#define KOITO_EXAMPLES_COUNTER_H

#include <a9n/ipc.h>
#include <a9n/types.h>

enum counter_request {
    COUNTER_ADD = 1,  /* w0 amount -> w0 the new value */
    COUNTER_GET,      /* -> w0 the value */
    COUNTER_SET_NAME, /* w0.. a NUL-terminated name (at most 15 bytes) -> w0 0 */
    COUNTER_GET_NAME, /* -> w0 0, w1.. the name */
};

enum counter_status {
    COUNTER_OK = 0,
    COUNTER_BAD_REQUEST = -1, /* unknown label, too short, or a name that does not fit */
    COUNTER_NOT_A_CLIENT = -2,
};

/* Badges 1 .. COUNTER_CLIENTS name clients; any other badge is a stranger. */
#define COUNTER_CLIENTS 4

/* Serve on `port` (READ right) forever; `ipc_buffer` is the calling thread's. */
_Noreturn void counter_server_run(a9n_word_t port, struct a9n_ipc_buffer *ipc_buffer);

#endif
