# The console driver (docs/console.md): a KOITO server init starts as the
# "console" service.
$(eval $(call koito_server,koito-console,$(wildcard koito/console/*.c)))
