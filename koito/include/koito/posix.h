/*
 * The POSIX server's protocol (docs/posix.md). A program calls its OS
 * port (app slot 5: the POSIX server's port, badge = its pid) with a
 * request label and payload words; the reply's payload word 0 is the
 * result: a count, descriptor or pid, or a negative errno
 * (koito/errno.h). Strings and data travel in payload words, packed
 * (koito/server.h); the server checks every length against what the
 * message carries and never reads a program's memory.
 *
 * Requests that cannot finish now (a read of an empty pipe or terminal,
 * a wait for a child that runs) are answered with the reply label
 * KOITO_POSIX_REPLY_AGAIN and no effect: the program waits on its
 * wake-up notification (app slot KOITO_POSIX_SLOT_WAKEUP) and sends the
 * same request again. The server never blocks on behalf of a program,
 * and a program killed while it waits leaves nothing behind.
 */
#ifndef KOITO_POSIX_H
#define KOITO_POSIX_H

#include <a9n/app_info.h>
#include <a9n/ipc.h>
#include <a9n/types.h>

/* Request labels. Arguments are payload words w0, w1, ...; "-> " is the reply. */
enum koito_posix_request {
    /* w0 status. No reply: the process ends (A9N_OS_EXIT, the application layout's). */
    KOITO_POSIX_EXIT = A9N_OS_EXIT,
    /* w0 flags (KOITO_O_*), w1 mode, w2.. path -> fd */
    KOITO_POSIX_OPEN = 16,
    /* w0 fd -> 0 */
    KOITO_POSIX_CLOSE,
    /* w0 fd, w1 count (<= KOITO_POSIX_DATA_MAX) -> count read (0: end of file), w1.. data */
    KOITO_POSIX_READ,
    /* w0 fd, w1 count (<= KOITO_POSIX_DATA_MAX), w2.. data -> count written */
    KOITO_POSIX_WRITE,
    /* w0 fd, w1 offset (signed), w2 whence (0 set, 1 current, 2 end) -> new offset */
    KOITO_POSIX_LSEEK,
    /* w0 fd -> new fd (lowest free) */
    KOITO_POSIX_DUP,
    /* w0 fd, w1 target fd -> target fd */
    KOITO_POSIX_DUP2,
    /* -> 0, w1 read end, w2 write end */
    KOITO_POSIX_PIPE,
    /* w0.. path -> 0, w1.. struct koito_posix_stat */
    KOITO_POSIX_STAT,
    /* w0 fd -> 0, w1.. struct koito_posix_stat */
    KOITO_POSIX_FSTAT,
    /* w0.. path -> 0 */
    KOITO_POSIX_UNLINK,
    /* w0 mode, w1.. path -> 0 */
    KOITO_POSIX_MKDIR,
    /* w0.. path -> 0 */
    KOITO_POSIX_RMDIR,
    /* w0.. path -> 0 */
    KOITO_POSIX_CHDIR,
    /* -> length, w1.. the working directory's absolute path (NUL-terminated) */
    KOITO_POSIX_GETCWD,
    /* w0 fd of a directory -> 1 and w1 inode, w2 type (KOITO_POSIX_TYPE_*), w3.. name; 0 at the end */
    KOITO_POSIX_READDIR,
    /* w0 fd -> 1 if it is the terminal, else -ENOTTY (or -EBADF) */
    KOITO_POSIX_ISATTY,
    /* w0 fd, w1 length: cut or zero-extend the file -> 0 */
    KOITO_POSIX_FTRUNCATE,
    /* w0 old path words, w1.. old path, then the new path -> 0 */
    KOITO_POSIX_RENAME,
    /*
     * Start a program (posix_spawn). w0..w2: the caller's fds that become
     * the child's 0, 1, 2 (-1: closed), w3 process group (0: the child's
     * own new group, -1: the caller's), w4 words of the path, w5 argument
     * count, w6 environment count, then the path and the argument and
     * environment strings, each NUL-terminated, packed one after the
     * other. -> the child's pid
     */
    KOITO_POSIX_SPAWN,
    /*
     * w0 pid (-1: any child, < -1: any in group -pid), w1 options
     * (KOITO_POSIX_WNOHANG) -> pid (0 with WNOHANG and none ended), w1 status
     * in the wait-status encoding (exit << 8, or the signal number)
     */
    KOITO_POSIX_WAIT,
    /* w0 pid (< 0: group -pid), w1 signal -> 0 */
    KOITO_POSIX_KILL,
    /* -> pid, w1 parent's pid, w2 process group */
    KOITO_POSIX_GETPID,
    /* w0 pid (0: self), w1 group (0: = pid) -> 0 */
    KOITO_POSIX_SETPGID,
    /* w0 signal, w1 disposition (KOITO_POSIX_SIGNAL_*) -> the previous disposition */
    KOITO_POSIX_SIGNAL,
    /* w0 process group: the terminal's foreground group -> 0 */
    KOITO_POSIX_TCSETPGRP,
    /* -> the terminal's foreground group */
    KOITO_POSIX_TCGETPGRP,
    /* w0 the new break (0: ask) -> the break (unchanged and -ENOMEM when it cannot grow) */
    KOITO_POSIX_BRK,
    /* w0 length (anonymous, read-write, private) -> address */
    KOITO_POSIX_MMAP,
    /* w0 address, w1 length: what MMAP returned -> 0 */
    KOITO_POSIX_MUNMAP,
    /* w0 clock (0 realtime, 1 monotonic) -> 0, w1 seconds, w2 nanoseconds */
    KOITO_POSIX_CLOCK_GETTIME,
    /*
     * w0 seconds, w1 nanoseconds: a CLOCK_MONOTONIC deadline, absolute so
     * that the request sent again after AGAIN means the same -> 0 once it
     * has passed (AGAIN until then)
     */
    KOITO_POSIX_NANOSLEEP,
    /* w0 first index -> how many processes in all, w1 how many entries follow, then
     * struct koito_posix_process entries */
    KOITO_POSIX_PROCESS_LIST,
    /* -> 0, w1 total bytes, w2 free bytes (ULMM) */
    KOITO_POSIX_MEMORY_STATUS,
    /* -> no reply if it works: the machine stops */
    KOITO_POSIX_POWEROFF,
};

/* Reply labels. */
enum koito_posix_reply {
    KOITO_POSIX_REPLY_DONE = 0,
    /* Nothing happened: wait on the wake-up notification, then send the request again. */
    KOITO_POSIX_REPLY_AGAIN,
};

/* The wake-up notification's slot in every program the POSIX server starts (READ right). */
#define KOITO_POSIX_SLOT_WAKEUP 7

/* Bytes one READ or WRITE moves; the C library splits larger requests. */
#define KOITO_POSIX_DATA_MAX ((A9N_MESSAGE_MAX_LENGTH - 2) * sizeof(a9n_word_t))

/* Bytes of path, arguments and environment one SPAWN carries (ARG_MAX). */
#define KOITO_POSIX_SPAWN_MAX ((A9N_MESSAGE_MAX_LENGTH - 7) * sizeof(a9n_word_t))

#define KOITO_POSIX_PATH_MAX 256
#define KOITO_POSIX_WNOHANG 1

enum koito_posix_type {
    KOITO_POSIX_TYPE_FILE = 1,
    KOITO_POSIX_TYPE_DIRECTORY,
    KOITO_POSIX_TYPE_PIPE,
    KOITO_POSIX_TYPE_TERMINAL,
};

enum koito_posix_signal_disposition {
    KOITO_POSIX_SIGNAL_DEFAULT = 0,
    KOITO_POSIX_SIGNAL_IGNORE,
};

/* Signal numbers (newlib's sys/signal.h). */
enum koito_posix_signal_number {
    KOITO_SIGINT = 2,
    KOITO_SIGILL = 4,
    KOITO_SIGTRAP = 5,
    KOITO_SIGFPE = 8,
    KOITO_SIGKILL = 9,
    KOITO_SIGBUS = 10,
    KOITO_SIGSEGV = 11,
    KOITO_SIGSYS = 12,
    KOITO_SIGPIPE = 13,
    KOITO_SIGTERM = 15,
    KOITO_SIGNAL_COUNT = 32,
};

/* STAT and FSTAT results, one field a word. */
struct koito_posix_stat {
    a9n_word_t type;  /* enum koito_posix_type */
    a9n_word_t size;  /* bytes */
    a9n_word_t inode;
    a9n_word_t links;
};
#define KOITO_POSIX_STAT_WORDS (sizeof(struct koito_posix_stat) / sizeof(a9n_word_t))

/* PROCESS_LIST entries: pid, parent, group, state (a character), then the name. */
#define KOITO_POSIX_PROCESS_NAME_WORDS 4
#define KOITO_POSIX_PROCESS_WORDS (4 + KOITO_POSIX_PROCESS_NAME_WORDS)

/*
 * The start-up page of every program the POSIX server starts, read-write
 * at KOITO_POSIX_START_ADDRESS (docs/posix.md, "Program start-up"):
 * argc, argv[0..argc-1], NULL, envp[...], NULL, then auxiliary pairs up
 * to KOITO_AT_NULL, then the strings the pointers point to.
 */
#define KOITO_POSIX_START_ADDRESS (A9N_APP_IPC_BUFFER_ADDRESS + 0x1000ul)

enum koito_posix_auxiliary {
    KOITO_AT_NULL = 0,
    KOITO_AT_PAGESZ = 6,
    KOITO_AT_KOITO_APP_INFO = 0x1000, /* the app-info page's address */
};

#endif
