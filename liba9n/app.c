/* The application capability interface from the program's side (docs/koito.md). */
#include <a9n/ipc.h>
#include <liba9n/app.h>
#include <liba9n/init.h>
#include <liba9n/ipc.h>

const struct a9n_app_info *a9n_app_info(void)
{
    const struct a9n_app_info *info = (const struct a9n_app_info *)a9n_start_argument();
    if (info == NULL || info->magic != A9N_APP_INFO_MAGIC)
        return NULL;
    return info;
}

_Noreturn void a9n_app_exit(unsigned status)
{
    const struct a9n_app_info *info = a9n_app_info();
    if (info != NULL) {
        a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
        mr[A9N_MR_INFO] = a9n_message_info(A9N_OS_EXIT, 1, 0);
        mr[A9N_MR_PAYLOAD] = status;
        /* Init destroys the caller while handling this: the call does not return. */
        a9n_ipc_call(a9n_app_slot(info, A9N_APP_SLOT_OS_PORT), mr);
    }
    a9n_thread_exit();
}
