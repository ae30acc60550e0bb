/*
 * Issue 12, item 3: FUZZ_PROCESSES fuzz processes, each in a world of its
 * own (world.c: address space, root node, Generic), issue random kernel
 * calls at once and at each other. They share IPC ports, notifications
 * (and badged copies), a frame; each holds its ring successor's PCB,
 * address space, port, notification and frame, and they pass capabilities
 * in messages. So they block on ports and notifications the others
 * destroy, call peers that are suspended, reconfigured or torn down, and
 * map frames into each other's address spaces. Init supervises: a process
 * that has made LIFE_CALLS calls, faults, stalls, gives up or miscounts is
 * torn down alone (its world's Generic revoked, whatever the others were
 * doing with its objects) and a fresh one takes its place in the ring.
 * The test ends with the health check and a coverage report with a floor.
 */
#include <a9n/interrupt.h>
#include <a9n/ipc.h>
#include <a9n/memory.h>
#include <a9n/process.h>
#include <a9n/timer.h>
#include <liba9n/process.h>
#include <liba9n/timer.h>

#include "../process/threads.h"
#include "coverage.h"
#include "world.h"

#define FUZZ_PROCESSES_TEST_NAME "fuzz_processes_sharing_ports_frames_and_pcbs_leave_the_kernel_healthy"
#ifdef A9N_CHECKED
/*
 * The checked kernel checks every invariant at each kernel entry and exit
 * (docs/checked-build.md), over four worlds' objects: 20,000 calls took
 * 380 s of x86_64 TCG under load, six times the lone fuzzer's 20,000.
 */
#define FUZZ_PROCESS_CALLS 4000ul
#else
#define FUZZ_PROCESS_CALLS 1000000ul
#endif
#define FUZZ_PROCESS_SEED 0x9e3779b97f4a7c15ul

/* Each world's Generic: four of them and the shared objects fit the test's 2^22 bytes. */
#define WORLD_GENERIC_BITS 19
/* Supervisor looks (one yield each) without a call: the process is blocked, suspended or demoted. */
#define STALL_LOOKS 16
/*
 * A process's calls before it is retired for a fresh one: its layout wears
 * away (it removes and revokes what it holds), and each retirement destroys
 * its objects under peers that hold them, wait on them or call it.
 */
#define LIFE_CALLS 2000
/* Restarts in a row of processes that made no call at all: the set-up is broken. */
#define BARREN_RESTARTS 64
/*
 * The watchdog: looks in a row in which no process made a call, although
 * stalled ones are nudged after STALL_LOOKS and replaced after twice that.
 * Then the test fails instead of letting QEMU's timeout take the rest of
 * the suite with it. (Counted in looks, not time: the x86_64 clock's rate
 * comes from a calibration that host load can throw off.)
 */
#define WATCHDOG_LOOKS (8 * STALL_LOOKS)

enum process_end { END_RETIRED, END_STALLED, END_FAULTED, END_GAVE_UP, END_MISCOUNTED, END_COUNT };

struct fuzz_process {
    struct fuzz_world world;
    a9n_word_t generic_slot; /* root slot of the world's Generic */
    a9n_word_t counted;      /* its calls as the supervisor believes them */
    unsigned idle;           /* looks without a call */
    bool nudged;             /* stalled once, and no call since it was nudged */
};

/* The supervisor's originals of what every process shares: root slots of init. */
struct shared_objects {
    a9n_word_t port;
    a9n_word_t notification;
    a9n_word_t frame;
};

struct run {
    struct fuzz_process processes[FUZZ_PROCESSES];
    struct shared_objects shared;
    a9n_word_t seed;
    a9n_word_t calls;
    a9n_word_t restarts;
    a9n_word_t barren;           /* restarts in a row of processes without a call */
    a9n_word_t unknown_calls;    /* unknown-kernel-call faults answered */
    a9n_word_t nudges;           /* stalled processes suspended, raised and resumed */
    a9n_word_t looks;
    a9n_word_t quiet_looks;      /* in a row, without a call by any process */
    a9n_word_t links_refused;    /* ring links whose source its owner had removed */
    a9n_word_t ends[END_COUNT];
};

static struct run run;
static struct fuzz_coverage coverage;
/* Where the step that failed is: here or in world.c. */
static const char *failed_file = __FILE__;
static int failed_line;

#define TRY(call)                                                                     \
    do {                                                                              \
        enum a9n_error error_ = (call);                                               \
        if (error_ != A9N_ERROR_NONE) {                                               \
            failed_line = __LINE__;                                                   \
            return error_;                                                            \
        }                                                                             \
    } while (0)

static struct fuzz_process *successor(unsigned i)
{
    return &run.processes[(i + 1) % FUZZ_PROCESSES];
}

static struct fuzz_process *predecessor(unsigned i)
{
    return &run.processes[(i + FUZZ_PROCESSES - 1) % FUZZ_PROCESSES];
}

/*
 * Copy into `to`'s ring slots what `from` offers: its PCB and address space
 * (from the keep node, out of its reach) and its own port, notification
 * and frame (from its root node: it may have removed them, then the slot
 * stays empty).
 */
static void link_ring_slots(const struct fuzz_process *to, const struct fuzz_process *from)
{
    static const struct {
        unsigned char to, from;
        bool kept;
    } links[] = {
        { FUZZ_SLOT_PEER_PROCESS, FUZZ_KEEP_PROCESS, true },
        { FUZZ_SLOT_PEER_ADDRESS_SPACE, FUZZ_KEEP_ADDRESS_SPACE, true },
        { FUZZ_SLOT_PEER_PORT, FUZZ_SLOT_OWN_PORT, false },
        { FUZZ_SLOT_PEER_NOTIFICATION, FUZZ_SLOT_OWN_NOTIFICATION, false },
        { FUZZ_SLOT_PEER_FRAME, FUZZ_SLOT_OWN_FRAME, false },
    };
    for (unsigned k = 0; k < sizeof(links) / sizeof(links[0]); k++) {
        a9n_word_t source = links[k].kept ? fuzz_world_keep(&from->world, links[k].from)
                                          : fuzz_world_slot(&from->world, links[k].from);
        /*
         * Refused when the owner removed the source, or `to` filled the
         * slot again after the old link went: both are the fuzzers' doing.
         */
        if (a9n_node_copy(to->world.root, links[k].to, source) != A9N_ERROR_NONE)
            run.links_refused++;
    }
}

/* The fuzz-process part of a world's layout (fuzz.h), after fuzz_world_build. */
static enum a9n_error fill_process_slots(const struct fuzz_process *p, unsigned i)
{
    const a9n_word_t root = p->world.root;
    const a9n_word_t generic = fuzz_world_slot(&p->world, FUZZ_SLOT_GENERIC);
    TRY(a9n_node_copy(root, FUZZ_SLOT_SHARED_PORT, system_test_descriptor(run.shared.port)));
    TRY(a9n_node_mint(root, FUZZ_SLOT_SHARED_PORT_BADGED, system_test_descriptor(run.shared.port),
                      A9N_RIGHTS_ALL, i + 1));
    TRY(a9n_node_copy(root, FUZZ_SLOT_SHARED_NOTIFICATION,
                      system_test_descriptor(run.shared.notification)));
    TRY(a9n_node_mint(root, FUZZ_SLOT_SHARED_NOTIFICATION_BADGED,
                      system_test_descriptor(run.shared.notification), A9N_RIGHTS_ALL, 1u << i));
    TRY(a9n_node_copy(root, FUZZ_SLOT_SHARED_FRAME, system_test_descriptor(run.shared.frame)));
    /* From the process's own Generic: revoking that destroys them under the others. */
    TRY(a9n_generic_convert(generic, A9N_CAPABILITY_IPC_PORT, 0, 1, root, FUZZ_SLOT_OWN_PORT));
    TRY(a9n_generic_convert(generic, A9N_CAPABILITY_NOTIFICATION_PORT, 0, 1, root,
                            FUZZ_SLOT_OWN_NOTIFICATION));
    TRY(a9n_generic_convert(generic, A9N_CAPABILITY_FRAME, 0, 1, root, FUZZ_SLOT_OWN_FRAME));
    return A9N_ERROR_NONE;
}

/* Build process i's world from its Generic (empty), without linking or starting it. */
static enum a9n_error build_process(unsigned i)
{
    struct fuzz_process *p = &run.processes[i];
    run.seed = fuzz_next_seed(run.seed);
    p->counted = 0;
    p->idle = 0;
    p->nudged = false;
    enum a9n_error error = fuzz_world_build(&p->world, run.seed);
    if (error != A9N_ERROR_NONE) {
        failed_file = fuzz_world_failed_file();
        failed_line = fuzz_world_failed_line();
        return error;
    }
    return fill_process_slots(p, i);
}

/* Put process i (built) in the ring both ways and start it. */
static enum a9n_error join_ring(unsigned i)
{
    struct fuzz_process *p = &run.processes[i];
    link_ring_slots(p, successor(i));
    link_ring_slots(predecessor(i), p);
    enum a9n_error error = fuzz_world_start(&p->world);
    if (error != A9N_ERROR_NONE) {
        failed_file = fuzz_world_failed_file();
        failed_line = fuzz_world_failed_line();
    }
    return error;
}

/*
 * Revoke everything process i had, whatever the others are doing with it,
 * and take its tally (it no longer writes it).
 */
static enum a9n_error tear_down(unsigned i)
{
    struct fuzz_process *p = &run.processes[i];
    TRY(a9n_node_revoke(SYSTEM_TEST_ROOT, p->generic_slot));
    fuzz_coverage_add(&coverage, fuzz_world_shared(&p->world), p->counted);
    return A9N_ERROR_NONE;
}

static enum a9n_error restart(unsigned i, enum process_end end)
{
    run.ends[end]++;
    run.restarts++;
    run.barren = run.processes[i].counted == 0 ? run.barren + 1 : 0;
    TRY(tear_down(i));
    TRY(build_process(i));
    return join_ring(i);
}

static enum a9n_error start_run(void)
{
    run.seed = FUZZ_PROCESS_SEED;
    run.shared.port = system_test_make(A9N_CAPABILITY_IPC_PORT, 0);
    run.shared.notification = system_test_make(A9N_CAPABILITY_NOTIFICATION_PORT, 0);
    run.shared.frame = system_test_make(A9N_CAPABILITY_FRAME, 0);
    for (unsigned i = 0; i < FUZZ_PROCESSES; i++) {
        struct fuzz_process *p = &run.processes[i];
        p->generic_slot = system_test_make(A9N_CAPABILITY_GENERIC, WORLD_GENERIC_BITS);
        p->world = (struct fuzz_world){
            .lent = i,
            .generic = system_test_descriptor(p->generic_slot),
            .generic_bits = FUZZ_PROCESS_GENERIC_BITS,
            .slot_count = FUZZ_PROCESS_SLOT_COUNT,
            .keep_slot = system_test_slot(),
        };
        TRY(build_process(i));
    }
    /* Every world is there before the first runs, so the ring is whole from the start. */
    for (unsigned i = 0; i < FUZZ_PROCESSES; i++)
        TRY(join_ring(i));
    return A9N_ERROR_NONE;
}

/*
 * A stalled process is blocked (on a port, a notification, a call nobody
 * takes), suspended or demoted by a peer: suspending it cancels what it
 * waits for (CANCELLED), configure gives it init's priority back, resume
 * lets it go on. Cheaper than a new world, and one more way to be cut off
 * for the IPC it was in. A process that fails to move even then goes.
 */
static void nudge(struct fuzz_process *p)
{
    const a9n_word_t process = fuzz_world_keep(&p->world, FUZZ_KEEP_PROCESS);
    const struct a9n_process_configuration priority = {
        .fields = A9N_PROCESS_FIELD_PRIORITY,
        .priority = TEST_PRIORITY_INIT,
    };
    /* Each cannot fail on a PCB init made and keeps; a broken one shows as the next stall. */
    a9n_process_suspend(process);
    a9n_process_configure(process, &priority);
    a9n_process_resume(process);
    p->nudged = true;
    p->idle = 0;
    run.nudges++;
}

/* One look at process i: its faults, its count; why it must go, or END_COUNT. */
static enum process_end look_at(struct fuzz_process *p, enum fuzz_fault fault)
{
    volatile struct fuzz_shared *shared = fuzz_world_shared(&p->world);
    a9n_word_t calls = shared->calls;
    if (!fuzz_calls_plausible(p->counted, calls))
        return END_MISCOUNTED;
    if (calls != p->counted)
        p->nudged = false;
    p->idle = calls == p->counted ? p->idle + 1 : 0;
    run.calls += calls - p->counted;
    p->counted = calls;
    if (fault == FUZZ_FAULTED)
        return END_FAULTED;
    if (shared->gave_up)
        return END_GAVE_UP;
    if (calls >= LIFE_CALLS)
        return END_RETIRED;
    if (p->idle == STALL_LOOKS) {
        if (p->nudged)
            return END_STALLED;
        nudge(p);
    }
    return END_COUNT;
}

/* Why a run stopped early. */
enum run_failure { RUN_DONE, RUN_WATCHDOG, RUN_BARREN, RUN_ERROR };

static enum run_failure supervise(enum a9n_error *error)
{
    while (run.calls < FUZZ_PROCESS_CALLS) {
        const a9n_word_t calls_before = run.calls;
        enum fuzz_fault faults[FUZZ_PROCESSES];
        for (unsigned i = 0; i < FUZZ_PROCESSES; i++) {
            faults[i] = fuzz_world_take_fault(&run.processes[i].world);
            run.unknown_calls += faults[i] == FUZZ_UNKNOWN_CALL_ANSWERED;
        }
        a9n_yield();
        for (unsigned i = 0; i < FUZZ_PROCESSES; i++) {
            enum process_end end = look_at(&run.processes[i], faults[i]);
            if (end == END_COUNT)
                continue;
            *error = restart(i, end);
            if (*error != A9N_ERROR_NONE)
                return RUN_ERROR;
        }
        if (run.barren >= BARREN_RESTARTS)
            return RUN_BARREN;
        run.looks++;
        run.quiet_looks = run.calls == calls_before ? run.quiet_looks + 1 : 0;
        if (run.quiet_looks == WATCHDOG_LOOKS)
            return RUN_WATCHDOG;
    }
    return RUN_DONE;
}

/* The end, early or not: every world goes, and its tally with it. */
static enum a9n_error tear_down_all(void)
{
    for (unsigned i = 0; i < FUZZ_PROCESSES; i++)
        TRY(tear_down(i));
    return A9N_ERROR_NONE;
}

/*
 * The coverage floor, measured on both ports at COVERAGE_FLOOR_CALLS calls
 * (docs/testing.md has the figures; a run with fewer, in a checked build,
 * is not held to it): every (type, operation) pair of the layout is
 * reached and succeeds at least once, but for these, which cannot succeed
 * in a fuzz world...
 */
#define COVERAGE_FLOOR_CALLS 1000000ul
static const struct {
    unsigned char type, operation;
} never_succeeds[] = {
    /* No device interrupts on the spare lines: there is never one to acknowledge. */
    { A9N_CAPABILITY_INTERRUPT_PORT, A9N_INTERRUPT_PORT_ACK },
};

/*
 * ... and each of these error paths is reached. First what only several
 * processes reach: waits cut short by a destroyed port (its owner
 * retired) or by a suspension (a peer's, or the supervisor's nudge).
 * Then each operation's characteristic refusals.
 */
static const struct {
    unsigned char type, operation, error;
} required_errors[] = {
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_SEND, A9N_ERROR_DESTROYED },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_SEND, A9N_ERROR_CANCELLED },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_RECEIVE, A9N_ERROR_DESTROYED },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_RECEIVE, A9N_ERROR_CANCELLED },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_CALL, A9N_ERROR_DESTROYED },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_CALL, A9N_ERROR_CANCELLED },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_REPLY_RECEIVE, A9N_ERROR_DESTROYED },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_REPLY_RECEIVE, A9N_ERROR_CANCELLED },
    { A9N_CAPABILITY_NOTIFICATION_PORT, A9N_NOTIFICATION_WAIT, A9N_ERROR_DESTROYED },
    { A9N_CAPABILITY_NOTIFICATION_PORT, A9N_NOTIFICATION_WAIT, A9N_ERROR_CANCELLED },
    { A9N_CAPABILITY_NODE, A9N_NODE_COPY, A9N_ERROR_SLOT_OCCUPIED },
    { A9N_CAPABILITY_NODE, A9N_NODE_COPY, A9N_ERROR_MISSING_RIGHTS },
    { A9N_CAPABILITY_NODE, A9N_NODE_MOVE, A9N_ERROR_EMPTY_SLOT },
    { A9N_CAPABILITY_NODE, A9N_NODE_MINT, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_NODE, A9N_NODE_MINT, A9N_ERROR_MISSING_RIGHTS },
    { A9N_CAPABILITY_NODE, A9N_NODE_DEMOTE, A9N_ERROR_HAS_CHILDREN },
    { A9N_CAPABILITY_NODE, A9N_NODE_REMOVE, A9N_ERROR_INDEX_OUT_OF_RANGE },
    { A9N_CAPABILITY_GENERIC, A9N_GENERIC_CONVERT, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_GENERIC, A9N_GENERIC_CONVERT, A9N_ERROR_WRONG_TYPE },
    { A9N_CAPABILITY_GENERIC, A9N_GENERIC_CONVERT, A9N_ERROR_SLOT_OCCUPIED },
    { A9N_CAPABILITY_GENERIC, A9N_GENERIC_CONVERT, A9N_ERROR_INSUFFICIENT_MEMORY },
    { A9N_CAPABILITY_PROCESS, A9N_PROCESS_CONFIGURE, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_PROCESS, A9N_PROCESS_CONFIGURE, A9N_ERROR_WRONG_TYPE },
    { A9N_CAPABILITY_PROCESS, A9N_PROCESS_READ_REGISTERS, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_PROCESS, A9N_PROCESS_WRITE_REGISTERS, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_PROCESS, A9N_PROCESS_RESUME, A9N_ERROR_INVALID_STATE },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_REPLY, A9N_ERROR_INVALID_STATE },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_SEND_NON_BLOCKING, A9N_ERROR_WOULD_BLOCK },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_SEND_NON_BLOCKING, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_IPC_PORT, A9N_IPC_PORT_RECEIVE_NON_BLOCKING, A9N_ERROR_WOULD_BLOCK },
    { A9N_CAPABILITY_NOTIFICATION_PORT, A9N_NOTIFICATION_POLL, A9N_ERROR_WOULD_BLOCK },
    { A9N_CAPABILITY_ADDRESS_SPACE, A9N_ADDRESS_SPACE_MISSING_DEPTH, A9N_ERROR_INVALID_ADDRESS },
    { A9N_CAPABILITY_PAGE_TABLE, A9N_PAGE_TABLE_MAP, A9N_ERROR_WRONG_TYPE },
    { A9N_CAPABILITY_PAGE_TABLE, A9N_PAGE_TABLE_MAP, A9N_ERROR_INVALID_STATE },
    { A9N_CAPABILITY_PAGE_TABLE, A9N_PAGE_TABLE_MAP, A9N_ERROR_INVALID_ADDRESS },
    { A9N_CAPABILITY_PAGE_TABLE, A9N_PAGE_TABLE_MAP, A9N_ERROR_ALREADY_MAPPED },
    { A9N_CAPABILITY_PAGE_TABLE, A9N_PAGE_TABLE_MAP, A9N_ERROR_NOT_MAPPED },
    { A9N_CAPABILITY_PAGE_TABLE, A9N_PAGE_TABLE_UNMAP, A9N_ERROR_NOT_MAPPED },
    { A9N_CAPABILITY_FRAME, A9N_FRAME_MAP, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_FRAME, A9N_FRAME_MAP, A9N_ERROR_MISSING_RIGHTS },
    { A9N_CAPABILITY_FRAME, A9N_FRAME_MAP, A9N_ERROR_INVALID_STATE },
    { A9N_CAPABILITY_FRAME, A9N_FRAME_MAP, A9N_ERROR_INVALID_ADDRESS },
    { A9N_CAPABILITY_FRAME, A9N_FRAME_MAP, A9N_ERROR_ALREADY_MAPPED },
    { A9N_CAPABILITY_FRAME, A9N_FRAME_MAP, A9N_ERROR_NOT_MAPPED },
    { A9N_CAPABILITY_FRAME, A9N_FRAME_UNMAP, A9N_ERROR_NOT_MAPPED },
    { A9N_CAPABILITY_INTERRUPT_PORT, A9N_INTERRUPT_PORT_BIND, A9N_ERROR_ALREADY_MAPPED },
    { A9N_CAPABILITY_INTERRUPT_PORT, A9N_INTERRUPT_PORT_BIND, A9N_ERROR_INVALID_STATE },
    { A9N_CAPABILITY_INTERRUPT_PORT, A9N_INTERRUPT_PORT_UNBIND, A9N_ERROR_NOT_MAPPED },
    { A9N_CAPABILITY_INTERRUPT_PORT, A9N_INTERRUPT_PORT_ACK, A9N_ERROR_INVALID_STATE },
    { A9N_CAPABILITY_IO_PORT, A9N_IO_PORT_MINT, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_IO_PORT, A9N_IO_PORT_READ, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_IO_PORT, A9N_IO_PORT_WRITE, A9N_ERROR_INVALID_ARGUMENT },
    { A9N_CAPABILITY_TIMER, A9N_TIMER_BIND, A9N_ERROR_MISSING_RIGHTS },
    { A9N_CAPABILITY_TIMER, A9N_TIMER_ARM, A9N_ERROR_INVALID_STATE },
};

static bool may_never_succeed(unsigned type, unsigned operation)
{
    for (unsigned k = 0; k < sizeof(never_succeeds) / sizeof(never_succeeds[0]); k++)
        if (never_succeeds[k].type == type && never_succeeds[k].operation == operation)
            return true;
    return false;
}

static void report_missing(unsigned type, unsigned operation, const char *what)
{
    a9n_debug_puts("fuzz processes coverage floor: missing ");
    a9n_debug_puts(fuzz_coverage_type_name(type));
    a9n_debug_puts(" ");
    a9n_debug_put_unsigned(operation);
    a9n_debug_puts(" ");
    a9n_debug_puts(what);
    a9n_debug_puts("\n");
}

/* Print what of the floor the run did not reach; how much that is. */
static a9n_word_t below_floor(void)
{
    const unsigned slots = FUZZ_PROCESS_SLOT_COUNT;
    a9n_word_t missing = 0;
    if (FUZZ_PROCESS_CALLS < COVERAGE_FLOOR_CALLS)
        return 0;
    for (unsigned t = 0; t < A9N_CAPABILITY_TYPE_COUNT; t++) {
        for (unsigned o = 0; o < FUZZ_OPERATIONS; o++) {
            if (!fuzz_coverage_pair_exists(slots, t, o))
                continue;
            bool reached = false;
            for (unsigned e = 0; e < A9N_ERROR_COUNT; e++)
                reached |= fuzz_coverage_count(&coverage, t, o, e) != 0;
            if (!reached) {
                report_missing(t, o, "(any result)");
                missing++;
            } else if (fuzz_coverage_count(&coverage, t, o, A9N_ERROR_NONE) == 0 &&
                       !may_never_succeed(t, o)) {
                report_missing(t, o, fuzz_coverage_error_name(A9N_ERROR_NONE));
                missing++;
            }
        }
    }
    for (unsigned k = 0; k < sizeof(required_errors) / sizeof(required_errors[0]); k++) {
        unsigned t = required_errors[k].type, o = required_errors[k].operation;
        enum a9n_error e = required_errors[k].error;
        if (fuzz_coverage_pair_exists(slots, t, o) && fuzz_coverage_count(&coverage, t, o, e) == 0) {
            report_missing(t, o, fuzz_coverage_error_name(e));
            missing++;
        }
    }
    return missing;
}

static void put_count(const char *label, a9n_word_t value)
{
    a9n_debug_puts(label);
    a9n_debug_put_unsigned(value);
}

SYSTEM_TEST(fuzz_processes_sharing_ports_frames_and_pcbs_leave_the_kernel_healthy)
{
    enum a9n_error error = A9N_ERROR_NONE;
    enum run_failure failure = RUN_ERROR;

    a9n_debug_puts("\nfuzz processes: seed ");
    a9n_debug_put_hex(FUZZ_PROCESS_SEED);
    put_count(", processes ", FUZZ_PROCESSES);
    put_count(", calls ", FUZZ_PROCESS_CALLS);
    a9n_debug_puts("\ntest " FUZZ_PROCESSES_TEST_NAME);
    fuzz_coverage_clear(&coverage);
    run = (struct run){ 0 };
    a9n_word_t timer = system_test_descriptor(system_test_make(A9N_CAPABILITY_TIMER, 0));
    a9n_word_t started = a9n_timer_read(timer).value;
    error = start_run();
    if (error == A9N_ERROR_NONE)
        failure = supervise(&error);
    if (failure != RUN_ERROR) {
        error = tear_down_all();
        if (error != A9N_ERROR_NONE)
            failure = RUN_ERROR;
    }
    a9n_word_t elapsed_ms = (a9n_timer_read(timer).value - started) / 1000000;

    put_count("\nfuzz processes: ", run.calls);
    put_count(" calls in ", elapsed_ms);
    put_count(" ms (clock), ", run.looks);
    put_count(" looks, ", run.restarts);
    put_count(" restarts (retired ", run.ends[END_RETIRED]);
    put_count(", stalled ", run.ends[END_STALLED]);
    put_count(", faulted ", run.ends[END_FAULTED]);
    put_count(", gave up ", run.ends[END_GAVE_UP]);
    put_count(", miscounted ", run.ends[END_MISCOUNTED]);
    put_count("), nudges ", run.nudges);
    put_count(", unknown-call faults ", run.unknown_calls);
    put_count(", ring links refused ", run.links_refused);
    put_count(", tallies dropped ", coverage.discarded);
    put_count(", results written over by peers ", coverage.unknown_errors);
    a9n_debug_puts("\n");
    fuzz_coverage_print(&coverage, FUZZ_PROCESS_SLOT_COUNT, "fuzz processes");
    fuzz_coverage_print_table(&coverage, FUZZ_PROCESS_SLOT_COUNT, "fuzz processes");
    if (failure == RUN_WATCHDOG)
        put_count("fuzz processes: watchdog: no process made a call in looks: ", WATCHDOG_LOOKS);
    if (failure == RUN_BARREN)
        put_count("fuzz processes: new processes in a row that made no call: ", BARREN_RESTARTS);
    if (failure == RUN_WATCHDOG || failure == RUN_BARREN)
        a9n_debug_puts("\n");
    a9n_word_t missing = failure == RUN_DONE ? below_floor() : 0;
    system_test_restate_name();
    if (failure == RUN_ERROR) {
        test_check_failed(failed_file, failed_line, "a fuzz process's world could be built and revoked",
                         error, A9N_ERROR_NONE);
        return;
    }
    CHECK_EQUAL(failure, RUN_DONE);
    CHECK(run.calls >= FUZZ_PROCESS_CALLS);
    CHECK_EQUAL(missing, 0);
    /* Everything left (shared objects, the timer) goes with the test's Generic. */
    CHECK_EQUAL(a9n_node_revoke(SYSTEM_TEST_ROOT, a9n_descriptor_path(system_test_generic())),
                A9N_ERROR_NONE);
    fuzz_check_kernel_healthy();
}
