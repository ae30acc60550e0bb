/*
 * posix_spawn and posix_spawnp, their file actions and attributes, over
 * the POSIX server's SPAWN (docs/posix.md). A new program gets only fds
 * 0, 1 and 2, so the file actions are worked out here, in the parent,
 * into which of the parent's fds become the child's three: dup2 onto 0-2
 * and open onto 0-2 map one, close of 0-2 leaves one closed, close of any
 * other fd has nothing to do (the child never gets it). Every signal
 * starts at its default action in the child, so POSIX_SPAWN_SETSIGDEF is
 * always met; the other flag honoured is POSIX_SPAWN_SETPGROUP.
 */
#include "glue.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


enum file_action_kind { ACTION_DUP2, ACTION_CLOSE, ACTION_OPEN };

struct file_action {
    enum file_action_kind kind;
    int fd, target; /* dup2: fd onto target; close: fd; open: onto target */
    int flags;
    mode_t mode;
    char *path;
};

struct __posix_spawn_file_actions {
    unsigned count;
    struct file_action *actions;
};

struct __posix_spawnattr {
    short flags;
    pid_t group;
};

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *actions)
{
    *actions = calloc(1, sizeof **actions);
    return *actions != NULL ? 0 : ENOMEM;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *actions)
{
    for (unsigned i = 0; i < (*actions)->count; i++)
        free((*actions)->actions[i].path);
    free((*actions)->actions);
    free(*actions);
    *actions = NULL;
    return 0;
}

static int add_action(posix_spawn_file_actions_t *actions, struct file_action action)
{
    if (action.fd < 0 || action.target < 0)
        return EBADF;
    struct __posix_spawn_file_actions *list = *actions;
    struct file_action *grown = realloc(list->actions, (list->count + 1) * sizeof *grown);
    if (grown == NULL)
        return ENOMEM;
    list->actions = grown;
    list->actions[list->count++] = action;
    return 0;
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *actions, int fd, int target)
{
    return add_action(actions, (struct file_action){ ACTION_DUP2, fd, target, 0, 0, NULL });
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *actions, int fd)
{
    return add_action(actions, (struct file_action){ ACTION_CLOSE, fd, 0, 0, 0, NULL });
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict actions, int target,
                                     const char *restrict path, int flags, mode_t mode)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return ENOMEM;
    int error = add_action(actions, (struct file_action){ ACTION_OPEN, 0, target, flags, mode, copy });
    if (error != 0)
        free(copy);
    return error;
}

int posix_spawnattr_init(posix_spawnattr_t *attributes)
{
    *attributes = calloc(1, sizeof **attributes);
    return *attributes != NULL ? 0 : ENOMEM;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attributes)
{
    free(*attributes);
    *attributes = NULL;
    return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attributes, short flags)
{
    if (flags & ~(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        return EINVAL;
    (*attributes)->flags = flags;
    return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attributes, short *restrict flags)
{
    *flags = (*attributes)->flags;
    return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attributes, pid_t group)
{
    (*attributes)->group = group;
    return 0;
}

/* Every signal is at its default in a new program: the set has nothing to change. */
int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict attributes,
                                  const sigset_t *restrict signals)
{
    (void)attributes;
    (void)signals;
    return 0;
}

/* No signal is ever blocked (there are no handlers to hold signals back from). */
int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict attributes,
                               const sigset_t *restrict signals)
{
    (void)attributes;
    (void)signals;
    return 0;
}

/*
 * Which parent fd each of the child's 0, 1, 2 is (-1: closed), after the
 * file actions; fds the actions opened are in opened[] (closed again
 * after the spawn). 0, or an errno value.
 */
static int apply_actions(const posix_spawn_file_actions_t *actions, int map[3], int opened[],
                         unsigned *opened_count)
{
    for (int i = 0; i < 3; i++)
        map[i] = i;
    if (actions == NULL)
        return 0;
    const struct __posix_spawn_file_actions *list = *actions;
    for (unsigned i = 0; i < list->count; i++) {
        const struct file_action *action = &list->actions[i];
        int source;
        switch (action->kind) {
        case ACTION_CLOSE:
            if (action->fd < 3)
                map[action->fd] = -1;
            continue;
        case ACTION_DUP2:
            source = action->fd < 3 ? map[action->fd] : action->fd;
            if (source < 0)
                return EBADF;
            break;
        case ACTION_OPEN:
            source = open(action->path, action->flags, action->mode);
            if (source < 0)
                return errno;
            opened[(*opened_count)++] = source;
            break;
        default:
            return EINVAL;
        }
        /* Only 0, 1 and 2 reach the child. */
        if (action->target > 2)
            return ENOTSUP;
        map[action->target] = source;
    }
    return 0;
}

/* Packs NULL-terminated `strings` from byte `at` of the block; their count, or -1 (E2BIG). */
static long pack_strings(char *const strings[], char *block, size_t *at, size_t size)
{
    long count = 0;
    for (; strings != NULL && strings[count] != NULL; count++) {
        size_t length = strlen(strings[count]) + 1;
        if (length > size - *at)
            return -1;
        memcpy(block + *at, strings[count], length);
        *at += length;
    }
    return count;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path,
                const posix_spawn_file_actions_t *actions,
                const posix_spawnattr_t *restrict attributes, char *const arguments[restrict],
                char *const environment[restrict])
{
    static char block[KOITO_POSIX_SPAWN_MAX];
    int map[3], opened[64];
    unsigned opened_count = 0;
    if (actions != NULL && (*actions)->count > sizeof opened / sizeof opened[0])
        return E2BIG;
    size_t at = 0;
    long argc = pack_strings(arguments, block, &at, sizeof block);
    long envc = argc < 0 ? -1 : pack_strings(environment, block, &at, sizeof block);
    if (argc < 0 || envc < 0)
        return E2BIG;
    if (argc == 0)
        return EINVAL;
    int error = apply_actions(actions, map, opened, &opened_count);
    if (error == 0) {
        long group = -1; /* the caller's */
        if (attributes != NULL && ((*attributes)->flags & POSIX_SPAWN_SETPGROUP))
            group = (*attributes)->group;
        for (int i = 0; i < 3; i++)
            posix_set_word((unsigned)i, (a9n_word_t)map[i]);
        posix_set_word(3, (a9n_word_t)group);
        posix_set_word(5, (a9n_word_t)argc);
        posix_set_word(6, (a9n_word_t)envc);
        unsigned path_words = posix_put_path(7, path);
        unsigned string_words = path_words == 0 ? 0
                                : koito_message_write_bytes(&posix_message, 7 + path_words,
                                                            block, at);
        if (path_words == 0) {
            error = errno;
        } else if (string_words == 0) {
            error = E2BIG;
        } else {
            posix_set_word(4, path_words);
            long child = posix_call(KOITO_POSIX_SPAWN, 7 + path_words + string_words);
            if (child < 0)
                error = (int)-child;
            else if (pid != NULL)
                *pid = (pid_t)child;
        }
    }
    int saved = errno;
    while (opened_count > 0)
        close(opened[--opened_count]);
    errno = saved;
    return error;
}

/* posix_spawn, with a `file` without '/' looked up in $PATH (default /bin). */
int posix_spawnp(pid_t *restrict pid, const char *restrict file,
                 const posix_spawn_file_actions_t *actions,
                 const posix_spawnattr_t *restrict attributes, char *const arguments[restrict],
                 char *const environment[restrict])
{
    if (strchr(file, '/') != NULL)
        return posix_spawn(pid, file, actions, attributes, arguments, environment);
    const char *directories = getenv("PATH");
    if (directories == NULL || directories[0] == '\0')
        directories = "/bin";
    char path[KOITO_POSIX_PATH_MAX];
    int error = ENOENT;
    while (*directories != '\0') {
        size_t length = strcspn(directories, ":");
        if (length + 1 + strlen(file) < sizeof path) {
            memcpy(path, directories, length);
            path[length] = '/';
            strcpy(path + length + 1, file);
            error = posix_spawn(pid, path, actions, attributes, arguments, environment);
            if (error != ENOENT)
                return error;
        }
        directories += length + (directories[length] == ':');
    }
    return error;
}
