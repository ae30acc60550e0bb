# Host tests of processes, the scheduler and IPC bookkeeping: kernel objects
# in the capability-core universe over a fake thread-side HAL. Deferred (=):
# CAP_TEST_COMMON comes from tests/host/cap/test.mk.
HOST_TESTS += process
process_SRCS = tests/host/process/test_process.c $(CAP_TEST_COMMON)
process_CFLAGS := -Itests/host/cap -Itests/host/process
$(HOST_BUILD)/tests/process: tests/host/cap/universe.h tests/host/cap/cap_test.h \
    tests/host/process/fake_scheduling.h

# The scheduler and IPC half of the invariant checker, against broken states.
HOST_TESTS += thread_invariants
thread_invariants_SRCS = tests/host/process/test_thread_invariants.c $(CAP_TEST_COMMON)
thread_invariants_CFLAGS := -Itests/host/cap -Itests/host/process
$(HOST_BUILD)/tests/thread_invariants: tests/host/cap/universe.h tests/host/cap/cap_test.h \
    tests/host/process/fake_scheduling.h
