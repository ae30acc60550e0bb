/*
 * The POSIX server's own state and the parts it is made of (docs/posix.md):
 * processes (process.c), their memory (memory.c), files and pipes
 * (files.c) on the ramfs, and the terminal (terminal.c). One thread
 * serves every request (main.c); a request that cannot finish is answered
 * KOITO_POSIX_REPLY_AGAIN and the program is woken through its
 * notification when it may.
 */
#ifndef KOITO_POSIX_SERVER_H
#define KOITO_POSIX_SERVER_H

#include <a9n/app_info.h>
#include <koito/errno.h>
#include <koito/posix.h>
#include <koito/server.h>
#include <koito/services.h>
#include <koito/spawn.h>
#include <koito/system.h>

#include "../ramfs/path.h"
#include "../ramfs/ramfs.h"
#include "fd_table.h"
#include "pipe.h"

/* Slots of the server's root node, after the service slots (koito/services.h). */
enum posix_slot {
    POSIX_SLOT_TRANSFER = A9N_APP_SLOT_FIRST_FREE, /* ULMM's frame copies for the spawner */
    POSIX_SLOT_WINDOW_FRAME,
    POSIX_SLOT_WINDOW_TABLES, /* .. + POSIX_WINDOW_TABLES - 1 */
    /* KOITO_CHILD_SLOTS per living process (enum koito_child_slot). */
    POSIX_SLOT_CHILDREN = 32,
};
#define POSIX_WINDOW_TABLES 8
/* The spawner's slots of a child past the layout's: its wake-up notification. */
#define POSIX_CHILD_WAKEUP (KOITO_CHILD_SPAWNER_FIRST + 0)       /* all rights */
#define POSIX_CHILD_WAKEUP_BADGED (KOITO_CHILD_SPAWNER_FIRST + 1) /* badge 1: to notify */
/* Its Timer, bound to the wake-up notification: clock reads and sleeps (time.c). */
#define POSIX_CHILD_TIMER (KOITO_CHILD_SPAWNER_FIRST + 2)

/* Processes that can live at once (each holds a group of child slots). */
#define POSIX_LIVE_MAX ((256 - POSIX_SLOT_CHILDREN) / KOITO_CHILD_SLOTS)
/* Entries of the process table: living ones and those not yet waited for. */
#define POSIX_PROCESS_MAX 64
/* Anonymous mappings one process may have at once. */
#define POSIX_MAPPINGS_MAX 16

/* The program address space the server manages (below A9N_APP_FREE_BASE: the image). */
#define POSIX_HEAP_BASE A9N_APP_FREE_BASE           /* brk starts here */
#define POSIX_HEAP_MAX (256ul << 20)                /* bytes of heap at most */
#define POSIX_MMAP_BASE (POSIX_HEAP_BASE + POSIX_HEAP_MAX)
#define POSIX_MMAP_END (POSIX_MMAP_BASE + (1ul << 30))

enum process_state {
    PROCESS_FREE = 0,
    PROCESS_LIVE,
    PROCESS_ZOMBIE, /* ended; its status waits for the parent */
};

/* What a program was told to wait for (KOITO_POSIX_REPLY_AGAIN). */
enum process_waiting {
    WAITING_NONE = 0,
    WAITING_PIPE,     /* on `waiting_on`: a struct pipe */
    WAITING_TERMINAL,
    WAITING_CHILD,
    WAITING_TIMER,    /* its Timer fires at the deadline */
};

struct mapping {
    a9n_word_t address; /* 0: unused */
    a9n_word_t size;
    a9n_word_t handle;  /* ULMM's */
};

struct process {
    enum process_state state;
    a9n_word_t pid;
    a9n_word_t parent; /* 0: started by the server itself (the login shell), or orphaned */
    a9n_word_t group;
    int wait_status;   /* ZOMBIE: exit << 8, or the signal */
    char name[KOITO_PROCESS_NAME_LENGTH];
    unsigned slots;    /* LIVE: its first child slot in the server's root node */
    struct fd_table fds;
    uint32_t cwd;      /* a held ramfs directory */
    a9n_word_t brk;    /* the program's break */
    a9n_word_t heap_mapped; /* end of the pages mapped for the heap */
    a9n_word_t mmap_next;
    struct mapping mappings[POSIX_MAPPINGS_MAX];
    uint32_t ignored_signals; /* bit n: signal n is ignored */
    bool interrupted;         /* a terminal read gets EINTR (SIGINT while ignoring it) */
    enum process_waiting waiting;
    const void *waiting_on;
};

/* ---- main.c: the server's connections ------------------------------------------------- */

extern struct ramfs posix_ramfs;
extern struct open_file_pool posix_open_files;
/* ULMM's unbadged port: register programs, act for them. */
extern struct ulmm_client posix_ulmm_manager;
extern struct koito_spawner posix_spawner;

/* Descriptor of slot `slot` of the server's own root node. */
a9n_word_t posix_slot(a9n_word_t slot);

/* Reply helpers: payload word 0 is the result. */
enum koito_reply_action posix_reply(struct koito_server *server, struct koito_request *request,
                                    long result, unsigned extra_words);
enum koito_reply_action posix_reply_again(struct koito_server *server,
                                          struct process *process, enum process_waiting waiting,
                                          const void *on);

/* ---- process.c ----------------------------------------------------------------------------- */

struct process *process_find(a9n_word_t pid);
/* Start /bin/sh as a login shell on the terminal (parent 0). */
void process_start_login_shell(void);
/* End a living process: everything it held goes back, its parent may wait for it. */
void process_end(struct process *process, int wait_status);
/* Signal a process as kill(2) does; the default action of every signal here ends it. */
void process_signal(struct process *process, int signal);
/* Wake a program told to wait, and every one waiting on (waiting, on). */
void process_wake(struct process *process);
void process_wake_all(enum process_waiting waiting, const void *on);
/* Visit every living process. */
struct process *process_table(unsigned *count);

enum koito_reply_action posix_spawn_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_exit_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_fault_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_wait_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_kill_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_getpid_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_setpgid_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_signal_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_process_list_request(struct koito_server *,
                                                   struct koito_request *);

/* ---- memory.c ------------------------------------------------------------------------------ */

/* Pages of the server's own for the ramfs. */
extern const struct ramfs_page_provider posix_pages;
/* Give back a process's anonymous mappings (its heap goes with its pid). */
void memory_forget(struct process *process);

enum koito_reply_action posix_brk_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_mmap_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_munmap_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_memory_status_request(struct koito_server *,
                                                    struct koito_request *);

/* ---- files.c --------------------------------------------------------------------------------- */

/* The open-file pool's release: pipe ends, ramfs holds. */
void files_release(void *context, struct open_file *file);
/* A new open file on the terminal (for the login shell's 0, 1, 2). */
int files_open_terminal(struct open_file **file);

enum koito_reply_action posix_open_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_close_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_read_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_write_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_lseek_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_dup_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_dup2_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_pipe_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_stat_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_fstat_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_unlink_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_mkdir_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_rmdir_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_chdir_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_getcwd_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_readdir_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_isatty_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_ftruncate_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_rename_request(struct koito_server *, struct koito_request *);

/* ---- time.c --------------------------------------------------------------------------------- */

enum koito_reply_action posix_clock_gettime_request(struct koito_server *,
                                                    struct koito_request *);
enum koito_reply_action posix_nanosleep_request(struct koito_server *, struct koito_request *);

/* ---- terminal.c ------------------------------------------------------------------------------ */

void terminal_init(a9n_word_t console_port);
/* Write program output (newlines become CR LF). Returns size, or a negative errno. */
long terminal_write(const void *data, size_t size);
/*
 * A line of the server's own on the terminal: the server holds no Debug
 * capability (docs/koito.md), so its diagnostics share the console with
 * the programs' output.
 */
void terminal_diagnostic(const char *text);
/* A terminal read: bytes, 0 at end of file, -KOITO_EAGAIN (nothing yet), -KOITO_EINTR. */
long terminal_read(struct process *process, void *buffer, size_t size);
/* The terminal's foreground process group: Ctrl-C signals it. */
a9n_word_t terminal_foreground(void);
void terminal_set_foreground(a9n_word_t group);

enum koito_reply_action posix_console_input(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_tcsetpgrp_request(struct koito_server *, struct koito_request *);
enum koito_reply_action posix_tcgetpgrp_request(struct koito_server *, struct koito_request *);

#endif
