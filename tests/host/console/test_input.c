/*
 * Host tests of the console driver's input thread (koito/console/input.c)
 * against a simulated UART and interrupt line. The thread's UART
 * accesses, interrupt-port ack, notification wait and its call to the
 * POSIX server (koito_call, through the linker's --wrap) are the
 * simulation's: bytes are "typed" at chosen moments — at a wait, in the
 * middle of a drain, between drain and ack, during the call — and the
 * line behaves as the kernel's does (masked when it fires, pending until
 * acked; level-triggered, or edge-triggered losing edges while masked as
 * real hardware may). Checked: every byte arrives once, in order, in
 * calls of 1 .. KOITO_CONSOLE_INPUT_MAX bytes; the thread never waits
 * while bytes sit in the receiver with no interrupt to come; and with
 * the POSIX server gone it keeps the oldest bytes and makes no more
 * passes than input arrives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <liba9n/interrupt.h>
#include <liba9n/notification.h>
#include <liba9n/process.h>

#include "driver.h"

#define FIFO_SIZE 16
#define TYPED_MAX 4096
#define PASS_LIMIT 100000 /* LSR reads: beyond this the thread is spinning */

/* When scheduled input is typed: the moment the thread does this. */
enum moment {
    AT_WAIT,       /* while the thread waits: time passes */
    AT_DRAIN,      /* between two reads of the receive buffer */
    AT_ACK,        /* just before the ack (the line is still masked) */
    AT_CALL,       /* while the POSIX server handles the call (the line is unmasked) */
};

struct chunk {
    enum moment moment;
    const char *bytes;
};

static struct {
    /* The UART. */
    unsigned char fifo[FIFO_SIZE];
    unsigned fifo_head, fifo_count;
    bool interrupt_enabled;
    /* Typed bytes QEMU (or the line) holds back while the FIFO is full. */
    char pending[TYPED_MAX];
    size_t pending_head, pending_count;
    /* The interrupt line and notification. */
    bool edge_triggered;
    bool bound_unmasked; /* bound and not masked */
    bool port_pending;
    bool asserted_before; /* edge detection */
    bool start_edge_lost; /* the edge of bytes waiting at start never reaches the controller */
    a9n_word_t word;
    /* The schedule. */
    const struct chunk *chunks;
    unsigned chunk_count, next_chunk;
    /* The POSIX server. */
    enum a9n_error call_result[16]; /* per call, then the last one */
    unsigned calls;
    char typed[TYPED_MAX];
    size_t typed_count;
    char received[TYPED_MAX];
    size_t received_count;
    /* Misbehaviour seen. */
    unsigned lsr_reads;
    bool waited_while_stuck;
    unsigned bad_call_sizes;
} sim;

static bool asserted(void)
{
    return sim.interrupt_enabled && sim.fifo_count > 0;
}

/* The kernel's view of the line after anything changed. */
static void update_line(void)
{
    bool now = asserted();
    bool fires = sim.edge_triggered ? now && !sim.asserted_before : now;
    sim.asserted_before = now;
    if (fires && sim.bound_unmasked && !sim.port_pending) {
        sim.bound_unmasked = false; /* masked before the end of interrupt */
        sim.port_pending = true;
        sim.word |= 1;
    }
}

/* Bytes held back enter the FIFO as it has room (QEMU's serial backend does this). */
static void feed_fifo(void)
{
    while (sim.pending_count > 0 && sim.fifo_count < FIFO_SIZE) {
        sim.fifo[(sim.fifo_head + sim.fifo_count) % FIFO_SIZE] =
            (unsigned char)sim.pending[sim.pending_head];
        sim.fifo_count++;
        sim.pending_head++;
        sim.pending_count--;
    }
    update_line();
}

static void type(const char *bytes)
{
    size_t length = strlen(bytes);
    assert_true(sim.typed_count + length <= TYPED_MAX);
    memcpy(sim.typed + sim.typed_count, bytes, length);
    sim.typed_count += length;
    memmove(sim.pending, sim.pending + sim.pending_head, sim.pending_count);
    sim.pending_head = 0;
    memcpy(sim.pending + sim.pending_count, bytes, length);
    sim.pending_count += length;
    feed_fifo();
}

/* Type the next chunk if it is scheduled for this moment. */
static bool maybe_type(enum moment moment)
{
    if (sim.next_chunk >= sim.chunk_count || sim.chunks[sim.next_chunk].moment != moment)
        return false;
    type(sim.chunks[sim.next_chunk++].bytes);
    return true;
}

/* ---- the driver's side, simulated ----------------------------------------------------- */

void uart_enable_receive_interrupt(const struct uart *uart)
{
    (void)uart;
    sim.interrupt_enabled = true;
    if (sim.start_edge_lost)
        sim.asserted_before = asserted();
    update_line();
}

bool uart_data_ready(const struct uart *uart)
{
    (void)uart;
    if (++sim.lsr_reads > PASS_LIMIT)
        fail_msg("the input thread is spinning");
    return sim.fifo_count > 0;
}

static unsigned char read_receive_buffer(void)
{
    unsigned char byte = sim.fifo[sim.fifo_head];
    sim.fifo_head = (sim.fifo_head + 1) % FIFO_SIZE;
    sim.fifo_count--;
    feed_fifo();
    return byte;
}

size_t uart_drain(const struct uart *uart, unsigned char *buffer, size_t max)
{
    size_t count = 0;
    while (count < max && uart_data_ready(uart)) {
        buffer[count++] = read_receive_buffer();
        maybe_type(AT_DRAIN);
    }
    return count;
}

void uart_discard(const struct uart *uart)
{
    while (uart_data_ready(uart))
        read_receive_buffer();
}

enum a9n_error a9n_interrupt_port_ack(a9n_word_t port)
{
    (void)port;
    maybe_type(AT_ACK);
    if (!sim.port_pending)
        return A9N_ERROR_INVALID_STATE;
    sim.port_pending = false;
    sim.bound_unmasked = true;
    /* A level that is still up fires again at once; an edge that came while masked is gone. */
    sim.asserted_before = sim.edge_triggered ? asserted() : false;
    update_line();
    return A9N_ERROR_NONE;
}

/* Waiting lets time pass: the next chunk scheduled for a wait is typed. */
struct a9n_word_result a9n_notification_wait(a9n_word_t port)
{
    (void)port;
    while (sim.word == 0) {
        if (sim.fifo_count > 0 || sim.pending_count > 0) {
            /* Bytes in the receiver, and nothing will ever wake the thread for them. */
            sim.waited_while_stuck = true;
            return (struct a9n_word_result){ A9N_ERROR_DESTROYED, 0 };
        }
        /* Time passes: whatever is typed next comes now, whatever moment it was meant for. */
        if (sim.next_chunk >= sim.chunk_count)
            return (struct a9n_word_result){ A9N_ERROR_DESTROYED, 0 }; /* the end */
        type(sim.chunks[sim.next_chunk++].bytes);
    }
    a9n_word_t word = sim.word;
    sim.word = 0;
    return (struct a9n_word_result){ A9N_ERROR_NONE, word };
}

enum a9n_error a9n_process_suspend(a9n_word_t process)
{
    (void)process;
    return A9N_ERROR_NONE;
}

/* The POSIX server: takes the bytes (or is gone, as the schedule says). */
enum a9n_error __wrap_koito_call(a9n_word_t port, struct koito_message *message,
                                 a9n_word_t label, unsigned length, unsigned capabilities);
enum a9n_error __wrap_koito_call(a9n_word_t port, struct koito_message *message,
                                 a9n_word_t label, unsigned length, unsigned capabilities)
{
    assert_int_equal(port, 8);
    assert_int_equal(label, KOITO_CONSOLE_INPUT);
    assert_int_equal(capabilities, 0);
    a9n_word_t count = koito_message_word(message, 0);
    unsigned char bytes[KOITO_CONSOLE_INPUT_MAX];
    if (count < 1 || count > KOITO_CONSOLE_INPUT_MAX || length != 1 + koito_words_for_bytes(count) ||
        !koito_message_read_bytes(message, length, 1, bytes, count)) {
        sim.bad_call_sizes++;
        return A9N_ERROR_NONE;
    }
    unsigned call = sim.calls < 16 ? sim.calls : 15;
    sim.calls++;
    enum a9n_error result = sim.call_result[call];
    if (result == A9N_ERROR_NONE || result == A9N_ERROR_CANCELLED) {
        assert_true(sim.received_count + count <= TYPED_MAX);
        memcpy(sim.received + sim.received_count, bytes, count);
        sim.received_count += count;
    }
    maybe_type(AT_CALL);
    return result;
}

/* ---- running the thread ------------------------------------------------------------------ */

static struct a9n_ipc_buffer ipc_buffer;
static struct uart uart;

static void run_thread(void)
{
    struct console_input input = {
        .uart = &uart,
        .notification = 1,
        .interrupt_port = 2,
        .posix_port = 8,
        .process = 3,
        .ipc_buffer = &ipc_buffer,
        .root_radix = 8,
    };
    console_input_run((a9n_word_t)&input);
}

static void start(bool edge_triggered, const struct chunk *chunks, unsigned count)
{
    memset(&sim, 0, sizeof sim);
    sim.edge_triggered = edge_triggered;
    sim.bound_unmasked = true; /* main bound the interrupt before the thread runs */
    sim.chunks = chunks;
    sim.chunk_count = count;
}

static void assert_everything_arrived_in_order(void)
{
    assert_false(sim.waited_while_stuck);
    assert_int_equal(sim.bad_call_sizes, 0);
    assert_int_equal(sim.next_chunk, sim.chunk_count);
    assert_int_equal(sim.received_count, sim.typed_count);
    assert_memory_equal(sim.received, sim.typed, sim.typed_count);
}

static const char long_line[] =
    "The quick brown fox jumps over the lazy dog; 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ "
    "abcdefghijklmnopqrstuvwxyz and then some more so that it is well over a hundred bytes.";

/* ---- tests -------------------------------------------------------------------------------- */

static void bytes_waiting_before_start_arrive_without_an_interrupt(void **state)
{
    (void)state;
    for (int edge = 0; edge <= 1; edge++) {
        start(edge, NULL, 0);
        type("typed early");
        /* Edge-triggered: the worst case, no interrupt for what already waits. */
        sim.start_edge_lost = edge;
        run_thread();
        assert_everything_arrived_in_order();
        assert_int_equal(sim.calls, 1);
    }
}

static void more_than_fits_the_fifo_before_start(void **state)
{
    (void)state;
    for (int edge = 0; edge <= 1; edge++) {
        start(edge, NULL, 0);
        type(long_line);
        sim.start_edge_lost = edge;
        run_thread();
        assert_everything_arrived_in_order();
        /* No call larger than the limit; the first is full. */
        assert_true(sim.calls >= (sizeof long_line - 1 + KOITO_CONSOLE_INPUT_MAX - 1) /
                                     KOITO_CONSOLE_INPUT_MAX);
    }
}

static const struct chunk every_moment[] = {
    { AT_WAIT, "a" },
    { AT_WAIT, "bcdefghijklmnopqrstuvwxyz0123456789" },
    { AT_DRAIN, "D" },             /* while draining: masked, pending */
    { AT_ACK, "before-ack" },      /* after the drain, before the ack */
    { AT_CALL, "during-the-call" }, /* unmasked again, thread busy */
    { AT_WAIT, "x" },
    { AT_CALL, "again" },
    { AT_DRAIN, "0123456789012345678901234567890123456789012345678901234567890123456789" },
    { AT_WAIT, "last" },
};

static void input_at_every_moment_arrives_in_order(void **state)
{
    (void)state;
    for (int edge = 0; edge <= 1; edge++) {
        start(edge, every_moment, sizeof every_moment / sizeof every_moment[0]);
        run_thread();
        assert_everything_arrived_in_order();
    }
}

static void many_interrupts_of_every_size(void **state)
{
    (void)state;
    static char text[TYPED_MAX];
    static struct chunk chunks[200];
    static char storage[200][40];
    unsigned count = 0;
    size_t offset = 0;
    for (unsigned i = 0; i < 200 && offset < 2000; i++) {
        size_t size = 1 + (i * 7) % 37;
        for (size_t j = 0; j < size; j++)
            storage[i][j] = (char)('!' + (offset + j) % 90);
        storage[i][size] = '\0';
        memcpy(text + offset, storage[i], size);
        offset += size;
        chunks[count++] = (struct chunk){ (enum moment)(i % 4), storage[i] };
    }
    for (int edge = 0; edge <= 1; edge++) {
        start(edge, chunks, count);
        run_thread();
        assert_everything_arrived_in_order();
    }
}

static const struct chunk while_gone[] = {
    { AT_WAIT, "first-bytes-kept:" },
    { AT_WAIT, "0123456789" },
    { AT_WAIT, "abcdefghijklmnopqrstuvwxyz" },
    { AT_WAIT, "ABCDEFGHIJKLMNOPQRSTUVWXYZ" }, /* the buffer fills here */
    { AT_WAIT, "dropped" },
    { AT_WAIT, "dropped too" },
};

static void server_gone_keeps_the_oldest_bytes_and_does_not_spin(void **state)
{
    (void)state;
    for (int edge = 0; edge <= 1; edge++) {
        start(edge, while_gone, sizeof while_gone / sizeof while_gone[0]);
        for (unsigned i = 0; i < 16; i++)
            sim.call_result[i] = A9N_ERROR_DESTROYED;
        run_thread();
        assert_false(sim.waited_while_stuck);
        assert_int_equal(sim.received_count, 0);
        /* One retry per burst of input, not a loop. */
        assert_true(sim.calls <= sim.chunk_count + 2);
        assert_true(sim.lsr_reads < 1000);
    }
}

static void server_back_gets_the_oldest_bytes_first(void **state)
{
    (void)state;
    for (int edge = 0; edge <= 1; edge++) {
        start(edge, while_gone, sizeof while_gone / sizeof while_gone[0]);
        /* Gone for the first four calls. */
        for (unsigned i = 0; i < 4; i++)
            sim.call_result[i] = A9N_ERROR_DESTROYED;
        run_thread();
        assert_false(sim.waited_while_stuck);
        /* The first 64 typed bytes, whole and in order; of the rest, a subsequence. */
        assert_true(sim.received_count >= KOITO_CONSOLE_INPUT_MAX);
        assert_memory_equal(sim.received, sim.typed, KOITO_CONSOLE_INPUT_MAX);
        size_t t = KOITO_CONSOLE_INPUT_MAX;
        for (size_t r = KOITO_CONSOLE_INPUT_MAX; r < sim.received_count; r++) {
            while (t < sim.typed_count && sim.typed[t] != sim.received[r])
                t++;
            assert_true(t < sim.typed_count);
            t++;
        }
    }
}

static void cancelled_call_is_not_sent_again(void **state)
{
    (void)state;
    static const struct chunk chunks[] = { { AT_WAIT, "once" }, { AT_WAIT, "twice" } };
    start(false, chunks, 2);
    sim.call_result[0] = A9N_ERROR_CANCELLED;
    run_thread();
    assert_everything_arrived_in_order();
    assert_int_equal(sim.calls, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bytes_waiting_before_start_arrive_without_an_interrupt),
        cmocka_unit_test(more_than_fits_the_fifo_before_start),
        cmocka_unit_test(input_at_every_moment_arrives_in_order),
        cmocka_unit_test(many_interrupts_of_every_size),
        cmocka_unit_test(server_gone_keeps_the_oldest_bytes_and_does_not_spin),
        cmocka_unit_test(server_back_gets_the_oldest_bytes_first),
        cmocka_unit_test(cancelled_call_is_not_sent_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
