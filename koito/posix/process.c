/*
 * Processes of the POSIX server: the table, spawn (no fork: a program is
 * built from its file, like init builds boot modules, and gets the fds its
 * parent names), exit and faults, wait, signals and process groups. A
 * process that ends is stopped first, then ULMM reclaims everything its
 * pid owned; only its exit status stays until the parent waits.
 */
#include <a9n/fault.h>
#include <liba9n/node.h>
#include <liba9n/notification.h>
#include <liba9n/process.h>
#include <liba9n/timer.h>

#include "posix_server.h"
#include "start_page.h"

#define ROOT a9n_descriptor(0, 0)
#define POSIX_PID_END 256 /* ULMM_MAX_CLIENTS */
/*
 * What each program may hold (ULMM's quota, docs/ulmm.md §7): its
 * layout, heap, mmap and page tables. Half of the 256 MiB the test
 * machines have, so that no one program (a runaway allocation, a hostile
 * one: `crash oom`) can take the memory the server and the other programs
 * live on.
 */
#define POSIX_PROGRAM_QUOTA ((a9n_word_t)128 << 20)

static struct process processes[POSIX_PROCESS_MAX];
static bool slot_group_used[POSIX_LIVE_MAX];
/* The pid of the login shell, started again when it ends. */
static a9n_word_t login_shell;

struct process *process_find(a9n_word_t pid)
{
    for (unsigned i = 0; i < POSIX_PROCESS_MAX; i++)
        if (processes[i].state != PROCESS_FREE && processes[i].pid == pid)
            return &processes[i];
    return NULL;
}

struct process *process_table(unsigned *count)
{
    *count = POSIX_PROCESS_MAX;
    return processes;
}

static a9n_word_t child_slot(const struct process *process, unsigned slot)
{
    return posix_slot(process->slots + slot);
}

void process_wake(struct process *process)
{
    if (process->state != PROCESS_LIVE || process->waiting == WAITING_NONE)
        return;
    process->waiting = WAITING_NONE;
    process->waiting_on = NULL;
    a9n_notification_notify(child_slot(process, POSIX_CHILD_WAKEUP_BADGED));
}

void process_wake_all(enum process_waiting waiting, const void *on)
{
    for (unsigned i = 0; i < POSIX_PROCESS_MAX; i++)
        if (processes[i].state == PROCESS_LIVE && processes[i].waiting == waiting &&
            processes[i].waiting_on == on)
            process_wake(&processes[i]);
}

/* ---- spawn ------------------------------------------------------------------------------ */

static a9n_word_t new_pid(void)
{
    /* ULMM's pids end below ULMM_MAX_CLIENTS; pids are not reused at once. */
    static a9n_word_t next = KOITO_PID_FIRST_PROGRAM;
    for (unsigned tries = 0; tries < POSIX_PID_END - KOITO_PID_FIRST_PROGRAM; tries++) {
        a9n_word_t pid = next;
        next = next + 1 < POSIX_PID_END ? next + 1 : KOITO_PID_FIRST_PROGRAM;
        if (process_find(pid) == NULL)
            return pid;
    }
    return 0;
}

static struct process *new_entry(void)
{
    for (unsigned i = 0; i < POSIX_PROCESS_MAX; i++)
        if (processes[i].state == PROCESS_FREE)
            return &processes[i];
    return NULL;
}

static int new_slot_group(void)
{
    for (unsigned i = 0; i < POSIX_LIVE_MAX; i++)
        if (!slot_group_used[i]) {
            slot_group_used[i] = true;
            return (int)i;
        }
    return -1;
}

static unsigned slot_group_first(int group)
{
    return POSIX_SLOT_CHILDREN + (unsigned)group * KOITO_CHILD_SLOTS;
}

struct start {
    struct process *child;
    /* The start-up page as built before spawning: spawn's fill only copies it. */
    a9n_word_t page[4096 / sizeof(a9n_word_t)];
};

static void fill_start_page(void *contents, const void *context)
{
    const struct start *start = context;
    a9n_word_t *page = contents;
    for (unsigned i = 0; i < sizeof start->page / sizeof(a9n_word_t); i++)
        page[i] = start->page[i];
}

/*
 * The child's wake-up notification (its pid's, from ULMM) and the server's
 * badged copy; its Timer (also its pid's), bound to the notification.
 */
static bool give_wakeup(const void *context, a9n_word_t child_root_node)
{
    const struct start *start = context;
    const struct process *child = start->child;
    struct ulmm_client owner = posix_ulmm_manager;
    owner.owner = child->pid;
    struct ulmm_result result = ulmm_alloc_object(&owner, A9N_CAPABILITY_NOTIFICATION_PORT, 0,
                                                  child->slots + POSIX_CHILD_WAKEUP);
    struct ulmm_result timer = ulmm_alloc_object(&owner, A9N_CAPABILITY_TIMER, 0,
                                                 child->slots + POSIX_CHILD_TIMER);
    return result.status == ULMM_STATUS_OK && timer.status == ULMM_STATUS_OK &&
           a9n_timer_bind(child_slot(child, POSIX_CHILD_TIMER),
                          child_slot(child, POSIX_CHILD_WAKEUP), 1) == A9N_ERROR_NONE &&
           a9n_node_mint(ROOT, child->slots + POSIX_CHILD_WAKEUP_BADGED,
                         child_slot(child, POSIX_CHILD_WAKEUP), A9N_RIGHT_WRITE, 1) ==
               A9N_ERROR_NONE &&
           a9n_node_copy(child_root_node, KOITO_POSIX_SLOT_WAKEUP,
                         child_slot(child, POSIX_CHILD_WAKEUP)) == A9N_ERROR_NONE &&
           a9n_node_demote(child_root_node, KOITO_POSIX_SLOT_WAKEUP, A9N_RIGHT_READ) ==
               A9N_ERROR_NONE;
}

static void copy_name(char *name, const char *path)
{
    unsigned i = 0;
    for (; i + 1 < KOITO_PROCESS_NAME_LENGTH && path[i] != '\0'; i++)
        name[i] = path[i];
    name[i] = '\0';
}

static int spawn_error(enum koito_spawn_error error)
{
    switch (error) {
    case KOITO_SPAWN_OK:
        return 0;
    case KOITO_SPAWN_BAD_ELF:
        return -KOITO_ENOEXEC;
    case KOITO_SPAWN_ULMM_REFUSED:
        return -KOITO_ENOMEM;
    case KOITO_SPAWN_KERNEL_REFUSED:
        break;
    }
    return -KOITO_EAGAIN;
}

/*
 * Start the program at `path` (relative to the parent's working
 * directory, or the root without a parent) with the parent's fds map[0..2]
 * as 0, 1, 2 (or `fds` for the login shell). `strings`: argc arguments
 * and envc environment strings. Returns the pid or a negative errno.
 */
static long spawn(struct process *parent, const struct fd_table *fds, const int map[3],
                  long group, const char *path, const char *strings, size_t size,
                  unsigned argc, unsigned envc)
{
    static struct start start;
    uint32_t cwd = parent != NULL ? parent->cwd : RAMFS_ROOT;
    uint32_t node;
    size_t path_length = 0;
    while (path[path_length] != '\0')
        path_length++;
    int found = ramfs_path_lookup(&posix_ramfs, cwd, path, path_length, &node);
    if (found < 0)
        return found;
    struct ramfs_stat stat;
    if (ramfs_stat(&posix_ramfs, node, &stat) < 0 || stat.type != RAMFS_FILE)
        return -KOITO_EACCES;
    /* The loader reads the image in place: only files as the boot archive holds them. */
    const struct ramfs_node *file = ramfs_node(&posix_ramfs, node);
    if (file->archive_data == NULL)
        return -KOITO_ENOEXEC;
    if (posix_start_page_build(start.page, sizeof start.page, KOITO_POSIX_START_ADDRESS,
                               strings, size, argc, envc, A9N_APP_INFO_ADDRESS) < 0)
        return -KOITO_E2BIG;

    struct process *child = new_entry();
    a9n_word_t pid = new_pid();
    if (child == NULL || pid == 0)
        return -KOITO_EAGAIN;
    int slots = new_slot_group();
    if (slots < 0)
        return -KOITO_EAGAIN;
    *child = (struct process){
        .pid = pid,
        .parent = parent != NULL ? parent->pid : 0,
        .slots = slot_group_first(slots),
        .cwd = cwd,
        .brk = POSIX_HEAP_BASE,
        .heap_mapped = POSIX_HEAP_BASE,
        .mmap_next = POSIX_MMAP_BASE,
    };
    child->group = group == 0 ? pid : group < 0 ? (parent != NULL ? parent->group : pid)
                                                : (a9n_word_t)group;
    copy_name(child->name, path);
    int mapped = fd_table_spawn(fds, &child->fds, map);
    if (mapped < 0) {
        slot_group_used[slots] = false;
        return mapped;
    }

    start.child = child;
    const struct koito_program program = {
        .image = file->archive_data,
        .image_size = file->size,
        .name = child->name,
        .pid = pid,
        .slots = child->slots,
        .priority = 100,
        .memory_quota = POSIX_PROGRAM_QUOTA,
        .extra_page = KOITO_POSIX_START_ADDRESS,
        .fill_extra_page = fill_start_page,
        .prepare = give_wakeup,
        .context = &start,
    };
    /* LIVE from here: a fault while it starts finds it. */
    child->state = PROCESS_LIVE;
    int error = spawn_error(koito_spawn(&posix_spawner, &program));
    if (error < 0) {
        fd_table_close_all(&child->fds);
        child->state = PROCESS_FREE;
        slot_group_used[slots] = false;
        return error;
    }
    ramfs_hold(&posix_ramfs, cwd);
    return (long)pid;
}

void process_start_login_shell(void)
{
    static struct fd_table terminal;
    static const char strings[] = "sh\0PATH=/bin\0HOME=/";
    struct open_file *file;
    if (files_open_terminal(&file) < 0)
        return;
    fd_table_init(&terminal, &posix_open_files);
    if (fd_install(&terminal, file) < 0) {
        open_file_drop(&posix_open_files, file);
        return;
    }
    static const int map[3] = { 0, 0, 0 };
    long pid = spawn(NULL, &terminal, map, 0, "/bin/sh", strings, sizeof strings, 1, 2);
    /* The shell holds the terminal now (or nothing does): the server keeps no descriptor. */
    fd_table_close_all(&terminal);
    if (pid < 0) {
        terminal_diagnostic("posix: cannot start /bin/sh\n");
        return;
    }
    login_shell = (a9n_word_t)pid;
    terminal_set_foreground(login_shell);
}

/* payload: w0..w2 fd map, w3 group, w4 path words, w5 argc, w6 envc, path, strings. */
enum koito_reply_action posix_spawn_request(struct koito_server *server,
                                            struct koito_request *request)
{
    static char path[KOITO_POSIX_PATH_MAX];
    static char strings[KOITO_POSIX_SPAWN_MAX];
    const struct koito_message *m = request->message;
    unsigned path_words = (unsigned)koito_message_word(m, 4);
    a9n_word_t argc = koito_message_word(m, 5);
    a9n_word_t envc = koito_message_word(m, 6);
    if (path_words == 0 || path_words > request->length - 7 || argc == 0 ||
        argc > KOITO_POSIX_SPAWN_MAX || envc > KOITO_POSIX_SPAWN_MAX)
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    if (!koito_message_read_string(m, request->length, 7, path_words, path, sizeof path))
        return posix_reply(server, request, -KOITO_ENAMETOOLONG, 0);
    unsigned string_words = request->length - 7 - path_words;
    size_t block = (size_t)string_words * sizeof(a9n_word_t);
    if (block > sizeof strings ||
        !koito_message_read_bytes(m, request->length, 7 + path_words, strings, block))
        return posix_reply(server, request, -KOITO_E2BIG, 0);
    long size = posix_strings_size(strings, block, (unsigned)(argc + envc));
    if (size < 0)
        return posix_reply(server, request, -KOITO_EINVAL, 0);

    struct process *parent = request->client;
    int map[3];
    for (unsigned i = 0; i < 3; i++)
        map[i] = (int)(long)koito_message_word(m, i);
    long group = (long)koito_message_word(m, 3);
    long pid = spawn(parent, &parent->fds, map, group, path, strings, (size_t)size,
                     (unsigned)argc, (unsigned)envc);
    return posix_reply(server, request, pid, 0);
}

/* ---- the end of a process --------------------------------------------------------------- */

static void forget(struct process *process)
{
    *process = (struct process){ .state = PROCESS_FREE };
}

void process_end(struct process *process, int wait_status)
{
    if (process->state != PROCESS_LIVE)
        return;
    /* Stopped first, so nothing runs in an address space being taken apart. */
    a9n_process_suspend(child_slot(process, KOITO_CHILD_PROCESS));
    process->state = PROCESS_ZOMBIE;
    process->wait_status = wait_status;
    process->waiting = WAITING_NONE;
    fd_table_close_all(&process->fds);
    ramfs_release(&posix_ramfs, process->cwd);
    memory_forget(process);
    enum ulmm_status status = ulmm_client_exited(&posix_ulmm_manager, process->pid);
    if (status != ULMM_STATUS_OK) {
        terminal_diagnostic("posix: ULMM could not reclaim ");
        terminal_diagnostic(process->name);
        terminal_diagnostic("\n");
    }
    slot_group_used[(process->slots - POSIX_SLOT_CHILDREN) / KOITO_CHILD_SLOTS] = false;

    /* Its children have no one to wait for them: those ended go now, the others later. */
    for (unsigned i = 0; i < POSIX_PROCESS_MAX; i++) {
        struct process *child = &processes[i];
        if (child->state == PROCESS_FREE || child->parent != process->pid)
            continue;
        child->parent = 0;
        if (child->state == PROCESS_ZOMBIE)
            forget(child);
    }
    struct process *parent = process->parent != 0 ? process_find(process->parent) : NULL;
    bool restart = process->pid == login_shell;
    if (parent == NULL)
        forget(process);
    else if (parent->waiting == WAITING_CHILD)
        process_wake(parent);
    if (restart) {
        terminal_diagnostic("posix: the shell ended; starting a new one\n");
        process_start_login_shell();
    }
}

void process_signal(struct process *process, int signal)
{
    if (process->state != PROCESS_LIVE || signal <= 0 || signal >= KOITO_SIGNAL_COUNT)
        return;
    /* SIGKILL cannot be ignored; every other signal's default action ends the process. */
    if (signal != KOITO_SIGKILL && (process->ignored_signals & (1u << signal)) != 0) {
        /*
         * Its terminal read, now or the next one, fails with EINTR: the
         * way a shell that ignores Ctrl-C learns of it, even when it
         * comes just before the read (the prompt is out, the read not yet).
         */
        if (signal == KOITO_SIGINT) {
            process->interrupted = true;
            if (process->waiting == WAITING_TERMINAL)
                process_wake(process);
        }
        return;
    }
    process_end(process, signal);
}

enum koito_reply_action posix_exit_request(struct koito_server *server,
                                           struct koito_request *request)
{
    (void)server;
    a9n_word_t status = request->length > 0 ? koito_message_word(request->message, 0) : 0;
    process_end(request->client, (int)((status & 0xff) << 8));
    return KOITO_NO_REPLY;
}

/* The kernel reports a fault of the program as a call from it: the signal POSIX names. */
static int fault_signal(a9n_word_t kind)
{
    switch (kind) {
    case A9N_FAULT_ILLEGAL_INSTRUCTION:
        return KOITO_SIGILL;
    case A9N_FAULT_MISALIGNED_ACCESS:
        return KOITO_SIGBUS;
    case A9N_FAULT_ARITHMETIC:
        return KOITO_SIGFPE;
    case A9N_FAULT_BREAKPOINT:
        return KOITO_SIGTRAP;
    case A9N_FAULT_UNKNOWN_KERNEL_CALL:
        return KOITO_SIGSYS;
    default:
        return KOITO_SIGSEGV;
    }
}

enum koito_reply_action posix_fault_request(struct koito_server *server,
                                            struct koito_request *request)
{
    (void)server;
    a9n_word_t kind = koito_message_get(request->message, A9N_FAULT_MR_KIND);
    process_end(request->client, fault_signal(kind));
    return KOITO_NO_REPLY;
}

/* ---- wait, kill, ids ------------------------------------------------------------------------ */

static bool wait_matches(const struct process *waiter, const struct process *child, long pid)
{
    if (child->state == PROCESS_FREE || child->parent != waiter->pid)
        return false;
    if (pid == -1)
        return true;
    if (pid == 0)
        return child->group == waiter->group;
    if (pid < -1)
        return child->group == (a9n_word_t)-pid;
    return child->pid == (a9n_word_t)pid;
}

enum koito_reply_action posix_wait_request(struct koito_server *server,
                                           struct koito_request *request)
{
    struct process *waiter = request->client;
    long pid = (long)koito_message_word(request->message, 0);
    a9n_word_t options = koito_message_word(request->message, 1);
    bool any = false;
    for (unsigned i = 0; i < POSIX_PROCESS_MAX; i++) {
        struct process *child = &processes[i];
        if (!wait_matches(waiter, child, pid))
            continue;
        any = true;
        if (child->state != PROCESS_ZOMBIE)
            continue;
        a9n_word_t ended = child->pid;
        koito_message_set_word(request->message, 1, (a9n_word_t)child->wait_status);
        forget(child);
        return posix_reply(server, request, (long)ended, 1);
    }
    if (!any)
        return posix_reply(server, request, -KOITO_ECHILD, 0);
    if ((options & KOITO_POSIX_WNOHANG) != 0)
        return posix_reply(server, request, 0, 1);
    return posix_reply_again(server, waiter, WAITING_CHILD, NULL);
}

enum koito_reply_action posix_kill_request(struct koito_server *server,
                                           struct koito_request *request)
{
    long pid = (long)koito_message_word(request->message, 0);
    long signal = (long)koito_message_word(request->message, 1);
    if (signal < 0 || signal >= KOITO_SIGNAL_COUNT)
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    struct process *self = request->client;
    a9n_word_t self_pid = self->pid;
    bool found = false;
    for (unsigned i = 0; i < POSIX_PROCESS_MAX; i++) {
        struct process *target = &processes[i];
        if (target->state != PROCESS_LIVE)
            continue;
        bool match = pid > 0    ? target->pid == (a9n_word_t)pid
                     : pid == 0 ? target->group == self->group
                     : pid < -1 ? target->group == (a9n_word_t)-pid
                                : true;
        if (!match)
            continue;
        found = true;
        if (signal != 0)
            process_signal(target, (int)signal);
    }
    if (!found)
        return posix_reply(server, request, -KOITO_ESRCH, 0);
    /* A process that signalled itself to its end gets no answer. */
    if (process_find(self_pid) == NULL || self->state != PROCESS_LIVE)
        return KOITO_NO_REPLY;
    return posix_reply(server, request, 0, 0);
}

enum koito_reply_action posix_getpid_request(struct koito_server *server,
                                             struct koito_request *request)
{
    const struct process *self = request->client;
    koito_message_set_word(request->message, 1, self->parent);
    koito_message_set_word(request->message, 2, self->group);
    return posix_reply(server, request, (long)self->pid, 2);
}

enum koito_reply_action posix_setpgid_request(struct koito_server *server,
                                              struct koito_request *request)
{
    struct process *self = request->client;
    long pid = (long)koito_message_word(request->message, 0);
    long group = (long)koito_message_word(request->message, 1);
    struct process *target = pid == 0 ? self : process_find((a9n_word_t)pid);
    if (pid < 0 || group < 0)
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    if (target == NULL || target->state != PROCESS_LIVE ||
        (target != self && target->parent != self->pid))
        return posix_reply(server, request, -KOITO_ESRCH, 0);
    target->group = group == 0 ? target->pid : (a9n_word_t)group;
    return posix_reply(server, request, 0, 0);
}

enum koito_reply_action posix_signal_request(struct koito_server *server,
                                             struct koito_request *request)
{
    struct process *self = request->client;
    long signal = (long)koito_message_word(request->message, 0);
    a9n_word_t disposition = koito_message_word(request->message, 1);
    if (signal <= 0 || signal >= KOITO_SIGNAL_COUNT || signal == KOITO_SIGKILL ||
        disposition > KOITO_POSIX_SIGNAL_IGNORE)
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    uint32_t bit = 1u << signal;
    long previous = (self->ignored_signals & bit) != 0 ? KOITO_POSIX_SIGNAL_IGNORE
                                                       : KOITO_POSIX_SIGNAL_DEFAULT;
    if (disposition == KOITO_POSIX_SIGNAL_IGNORE)
        self->ignored_signals |= bit;
    else
        self->ignored_signals &= ~bit;
    return posix_reply(server, request, previous, 0);
}

static char state_letter(const struct process *process)
{
    if (process->state == PROCESS_ZOMBIE)
        return 'Z';
    return process->waiting != WAITING_NONE ? 'S' : 'R';
}

enum koito_reply_action posix_process_list_request(struct koito_server *server,
                                                   struct koito_request *request)
{
    a9n_word_t first = koito_message_word(request->message, 0);
    unsigned capacity = koito_message_capacity(request->message);
    unsigned per_reply = (capacity - 2) / KOITO_POSIX_PROCESS_WORDS;
    unsigned total = 0, sent = 0, word = 2;
    for (unsigned i = 0; i < POSIX_PROCESS_MAX; i++) {
        const struct process *process = &processes[i];
        if (process->state == PROCESS_FREE)
            continue;
        if (total++ < first || sent == per_reply)
            continue;
        struct koito_message *m = request->message;
        koito_message_set_word(m, word++, process->pid);
        koito_message_set_word(m, word++, process->parent);
        koito_message_set_word(m, word++, process->group);
        koito_message_set_word(m, word++, (a9n_word_t)state_letter(process));
        char name[KOITO_POSIX_PROCESS_NAME_WORDS * sizeof(a9n_word_t)] = { 0 };
        for (unsigned c = 0; c + 1 < sizeof name && process->name[c] != '\0'; c++)
            name[c] = process->name[c];
        word += koito_message_write_bytes(m, word, name, sizeof name);
        sent++;
    }
    koito_message_set_word(request->message, 1, sent);
    return posix_reply(server, request, (long)total, word - 1);
}
