# KOITO system tests: KOITO init and ULMM booted with test programs as the
# other boot modules (tests/suites/35-koito.sh). Modules whose names share
# the part before '@' run at the same time (koito/init/main.c).
KOITO_TEST_COMMON := tests/system/koito/koito_test.c
$(foreach t,frames objects holder thief fault exhaust hostile,\
    $(eval $(call user_program,koito-test-$(t),tests/system/koito/$(t).c $(KOITO_TEST_COMMON))))
# Three instances: the first thread exits first, between and last (thread_exit.c).
$(eval $(call user_program,koito-test-thread-exit,tests/system/koito/thread_exit.c \
    tests/system/suite/process/exit_order.c $(KOITO_TEST_COMMON)))
# The example server of docs/server.md, tested in a thread of the test program.
$(eval $(call koito_server,koito-test-server-example,tests/system/koito/server_example.c \
    koito/examples/counter.c $(KOITO_TEST_COMMON)))

KOITO_TEST_MODULES := koito-init ulmm koito-test-frames koito-test-objects koito-test-server-example \
    owner@holder=koito-test-holder owner@thief=koito-test-thief \
    fault-page=koito-test-fault fault-exec=koito-test-fault \
    exhaust@1=koito-test-exhaust exhaust@2=koito-test-exhaust exhaust@3=koito-test-exhaust \
    quota@hostile=koito-test-hostile quota@neighbour=koito-test-hostile \
    thread-exit-first=koito-test-thread-exit thread-exit-between=koito-test-thread-exit \
    thread-exit-last=koito-test-thread-exit
$(eval $(call boot_image,koito-test,$(KOITO_TEST_MODULES)))
