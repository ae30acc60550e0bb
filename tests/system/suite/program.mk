# The system-test suite: one test init built from the runner and every
# tests/system/suite/<area>/*.c, plus the architecture's part of an area
# (tests/system/suite/<area>/$(ARCH)/*.c: what C cannot express, the FP
# tests' register access and the isolation tests' trapping instructions),
# booted with extra modules that the init protocol must map and list.
SYSTEM_SUITE_SRCS := $(wildcard tests/system/suite/framework/*.c) \
    $(filter-out tests/system/suite/framework/%,$(wildcard tests/system/suite/*/*.c)) \
    $(wildcard tests/system/suite/*/$(ARCH)/*.c)
$(eval $(call user_program,system-suite,$(SYSTEM_SUITE_SRCS)))
$(eval $(call boot_image,system-test,system-suite hello))
