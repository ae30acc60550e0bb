# Host tests of the capability core (nodes, derivation, Generic convert),
# and `make coverage`: branch coverage of the core from these tests.
CAP_CORE_SRCS := kernel/slot.c kernel/node.c kernel/generic.c kernel/derivation.c \
    kernel/object.c kernel/capability_call.c kernel/invariant.c kernel/invariant_threads.c \
    kernel/address_space.c kernel/page_table.c kernel/frame.c \
    kernel/interrupt.c kernel/io_port.c \
    kernel/process.c kernel/scheduler.c kernel/fpu.c kernel/ipc_port.c \
    kernel/notification_port.c kernel/message.c kernel/timer.c
# The object types' files call the HAL's paging: a software model stands in.
CAP_TEST_COMMON := tests/host/cap/universe.c tests/host/memory/paging_model.c \
    tests/host/interrupt/fake_devices.c tests/host/process/fake_scheduling.c $(CAP_CORE_SRCS)
CAP_TESTS := cap_node cap_generic cap_derivation

HOST_TESTS += $(CAP_TESTS)
cap_node_SRCS := tests/host/cap/test_node.c $(CAP_TEST_COMMON)
cap_generic_SRCS := tests/host/cap/test_generic.c $(CAP_TEST_COMMON)
cap_derivation_SRCS := tests/host/cap/test_derivation.c $(CAP_TEST_COMMON)
# The Debug capability exists only in a DEBUG=1 kernel: this test builds the core that way.
CAP_TESTS += cap_debug
HOST_TESTS += cap_debug
cap_debug_SRCS := tests/host/cap/test_debug.c $(CAP_TEST_COMMON) kernel/debug.c
cap_debug_CFLAGS := -DA9N_KERNEL_DEBUG

# The shared headers of these tests are not in the generic host_test rule.
$(addprefix $(HOST_BUILD)/tests/,$(CAP_TESTS)): tests/host/cap/universe.h tests/host/cap/cap_test.h

COVERAGE_BUILD := $(HOST_BUILD)/coverage
COVERAGE_FLAGS := -fprofile-instr-generate -fcoverage-mapping
LLVM_PROFDATA ?= llvm-profdata-14
LLVM_COV ?= llvm-cov-14

$(COVERAGE_BUILD)/%: tests/host/cap/test_%.c $(CAP_TEST_COMMON) tests/host/cap/universe.h \
        tests/host/cap/cap_test.h $(wildcard abi/a9n/*.h kernel/*.h)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -O0 -DA9N_HOST_TEST -Itests/host $(COVERAGE_FLAGS) -o $@ \
	    $< $(CAP_TEST_COMMON) -lcmocka

.PHONY: coverage
coverage: $(addprefix $(COVERAGE_BUILD)/,node generic derivation)
	@rm -f $(COVERAGE_BUILD)/*.profraw
	@set -e; for t in $^; do LLVM_PROFILE_FILE=$$t.profraw $$t >/dev/null 2>&1; done
	@$(LLVM_PROFDATA) merge -o $(COVERAGE_BUILD)/cap.profdata $(COVERAGE_BUILD)/*.profraw
	@$(LLVM_COV) report $(firstword $^) $(addprefix -object ,$(wordlist 2,9,$^)) \
	    -instr-profile=$(COVERAGE_BUILD)/cap.profdata $(filter-out kernel/invariant%,$(CAP_CORE_SRCS))
