/*
 * File requests of the POSIX server: paths resolve on the ramfs from the
 * caller's working directory; descriptors name open files (fd_table.h)
 * on ramfs nodes, pipe ends or the terminal. Data moves in the message
 * itself, at most KOITO_POSIX_DATA_MAX bytes a request: the C library
 * loops. A read of an empty pipe or terminal, or a write to a full pipe,
 * is answered AGAIN and the program woken when the other side moved.
 */
#include <koito/fcntl.h>

#include "posix_server.h"

#define PIPES_MAX 32

static struct pipe pipes[PIPES_MAX];
static bool pipe_used[PIPES_MAX];

/* Request data is copied out of the message before anything else uses the IPC buffer. */
static uint8_t data[KOITO_POSIX_DATA_MAX];

/* ---- helpers ----------------------------------------------------------------------------- */

/* A path from payload words first.. (NUL-terminated); its length, or a negative errno. */
static long read_path(const struct koito_request *request, unsigned first, char *path,
                      size_t size)
{
    if (first >= request->length)
        return -KOITO_EINVAL;
    if (!koito_message_read_string(request->message, request->length, first,
                                   request->length - first, path, size))
        return -KOITO_ENAMETOOLONG;
    long length = 0;
    while (path[length] != '\0')
        length++;
    return length;
}

static int file_of(struct koito_request *request, struct open_file **file)
{
    struct process *process = request->client;
    long fd = (long)koito_message_word(request->message, 0);
    if (fd < 0 || fd >= FD_TABLE_SIZE)
        return -KOITO_EBADF;
    return fd_get(&process->fds, (int)fd, file);
}

static int install(struct process *process, enum open_file_kind kind, uint32_t flags,
                   uint32_t node, struct pipe *pipe)
{
    struct open_file *file;
    int error = open_file_new(&posix_open_files, kind, flags, &file);
    if (error < 0)
        return error;
    file->node = node;
    file->pipe = pipe;
    if (kind == OPEN_FILE_RAMFS_FILE || kind == OPEN_FILE_RAMFS_DIRECTORY)
        ramfs_hold(&posix_ramfs, node);
    int fd = fd_install(&process->fds, file);
    if (fd < 0)
        open_file_drop(&posix_open_files, file);
    return fd;
}

int files_open_terminal(struct open_file **file)
{
    return open_file_new(&posix_open_files, OPEN_FILE_CONSOLE, KOITO_O_RDWR, file);
}

void files_release(void *context, struct open_file *file)
{
    (void)context;
    switch (file->kind) {
    case OPEN_FILE_RAMFS_FILE:
    case OPEN_FILE_RAMFS_DIRECTORY:
        ramfs_release(&posix_ramfs, file->node);
        break;
    case OPEN_FILE_PIPE_READ:
        pipe_close_read_end(file->pipe);
        process_wake_all(WAITING_PIPE, file->pipe);
        break;
    case OPEN_FILE_PIPE_WRITE:
        pipe_close_write_end(file->pipe);
        process_wake_all(WAITING_PIPE, file->pipe);
        break;
    case OPEN_FILE_CONSOLE:
        break;
    }
    if ((file->kind == OPEN_FILE_PIPE_READ || file->kind == OPEN_FILE_PIPE_WRITE) &&
        pipe_is_unused(file->pipe))
        pipe_used[file->pipe - pipes] = false;
}

static bool is_terminal_path(const char *path)
{
    static const char *const names[] = { "/dev/tty", "/dev/console" };
    for (unsigned n = 0; n < 2; n++) {
        const char *a = path, *b = names[n];
        while (*a != '\0' && *a == *b) {
            a++;
            b++;
        }
        if (*a == *b)
            return true;
    }
    return false;
}

/* ---- open, close, read, write, seek ------------------------------------------------------------ */

static int open_path(struct process *process, const char *path, size_t length, uint32_t flags)
{
    if (is_terminal_path(path))
        return install(process, OPEN_FILE_CONSOLE, flags, 0, NULL);
    uint32_t node;
    int found = ramfs_path_lookup(&posix_ramfs, process->cwd, path, length, &node);
    if (found == -KOITO_ENOENT && (flags & KOITO_O_CREAT) != 0) {
        struct ramfs_path_last last;
        int split = ramfs_path_split(&posix_ramfs, process->cwd, path, length, &last);
        if (split < 0)
            return split;
        if (last.trailing_slash)
            return -KOITO_EISDIR;
        int created = ramfs_create(&posix_ramfs, last.parent, last.name, last.length, &node);
        if (created < 0)
            return created;
    } else if (found < 0) {
        return found;
    } else if ((flags & (KOITO_O_CREAT | KOITO_O_EXCL)) == (KOITO_O_CREAT | KOITO_O_EXCL)) {
        return -KOITO_EEXIST;
    }

    struct ramfs_stat stat;
    int error = ramfs_stat(&posix_ramfs, node, &stat);
    if (error < 0)
        return error;
    uint32_t access = flags & KOITO_O_ACCMODE;
    if (stat.type == RAMFS_DIRECTORY) {
        if (access != KOITO_O_RDONLY)
            return -KOITO_EISDIR;
        return install(process, OPEN_FILE_RAMFS_DIRECTORY, flags, node, NULL);
    }
    if ((flags & KOITO_O_DIRECTORY) != 0)
        return -KOITO_ENOTDIR;
    if (access == KOITO_O_ACCMODE)
        return -KOITO_EINVAL;
    if ((flags & KOITO_O_TRUNC) != 0 && access != KOITO_O_RDONLY) {
        error = ramfs_truncate(&posix_ramfs, node, 0);
        if (error < 0)
            return error;
    }
    return install(process, OPEN_FILE_RAMFS_FILE, flags, node, NULL);
}

enum koito_reply_action posix_open_request(struct koito_server *server,
                                           struct koito_request *request)
{
    char path[KOITO_POSIX_PATH_MAX];
    uint32_t flags = (uint32_t)koito_message_word(request->message, 0);
    long length = read_path(request, 2, path, sizeof path);
    if (length < 0)
        return posix_reply(server, request, length, 0);
    return posix_reply(server, request, open_path(request->client, path, (size_t)length, flags),
                       0);
}

enum koito_reply_action posix_close_request(struct koito_server *server,
                                            struct koito_request *request)
{
    struct process *process = request->client;
    long fd = (long)koito_message_word(request->message, 0);
    if (fd < 0 || fd >= FD_TABLE_SIZE)
        return posix_reply(server, request, -KOITO_EBADF, 0);
    return posix_reply(server, request, fd_close(&process->fds, (int)fd), 0);
}

enum koito_reply_action posix_read_request(struct koito_server *server,
                                           struct koito_request *request)
{
    struct process *process = request->client;
    struct open_file *file;
    int error = file_of(request, &file);
    if (error < 0)
        return posix_reply(server, request, error, 0);
    if (!open_file_readable(file))
        return posix_reply(server, request, -KOITO_EBADF, 0);
    a9n_word_t count = koito_message_word(request->message, 1);
    if (count > KOITO_POSIX_DATA_MAX)
        count = KOITO_POSIX_DATA_MAX;

    long result;
    switch (file->kind) {
    case OPEN_FILE_RAMFS_FILE:
        result = (long)ramfs_read(&posix_ramfs, file->node, file->offset, data, count);
        if (result > 0)
            file->offset += (uint64_t)result;
        break;
    case OPEN_FILE_PIPE_READ:
        result = pipe_read(file->pipe, data, count);
        if (result == -KOITO_EAGAIN)
            return posix_reply_again(server, process, WAITING_PIPE, file->pipe);
        if (result > 0)
            process_wake_all(WAITING_PIPE, file->pipe);
        break;
    case OPEN_FILE_CONSOLE:
        result = terminal_read(process, data, count);
        if (result == -KOITO_EAGAIN)
            return posix_reply_again(server, process, WAITING_TERMINAL, NULL);
        break;
    case OPEN_FILE_RAMFS_DIRECTORY:
        result = -KOITO_EISDIR;
        break;
    default:
        result = -KOITO_EBADF;
        break;
    }
    unsigned words = 0;
    if (result > 0)
        words = koito_message_write_bytes(request->message, 1, data, (size_t)result);
    return posix_reply(server, request, result, words);
}

/* A write to a pipe nobody reads: EPIPE, and SIGPIPE ends the writer unless it ignores it. */
static enum koito_reply_action broken_pipe(struct koito_server *server,
                                           struct koito_request *request)
{
    struct process *process = request->client;
    process_signal(process, KOITO_SIGPIPE);
    if (process->state != PROCESS_LIVE)
        return KOITO_NO_REPLY;
    return posix_reply(server, request, -KOITO_EPIPE, 0);
}

enum koito_reply_action posix_write_request(struct koito_server *server,
                                            struct koito_request *request)
{
    struct process *process = request->client;
    struct open_file *file;
    int error = file_of(request, &file);
    if (error < 0)
        return posix_reply(server, request, error, 0);
    if (!open_file_writable(file))
        return posix_reply(server, request, -KOITO_EBADF, 0);
    a9n_word_t count = koito_message_word(request->message, 1);
    if (count > KOITO_POSIX_DATA_MAX ||
        !koito_message_read_bytes(request->message, request->length, 2, data, count))
        return posix_reply(server, request, -KOITO_EFAULT, 0);

    long result;
    switch (file->kind) {
    case OPEN_FILE_RAMFS_FILE: {
        if ((file->flags & KOITO_O_APPEND) != 0) {
            struct ramfs_stat stat;
            if (ramfs_stat(&posix_ramfs, file->node, &stat) == 0)
                file->offset = stat.size;
        }
        result = (long)ramfs_write(&posix_ramfs, file->node, file->offset, data, count);
        if (result > 0)
            file->offset += (uint64_t)result;
        break;
    }
    case OPEN_FILE_PIPE_WRITE:
        result = pipe_write(file->pipe, data, count);
        if (result == -KOITO_EAGAIN)
            return posix_reply_again(server, process, WAITING_PIPE, file->pipe);
        if (result == -KOITO_EPIPE)
            return broken_pipe(server, request);
        if (result > 0)
            process_wake_all(WAITING_PIPE, file->pipe);
        break;
    case OPEN_FILE_CONSOLE:
        result = terminal_write(data, count);
        break;
    case OPEN_FILE_RAMFS_DIRECTORY:
        result = -KOITO_EISDIR;
        break;
    default:
        result = -KOITO_EBADF;
        break;
    }
    return posix_reply(server, request, result, 0);
}

enum koito_reply_action posix_lseek_request(struct koito_server *server,
                                            struct koito_request *request)
{
    struct open_file *file;
    int error = file_of(request, &file);
    if (error < 0)
        return posix_reply(server, request, error, 0);
    long offset = (long)koito_message_word(request->message, 1);
    a9n_word_t whence = koito_message_word(request->message, 2);
    if (file->kind == OPEN_FILE_RAMFS_DIRECTORY) {
        /* Only a rewind: positions in a directory are readdir's, not bytes. */
        if (whence != 0 || offset != 0)
            return posix_reply(server, request, -KOITO_EINVAL, 0);
        file->offset = 0;
        return posix_reply(server, request, 0, 0);
    }
    if (file->kind != OPEN_FILE_RAMFS_FILE)
        return posix_reply(server, request, -KOITO_ESPIPE, 0);
    long base;
    if (whence == 0) {
        base = 0;
    } else if (whence == 1) {
        base = (long)file->offset;
    } else if (whence == 2) {
        struct ramfs_stat stat;
        error = ramfs_stat(&posix_ramfs, file->node, &stat);
        if (error < 0)
            return posix_reply(server, request, error, 0);
        base = (long)stat.size;
    } else {
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    }
    if ((offset < 0 && base + offset < 0) || (offset > 0 && base > (long)RAMFS_FILE_SIZE_MAX))
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    file->offset = (uint64_t)(base + offset);
    return posix_reply(server, request, base + offset, 0);
}

/* ---- descriptors and pipes ------------------------------------------------------------------- */

enum koito_reply_action posix_dup_request(struct koito_server *server,
                                          struct koito_request *request)
{
    struct process *process = request->client;
    long fd = (long)koito_message_word(request->message, 0);
    if (fd < 0 || fd >= FD_TABLE_SIZE)
        return posix_reply(server, request, -KOITO_EBADF, 0);
    return posix_reply(server, request, fd_dup(&process->fds, (int)fd), 0);
}

enum koito_reply_action posix_dup2_request(struct koito_server *server,
                                           struct koito_request *request)
{
    struct process *process = request->client;
    long fd = (long)koito_message_word(request->message, 0);
    long target = (long)koito_message_word(request->message, 1);
    if (fd < 0 || fd >= FD_TABLE_SIZE || target < 0 || target >= FD_TABLE_SIZE)
        return posix_reply(server, request, -KOITO_EBADF, 0);
    return posix_reply(server, request, fd_dup2(&process->fds, (int)fd, (int)target), 0);
}

enum koito_reply_action posix_pipe_request(struct koito_server *server,
                                           struct koito_request *request)
{
    struct process *process = request->client;
    unsigned index = 0;
    while (index < PIPES_MAX && pipe_used[index])
        index++;
    if (index == PIPES_MAX)
        return posix_reply(server, request, -KOITO_ENFILE, 0);
    struct pipe *pipe = &pipes[index];
    pipe_init(pipe);
    pipe_used[index] = true;
    int read_end = install(process, OPEN_FILE_PIPE_READ, KOITO_O_RDONLY, 0, pipe);
    if (read_end < 0) {
        pipe_used[index] = false;
        return posix_reply(server, request, read_end, 0);
    }
    int write_end = install(process, OPEN_FILE_PIPE_WRITE, KOITO_O_WRONLY, 0, pipe);
    if (write_end < 0) {
        /* The write end never existed: closing the read end frees the pipe. */
        pipe_close_write_end(pipe);
        fd_close(&process->fds, read_end);
        return posix_reply(server, request, write_end, 0);
    }
    koito_message_set_word(request->message, 1, (a9n_word_t)read_end);
    koito_message_set_word(request->message, 2, (a9n_word_t)write_end);
    return posix_reply(server, request, 0, 2);
}

/* ---- names and metadata ----------------------------------------------------------------------- */

static unsigned put_stat(struct koito_message *m, const struct ramfs_stat *stat)
{
    koito_message_set_word(m, 1, stat->type == RAMFS_DIRECTORY ? KOITO_POSIX_TYPE_DIRECTORY
                                                               : KOITO_POSIX_TYPE_FILE);
    koito_message_set_word(m, 2, stat->size);
    koito_message_set_word(m, 3, stat->node);
    koito_message_set_word(m, 4, stat->links);
    return KOITO_POSIX_STAT_WORDS;
}

enum koito_reply_action posix_stat_request(struct koito_server *server,
                                           struct koito_request *request)
{
    struct process *process = request->client;
    char path[KOITO_POSIX_PATH_MAX];
    long length = read_path(request, 0, path, sizeof path);
    if (length < 0)
        return posix_reply(server, request, length, 0);
    if (is_terminal_path(path)) {
        koito_message_set_word(request->message, 1, KOITO_POSIX_TYPE_TERMINAL);
        for (unsigned w = 2; w <= KOITO_POSIX_STAT_WORDS; w++)
            koito_message_set_word(request->message, w, 0);
        return posix_reply(server, request, 0, KOITO_POSIX_STAT_WORDS);
    }
    uint32_t node;
    struct ramfs_stat stat;
    int error = ramfs_path_lookup(&posix_ramfs, process->cwd, path, (size_t)length, &node);
    if (error == 0)
        error = ramfs_stat(&posix_ramfs, node, &stat);
    if (error < 0)
        return posix_reply(server, request, error, 0);
    return posix_reply(server, request, 0, put_stat(request->message, &stat));
}

enum koito_reply_action posix_fstat_request(struct koito_server *server,
                                            struct koito_request *request)
{
    struct open_file *file;
    int error = file_of(request, &file);
    if (error < 0)
        return posix_reply(server, request, error, 0);
    if (file->kind == OPEN_FILE_RAMFS_FILE || file->kind == OPEN_FILE_RAMFS_DIRECTORY) {
        struct ramfs_stat stat;
        error = ramfs_stat(&posix_ramfs, file->node, &stat);
        if (error < 0)
            return posix_reply(server, request, error, 0);
        return posix_reply(server, request, 0, put_stat(request->message, &stat));
    }
    bool terminal = file->kind == OPEN_FILE_CONSOLE;
    koito_message_set_word(request->message, 1,
                           terminal ? KOITO_POSIX_TYPE_TERMINAL : KOITO_POSIX_TYPE_PIPE);
    koito_message_set_word(request->message, 2, terminal ? 0 : file->pipe->count);
    koito_message_set_word(request->message, 3, 0);
    koito_message_set_word(request->message, 4, 1);
    return posix_reply(server, request, 0, KOITO_POSIX_STAT_WORDS);
}

/* Split `path` (from payload word `first`) into its parent and last name. */
static int split_path(struct koito_request *request, unsigned first, char *path, size_t size,
                      struct ramfs_path_last *last)
{
    struct process *process = request->client;
    long length = read_path(request, first, path, size);
    if (length < 0)
        return (int)length;
    return ramfs_path_split(&posix_ramfs, process->cwd, path, (size_t)length, last);
}

enum koito_reply_action posix_unlink_request(struct koito_server *server,
                                             struct koito_request *request)
{
    char path[KOITO_POSIX_PATH_MAX];
    struct ramfs_path_last last;
    int error = split_path(request, 0, path, sizeof path, &last);
    if (error == 0)
        error = ramfs_unlink(&posix_ramfs, last.parent, last.name, last.length);
    return posix_reply(server, request, error, 0);
}

enum koito_reply_action posix_mkdir_request(struct koito_server *server,
                                            struct koito_request *request)
{
    char path[KOITO_POSIX_PATH_MAX];
    struct ramfs_path_last last;
    uint32_t node;
    int error = split_path(request, 1, path, sizeof path, &last);
    if (error == 0)
        error = ramfs_mkdir(&posix_ramfs, last.parent, last.name, last.length, &node);
    return posix_reply(server, request, error, 0);
}

enum koito_reply_action posix_rmdir_request(struct koito_server *server,
                                            struct koito_request *request)
{
    char path[KOITO_POSIX_PATH_MAX];
    struct ramfs_path_last last;
    int error = split_path(request, 0, path, sizeof path, &last);
    if (error == 0)
        error = ramfs_rmdir(&posix_ramfs, last.parent, last.name, last.length);
    return posix_reply(server, request, error, 0);
}

enum koito_reply_action posix_rename_request(struct koito_server *server,
                                             struct koito_request *request)
{
    struct process *process = request->client;
    char from[KOITO_POSIX_PATH_MAX], to[KOITO_POSIX_PATH_MAX];
    unsigned from_words = (unsigned)koito_message_word(request->message, 0);
    if (from_words == 0 || from_words >= request->length)
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    if (!koito_message_read_string(request->message, request->length, 1, from_words, from,
                                   sizeof from))
        return posix_reply(server, request, -KOITO_ENAMETOOLONG, 0);
    long to_length = read_path(request, 1 + from_words, to, sizeof to);
    if (to_length < 0)
        return posix_reply(server, request, to_length, 0);
    size_t from_length = 0;
    while (from[from_length] != '\0')
        from_length++;
    struct ramfs_path_last source, target;
    int error = ramfs_path_split(&posix_ramfs, process->cwd, from, from_length, &source);
    if (error == 0)
        error = ramfs_path_split(&posix_ramfs, process->cwd, to, (size_t)to_length, &target);
    if (error == 0)
        error = ramfs_rename(&posix_ramfs, source.parent, source.name, source.length,
                             target.parent, target.name, target.length);
    return posix_reply(server, request, error, 0);
}

enum koito_reply_action posix_chdir_request(struct koito_server *server,
                                            struct koito_request *request)
{
    struct process *process = request->client;
    char path[KOITO_POSIX_PATH_MAX];
    long length = read_path(request, 0, path, sizeof path);
    if (length < 0)
        return posix_reply(server, request, length, 0);
    uint32_t node;
    struct ramfs_stat stat;
    int error = ramfs_path_lookup(&posix_ramfs, process->cwd, path, (size_t)length, &node);
    if (error == 0)
        error = ramfs_stat(&posix_ramfs, node, &stat);
    if (error == 0 && stat.type != RAMFS_DIRECTORY)
        error = -KOITO_ENOTDIR;
    if (error == 0) {
        ramfs_hold(&posix_ramfs, node);
        ramfs_release(&posix_ramfs, process->cwd);
        process->cwd = node;
    }
    return posix_reply(server, request, error, 0);
}

enum koito_reply_action posix_getcwd_request(struct koito_server *server,
                                             struct koito_request *request)
{
    struct process *process = request->client;
    char path[KOITO_POSIX_PATH_MAX];
    int length = ramfs_path_of(&posix_ramfs, process->cwd, path, sizeof path);
    if (length < 0)
        return posix_reply(server, request, length, 0);
    unsigned words = koito_message_write_bytes(request->message, 1, path, (size_t)length + 1);
    return posix_reply(server, request, length, words);
}

enum koito_reply_action posix_readdir_request(struct koito_server *server,
                                              struct koito_request *request)
{
    struct open_file *file;
    int error = file_of(request, &file);
    if (error < 0)
        return posix_reply(server, request, error, 0);
    if (file->kind != OPEN_FILE_RAMFS_DIRECTORY)
        return posix_reply(server, request, -KOITO_ENOTDIR, 0);
    struct ramfs_dirent entry;
    int found = ramfs_readdir(&posix_ramfs, file->node, &file->offset, &entry);
    if (found <= 0)
        return posix_reply(server, request, found, 0);
    struct koito_message *m = request->message;
    koito_message_set_word(m, 1, entry.node);
    koito_message_set_word(m, 2, entry.type == RAMFS_DIRECTORY ? KOITO_POSIX_TYPE_DIRECTORY
                                                               : KOITO_POSIX_TYPE_FILE);
    unsigned words = koito_message_write_bytes(m, 3, entry.name, (size_t)entry.name_length + 1);
    return posix_reply(server, request, 1, 2 + words);
}

enum koito_reply_action posix_isatty_request(struct koito_server *server,
                                             struct koito_request *request)
{
    struct open_file *file;
    int error = file_of(request, &file);
    if (error < 0)
        return posix_reply(server, request, error, 0);
    return posix_reply(server, request, file->kind == OPEN_FILE_CONSOLE ? 1 : -KOITO_ENOTTY, 0);
}

enum koito_reply_action posix_ftruncate_request(struct koito_server *server,
                                                struct koito_request *request)
{
    struct open_file *file;
    int error = file_of(request, &file);
    if (error < 0)
        return posix_reply(server, request, error, 0);
    long length = (long)koito_message_word(request->message, 1);
    if (length < 0)
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    if (file->kind != OPEN_FILE_RAMFS_FILE || !open_file_writable(file))
        return posix_reply(server, request, -KOITO_EINVAL, 0);
    return posix_reply(server, request, ramfs_truncate(&posix_ramfs, file->node, (uint64_t)length),
                       0);
}
