# tests/rules.mk - test programs shared by every library.
CHECK_PROGRAMS += $(BUILD)/tests/headers-check tests/abi-symbols tests/install-check tests/build-variants

$(BUILD)/tests/headers-check: tests/headers-check $(PUBLIC_HEADERS)
	@mkdir -p $(@D)
	printf '#!/bin/sh\ncd "%s" && exec tests/headers-check %s\n' "$(CURDIR)" "$(PUBLIC_HEADERS)" > $@
	chmod +x $@
