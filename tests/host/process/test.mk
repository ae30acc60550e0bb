# Host tests of processes, the scheduler and IPC bookkeeping: kernel objects
# in the capability-core universe over a fake thread-side HAL. Deferred (=):
# CAP_TEST_COMMON comes from tests/host/cap/test.mk.
HOST_TESTS += process
process_SRCS = tests/host/process/test_process.c $(CAP_TEST_COMMON)
process_CFLAGS := -Itests/host/cap -Itests/host/process
$(HOST_BUILD)/tests/process: tests/host/cap/universe.h tests/host/cap/cap_test.h \
    tests/host/process/fake_scheduling.h
