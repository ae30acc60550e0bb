/* The app-info page init gives every program (abi/a9n/app_info.h, docs/koito.md). */
#include "init.h"

void koito_app_info_write(struct a9n_app_info *app, const struct a9n_init_info *info,
                          a9n_word_t pid, const char *name, unsigned root_radix,
                          uint32_t first_free_slot)
{
    *app = (struct a9n_app_info){
        .magic = A9N_APP_INFO_MAGIC,
        .pid = pid,
        .root_radix = root_radix,
        .first_free_slot = first_free_slot,
        .ipc_buffer = A9N_APP_IPC_BUFFER_ADDRESS,
        .stack_top = A9N_APP_STACK_TOP,
        .free_base = A9N_APP_FREE_BASE,
        .paging_levels = info->paging_levels,
        .page_bits = info->page_bits,
        .user_top = info->user_top,
        .console = info->console,
    };
    for (unsigned i = 0; i + 1 < A9N_APP_NAME_LENGTH && name[i] != '\0'; i++)
        app->name[i] = name[i];
}
