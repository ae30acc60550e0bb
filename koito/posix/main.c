/*
 * The KOITO POSIX server (docs/posix.md): a system service started by
 * init (koito/services.h). It holds the process table, the file
 * descriptors, the ramfs with the boot file tree (linked into its own
 * image, rootfs.S) and the terminal on the console driver, and starts
 * /bin/sh on the terminal. Programs it starts call it on their OS port
 * (badge = pid); their faults come to the same port.
 */
#include <a9n/fault.h>
#include <koito/console.h>
#include <koito/services.h>
#include <liba9n/app.h>
#include <liba9n/ipc.h>

#include "posix_server.h"

/* The boot file tree: an archive (koito/ramfs/archive.h) in the image, from rootfs.S. */
extern const uint8_t koito_rootfs_start[];
extern const uint8_t koito_rootfs_end[];

/* The window where the spawner fills programs' pages: far from the image and the pages. */
#define WINDOW_ADDRESS 0x2000000000ul

struct ramfs posix_ramfs;
struct open_file_pool posix_open_files;
struct ulmm_client posix_ulmm_manager;
struct koito_spawner posix_spawner;
static struct koito_window window;

a9n_word_t posix_slot(a9n_word_t slot)
{
    return a9n_app_slot(a9n_app_info(), slot);
}

enum koito_reply_action posix_reply(struct koito_server *server, struct koito_request *request,
                                    long result, unsigned extra_words)
{
    koito_message_set_word(request->message, 0, (a9n_word_t)result);
    return koito_reply(server, KOITO_POSIX_REPLY_DONE, 1 + extra_words);
}

enum koito_reply_action posix_reply_again(struct koito_server *server,
                                          struct process *process, enum process_waiting waiting,
                                          const void *on)
{
    process->waiting = waiting;
    process->waiting_on = on;
    return koito_reply(server, KOITO_POSIX_REPLY_AGAIN, 0);
}

static enum koito_reply_action poweroff_request(struct koito_server *server,
                                                struct koito_request *request)
{
    /* Init stops the machine for a service; its port answers only if it refused. */
    struct koito_message message = { .ipc_buffer = server->ipc_buffer };
    koito_call(posix_slot(A9N_APP_SLOT_OS_PORT), &message, A9N_OS_POWEROFF, 0, 0);
    return posix_reply(server, request, -KOITO_EPERM, 0);
}

static enum koito_reply_action bad_request(struct koito_server *server,
                                           struct koito_request *request)
{
    long error = request->client == NULL ? -KOITO_EPERM : -KOITO_ENOSYS;
    return posix_reply(server, request, error, 0);
}

/* Who sent a request: a living process by its pid; the console driver has handlers of its own. */
static void *lookup_client(struct koito_server *server, a9n_word_t badge)
{
    (void)server;
    struct process *process = process_find(badge);
    if (process == NULL || process->state != PROCESS_LIVE)
        return NULL;
    /* A program that sends a request waits for nothing else: an earlier "again" is over. */
    process->waiting = WAITING_NONE;
    process->waiting_on = NULL;
    return process;
}

static const struct koito_handler handlers[] = {
    { KOITO_POSIX_EXIT, 0, posix_exit_request, false },
    { A9N_FAULT_LABEL, A9N_FAULT_MESSAGE_LENGTH, posix_fault_request, false },
    { KOITO_POSIX_OPEN, 3, posix_open_request, false },
    { KOITO_POSIX_CLOSE, 1, posix_close_request, false },
    { KOITO_POSIX_READ, 2, posix_read_request, false },
    { KOITO_POSIX_WRITE, 2, posix_write_request, false },
    { KOITO_POSIX_LSEEK, 3, posix_lseek_request, false },
    { KOITO_POSIX_DUP, 1, posix_dup_request, false },
    { KOITO_POSIX_DUP2, 2, posix_dup2_request, false },
    { KOITO_POSIX_PIPE, 0, posix_pipe_request, false },
    { KOITO_POSIX_STAT, 1, posix_stat_request, false },
    { KOITO_POSIX_FSTAT, 1, posix_fstat_request, false },
    { KOITO_POSIX_UNLINK, 1, posix_unlink_request, false },
    { KOITO_POSIX_MKDIR, 2, posix_mkdir_request, false },
    { KOITO_POSIX_RMDIR, 1, posix_rmdir_request, false },
    { KOITO_POSIX_CHDIR, 1, posix_chdir_request, false },
    { KOITO_POSIX_GETCWD, 0, posix_getcwd_request, false },
    { KOITO_POSIX_READDIR, 1, posix_readdir_request, false },
    { KOITO_POSIX_ISATTY, 1, posix_isatty_request, false },
    { KOITO_POSIX_FTRUNCATE, 2, posix_ftruncate_request, false },
    { KOITO_POSIX_RENAME, 2, posix_rename_request, false },
    { KOITO_POSIX_SPAWN, 8, posix_spawn_request, false },
    { KOITO_POSIX_WAIT, 2, posix_wait_request, false },
    { KOITO_POSIX_KILL, 2, posix_kill_request, false },
    { KOITO_POSIX_GETPID, 0, posix_getpid_request, false },
    { KOITO_POSIX_SETPGID, 2, posix_setpgid_request, false },
    { KOITO_POSIX_SIGNAL, 2, posix_signal_request, false },
    { KOITO_POSIX_TCSETPGRP, 1, posix_tcsetpgrp_request, false },
    { KOITO_POSIX_TCGETPGRP, 0, posix_tcgetpgrp_request, false },
    { KOITO_POSIX_BRK, 1, posix_brk_request, false },
    { KOITO_POSIX_MMAP, 1, posix_mmap_request, false },
    { KOITO_POSIX_MUNMAP, 2, posix_munmap_request, false },
    { KOITO_POSIX_CLOCK_GETTIME, 1, posix_clock_gettime_request, false },
    { KOITO_POSIX_NANOSLEEP, 2, posix_nanosleep_request, false },
    { KOITO_POSIX_PROCESS_LIST, 1, posix_process_list_request, false },
    { KOITO_POSIX_MEMORY_STATUS, 0, posix_memory_status_request, false },
    { KOITO_POSIX_POWEROFF, 0, poweroff_request, false },
    /* The console driver is no process of ours: the handler checks its badge. */
    { KOITO_CONSOLE_INPUT, 1, posix_console_input, true },
};

static void setup(const struct a9n_app_info *info)
{
    posix_ulmm_manager = (struct ulmm_client){
        .port = posix_slot(KOITO_SERVICE_SLOT_ULMM_MANAGER),
        .ipc_buffer = (struct a9n_ipc_buffer *)info->ipc_buffer,
        .owner = 0,
    };
    window = (struct koito_window){
        .address_space = posix_slot(A9N_APP_SLOT_ADDRESS_SPACE),
        .address = WINDOW_ADDRESS,
        .root_radix = info->root_radix,
        .frame_slot = POSIX_SLOT_WINDOW_FRAME,
        .tables = {
            .generic = posix_slot(KOITO_SERVICE_SLOT_GENERIC),
            .node = a9n_descriptor(0, 0),
            .radix = info->root_radix,
            .next = POSIX_SLOT_WINDOW_TABLES,
            .end = POSIX_SLOT_WINDOW_TABLES + POSIX_WINDOW_TABLES,
        },
    };
    posix_spawner = (struct koito_spawner){
        .ulmm = posix_ulmm_manager,
        .root_radix = info->root_radix,
        .os_port = posix_slot(KOITO_SERVICE_SLOT_PORT),
        .ulmm_port = posix_slot(KOITO_SERVICE_SLOT_ULMM_MANAGER),
        .transfer_slot = POSIX_SLOT_TRANSFER,
        .window = &window,
        .app_template = *info,
    };
    posix_spawner.app_template.arguments = KOITO_POSIX_START_ADDRESS;

    terminal_init(posix_slot(KOITO_SERVICE_SLOT_PEER_PORT));
    ramfs_init(&posix_ramfs, &posix_pages);
    int loaded = ramfs_load_archive(&posix_ramfs, koito_rootfs_start,
                                    (size_t)(koito_rootfs_end - koito_rootfs_start));
    if (loaded < 0)
        terminal_diagnostic("posix: the boot file tree is damaged; the file system starts empty\n");
    open_file_pool_init(&posix_open_files, files_release, NULL);
}

int main(void)
{
    const struct a9n_app_info *info = a9n_app_info();
    /* Elsewhere there is no terminal to say so on: init reports the exit status. */
    if (info == NULL || info->pid != KOITO_PID_POSIX)
        a9n_app_exit(1);
    setup(info);
    process_start_login_shell();

    struct a9n_ipc_buffer *ipc_buffer = (struct a9n_ipc_buffer *)info->ipc_buffer;
    struct koito_server server = {
        .port = posix_slot(KOITO_SERVICE_SLOT_PORT),
        .ipc_buffer = ipc_buffer,
        .handlers = handlers,
        .handler_count = sizeof handlers / sizeof handlers[0],
        .lookup_client = lookup_client,
        .bad_request = bad_request,
        .receive_node = a9n_descriptor(0, 0),
        /* Past the root node: programs cannot push capabilities into the server. */
        .receive_index = (a9n_word_t)1 << info->root_radix,
    };
    koito_server_run(&server);
}
