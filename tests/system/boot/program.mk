# Boot tests: user programs the kernel starts directly from boot modules.
BOOT_TEST_PROGRAMS := hello fault_page fault_illegal fault_call fault_kernel_memory spinner finisher
$(foreach p,$(BOOT_TEST_PROGRAMS),$(eval $(call user_program,$(p),tests/system/boot/$(p).c)))
$(eval $(call boot_image,boot-test,$(BOOT_TEST_PROGRAMS)))
$(eval $(call boot_image,hello,hello))
