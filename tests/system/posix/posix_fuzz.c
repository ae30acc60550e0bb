/*
 * /test/posix-fuzz [COUNT]: a hostile client of the POSIX server. It sends
 * COUNT (default 20000) requests with random labels, lengths, payload
 * words and capability counts to its OS port, then checks that the
 * server still answers it properly. Exit status 0: every request got a
 * reply and the server still works; 1: it stopped answering.
 *
 * Left out are the requests whose whole point is to affect others or the
 * machine, which the server rightly does (exit, kill, power off, process
 * groups, the terminal's foreground). The fuzzer closes its 0, 1 and 2
 * first, and no payload byte is '/', so that what random requests create
 * stays in the working directory (the transcript runs it in /tmp/fuzz)
 * and nothing reaches the console.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <a9n/ipc.h>
#include <koito/posix.h>
#include <koito/server.h>
#include <liba9n/app.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;

/* xorshift64*: the same sequence on every run and both arches. */
static uint64_t random_word(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dull;
}

static bool excluded(a9n_word_t label)
{
    return label == KOITO_POSIX_EXIT || label == KOITO_POSIX_KILL ||
           label == KOITO_POSIX_POWEROFF || label == KOITO_POSIX_SETPGID ||
           label == KOITO_POSIX_TCSETPGRP;
}

/* Small numbers make more requests reach the handlers' work: fds, lengths, flags. */
static a9n_word_t random_argument(void)
{
    a9n_word_t word = random_word();
    switch (word % 4) {
    case 0: return word % 8;
    case 1: return word % 512;
    case 2: return (a9n_word_t)-(long)(word % 4);
    default: return random_word();
    }
}

static a9n_word_t without_slashes(a9n_word_t word)
{
    for (unsigned byte = 0; byte < sizeof word; byte++)
        if (((word >> (byte * 8)) & 0xff) == '/')
            word ^= (a9n_word_t)('/' ^ '_') << (byte * 8);
    return word;
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? strtol(argv[1], NULL, 10) : 20000;
    close(0);
    close(1);
    close(2);
    const struct a9n_app_info *info = a9n_app_info();
    a9n_word_t port = a9n_app_slot(info, A9N_APP_SLOT_OS_PORT);
    struct koito_message message = {
        .ipc_buffer = (struct a9n_ipc_buffer *)A9N_APP_IPC_BUFFER_ADDRESS,
    };
    for (long i = 0; i < count; i++) {
        a9n_word_t label;
        do {
            a9n_word_t pick = random_word();
            /* Mostly real requests, some unknown labels. */
            label = pick % 8 == 0 ? pick % 128 : KOITO_POSIX_OPEN + pick % (KOITO_POSIX_POWEROFF - KOITO_POSIX_OPEN + 1);
        } while (excluded(label));
        unsigned length = (unsigned)(random_word() % 8 == 0 ? random_word() % A9N_MESSAGE_MAX_LENGTH
                                                            : random_word() % 12);
        for (unsigned w = 0; w < length; w++)
            koito_message_set_word(&message, w,
                                   without_slashes(w < 3 ? random_argument() : random_word()));
        /* Now and then it claims to send capabilities (there are none to send). */
        unsigned capabilities = random_word() % 16 == 0 ? (unsigned)(random_word() % 5) : 0;
        enum a9n_error error = koito_call(port, &message, label, length, capabilities);
        if (error != A9N_ERROR_NONE && capabilities == 0)
            return 1;
    }
    /* The server still knows who this is. */
    if (koito_call(port, &message, KOITO_POSIX_GETPID, 0, 0) != A9N_ERROR_NONE ||
        koito_message_label(&message) != KOITO_POSIX_REPLY_DONE ||
        (a9n_word_t)koito_message_word(&message, 0) != info->pid)
        return 1;
    return 0;
}
