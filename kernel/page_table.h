/*
 * Page Table: one table of a user address space with a depth (1 = lowest,
 * up to levels - 1; the root is the Address Space). Mapped into an address
 * space once; removing its capability takes it out again.
 */
#ifndef KERNEL_PAGE_TABLE_H
#define KERNEL_PAGE_TABLE_H

#include <a9n/error.h>

#include "slot.h"

struct capability_message;

/* Page Table operations (enum a9n_page_table_operation) on `table`. */
enum a9n_error page_table_invoke(const struct slot *root, struct slot *table,
                                 struct capability_message *message);

/* object_type hook: a removed capability unmaps its table. */
void page_table_teardown(struct slot *capability, bool last);

#endif
