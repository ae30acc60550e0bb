/*
 * Host tests of the KOITO server framework's pure part: message access by
 * MR index, bounded byte and string packing, and dispatch (handler by
 * label, length and stranger checks, the reply's info word).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <koito/server.h>

static struct a9n_ipc_buffer ipc_buffer;

static struct koito_message message_with_buffer(void)
{
    memset(&ipc_buffer, 0, sizeof ipc_buffer);
    return (struct koito_message){ .ipc_buffer = &ipc_buffer };
}

static void mr_past_registers_lives_in_the_ipc_buffer(void **state)
{
    (void)state;
    struct koito_message message = message_with_buffer();
    assert_true(koito_message_set(&message, A9N_ARCH_REGISTER_MRS, 0x1234));
    assert_int_equal(ipc_buffer.mr[A9N_ARCH_REGISTER_MRS], 0x1234);
    assert_int_equal(koito_message_get(&message, A9N_ARCH_REGISTER_MRS), 0x1234);
    assert_true(koito_message_set(&message, A9N_MR_PAYLOAD, 7));
    assert_int_equal(message.mr[A9N_MR_PAYLOAD], 7);
}

static void mr_outside_the_message_is_refused(void **state)
{
    (void)state;
    struct koito_message message = message_with_buffer();
    assert_false(koito_message_set(&message, A9N_MESSAGE_MRS, 1));
    assert_int_equal(koito_message_get(&message, A9N_MESSAGE_MRS), 0);

    struct koito_message registers_only = { .ipc_buffer = NULL };
    assert_false(koito_message_set(&registers_only, A9N_ARCH_REGISTER_MRS, 1));
    assert_int_equal(koito_message_capacity(&registers_only),
                     A9N_ARCH_REGISTER_MRS - A9N_MR_PAYLOAD);
}

static void bytes_round_trip_across_registers_and_buffer(void **state)
{
    (void)state;
    struct koito_message message = message_with_buffer();
    char text[200];
    for (unsigned i = 0; i < sizeof text; i++)
        text[i] = (char)(i * 7 + 1);
    unsigned words = koito_message_write_bytes(&message, 1, text, sizeof text);
    assert_int_equal(words, koito_words_for_bytes(sizeof text));
    char back[200] = { 0 };
    assert_true(koito_message_read_bytes(&message, 1 + words, 1, back, sizeof back));
    assert_memory_equal(text, back, sizeof text);
}

static void bytes_beyond_the_delivered_length_are_refused(void **state)
{
    (void)state;
    struct koito_message message = message_with_buffer();
    char out[16];
    /* 16 bytes are 2 words from word 1: a length of 2 covers only word 1. */
    assert_false(koito_message_read_bytes(&message, 2, 1, out, sizeof out));
    assert_true(koito_message_read_bytes(&message, 3, 1, out, sizeof out));
    /* A length a client claims beyond the message's capacity does not help. */
    assert_false(koito_message_read_bytes(&message, 100000, A9N_MESSAGE_MAX_LENGTH - 1, out,
                                          sizeof out));
}

static void writing_more_than_fits_writes_nothing(void **state)
{
    (void)state;
    struct koito_message message = message_with_buffer();
    static char big[A9N_MESSAGE_MAX_LENGTH * sizeof(a9n_word_t)];
    assert_int_equal(koito_message_write_bytes(&message, 1, big, sizeof big), 0);
    assert_int_equal(koito_message_write_bytes(&message, 0, big, sizeof big),
                     A9N_MESSAGE_MAX_LENGTH);
}

static void string_needs_its_nul_inside_the_words(void **state)
{
    (void)state;
    struct koito_message message = message_with_buffer();
    const char path[] = "/etc/motd";
    unsigned words = koito_message_write_bytes(&message, 0, path, sizeof path);
    char out[64];
    assert_true(koito_message_read_string(&message, words, 0, words, out, sizeof out));
    assert_string_equal(out, path);

    /* Eight bytes without a NUL: refused. */
    koito_message_write_bytes(&message, 0, "abcdefgh", 8);
    assert_false(koito_message_read_string(&message, 1, 0, 1, out, sizeof out));
    /* Too long for the caller's buffer: refused. */
    koito_message_write_bytes(&message, 0, path, sizeof path);
    assert_false(koito_message_read_string(&message, words, 0, words, out, 4));
}

/* ---- dispatch ------------------------------------------------------------------------- */

static int known_client;
static unsigned handled, refused;

static void *lookup(struct koito_server *server, a9n_word_t badge)
{
    (void)server;
    return badge == 5 ? &known_client : NULL;
}

static enum koito_reply_action echo_plus_one(struct koito_server *server,
                                             struct koito_request *request)
{
    handled++;
    a9n_word_t value = koito_message_word(request->message, 0);
    koito_message_set_word(request->message, 0, value + 1);
    return koito_reply(server, 9, 1);
}

static enum koito_reply_action vanish(struct koito_server *server, struct koito_request *request)
{
    (void)server;
    (void)request;
    handled++;
    return KOITO_NO_REPLY;
}

static enum koito_reply_action bad(struct koito_server *server, struct koito_request *request)
{
    (void)request;
    refused++;
    return koito_reply(server, 0xbad, 0);
}

static const struct koito_handler handlers[] = {
    { .label = 1, .min_length = 1, .handle = echo_plus_one },
    { .label = 2, .min_length = 0, .handle = vanish, .anyone = true },
};

static struct koito_server test_server(void)
{
    handled = refused = 0;
    return (struct koito_server){
        .ipc_buffer = &ipc_buffer,
        .handlers = handlers,
        .handler_count = 2,
        .lookup_client = lookup,
        .bad_request = bad,
    };
}

static struct koito_message request(a9n_word_t badge, a9n_word_t label, unsigned length)
{
    struct koito_message message = message_with_buffer();
    message.mr[A9N_MR_BADGE] = badge;
    message.mr[A9N_MR_INFO] = a9n_message_info(label, length, 0);
    return message;
}

static void dispatch_finds_handler_and_sets_reply_info(void **state)
{
    (void)state;
    struct koito_server server = test_server();
    struct koito_message message = request(5, 1, 1);
    message.mr[A9N_MR_PAYLOAD] = 41;
    assert_int_equal(koito_server_dispatch(&server, &message), KOITO_REPLY);
    assert_int_equal(handled, 1);
    assert_int_equal(message.mr[A9N_MR_PAYLOAD], 42);
    assert_int_equal(koito_message_label(&message), 9);
    assert_int_equal(koito_message_length(&message), 1);
}

static void unknown_label_short_request_and_stranger_get_bad_request(void **state)
{
    (void)state;
    struct koito_server server = test_server();
    struct koito_message unknown = request(5, 77, 1);
    struct koito_message short_request = request(5, 1, 0);
    struct koito_message stranger = request(6, 1, 1);
    koito_server_dispatch(&server, &unknown);
    koito_server_dispatch(&server, &short_request);
    koito_server_dispatch(&server, &stranger);
    assert_int_equal(handled, 0);
    assert_int_equal(refused, 3);
    assert_int_equal(koito_message_label(&stranger), 0xbad);
}

static void anyone_handler_serves_strangers_and_may_not_reply(void **state)
{
    (void)state;
    struct koito_server server = test_server();
    struct koito_message message = request(6, 2, 0);
    assert_int_equal(koito_server_dispatch(&server, &message), KOITO_NO_REPLY);
    assert_int_equal(handled, 1);
    assert_int_equal(refused, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mr_past_registers_lives_in_the_ipc_buffer),
        cmocka_unit_test(mr_outside_the_message_is_refused),
        cmocka_unit_test(bytes_round_trip_across_registers_and_buffer),
        cmocka_unit_test(bytes_beyond_the_delivered_length_are_refused),
        cmocka_unit_test(writing_more_than_fits_writes_nothing),
        cmocka_unit_test(string_needs_its_nul_inside_the_words),
        cmocka_unit_test(dispatch_finds_handler_and_sets_reply_info),
        cmocka_unit_test(unknown_label_short_request_and_stranger_get_bad_request),
        cmocka_unit_test(anyone_handler_serves_strangers_and_may_not_reply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
