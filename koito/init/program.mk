# KOITO: the init server and ULMM (whose sources are in ulmm/), and the
# image `make run` boots: init, ULMM and the system services, the console
# driver and the POSIX server (koito/services.h), which starts /bin/sh.
KOITO_INIT_SRCS := $(wildcard koito/init/*.c)
ULMM_SERVER_SRCS := ulmm/slot_allocator.c ulmm/buddy.c ulmm/slab.c ulmm/kernel_interface.c \
    ulmm/records.c ulmm/request.c ulmm/service.c ulmm/server.c
$(eval $(call koito_server,koito-init,$(KOITO_INIT_SRCS)))
$(eval $(call koito_server,ulmm,$(ULMM_SERVER_SRCS)))
$(eval $(call boot_image,koito,koito-init ulmm console=koito-console posix=koito-posix))
