# The console driver's system test (tests/suites/36-console.sh): init, ULMM,
# the driver as the "console" service and, as the "posix" service, a
# program playing the POSIX server's side of the console protocol.
$(eval $(call koito_server,koito-test-console-peer,\
    tests/system/console/peer.c tests/system/koito/koito_test.c))

# name=program, or a program under its own name.
CONSOLE_TEST_MODULES := koito-init ulmm console=koito-console posix=koito-test-console-peer
$(BUILD)/images/console-test.img: $(foreach m,$(CONSOLE_TEST_MODULES),\
        $(BUILD)/programs/$(lastword $(subst =, ,$(m))).elf) $(MKBOOTARCHIVE)
	@mkdir -p $(dir $@)
	$(MKBOOTARCHIVE) $@ $(foreach m,$(CONSOLE_TEST_MODULES),\
	    $(firstword $(subst =, ,$(m)))=$(BUILD)/programs/$(lastword $(subst =, ,$(m))).elf)
IMAGES += $(BUILD)/images/console-test.img
