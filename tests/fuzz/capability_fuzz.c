/*
 * libFuzzer target for the capability core. The input is read as a stream
 * of capability calls (node and Generic operations, plus raw words) made
 * through capability_call() on a small universe (tests/host/cap/universe.h).
 * After every call: a failed call must have changed nothing (byte for byte),
 * the invariant checker must pass, and every capability must name an object
 * that was created and not yet destroyed. Any violation aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_devices.h"
#include "timer.h"
#include "universe.h"

/* ---- input ------------------------------------------------------------------- */

struct input {
    const uint8_t *data;
    size_t size;
    size_t position;
};

static uint8_t byte(struct input *input)
{
    return input->position < input->size ? input->data[input->position++] : 0;
}

static a9n_word_t word(struct input *input)
{
    a9n_word_t value = 0;
    for (int i = 0; i < 8; i++)
        value = (value << 8) | byte(input);
    return value;
}

/* Mostly plausible descriptors (the radixes in play are small), some raw. */
static a9n_word_t descriptor(struct input *input)
{
    uint8_t kind = byte(input);
    switch (kind & 7) {
    case 0:
        return 0; /* the root node */
    case 1:
    case 2:
    case 3:
        return universe_root_slot((kind >> 3) & 15);
    case 4:
    case 5: {
        /* A root slot, then `bits` more bits into whatever is there. */
        unsigned bits = (kind >> 3) & 7;
        a9n_word_t first = byte(input) & 15;
        a9n_word_t second = byte(input) & ((1u << bits) - 1);
        return a9n_descriptor(UNIVERSE_ROOT_RADIX + bits, (first << bits) | second);
    }
    case 6: {
        /* Around the root's self reference a few times, then two levels. */
        unsigned loops = (kind >> 3) & 7;
        a9n_word_t path = 0;
        for (unsigned i = 0; i < loops; i++)
            path = (path << UNIVERSE_ROOT_RADIX) | UNIVERSE_SELF;
        uint8_t tail = byte(input);
        unsigned bits = tail >> 5;
        path = (path << UNIVERSE_ROOT_RADIX) | (tail & 15);
        path = (path << bits) | (byte(input) & ((1u << bits) - 1));
        return a9n_descriptor(UNIVERSE_ROOT_RADIX * (loops + 1) + bits, path);
    }
    default: {
        unsigned depth = byte(input);
        return ((a9n_word_t)depth << A9N_DESCRIPTOR_DEPTH_SHIFT) |
               (word(input) & A9N_DESCRIPTOR_PATH_MASK);
    }
    }
}

/* A slot index: usually small, sometimes far out of range. */
static a9n_word_t slot_index(struct input *input)
{
    uint8_t value = byte(input);
    if (value & 0x80)
        return ((a9n_word_t)value << 56) | value;
    return value & 0x3f;
}

static a9n_word_t rights(struct input *input)
{
    uint8_t value = byte(input);
    return value & 0x80 ? value : (value & A9N_RIGHTS_ALL);
}

/* ---- object lifetimes -------------------------------------------------------- */

#define MAX_LIVE 8192

struct live_object {
    uint8_t type;
    a9n_paddr_t object;
};

static struct live_object live[MAX_LIVE];
static size_t live_count;

static _Noreturn void violation(const char *what)
{
    fprintf(stderr, "capability fuzz: %s\n", what);
    abort();
}

static void live_add(uint8_t type, a9n_paddr_t object)
{
    if (live_count == MAX_LIVE)
        violation("too many live objects for the tracker");
    live[live_count++] = (struct live_object){ type, object };
}

static size_t live_find(uint8_t type, a9n_paddr_t object)
{
    for (size_t i = 0; i < live_count; i++) {
        if (live[i].type == type && live[i].object == object)
            return i;
    }
    return live_count;
}

static void observe(enum object_event event, const struct slot *capability, bool last)
{
    (void)last;
    if (event == OBJECT_CREATED) {
        live_add(capability->type, capability->object);
    } else if (event == OBJECT_DESTROYED) {
        size_t i = live_find(capability->type, capability->object);
        if (i == live_count)
            violation("destroyed an object that is not alive");
        live[i] = live[--live_count];
    }
}

static void check_references(void)
{
    size_t count;
    const struct slot *const *slots = universe_checked_slots(&count);
    for (size_t i = 0; i < count; i++) {
        /* Sorted by object: one lookup per distinct object. */
        if (i > 0 && slot_same_object(slots[i], slots[i - 1]))
            continue;
        if (live_find(slots[i]->type, slots[i]->object) == live_count)
            violation("a capability names a destroyed object");
    }
    /* The armed list: live timers only, by ascending deadline, links consistent. */
    const struct timer *previous = NULL;
    for (const struct timer *t = timer_first_armed(); t != NULL; previous = t, t = t->next) {
        if (live_find(A9N_CAPABILITY_TIMER, hal_virt_to_phys(t)) == live_count)
            violation("a destroyed timer is still armed");
        if (!t->armed || t->prev != previous || (previous && previous->deadline > t->deadline))
            violation("the armed timer list is out of order");
    }
}

/* ---- one run ------------------------------------------------------------------- */

static unsigned char snapshot[UNIVERSE_ARENA_SIZE];
static struct slot root_snapshot;

static void start_universe(void)
{
    universe_setup();
    object_observer = observe;
    live_count = 0;
    const struct slot *root = &universe_root;
    live_add(root->type, root->object);
    for (unsigned i = UNIVERSE_GENERIC; i <= UNIVERSE_DEVICE_GENERIC; i++) {
        const struct slot *generic = universe_slot(universe_root_slot(i));
        live_add(generic->type, generic->object);
    }
}

static void next_call(struct input *input, struct capability_message *message)
{
    memset(message, 0, sizeof(*message));
    a9n_word_t *mr = message->mr;
    uint8_t choice = byte(input) % 10;
    mr[0] = descriptor(input);
    switch (choice) {
    case 0: /* copy */
    case 1: /* move */
        mr[1] = choice == 0 ? A9N_NODE_COPY : A9N_NODE_MOVE;
        mr[2] = slot_index(input);
        mr[3] = descriptor(input);
        break;
    case 2:
        mr[1] = A9N_NODE_MINT;
        mr[2] = slot_index(input);
        mr[3] = descriptor(input);
        mr[4] = rights(input);
        mr[5] = byte(input) & 3;
        break;
    case 3:
        mr[1] = A9N_NODE_DEMOTE;
        mr[2] = slot_index(input);
        mr[3] = rights(input);
        break;
    case 4:
    case 5:
        mr[1] = choice == 4 ? A9N_NODE_REMOVE : A9N_NODE_REVOKE;
        mr[2] = slot_index(input);
        break;
    case 6:
    case 7: { /* convert with plausible arguments */
        mr[1] = A9N_GENERIC_CONVERT;
        uint8_t type = byte(input);
        mr[2] = type % (A9N_CAPABILITY_TYPE_COUNT + 1);
        uint8_t parameter = byte(input);
        mr[3] = parameter & 0x80 ? parameter : parameter % 20;
        mr[4] = byte(input) % 6;
        mr[5] = descriptor(input);
        mr[6] = slot_index(input);
        break;
    }
    default: /* anything at all */
        mr[1] = byte(input) % 9;
        for (int i = 2; i < 8; i++)
            mr[i] = byte(input) & 1 ? word(input) : byte(input);
        break;
    }
}

/* CAPABILITY_FUZZ_TRACE=1 prints every call: for reproducing a finding. */
static void trace(const struct capability_message *call, enum a9n_error error)
{
    static int enabled = -1;
    if (enabled < 0)
        enabled = getenv("CAPABILITY_FUZZ_TRACE") != NULL;
    if (!enabled)
        return;
    fprintf(stderr, "call depth %u path %#llx op %llu:", a9n_descriptor_depth(call->mr[0]),
            (unsigned long long)a9n_descriptor_path(call->mr[0]), (unsigned long long)call->mr[1]);
    for (int i = 2; i < 8; i++)
        fprintf(stderr, " %#llx", (unsigned long long)call->mr[i]);
    fprintf(stderr, " -> error %d\n", error);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input input = { data, size, 0 };
    char message[256];

    start_universe();
    fake_devices.clock_ns = 0;
    for (int calls = 0; input.position < input.size && calls < 256; calls++) {
        struct capability_message call;
        next_call(&input, &call);
        /* A tick between calls: 10 ms pass and due timers fire, as in the kernel. */
        fake_devices.clock_ns += 10000000;
        timer_expire(fake_devices.clock_ns);

        memcpy(snapshot, universe_arena, UNIVERSE_ARENA_SIZE);
        root_snapshot = universe_root;
        enum a9n_error error = capability_call(&universe_root, &call);
        trace(&call, error);
        if (error >= A9N_ERROR_COUNT)
            violation("error code out of range");
        if (error != A9N_ERROR_NONE &&
            (memcmp(snapshot, universe_arena, UNIVERSE_ARENA_SIZE) != 0 ||
             memcmp(&root_snapshot, &universe_root, sizeof(universe_root)) != 0))
            violation("a failed call changed something");

        if (!universe_check(message, sizeof(message)))
            violation(message);
        check_references();
    }
    universe_teardown();
    return 0;
}
