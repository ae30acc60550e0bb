# Host tests of ULMM's allocator cores. The buddy and slab tests run them
# against the real capability core (tests/host/cap's universe) standing in
# for the kernel, so they obey the kernel's own rules.
ULMM_CORE_SRCS := ulmm/slot_allocator.c ulmm/buddy.c ulmm/slab.c
# Deferred (=): CAP_TEST_COMMON comes from tests/host/cap/test.mk.
ULMM_TEST_COMMON = tests/host/ulmm/simulated_kernel.c tests/host/ulmm/ulmm_check.c \
    $(ULMM_CORE_SRCS) $(CAP_TEST_COMMON)
ULMM_TESTS := ulmm_slot_allocator ulmm_buddy ulmm_slab

HOST_TESTS += $(ULMM_TESTS)
ulmm_slot_allocator_SRCS := tests/host/ulmm/test_slot_allocator.c ulmm/slot_allocator.c
ulmm_buddy_SRCS = tests/host/ulmm/test_buddy.c $(ULMM_TEST_COMMON)
ulmm_slab_SRCS = tests/host/ulmm/test_slab.c $(ULMM_TEST_COMMON)
$(foreach t,$(ULMM_TESTS),$(eval $(t)_CFLAGS := -I. -Itests/host/cap))

$(addprefix $(HOST_BUILD)/tests/,$(ULMM_TESTS)): $(wildcard ulmm/*.h tests/host/ulmm/*.h) \
    tests/host/cap/universe.h

# The server's pure parts: request decoding and the per-client records.
HOST_TESTS += ulmm_records ulmm_request
ulmm_records_SRCS := tests/host/ulmm/test_records.c ulmm/records.c
ulmm_request_SRCS := tests/host/ulmm/test_request.c ulmm/request.c
ulmm_records_CFLAGS := -I.
ulmm_request_CFLAGS := -I. -Iliba9n/include
$(HOST_BUILD)/tests/ulmm_records $(HOST_BUILD)/tests/ulmm_request: $(wildcard ulmm/*.h) \
    liba9n/include/liba9n/ulmm.h

# The server's request handling (request.c, service.c, records.c) on the
# capability core: hostile clients, quotas, runs of frames in a Node.
HOST_TESTS += ulmm_service
ulmm_service_SRCS = tests/host/ulmm/test_service.c tests/host/ulmm/host_capability_call.c \
    ulmm/records.c ulmm/request.c ulmm/service.c liba9n/node.c liba9n/memory.c \
    $(ULMM_TEST_COMMON)
ulmm_service_CFLAGS := -I. -Itests/host/cap -Iliba9n/include
$(HOST_BUILD)/tests/ulmm_service: $(wildcard ulmm/*.h tests/host/ulmm/*.h) \
    liba9n/include/liba9n/ulmm.h tests/host/cap/universe.h
