# tests/interop/rules.mk - Debian's own clients on top of verixen.
ifneq ($(wildcard /usr/include/xenctrl.h),)
CHECK_PROGRAMS += tests/interop/xenctrl-on-verixen
CHECK_DEPS     += $(BUILD)/tests/xenctrl_client

# Built against Debian's headers and libxenctrl; at run time our lib/
# comes first on the library path.
$(BUILD)/tests/xenctrl_client: tests/interop/xenctrl_client.c $(MOCK_SHIM) $(SHARED)
	@mkdir -p $(@D)
	$(CC) -Imock -std=gnu11 -Wall -Wextra -Werror -o $@ $< -lxenctrl \
	    -L$(BUILD)/lib -lxenmock -Wl,-rpath,$(abspath $(BUILD)/lib)
endif

# Two processes as two domains on one shared model.
CHECK_PROGRAMS += tests/interop/two-domains
CHECK_DEPS     += $(BUILD)/tests/two_domains

$(BUILD)/tests/two_domains: tests/interop/two_domains.c $(MOCK_SHIM) $(SHARED)
	@mkdir -p $(@D)
	$(CC) -Iinclude -Imock -std=gnu11 -Wall -Wextra -Werror -o $@ $< \
	    -L$(OUT) -lxenevtchn -lxengnttab -L$(BUILD)/lib -lxenmock -Wl,-rpath,$(abspath $(BUILD)/lib)
