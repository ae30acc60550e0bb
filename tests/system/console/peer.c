/*
 * The console driver's system test: this program is started as the
 * "posix" service, so it holds what the POSIX server would — its own port
 * (slot 7) and the console's (slot 8) — and plays the POSIX server's
 * side of the console protocol (koito/include/koito/console.h). It sends
 * output requests, good and bad, then takes the KOITO_CONSOLE_INPUT calls
 * for what the harness types (CONSOLE_TEST_INPUT, tests/suites/36-console.sh),
 * prints a "test console_NAME" line per check and powers the machine off.
 * The suite checks in the console log that the good output was printed
 * and that no byte of a refused request was.
 */
#include <a9n/app_info.h>
#include <koito/console.h>
#include <koito/errno.h>
#include <koito/server.h>
#include <koito/services.h>
#include <liba9n/ipc.h>

#include "../koito/koito_test.h"

/* What the harness types; the suite passes the same string as QEMU_INPUT. */
#define CONSOLE_TEST_INPUT                                                                      \
    "koito-console-input:0123456789abcdefghijklmnopqrstuvwxyz"                                \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-the-end."
/* Bytes of a refused request: the suite checks they never reach the console. */
#define REFUSED_MARKER "REFUSED!"

static const struct a9n_app_info *app;
static unsigned tests_run;

static a9n_word_t slot(a9n_word_t index)
{
    return a9n_app_slot(app, index);
}

static struct koito_message new_message(void)
{
    struct a9n_ipc_buffer *ipc_buffer = (struct a9n_ipc_buffer *)app->ipc_buffer;
    /* Nothing is sent to this program with capabilities: none may land. */
    ipc_buffer->receive_node = a9n_descriptor(0, 0);
    ipc_buffer->receive_index = (a9n_word_t)1 << app->root_radix;
    return (struct koito_message){ .ipc_buffer = ipc_buffer };
}

static size_t length_of(const char *text)
{
    size_t length = 0;
    while (text[length] != '\0')
        length++;
    return length;
}

/*
 * A request to the console with `words` payload words: MR4 `count`, then
 * `size` bytes of `bytes`. The reply's status, or a value no reply has
 * when the call or the reply's shape is wrong.
 */
#define NO_REPLY ((int64_t)1 << 62)
static int64_t console_request(a9n_word_t label, a9n_word_t count, const void *bytes,
                               size_t size, unsigned words)
{
    struct koito_message message = new_message();
    koito_message_set_word(&message, 0, count);
    koito_message_write_bytes(&message, 1, bytes, size);
    if (koito_call(slot(KOITO_SERVICE_SLOT_PEER_PORT), &message, label, words, 0) !=
        A9N_ERROR_NONE)
        return NO_REPLY;
    if (koito_message_label(&message) != 0 || koito_message_length(&message) != 1)
        return NO_REPLY;
    return (int64_t)koito_message_word(&message, 0);
}

static int64_t console_write(const char *text, size_t size)
{
    return console_request(KOITO_CONSOLE_WRITE, size, text, size, 1 + koito_words_for_bytes(size));
}

/*
 * In a service's place the peer holds no Debug capability (docs/koito.md):
 * its result lines go through the console driver it tests. A line lost
 * there is a missing result, which the suite counts as a failure.
 */
static void print_bytes(const char *text, size_t length)
{
    console_write(text, length);
}

static void print(const char *text)
{
    print_bytes(text, length_of(text));
}

static void print_unsigned(a9n_word_t value)
{
    char digits[24];
    size_t i = sizeof digits;
    do {
        digits[--i] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    print_bytes(&digits[i], sizeof digits - i);
}

static void run(const char *name, void (*test)(void))
{
    tests_run++;
    koito_test_run(name, test);
}

/* ---- output ----------------------------------------------------------------------------- */

static void write_prints_and_replies_the_count(void)
{
    const char *line = "console: written through the driver\n";
    CHECK_EQUAL(console_write(line, length_of(line)), length_of(line));
}

/* Past the register MRs: the bytes travel in both IPC buffers. */
static void long_write_goes_through_the_ipc_buffers(void)
{
    static char line[300];
    const char *head = "console long: ";
    size_t i = 0;
    for (; head[i] != '\0'; i++)
        line[i] = head[i];
    for (; i < sizeof line - 1; i++)
        line[i] = (char)('a' + i % 26);
    line[i] = '\n';
    CHECK_EQUAL(console_write(line, sizeof line), sizeof line);
}

static void largest_write_is_accepted(void)
{
    static char line[KOITO_CONSOLE_WRITE_MAX];
    const char *head = "console max: ";
    size_t i = 0;
    for (; head[i] != '\0'; i++)
        line[i] = head[i];
    for (; i < sizeof line - 1; i++)
        line[i] = (char)('0' + i % 10);
    line[i] = '\n';
    CHECK_EQUAL(console_write(line, sizeof line), KOITO_CONSOLE_WRITE_MAX);
}

static void empty_write_succeeds(void)
{
    CHECK_EQUAL(console_write("", 0), 0);
}

/* 40 bytes claimed, one word of them sent: refused before anything is printed. */
static void count_beyond_the_message_is_refused(void)
{
    CHECK_EQUAL(console_request(KOITO_CONSOLE_WRITE, 40, REFUSED_MARKER, 8, 2), -KOITO_EINVAL);
}

static void count_above_the_maximum_is_refused(void)
{
    static char bytes[KOITO_CONSOLE_WRITE_MAX];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = REFUSED_MARKER[i % 8];
    CHECK_EQUAL(console_request(KOITO_CONSOLE_WRITE, KOITO_CONSOLE_WRITE_MAX + 1, bytes,
                                sizeof bytes, A9N_MESSAGE_MAX_LENGTH),
                -KOITO_EINVAL);
    CHECK_EQUAL(console_request(KOITO_CONSOLE_WRITE, (a9n_word_t)-8, bytes, sizeof bytes,
                                A9N_MESSAGE_MAX_LENGTH),
                -KOITO_EINVAL);
}

static void write_without_a_count_is_refused(void)
{
    CHECK_EQUAL(console_request(KOITO_CONSOLE_WRITE, 8, REFUSED_MARKER, 8, 0), -KOITO_EINVAL);
}

static void unknown_request_is_not_implemented(void)
{
    CHECK_EQUAL(console_request(0x7777, 8, REFUSED_MARKER, 8, 2), -KOITO_ENOSYS);
}

/* ---- input ------------------------------------------------------------------------------ */

static const char expected_input[] = CONSOLE_TEST_INPUT;
static char received[sizeof expected_input];
static size_t received_count;
static unsigned input_messages;

/*
 * Take the console's KOITO_CONSOLE_INPUT calls until all of
 * CONSOLE_TEST_INPUT is there (or something is wrong), replying to each.
 */
static void input_arrives_in_order_in_bounded_messages(void)
{
    a9n_word_t port = slot(KOITO_SERVICE_SLOT_PORT);
    while (received_count < sizeof expected_input - 1) {
        struct koito_message message = new_message();
        CHECK_EQUAL(a9n_ipc_receive(port, message.mr), A9N_ERROR_NONE);
        a9n_word_t badge = message.mr[A9N_MR_BADGE];
        a9n_word_t label = koito_message_label(&message);
        unsigned length = koito_message_length(&message);
        a9n_word_t count = koito_message_word(&message, 0);
        char bytes[KOITO_CONSOLE_INPUT_MAX];
        bool readable = length >= 1 && count >= 1 && count <= KOITO_CONSOLE_INPUT_MAX &&
                        koito_message_read_bytes(&message, length, 1, bytes, (size_t)count);
        /* Reply first: the console waits for it before sending more. */
        message.mr[A9N_MR_INFO] = a9n_message_info(0, 0, 0);
        a9n_ipc_reply(port, message.mr);

        CHECK_EQUAL(badge, KOITO_PID_CONSOLE);
        CHECK_EQUAL(label, KOITO_CONSOLE_INPUT);
        CHECK(readable);
        CHECK(count <= sizeof expected_input - 1 - received_count);
        input_messages++;
        for (size_t i = 0; i < count; i++) {
            received[received_count] = bytes[i];
            CHECK_EQUAL(received[received_count], expected_input[received_count]);
            received_count++;
        }
    }
}

/* More bytes than one message takes: they came in several, none above the limit. */
static void long_input_takes_several_messages(void)
{
    CHECK(sizeof expected_input - 1 > KOITO_CONSOLE_INPUT_MAX);
    CHECK(input_messages >= 2);
}

/* ---- power off -------------------------------------------------------------------------- */

_Noreturn static void power_off(void)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_MR_INFO] = a9n_message_info(A9N_OS_POWEROFF, 0, 0);
    enum a9n_error error = a9n_ipc_call(slot(A9N_APP_SLOT_OS_PORT), mr);
    print("console test: power off refused (");
    print_unsigned(error != A9N_ERROR_NONE ? error : mr[A9N_MR_PAYLOAD]);
    print(")\n");
    koito_test_exit();
}

int main(void)
{
    app = a9n_app_info();
    /* Elsewhere there is no console to print to: init reports the exit status. */
    if (app == NULL || app->pid != KOITO_PID_POSIX)
        a9n_app_exit(1);
    koito_test_set_output(print_bytes);
    run("console_write_prints_and_replies_the_count", write_prints_and_replies_the_count);
    run("console_long_write_goes_through_the_ipc_buffers",
        long_write_goes_through_the_ipc_buffers);
    run("console_largest_write_is_accepted", largest_write_is_accepted);
    run("console_empty_write_succeeds", empty_write_succeeds);
    run("console_count_beyond_the_message_is_refused", count_beyond_the_message_is_refused);
    run("console_count_above_the_maximum_is_refused", count_above_the_maximum_is_refused);
    run("console_write_without_a_count_is_refused", write_without_a_count_is_refused);
    run("console_unknown_request_is_not_implemented", unknown_request_is_not_implemented);
    run("console_input_arrives_in_order_in_bounded_messages",
        input_arrives_in_order_in_bounded_messages);
    run("console_long_input_takes_several_messages", long_input_takes_several_messages);

    print("console test: ");
    print_unsigned(tests_run);
    print(" tests run\n");
    power_off();
}
