# The minimal boot test (also what `make run` boots for now): hello as init.
$(eval $(call user_program,hello,tests/system/boot/hello.c))
$(eval $(call boot_image,hello,hello))
$(eval $(call boot_image,boot-test,hello))
