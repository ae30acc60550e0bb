# libFuzzer target for the capability core (tests/fuzz/capability_fuzz.c).
#   make fuzz        run for FUZZ_SECONDS, growing the corpus in the build dir
#   make fuzz-check  bounded 30-second run from the seed corpus; fails on any finding
# New corpus entries and crash artifacts go to $(FUZZ_BUILD), never into the repo.
FUZZ_SECONDS ?= 300
FUZZ_CHECK_SECONDS ?= 30
FUZZ_BUILD := $(HOST_BUILD)/fuzz
FUZZ_TARGET := $(FUZZ_BUILD)/capability_fuzz
FUZZ_SEEDS := tests/fuzz/corpus
FUZZ_SRCS := tests/fuzz/capability_fuzz.c tests/host/cap/universe.c kernel/slot.c kernel/node.c \
    kernel/generic.c kernel/derivation.c kernel/object.c kernel/capability_call.c \
    kernel/invariant.c kernel/invariant_threads.c kernel/address_space.c kernel/page_table.c \
    kernel/frame.c tests/host/memory/paging_model.c kernel/interrupt.c kernel/io_port.c \
    tests/host/interrupt/fake_devices.c kernel/process.c kernel/scheduler.c kernel/fpu.c \
    kernel/ipc_port.c kernel/notification_port.c kernel/message.c kernel/timer.c \
    tests/host/process/fake_scheduling.c
# A 256 KiB universe keeps the per-call snapshot and checks cheap.
FUZZ_CFLAGS := -std=c17 $(WARNINGS) -O1 -g -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all -DA9N_HOST_TEST -DUNIVERSE_ARENA_BITS=18 \
    -Iabi -Iabi/x86_64 -Ikernel -Ihal/include -Itests/host/cap -Itests/host/interrupt
FUZZ_FLAGS := -artifact_prefix=$(FUZZ_BUILD)/ -timeout=10 -print_final_stats=1

$(FUZZ_TARGET): $(FUZZ_SRCS) $(wildcard abi/a9n/*.h kernel/*.h tests/host/cap/*.h)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_SRCS)

.PHONY: fuzz fuzz-check
fuzz: $(FUZZ_TARGET)
	@mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZ_TARGET) $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_BUILD)/corpus $(FUZZ_SEEDS)

fuzz-check: $(FUZZ_TARGET)
	@rm -rf $(FUZZ_BUILD)/check-corpus
	@mkdir -p $(FUZZ_BUILD)/check-corpus
	$(FUZZ_TARGET) $(FUZZ_FLAGS) -max_total_time=$(FUZZ_CHECK_SECONDS) \
	    $(FUZZ_BUILD)/check-corpus $(FUZZ_SEEDS)
