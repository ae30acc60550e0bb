/*
 * The fuzzer and its IPC partner: threads in the address space world.c
 * builds, where only init's code, its read-only data, the shared pages and
 * the stacks are mapped. So this code touches no global variable: what it
 * needs comes from the shared pages, and its tables are read-only data.
 * The lone fuzzer (fuzz.c) and the fuzz processes (processes.c) run this
 * same code; a fuzz process has more slots in its layout, aims at peers
 * and shared objects, and never writes over a slot of its layout.
 */
#include <stdbool.h>

#include <a9n/interrupt.h>
#include <a9n/ipc.h>
#include <a9n/kernel_call.h>
#include <a9n/memory.h>
#include <a9n/object.h>
#include <a9n/process.h>
#include <a9n/timer.h>
#include <liba9n/ipc.h>
#include <liba9n/kernel_call.h>

#include "fuzz.h"

/*
 * Consecutive failed capability calls after which the fuzzer has most
 * likely cut itself off (emptied its root node, lost its root): it tells
 * the supervisor, which starts a fresh one, instead of idling on lookups.
 */
#define GIVE_UP_FAILURES 4096

struct fuzzer {
    a9n_word_t random;
    unsigned paging_levels;
    unsigned interrupt_lines;
    a9n_word_t io_port;
    unsigned slot_count;  /* of the layout: FUZZ_SLOT_COUNT or FUZZ_PROCESS_SLOT_COUNT */
    unsigned generic_bits;
    bool peers;           /* a fuzz process: slot_count is FUZZ_PROCESS_SLOT_COUNT */
};

/* xorshift64 (Marsaglia): a handful of instructions per word, so the calls dominate. */
static a9n_word_t random_word(struct fuzzer *f)
{
    a9n_word_t x = f->random;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    f->random = x;
    return x;
}

static unsigned random_below(struct fuzzer *f, unsigned bound)
{
    return (unsigned)((random_word(f) >> 16) % bound);
}

/* What each slot of the layout starts with: the fuzzer picks operations for it. */
static const unsigned char slot_types[FUZZ_PROCESS_SLOT_COUNT] = {
    [FUZZ_SLOT_ROOT] = A9N_CAPABILITY_NODE,
    [FUZZ_SLOT_PROCESS] = A9N_CAPABILITY_PROCESS,
    [FUZZ_SLOT_ADDRESS_SPACE] = A9N_CAPABILITY_ADDRESS_SPACE,
    [FUZZ_SLOT_IPC_BUFFER] = A9N_CAPABILITY_FRAME,
    [FUZZ_SLOT_GENERIC] = A9N_CAPABILITY_GENERIC,
    [FUZZ_SLOT_NODE] = A9N_CAPABILITY_NODE,
    [FUZZ_SLOT_SMALL_NODE] = A9N_CAPABILITY_NODE,
    [FUZZ_SLOT_SERVED_PORT] = A9N_CAPABILITY_IPC_PORT,
    [FUZZ_SLOT_SERVED_PORT_BADGED] = A9N_CAPABILITY_IPC_PORT,
    [FUZZ_SLOT_PORT] = A9N_CAPABILITY_IPC_PORT,
    [FUZZ_SLOT_PARTNER_RESOLVER] = A9N_CAPABILITY_IPC_PORT,
    [FUZZ_SLOT_NOTIFICATION] = A9N_CAPABILITY_NOTIFICATION_PORT,
    [FUZZ_SLOT_NOTIFICATION_BADGED] = A9N_CAPABILITY_NOTIFICATION_PORT,
    [FUZZ_SLOT_FRAME] = A9N_CAPABILITY_FRAME,
    [FUZZ_SLOT_FRAME_SPARE] = A9N_CAPABILITY_FRAME,
    [FUZZ_SLOT_FRAME_READ_ONLY] = A9N_CAPABILITY_FRAME,
    [FUZZ_SLOT_CODE_FRAME] = A9N_CAPABILITY_FRAME,
    [FUZZ_SLOT_PAGE_TABLE_LOW] = A9N_CAPABILITY_PAGE_TABLE,
    [FUZZ_SLOT_PAGE_TABLE_HIGH] = A9N_CAPABILITY_PAGE_TABLE,
    [FUZZ_SLOT_SPARE_ADDRESS_SPACE] = A9N_CAPABILITY_ADDRESS_SPACE,
    [FUZZ_SLOT_INTERRUPT_PORT] = A9N_CAPABILITY_INTERRUPT_PORT,
    [FUZZ_SLOT_INTERRUPT_PORT_UNUSED] = A9N_CAPABILITY_INTERRUPT_PORT,
    [FUZZ_SLOT_PARTNER] = A9N_CAPABILITY_PROCESS,
    [FUZZ_SLOT_PARTNER_IPC_BUFFER] = A9N_CAPABILITY_FRAME,
    [FUZZ_SLOT_IO_PORT] = A9N_CAPABILITY_IO_PORT,
    [FUZZ_SLOT_TIMER] = A9N_CAPABILITY_TIMER,
    [FUZZ_SLOT_PEER_PROCESS] = A9N_CAPABILITY_PROCESS,
    [FUZZ_SLOT_PEER_ADDRESS_SPACE] = A9N_CAPABILITY_ADDRESS_SPACE,
    [FUZZ_SLOT_SHARED_PORT] = A9N_CAPABILITY_IPC_PORT,
    [FUZZ_SLOT_SHARED_PORT_BADGED] = A9N_CAPABILITY_IPC_PORT,
    [FUZZ_SLOT_SHARED_NOTIFICATION] = A9N_CAPABILITY_NOTIFICATION_PORT,
    [FUZZ_SLOT_SHARED_NOTIFICATION_BADGED] = A9N_CAPABILITY_NOTIFICATION_PORT,
    [FUZZ_SLOT_SHARED_FRAME] = A9N_CAPABILITY_FRAME,
    [FUZZ_SLOT_OWN_PORT] = A9N_CAPABILITY_IPC_PORT,
    [FUZZ_SLOT_OWN_NOTIFICATION] = A9N_CAPABILITY_NOTIFICATION_PORT,
    [FUZZ_SLOT_OWN_FRAME] = A9N_CAPABILITY_FRAME,
    [FUZZ_SLOT_PEER_PORT] = A9N_CAPABILITY_IPC_PORT,
    [FUZZ_SLOT_PEER_NOTIFICATION] = A9N_CAPABILITY_NOTIFICATION_PORT,
    [FUZZ_SLOT_PEER_FRAME] = A9N_CAPABILITY_FRAME,
};

unsigned fuzz_layout_type(unsigned slot)
{
    return slot < FUZZ_PROCESS_SLOT_COUNT ? slot_types[slot] : A9N_CAPABILITY_NONE;
}

/*
 * Operation weights per type (index: operation number). Every operation
 * that can block for ever, or stop the fuzzer (suspending or reconfiguring
 * itself), is kept but rare: each one ends a fuzzer, and a restart costs
 * some hundred calls' worth of building.
 */
static const unsigned short operation_weights[A9N_CAPABILITY_TYPE_COUNT][FUZZ_OPERATIONS] = {
    /*
     * Unknown contents: ports block on 1, 2, 3 and 5, notifications on 2;
     * every other type's operations are 1 .. 6.
     */
    [A9N_CAPABILITY_NONE] = { 0, 8, 4, 8, 20, 4, 20, 20 },
    [A9N_CAPABILITY_NODE] = {
        [A9N_NODE_COPY] = 25, [A9N_NODE_MOVE] = 15, [A9N_NODE_MINT] = 25,
        [A9N_NODE_DEMOTE] = 10, [A9N_NODE_REMOVE] = 20, [A9N_NODE_REVOKE] = 5 },
    [A9N_CAPABILITY_GENERIC] = { [A9N_GENERIC_CONVERT] = 1 },
    /*
     * The partner's PCB (the fuzzer's own has self_process_weights): a
     * partner suspended or sent astray leaves the served ports unserved.
     */
    [A9N_CAPABILITY_PROCESS] = {
        [A9N_PROCESS_CONFIGURE] = 1, [A9N_PROCESS_READ_REGISTERS] = 60,
        [A9N_PROCESS_WRITE_REGISTERS] = 2, [A9N_PROCESS_RESUME] = 40,
        [A9N_PROCESS_SUSPEND] = 1 },
    /* Nobody receives on these but the fuzzer: blocking ones wait for ever. */
    [A9N_CAPABILITY_IPC_PORT] = {
        [A9N_IPC_PORT_SEND] = 1, [A9N_IPC_PORT_RECEIVE] = 1, [A9N_IPC_PORT_CALL] = 1,
        [A9N_IPC_PORT_REPLY] = 100, [A9N_IPC_PORT_REPLY_RECEIVE] = 1,
        [A9N_IPC_PORT_SEND_NON_BLOCKING] = 200, [A9N_IPC_PORT_RECEIVE_NON_BLOCKING] = 200 },
    /* Wait blocks only while the word is 0. */
    [A9N_CAPABILITY_NOTIFICATION_PORT] = {
        [A9N_NOTIFICATION_NOTIFY] = 250, [A9N_NOTIFICATION_WAIT] = 1,
        [A9N_NOTIFICATION_POLL] = 250 },
    [A9N_CAPABILITY_ADDRESS_SPACE] = { [A9N_ADDRESS_SPACE_MISSING_DEPTH] = 1 },
    [A9N_CAPABILITY_PAGE_TABLE] = { [A9N_PAGE_TABLE_MAP] = 3, [A9N_PAGE_TABLE_UNMAP] = 1 },
    [A9N_CAPABILITY_FRAME] = {
        [A9N_FRAME_MAP] = 4, [A9N_FRAME_UNMAP] = 2, [A9N_FRAME_PHYSICAL_ADDRESS] = 1 },
    [A9N_CAPABILITY_INTERRUPT_REGION] = { [A9N_INTERRUPT_REGION_MAKE_PORT] = 1 },
    [A9N_CAPABILITY_INTERRUPT_PORT] = {
        [A9N_INTERRUPT_PORT_BIND] = 2, [A9N_INTERRUPT_PORT_UNBIND] = 1,
        [A9N_INTERRUPT_PORT_ACK] = 1 },
    [A9N_CAPABILITY_IO_PORT] = {
        [A9N_IO_PORT_MINT] = 1, [A9N_IO_PORT_READ] = 2, [A9N_IO_PORT_WRITE] = 2 },
    [A9N_CAPABILITY_TIMER] = {
        [A9N_TIMER_READ] = 4, [A9N_TIMER_BIND] = 2, [A9N_TIMER_ARM] = 4,
        [A9N_TIMER_CANCEL] = 2 },
};

/* The partner serves these: a send or call returns, a receive still waits for ever. */
static const unsigned short served_port_weights[FUZZ_OPERATIONS] = {
    [A9N_IPC_PORT_SEND] = 10, [A9N_IPC_PORT_RECEIVE] = 1, [A9N_IPC_PORT_CALL] = 20,
    [A9N_IPC_PORT_REPLY] = 60, [A9N_IPC_PORT_REPLY_RECEIVE] = 1,
    [A9N_IPC_PORT_SEND_NON_BLOCKING] = 180, [A9N_IPC_PORT_RECEIVE_NON_BLOCKING] = 180,
};

/*
 * Ports every fuzz process holds: the others send, call and receive there
 * too, so blocking operations return (or are cut short by a revoke, a
 * suspension, a peer's restart) and are common.
 */
static const unsigned short peer_port_weights[FUZZ_OPERATIONS] = {
    [A9N_IPC_PORT_SEND] = 15, [A9N_IPC_PORT_RECEIVE] = 15, [A9N_IPC_PORT_CALL] = 15,
    [A9N_IPC_PORT_REPLY] = 30, [A9N_IPC_PORT_REPLY_RECEIVE] = 10,
    [A9N_IPC_PORT_SEND_NON_BLOCKING] = 100, [A9N_IPC_PORT_RECEIVE_NON_BLOCKING] = 100,
};

/* Notifications every fuzz process holds: a wait lasts until another notifies. */
static const unsigned short peer_notification_weights[FUZZ_OPERATIONS] = {
    [A9N_NOTIFICATION_NOTIFY] = 100, [A9N_NOTIFICATION_WAIT] = 15,
    [A9N_NOTIFICATION_POLL] = 100,
};

/*
 * The next process's PCB: suspended, it is soon resumed (by this process
 * or the supervisor's restart); configured or written, it mostly faults
 * and is restarted. Each of those happens while it is blocked anywhere.
 */
static const unsigned short peer_process_weights[FUZZ_OPERATIONS] = {
    [A9N_PROCESS_CONFIGURE] = 3, [A9N_PROCESS_READ_REGISTERS] = 40,
    [A9N_PROCESS_WRITE_REGISTERS] = 3, [A9N_PROCESS_RESUME] = 40, [A9N_PROCESS_SUSPEND] = 6,
};

/* On its own PCB most writes and configures (priority, IP, SP, spaces) end the fuzzer. */
static const unsigned short self_process_weights[FUZZ_OPERATIONS] = {
    [A9N_PROCESS_CONFIGURE] = 1, [A9N_PROCESS_READ_REGISTERS] = 200,
    [A9N_PROCESS_WRITE_REGISTERS] = 2, [A9N_PROCESS_RESUME] = 100, [A9N_PROCESS_SUSPEND] = 1,
};

static a9n_word_t root_slot(a9n_word_t slot)
{
    return a9n_descriptor(FUZZ_ROOT_RADIX, slot);
}

/*
 * A descriptor: mostly a slot of the layout (with *slot set to it, so the
 * caller knows what it probably holds), else scratch slots, slots of the
 * child nodes, paths through the root's capability to itself, random
 * depths and plain random words. *slot is FUZZ_SLOT_NONE when unknown.
 */
static a9n_word_t random_descriptor(struct fuzzer *f, unsigned *slot)
{
    unsigned choice = random_below(f, 32);
    unsigned depth;
    *slot = FUZZ_SLOT_NONE;
    if (choice < 18) {
        *slot = 1 + random_below(f, f->slot_count - 1);
        return root_slot(*slot);
    }
    if (choice < 21) {
        a9n_word_t index = random_below(f, 1u << FUZZ_ROOT_RADIX);
        *slot = index < f->slot_count ? (unsigned)index : FUZZ_SLOT_NONE;
        return root_slot(index);
    }
    if (choice < 23)
        return a9n_descriptor_child(root_slot(FUZZ_SLOT_NODE), FUZZ_NODE_RADIX,
                                    random_below(f, 1u << FUZZ_NODE_RADIX));
    if (choice < 24)
        return a9n_descriptor_child(root_slot(FUZZ_SLOT_SMALL_NODE), FUZZ_SMALL_NODE_RADIX,
                                    random_below(f, 1u << FUZZ_SMALL_NODE_RADIX));
    if (choice < 25) {
        *slot = 1 + random_below(f, f->slot_count - 1);
        return a9n_descriptor_child(root_slot(FUZZ_SLOT_ROOT), FUZZ_ROOT_RADIX, *slot);
    }
    if (choice < 26) {
        *slot = FUZZ_SLOT_ROOT;
        return a9n_descriptor(0, 0);
    }
    if (choice < 29) {
        depth = random_below(f, 64);
        return ((a9n_word_t)depth << A9N_DESCRIPTOR_DEPTH_SHIFT) |
               (random_word(f) & A9N_DESCRIPTOR_PATH_MASK &
                (depth >= A9N_DESCRIPTOR_DEPTH_SHIFT ? ~(a9n_word_t)0
                                                     : ((a9n_word_t)1 << depth) - 1));
    }
    return random_word(f);
}

static a9n_word_t any_descriptor(struct fuzzer *f)
{
    unsigned slot;
    return random_descriptor(f, &slot);
}

/* A descriptor that half the time names one of two layout slots of the type an argument needs. */
static a9n_word_t descriptor_for(struct fuzzer *f, enum fuzz_slot first, enum fuzz_slot second)
{
    switch (random_below(f, 4)) {
    case 0:
        return root_slot(first);
    case 1:
        return root_slot(second);
    default:
        return any_descriptor(f);
    }
}

/* An address space to map in: a fuzz process's peer's as often as its own two. */
static a9n_word_t random_address_space(struct fuzzer *f)
{
    if (f->peers && random_below(f, 3) == 0)
        return root_slot(FUZZ_SLOT_PEER_ADDRESS_SPACE);
    return descriptor_for(f, FUZZ_SLOT_ADDRESS_SPACE, FUZZ_SLOT_SPARE_ADDRESS_SPACE);
}

/* A notification to bind: a fuzz process's shared ones too, where the others wait. */
static a9n_word_t random_notification(struct fuzzer *f)
{
    if (f->peers && random_below(f, 2) == 0)
        return root_slot(random_below(f, 2) == 0 ? FUZZ_SLOT_SHARED_NOTIFICATION_BADGED
                                                 : FUZZ_SLOT_PEER_NOTIFICATION);
    return descriptor_for(f, FUZZ_SLOT_NOTIFICATION_BADGED, FUZZ_SLOT_NOTIFICATION);
}

/* A node to put capabilities in. */
static a9n_word_t random_node(struct fuzzer *f)
{
    switch (random_below(f, 8)) {
    case 0:
    case 1:
    case 2:
        return a9n_descriptor(0, 0);
    case 3:
        return root_slot(FUZZ_SLOT_ROOT);
    case 4:
    case 5:
        return root_slot(FUZZ_SLOT_NODE);
    case 6:
        return root_slot(FUZZ_SLOT_SMALL_NODE);
    default:
        return any_descriptor(f);
    }
}

/* A slot index: mostly scratch slots of the root (where new things go), or the layout's. */
static a9n_word_t random_index(struct fuzzer *f)
{
    switch (random_below(f, 10)) {
    case 0:
    case 1:
    case 2:
    case 3:
        return f->slot_count + random_below(f, (1u << FUZZ_ROOT_RADIX) - f->slot_count);
    case 4:
    case 5:
    case 6:
        return random_below(f, f->slot_count);
    case 7:
    case 8:
        return random_below(f, 1u << FUZZ_NODE_RADIX);
    default:
        return random_word(f) >> random_below(f, 64);
    }
}

/*
 * A slot of `node` to write a capability into. A fuzz process keeps its
 * layout: a layout slot holds what it started with or nothing, so the
 * coverage tally knows the type of every layout target. A root slot of the
 * layout becomes a scratch slot instead (the root node is depth 0 or
 * FUZZ_SLOT_ROOT; a path through that slot's own nodes is not caught,
 * and rare).
 */
static a9n_word_t random_destination(struct fuzzer *f, bool into_root)
{
    a9n_word_t index = random_index(f);
    const unsigned scratch = (1u << FUZZ_ROOT_RADIX) - f->slot_count;
    if (f->peers && into_root && index < f->slot_count)
        index = f->slot_count + index % scratch;
    return index;
}

static bool is_root(a9n_word_t node)
{
    return node == a9n_descriptor(0, 0) || node == root_slot(FUZZ_SLOT_ROOT);
}

/* A virtual address: mostly mappable pages of the playground, new regions, taken ones, junk. */
static a9n_word_t random_address(struct fuzzer *f)
{
    const a9n_word_t page = A9N_ARCH_PAGE_SIZE;
    switch (random_below(f, 16)) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
        return FUZZ_PLAYGROUND + random_below(f, FUZZ_PLAYGROUND_PAGES) * page;
    case 8:
    case 9:
        /* 1 GiB apart: each needs page tables of its own. */
        return (a9n_word_t)random_below(f, 256) << 30;
    case 10:
        return FUZZ_IPC_BUFFER_ADDRESS;
    case 11:
        return (a9n_word_t)fuzzer_main & ~(page - 1);
    case 12:
        return A9N_ARCH_USER_TOP - page * random_below(f, 3);
    case 13:
        return random_word(f) & (A9N_ARCH_USER_TOP - 1) & ~(page - 1);
    case 14:
        return FUZZ_PLAYGROUND + random_below(f, (unsigned)page);
    default:
        return random_word(f);
    }
}

static a9n_word_t random_rights(struct fuzzer *f)
{
    return random_below(f, 8) == 0 ? random_word(f) : random_below(f, A9N_RIGHTS_ALL + 1);
}

static a9n_word_t random_badge(struct fuzzer *f)
{
    switch (random_below(f, 4)) {
    case 0:
        return 0;
    case 1:
        return random_word(f);
    default:
        return 1 + random_below(f, 64);
    }
}

/* Payload lengths mostly within the registers, some through the IPC buffer, some too long. */
static a9n_word_t random_info(struct fuzzer *f)
{
    unsigned length, choice = random_below(f, 16);
    if (choice == 0)
        return random_word(f);
    if (choice < 12)
        length = random_below(f, A9N_ARCH_REGISTER_MRS - A9N_MR_PAYLOAD + 1);
    else if (choice < 15)
        length = random_below(f, A9N_MESSAGE_MAX_LENGTH + 1);
    else
        length = random_below(f, A9N_MESSAGE_INFO_LENGTH_MASK + 1);
    return a9n_message_info(random_word(f) >> 16, length,
                            random_below(f, 2) == 0 ? 0 : random_below(f, 8));
}

static a9n_word_t random_register(struct fuzzer *f)
{
    switch (random_below(f, 8)) {
    case 0:
    case 1:
        return random_below(f, A9N_REGISTER_PORTABLE_COUNT + 2);
    case 2:
    case 3:
    case 4:
        return A9N_REGISTER_MR + random_below(f, A9N_ARCH_REGISTER_MRS + 2);
    case 5:
    case 6:
        return A9N_REGISTER_RAW + random_below(f, A9N_REGISTER_RAW_COUNT + 2);
    default:
        return random_word(f);
    }
}

/* A value for a register: code addresses (where the partner may run), or anything. */
static a9n_word_t random_register_value(struct fuzzer *f)
{
    switch (random_below(f, 4)) {
    case 0:
        return (a9n_word_t)fuzzer_partner_main;
    case 1:
        return random_address(f);
    default:
        return random_word(f);
    }
}

static a9n_word_t random_configure_word(struct fuzzer *f)
{
    unsigned mask = random_below(f, 8) == 0 ? random_below(f, 1u << 16)
                                            : random_below(f, A9N_PROCESS_FIELDS_ALL + 1);
    unsigned priority = random_below(f, 2) == 0 ? A9N_PROCESS_PRIORITIES - 1
                                                : random_below(f, A9N_PROCESS_PRIORITIES + 64);
    unsigned affinity = random_below(f, 8) == 0 ? random_below(f, 4) : 0;
    a9n_word_t word = a9n_process_configure_word(mask, priority, affinity);
    if (random_below(f, 32) == 0)
        word |= random_word(f) << 48;
    return word;
}

/* The convert parameter that fits `type` most of the time. */
static a9n_word_t random_parameter(struct fuzzer *f, a9n_word_t type)
{
    if (random_below(f, 8) == 0)
        return random_below(f, 64);
    switch (type) {
    case A9N_CAPABILITY_NODE:
        return 1 + random_below(f, 10);
    case A9N_CAPABILITY_GENERIC:
        return A9N_GENERIC_MIN_BITS + random_below(f, f->generic_bits - A9N_GENERIC_MIN_BITS + 2);
    case A9N_CAPABILITY_PAGE_TABLE:
        return random_below(f, f->paging_levels + 1);
    default:
        return 0;
    }
}

static a9n_word_t random_count(struct fuzzer *f)
{
    switch (random_below(f, 8)) {
    case 0:
        return random_below(f, 70);
    case 1:
        return random_word(f);
    default:
        return 1 + random_below(f, 3);
    }
}

/* The weights of a fuzz process's shared, own and peer slots; 0 for the others. */
static const unsigned short *peer_weights(unsigned slot)
{
    switch (slot) {
    case FUZZ_SLOT_SHARED_PORT:
    case FUZZ_SLOT_SHARED_PORT_BADGED:
    case FUZZ_SLOT_OWN_PORT:
    case FUZZ_SLOT_PEER_PORT:
        return peer_port_weights;
    case FUZZ_SLOT_SHARED_NOTIFICATION:
    case FUZZ_SLOT_SHARED_NOTIFICATION_BADGED:
    case FUZZ_SLOT_OWN_NOTIFICATION:
    case FUZZ_SLOT_PEER_NOTIFICATION:
        return peer_notification_weights;
    case FUZZ_SLOT_PEER_PROCESS:
        return peer_process_weights;
    default:
        return 0;
    }
}

static a9n_word_t random_operation(struct fuzzer *f, unsigned type, unsigned slot)
{
    const unsigned short *weights = operation_weights[type];
    unsigned total = 0, pick;
    if (random_below(f, 64) == 0)
        return random_below(f, 2) == 0 ? random_below(f, 12) : random_word(f);
    if (slot == FUZZ_SLOT_SERVED_PORT || slot == FUZZ_SLOT_SERVED_PORT_BADGED)
        weights = served_port_weights;
    else if (slot == FUZZ_SLOT_PROCESS)
        weights = self_process_weights;
    else if (peer_weights(slot) != 0)
        weights = peer_weights(slot);
    for (unsigned i = 0; i < FUZZ_OPERATIONS; i++)
        total += weights[i];
    pick = random_below(f, total);
    for (unsigned i = 0; i < FUZZ_OPERATIONS; i++) {
        if (pick < weights[i])
            return i;
        pick -= weights[i];
    }
    return 0;
}

/* Arguments that fit (type, operation) most of the time; else every MR stays random. */
static void random_arguments(struct fuzzer *f, unsigned type, unsigned slot,
                             a9n_word_t operation, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    for (unsigned i = A9N_MR_INFO; i < A9N_ARCH_REGISTER_MRS; i++) {
        switch (random_below(f, 4)) {
        case 0:
            mr[i] = random_below(f, 64);
            break;
        case 1:
            mr[i] = any_descriptor(f);
            break;
        default:
            mr[i] = random_word(f);
            break;
        }
    }
    if (random_below(f, 16) == 0)
        return;
    switch (type) {
    case A9N_CAPABILITY_NODE:
        /* Copy, move and mint write slot mr[2]; demote, remove and revoke act on it. */
        mr[2] = operation == A9N_NODE_COPY || operation == A9N_NODE_MOVE ||
                        operation == A9N_NODE_MINT
                    ? random_destination(f, slot == FUZZ_SLOT_ROOT)
                    : random_index(f);
        mr[3] = operation == A9N_NODE_DEMOTE ? random_rights(f) : any_descriptor(f);
        mr[4] = random_rights(f);
        mr[5] = random_badge(f);
        break;
    case A9N_CAPABILITY_GENERIC:
        mr[2] = random_below(f, A9N_CAPABILITY_TYPE_COUNT + 1);
        mr[3] = random_parameter(f, mr[2]);
        mr[4] = random_count(f);
        mr[5] = random_node(f);
        mr[6] = random_destination(f, is_root(mr[5]));
        break;
    case A9N_CAPABILITY_PROCESS:
        if (operation == A9N_PROCESS_CONFIGURE) {
            mr[2] = random_configure_word(f);
            mr[3] = random_address_space(f);
            mr[4] = random_node(f);
            mr[5] = descriptor_for(f, FUZZ_SLOT_PARTNER_IPC_BUFFER, FUZZ_SLOT_FRAME);
            mr[6] = descriptor_for(f, FUZZ_SLOT_PARTNER_RESOLVER, FUZZ_SLOT_PORT);
            mr[7] = random_register_value(f);
            mr[8] = random_register_value(f);
            break;
        }
        mr[2] = random_register(f);
        mr[3] = random_below(f, A9N_PROCESS_REGISTERS_PER_CALL + 2);
        for (unsigned i = 0; i < A9N_PROCESS_REGISTERS_PER_CALL; i++)
            mr[A9N_PROCESS_ARG_VALUES + i] = random_register_value(f);
        break;
    case A9N_CAPABILITY_IPC_PORT:
        mr[A9N_MR_INFO] = random_info(f);
        break;
    case A9N_CAPABILITY_ADDRESS_SPACE:
        mr[2] = random_address(f);
        break;
    case A9N_CAPABILITY_PAGE_TABLE:
    case A9N_CAPABILITY_FRAME:
        mr[2] = random_address_space(f);
        mr[3] = random_address(f);
        mr[4] = random_below(f, 8) == 0 ? random_word(f) : random_below(f, 16);
        break;
    case A9N_CAPABILITY_INTERRUPT_REGION:
        mr[2] = random_below(f, f->interrupt_lines + 4);
        mr[3] = descriptor_for(f, FUZZ_SLOT_INTERRUPT_PORT_UNUSED, FUZZ_SLOT_INTERRUPT_PORT);
        break;
    case A9N_CAPABILITY_INTERRUPT_PORT:
        mr[2] = random_notification(f);
        break;
    case A9N_CAPABILITY_TIMER:
        if (operation == A9N_TIMER_BIND) {
            mr[2] = random_notification(f);
            mr[3] = random_badge(f);
        } else {
            /* Mostly passed (fires at once), else anywhere up to never. */
            mr[2] = random_below(f, 2) == 0 ? random_below(f, 1000) : random_word(f);
        }
        break;
    case A9N_CAPABILITY_IO_PORT:
        if (operation == A9N_IO_PORT_MINT) {
            mr[2] = random_node(f);
            mr[3] = random_destination(f, is_root(mr[2]));
            mr[4] = f->io_port + random_below(f, 3) - 1;
            mr[5] = f->io_port + random_below(f, 3) - 1;
        } else {
            mr[2] = f->io_port + random_below(f, 5) - 2;
            mr[3] = random_below(f, 6);
            mr[4] = random_below(f, 2) == 0 ? random_below(f, 256) : random_word(f);
        }
        break;
    default:
        break;
    }
}

/* Words of the IPC buffer the kernel reads: transfer sources, receive slots, long payloads. */
static void scribble_ipc_buffer(struct fuzzer *f, struct a9n_ipc_buffer *buffer)
{
    buffer->transfer_source[random_below(f, A9N_MESSAGE_MAX_CAPABILITIES)] = any_descriptor(f);
    buffer->receive_node = random_node(f);
    buffer->receive_index = random_destination(f, is_root(buffer->receive_node));
    buffer->mr[A9N_ARCH_REGISTER_MRS + random_below(f, A9N_MESSAGE_MRS - A9N_ARCH_REGISTER_MRS)] =
        random_word(f);
}

/*
 * A fuzz process's message carries capabilities of its layout most of the
 * time, to where the receiver keeps its scratch: its peers get ports,
 * frames, nodes and PCBs they did not have, and what they block on may be
 * revoked by its owner.
 */
static void offer_capabilities(struct fuzzer *f, a9n_word_t mr[A9N_ARCH_REGISTER_MRS],
                               struct a9n_ipc_buffer *buffer)
{
    const a9n_word_t info = mr[A9N_MR_INFO];
    for (unsigned i = 0; i < A9N_MESSAGE_MAX_CAPABILITIES; i++)
        buffer->transfer_source[i] = random_below(f, 4) == 0
                                         ? any_descriptor(f)
                                         : root_slot(1 + random_below(f, f->slot_count - 1));
    buffer->receive_node = random_below(f, 2) == 0 ? root_slot(FUZZ_SLOT_NODE) : a9n_descriptor(0, 0);
    buffer->receive_index = random_destination(f, is_root(buffer->receive_node));
    mr[A9N_MR_INFO] = a9n_message_info(a9n_message_info_label(info), a9n_message_info_length(info),
                                       1 + random_below(f, A9N_MESSAGE_MAX_CAPABILITIES));
}

/*
 * Fills mr[] for one kernel call and returns its number; *type is what the
 * target slot started with (NONE when it is not a layout slot).
 */
static a9n_word_t random_call(struct fuzzer *f, a9n_word_t mr[A9N_ARCH_REGISTER_MRS],
                              struct a9n_ipc_buffer *buffer, unsigned *type)
{
    unsigned slot;
    *type = A9N_CAPABILITY_NONE;
    for (unsigned i = 0; i < A9N_ARCH_REGISTER_MRS; i++)
        mr[i] = random_word(f);
    switch (random_below(f, 64)) {
    case 0:
        return (a9n_word_t)A9N_KERNEL_CALL_YIELD;
    case 1:
        /*
         * -3, the debug kernel call of old (debug output is a capability
         * now, which the fuzzer never holds): an unknown call like any other.
         */
        return (a9n_word_t)-3;
    case 2: {
        /* Unknown kernel calls: a fault the supervisor answers; small numbers as a foreign ABI's. */
        a9n_word_t number = random_below(f, 2) == 0 ? random_below(f, 512) : random_word(f);
        if ((intptr_t)number >= A9N_KERNEL_CALL_YIELD && (intptr_t)number <= A9N_KERNEL_CALL_CAPABILITY)
            number = 0;
        return number;
    }
    default:
        break;
    }
    mr[A9N_MR_TARGET] = random_descriptor(f, &slot);
    *type = slot_types[slot];
    mr[A9N_MR_OPERATION] = random_operation(f, *type, slot);
    random_arguments(f, *type, slot, mr[A9N_MR_OPERATION], mr);
    if (random_below(f, 4) == 0)
        scribble_ipc_buffer(f, buffer);
    if (f->peers && *type == A9N_CAPABILITY_IPC_PORT && random_below(f, 2) == 0)
        offer_capabilities(f, mr, buffer);
    return (a9n_word_t)A9N_KERNEL_CALL_CAPABILITY;
}

/* Count one capability call's outcome in the shared coverage tally. */
static void tally(struct fuzz_shared *shared, unsigned type, a9n_word_t operation,
                  const a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    a9n_word_t error = mr[A9N_MR_SUCCESS] != 0 ? A9N_ERROR_NONE : mr[A9N_MR_ERROR];
    if (error >= A9N_ERROR_COUNT) {
        shared->unknown_errors++;
        return;
    }
    shared->coverage[type][operation < FUZZ_OPERATIONS ? operation : 0][error]++;
}

void fuzzer_main(a9n_word_t shared_address)
{
    struct fuzz_shared *shared = (struct fuzz_shared *)shared_address;
    const bool peers = shared->slot_count == FUZZ_PROCESS_SLOT_COUNT;
    struct fuzzer f = {
        .random = shared->seed,
        .paging_levels = (unsigned)shared->paging_levels,
        .interrupt_lines = (unsigned)shared->interrupt_lines,
        .io_port = shared->io_port,
        .slot_count = peers ? FUZZ_PROCESS_SLOT_COUNT : FUZZ_SLOT_COUNT,
        .generic_bits = (unsigned)shared->generic_bits,
        .peers = peers,
    };
    struct a9n_ipc_buffer *buffer = (struct a9n_ipc_buffer *)FUZZ_IPC_BUFFER_ADDRESS;
    a9n_word_t failures = 0;

    for (;;) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS];
        unsigned type;
        a9n_word_t number = random_call(&f, mr, buffer, &type);
        a9n_word_t operation = mr[A9N_MR_OPERATION];
        a9n_arch_kernel_call(number, mr);
        shared->calls++;
        if (number != (a9n_word_t)A9N_KERNEL_CALL_CAPABILITY)
            continue;
        tally(shared, type, operation, mr);
        failures = mr[A9N_MR_SUCCESS] != 0 ? 0 : failures + 1;
        if (failures == GIVE_UP_FAILURES) {
            shared->gave_up = 1;
            for (;;)
                a9n_yield();
        }
    }
}

void fuzzer_partner_main(a9n_word_t seed)
{
    /* Its transfers come from the lone fuzzer's layout, which every layout starts with. */
    struct fuzzer f = { .random = seed, .slot_count = FUZZ_SLOT_COUNT };
    struct a9n_ipc_buffer *buffer = (struct a9n_ipc_buffer *)FUZZ_PARTNER_IPC_BUFFER_ADDRESS;
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };

    /* Answers whatever arrives with random replies, and capabilities from the fuzzer's tree. */
    for (;;) {
        buffer->receive_node = root_slot(FUZZ_SLOT_NODE);
        buffer->receive_index = random_below(&f, 1u << FUZZ_NODE_RADIX);
        for (unsigned i = 0; i < A9N_MESSAGE_MAX_CAPABILITIES; i++)
            buffer->transfer_source[i] = any_descriptor(&f);
        mr[A9N_MR_INFO] = random_info(&f);
        /*
         * A refused reply-receive (a bad reply, or the fuzzer took the port
         * away) returns at once: give the CPU away instead of spinning on
         * it, or every round of the supervisor would cost a whole quantum.
         */
        if (a9n_ipc_reply_receive(root_slot(FUZZ_SLOT_SERVED_PORT), mr) != A9N_ERROR_NONE)
            a9n_yield();
    }
}
