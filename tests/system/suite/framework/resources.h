/* The runner's side of the per-test resources (see system_test.h). */
#ifndef SYSTEM_TEST_RESOURCES_H
#define SYSTEM_TEST_RESOURCES_H

#include <stdbool.h>

/* Find the Generic test Generics come from; false when there is none big enough. */
bool resources_init(void);

/* Before a test: make its Generic. */
bool resources_prepare_test(void);

/* After a test: destroy what it made and empty the slots it took. */
bool resources_reclaim_test(void);

#endif
