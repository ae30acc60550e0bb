# The benchmark init (`make bench`): every tests/bench/*.c in one program.
$(eval $(call user_program,bench,$(wildcard tests/bench/*.c)))
$(eval $(call boot_image,bench,bench))
