/*
 * Requests to the POSIX server (glue.h): the call, the wait and resend of
 * a request answered "again", and the errno convention.
 */
#include "glue.h"

#include <errno.h>
#include <string.h>

#include <liba9n/app.h>
#include <liba9n/notification.h>


struct koito_message posix_message = {
    .ipc_buffer = (struct a9n_ipc_buffer *)A9N_APP_IPC_BUFFER_ADDRESS,
};

/*
 * The request's payload: the reply overwrites the message, and a request
 * answered "again" goes out once more as it was. Copying it costs less
 * than the call that carries it.
 */
static a9n_word_t saved_request[A9N_MESSAGE_MAX_LENGTH];

long posix_call(a9n_word_t label, unsigned length)
{
    const struct a9n_app_info *info = a9n_app_info();
    if (info == NULL || length > A9N_MESSAGE_MAX_LENGTH)
        return -ENOSYS;
    a9n_word_t port = a9n_app_slot(info, A9N_APP_SLOT_OS_PORT);
    for (unsigned i = 0; i < length; i++)
        saved_request[i] = koito_message_word(&posix_message, i);
    for (;;) {
        if (koito_call(port, &posix_message, label, length, 0) != A9N_ERROR_NONE)
            return -ENOSYS;
        if (koito_message_label(&posix_message) != KOITO_POSIX_REPLY_AGAIN)
            return (long)posix_reply_word(0);
        /* Nothing happened: the server notifies when it may (a pipe, the terminal, a child). */
        a9n_notification_wait(a9n_app_slot(info, KOITO_POSIX_SLOT_WAKEUP));
        for (unsigned i = 0; i < length; i++)
            posix_set_word(i, saved_request[i]);
    }
}

unsigned posix_put_path(unsigned first, const char *string)
{
    if (string == NULL) {
        errno = EFAULT;
        return 0;
    }
    size_t size = strlen(string) + 1;
    if (size > KOITO_POSIX_PATH_MAX) {
        errno = ENAMETOOLONG;
        return 0;
    }
    return koito_message_write_bytes(&posix_message, first, string, size);
}

long posix_result(long result)
{
    if (result >= 0)
        return result;
    errno = (int)-result;
    return -1;
}
