/*
 * What init gives every program: the app-info page (abi/a9n/app_info.h,
 * docs/koito.md) and the spawner that builds it (koito/spawn.h).
 */
#include "init.h"

struct a9n_app_info koito_app_template(const struct a9n_init_info *info)
{
    return (struct a9n_app_info){
        .magic = A9N_APP_INFO_MAGIC,
        .root_radix = A9N_APP_ROOT_RADIX,
        .first_free_slot = A9N_APP_SLOT_FIRST_FREE,
        .ipc_buffer = A9N_APP_IPC_BUFFER_ADDRESS,
        .stack_top = A9N_APP_STACK_TOP,
        .free_base = A9N_APP_FREE_BASE,
        .paging_levels = info->paging_levels,
        .page_bits = info->page_bits,
        .user_top = info->user_top,
        .console = info->console,
    };
}

void koito_app_info_write(struct a9n_app_info *app, const struct a9n_init_info *info,
                          a9n_word_t pid, const char *name, unsigned root_radix,
                          uint32_t first_free_slot)
{
    *app = koito_app_template(info);
    app->pid = pid;
    app->root_radix = root_radix;
    app->first_free_slot = first_free_slot;
    for (unsigned i = 0; i + 1 < A9N_APP_NAME_LENGTH && name[i] != '\0'; i++)
        app->name[i] = name[i];
}

const struct koito_spawner *koito_init_spawner(const struct a9n_init_info *info,
                                               const struct ulmm_client *ulmm)
{
    static struct koito_spawner spawner;
    spawner = (struct koito_spawner){
        .ulmm = *ulmm,
        .root_radix = A9N_INIT_ROOT_RADIX,
        .os_port = koito_slot(KOITO_SLOT_OS_PORT),
        .ulmm_port = koito_slot(KOITO_SLOT_ULMM_PORT),
        .transfer_slot = KOITO_SLOT_TRANSFER,
        .window = koito_init_window(),
        .app_template = koito_app_template(info),
    };
    return &spawner;
}
