/* System tests of the init protocol: the init info and the fixed slots. */
#include <a9n/ipc.h>
#include <a9n_arch.h>
#include <liba9n/node.h>

#include "../framework/system_test.h"

SYSTEM_TEST(init_info_is_complete)
{
    const struct a9n_init_info *info = system_test_init_info();
    CHECK(info != NULL);
    CHECK_EQUAL(info->version, A9N_INIT_INFO_VERSION);
    CHECK(info->kernel_version[0] != '\0');
    CHECK(info->arch[0] != '\0');
    CHECK(info->paging_levels >= 2 && info->paging_levels <= A9N_PAGING_MAX_LEVELS);
    CHECK_EQUAL(info->page_bits, A9N_ARCH_PAGE_BITS);
    for (unsigned d = 0; d < info->paging_levels; d++)
        CHECK(info->index_bits[d] > 0);
    CHECK_EQUAL(info->register_mrs, A9N_ARCH_REGISTER_MRS);
    CHECK_EQUAL(info->message_mrs, A9N_MESSAGE_MRS);
    CHECK(info->user_top > info->stack_top);
    CHECK(info->generic_count > 0);
    CHECK_EQUAL(info->node_radix[A9N_INIT_SLOT_GENERIC_NODE], 8);
}

SYSTEM_TEST(init_generics_cover_most_memory)
{
    const struct a9n_init_info *info = system_test_init_info();
    a9n_word_t total = 0;
    for (unsigned i = 0; i < info->generic_count; i++) {
        const struct a9n_init_generic *generic = &info->generics[i];
        CHECK(generic->size_bits >= A9N_ARCH_PAGE_BITS);
        CHECK_EQUAL(generic->base & ((1ul << generic->size_bits) - 1), 0);
        CHECK_EQUAL(generic->device, 0);
        total += 1ul << generic->size_bits;
    }
    /* Tests boot with at least 64 MiB: nearly all of it must be init's. */
    CHECK(total >= 48ul << 20);
}

SYSTEM_TEST(init_ipc_buffer_and_stack_are_writable)
{
    const struct a9n_init_info *info = system_test_init_info();
    volatile a9n_word_t *buffer = (volatile a9n_word_t *)info->ipc_buffer;
    buffer[A9N_MESSAGE_MRS - 1] = 0x5a5a;
    CHECK_EQUAL(buffer[A9N_MESSAGE_MRS - 1], 0x5a5a);
    volatile a9n_word_t local = 7;
    CHECK((a9n_word_t)&local < info->stack_top);
}

SYSTEM_TEST(init_fixed_slots_hold_their_capabilities)
{
    const a9n_word_t root = SYSTEM_TEST_ROOT;
    const a9n_word_t scratch = system_test_slot();
    /* Copying proves a slot is filled; slot 0 stays empty by protocol. */
    CHECK_EQUAL(a9n_node_copy(root, scratch, a9n_init_slot(A9N_INIT_SLOT_NONE)),
                A9N_ERROR_EMPTY_SLOT);
    static const enum a9n_init_slot filled[] = {
        A9N_INIT_SLOT_ROOT_NODE,       A9N_INIT_SLOT_PROCESS,    A9N_INIT_SLOT_ADDRESS_SPACE,
        A9N_INIT_SLOT_IPC_BUFFER,      A9N_INIT_SLOT_DEVICE_NODE, A9N_INIT_SLOT_PAGE_TABLE_NODE,
        A9N_INIT_SLOT_FRAME_NODE,      A9N_INIT_SLOT_MODULE_NODE, A9N_INIT_SLOT_GENERIC_NODE,
    };
    for (unsigned i = 0; i < sizeof(filled) / sizeof(filled[0]); i++) {
        CHECK_EQUAL(a9n_node_copy(root, scratch, a9n_init_slot(filled[i])), A9N_ERROR_NONE);
        CHECK_EQUAL(a9n_node_remove(root, scratch), A9N_ERROR_NONE);
    }
}
