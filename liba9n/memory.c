/* Address Space, Page Table and Frame operations: arguments in the MRs docs/abi.md names. */
#include <liba9n/kernel_call.h>
#include <liba9n/memory.h>
#include <liba9n/node.h>

struct a9n_word_result a9n_address_space_missing_depth(a9n_word_t address_space,
                                                       a9n_word_t address)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_ADDRESS_SPACE_ARG_ADDRESS] = address;
    enum a9n_error error =
        a9n_capability_call(address_space, A9N_ADDRESS_SPACE_MISSING_DEPTH, mr);
    return (struct a9n_word_result){
        error, error == A9N_ERROR_NONE ? mr[A9N_ADDRESS_SPACE_RESULT_DEPTH] : 0
    };
}

enum a9n_error a9n_page_table_map(a9n_word_t table, a9n_word_t address_space,
                                  a9n_word_t address)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_PAGE_TABLE_ARG_ADDRESS_SPACE] = address_space;
    mr[A9N_PAGE_TABLE_ARG_ADDRESS] = address;
    return a9n_capability_call(table, A9N_PAGE_TABLE_MAP, mr);
}

enum a9n_error a9n_page_table_unmap(a9n_word_t table)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    return a9n_capability_call(table, A9N_PAGE_TABLE_UNMAP, mr);
}

enum a9n_error a9n_frame_map(a9n_word_t frame, a9n_word_t address_space, a9n_word_t address,
                             unsigned attributes)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_FRAME_ARG_ADDRESS_SPACE] = address_space;
    mr[A9N_FRAME_ARG_ADDRESS] = address;
    mr[A9N_FRAME_ARG_ATTRIBUTES] = attributes;
    return a9n_capability_call(frame, A9N_FRAME_MAP, mr);
}

enum a9n_error a9n_frame_unmap(a9n_word_t frame)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    return a9n_capability_call(frame, A9N_FRAME_UNMAP, mr);
}

struct a9n_word_result a9n_frame_physical_address(a9n_word_t frame)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    enum a9n_error error = a9n_capability_call(frame, A9N_FRAME_PHYSICAL_ADDRESS, mr);
    return (struct a9n_word_result){
        error, error == A9N_ERROR_NONE ? mr[A9N_FRAME_RESULT_PHYSICAL_ADDRESS] : 0
    };
}

enum a9n_error a9n_map_frame_building_tables(a9n_word_t address_space, a9n_word_t frame,
                                             a9n_word_t address, unsigned attributes,
                                             struct a9n_page_table_supply *tables)
{
    /* The kernel says which depth is missing; the shape of the tree stays its business. */
    for (;;) {
        struct a9n_word_result missing = a9n_address_space_missing_depth(address_space, address);
        if (missing.error != A9N_ERROR_NONE)
            return missing.error;
        if (missing.value == 0)
            break;
        if (tables->next >= tables->end)
            return A9N_ERROR_INDEX_OUT_OF_RANGE;
        enum a9n_error error = a9n_generic_convert(tables->generic, A9N_CAPABILITY_PAGE_TABLE,
                                                   missing.value, 1, tables->node, tables->next);
        if (error != A9N_ERROR_NONE)
            return error;
        error = a9n_page_table_map(a9n_descriptor_child(tables->node, tables->radix, tables->next),
                                   address_space, address);
        if (error != A9N_ERROR_NONE) {
            /* Give the slot back rather than leave an unmapped table the caller does not know of. */
            a9n_node_remove(tables->node, tables->next);
            return error;
        }
        tables->next++;
    }
    return a9n_frame_map(frame, address_space, address, attributes);
}
