# Host tests of Address Space, Page Table and Frame: the kernel's memory
# objects in the capability-core universe, over a software paging model.
# Deferred (=): CAP_TEST_COMMON comes from tests/host/cap/test.mk.
HOST_TESTS += memory
memory_SRCS = tests/host/memory/test_memory.c $(CAP_TEST_COMMON)
memory_CFLAGS := -Itests/host/cap
$(HOST_BUILD)/tests/memory: tests/host/cap/universe.h tests/host/cap/cap_test.h
