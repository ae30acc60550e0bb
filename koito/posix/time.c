/*
 * Time for programs (docs/posix.md, "Time"): the kernel's monotonic clock
 * read through the caller's Timer, and sleeps as one-shot deadlines on
 * it. The Timer is bound to the program's wake-up notification, so a
 * sleeping program is woken by the kernel, not by the server, and sends
 * its NANOSLEEP again; the deadline it carries is absolute, so the
 * request means the same every time. There is no real-time clock:
 * CLOCK_REALTIME counts from boot like CLOCK_MONOTONIC.
 */
#include <liba9n/timer.h>

#include "posix_server.h"

#define NANOSECONDS 1000000000ull

static a9n_word_t timer_of(const struct process *process)
{
    return posix_slot(process->slots + POSIX_CHILD_TIMER);
}

enum koito_reply_action posix_clock_gettime_request(struct koito_server *server,
                                                    struct koito_request *request)
{
    a9n_word_t clock = koito_message_word(request->message, 0);
    if (clock > 1)
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    struct a9n_word_result now = a9n_timer_read(timer_of(request->client));
    if (now.error != A9N_ERROR_NONE)
        return posix_reply(server, request, -KOITO_EIO, 0);
    koito_message_set_word(request->message, 1, now.value / NANOSECONDS);
    koito_message_set_word(request->message, 2, now.value % NANOSECONDS);
    return posix_reply(server, request, 0, 2);
}

enum koito_reply_action posix_nanosleep_request(struct koito_server *server,
                                                struct koito_request *request)
{
    struct process *process = request->client;
    a9n_word_t seconds = koito_message_word(request->message, 0);
    a9n_word_t nanoseconds = koito_message_word(request->message, 1);
    /* Past 2^64 ns (584 years) the deadline is never: EINVAL rather than a wrap. */
    if (nanoseconds >= NANOSECONDS || seconds > (~0ull - nanoseconds) / NANOSECONDS)
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    uint64_t deadline = seconds * NANOSECONDS + nanoseconds;
    struct a9n_word_result now = a9n_timer_read(timer_of(process));
    if (now.error != A9N_ERROR_NONE)
        return posix_reply(server, request, -KOITO_EIO, 0);
    if (now.value >= deadline)
        return posix_reply(server, request, 0, 0);
    if (a9n_timer_arm(timer_of(process), deadline) != A9N_ERROR_NONE)
        return posix_reply(server, request, -KOITO_EIO, 0);
    return posix_reply_again(server, process, WAITING_TIMER, NULL);
}
