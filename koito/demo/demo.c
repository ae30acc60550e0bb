/*
 * The program `make run` starts under KOITO: it asks ULMM for memory,
 * maps it, uses it, gives it back and says so.
 */
#include <a9n/paging.h>
#include <liba9n/app.h>
#include <liba9n/debug.h>
#include <liba9n/ulmm.h>

int main(void)
{
    const struct a9n_app_info *app = a9n_app_info();
    const struct ulmm_client *ulmm = ulmm_self();
    a9n_debug_puts("demo: hello from pid ");
    a9n_debug_put_unsigned(app->pid);
    a9n_debug_puts("\n");

    struct ulmm_result pages =
        ulmm_map(ulmm, 2, app->free_base, A9N_MAP_READ | A9N_MAP_WRITE, 0);
    if (pages.status != ULMM_STATUS_OK) {
        a9n_debug_puts("demo: ULMM said ");
        a9n_debug_puts(ulmm_status_name(pages.status));
        a9n_debug_puts("\n");
        a9n_app_exit(1);
    }
    char *text = (char *)app->free_base;
    const char message[] = "demo: four pages from ULMM, mapped and written\n";
    for (unsigned i = 0; i < sizeof(message); i++)
        text[i] = message[i];
    a9n_debug_puts(text);

    struct ulmm_statistics statistics = ulmm_statistics(ulmm);
    a9n_debug_puts("demo: ULMM has ");
    a9n_debug_put_unsigned(statistics.free_bytes);
    a9n_debug_puts(" bytes free; freeing my pages\n");
    a9n_app_exit(ulmm_free(ulmm, pages.handle) == ULMM_STATUS_OK ? 0 : 1);
}
