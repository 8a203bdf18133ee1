# tests/interop/vchan/rules.mk - Debian's libxenvchan (and libxenstore, over
# the test xenstore daemon) on top of verixen's libxenevtchn/libxengnttab.
ifneq ($(wildcard /usr/include/libxenvchan.h),)
CHECK_PROGRAMS += tests/interop/vchan/vchan-pair
CHECK_DEPS     += $(BUILD)/tests/vchan_pair $(BUILD)/tests/test_xenstored

$(BUILD)/tests/test_xenstored: tests/interop/test_xenstored.c
	@mkdir -p $(@D)
	$(CC) -D_GNU_SOURCE -std=gnu11 -Wall -Wextra -Werror -o $@ $<

# Built against Debian's headers and libraries; at run time our lib/
# comes first on the library path for the verixen run.
$(BUILD)/tests/vchan_pair: tests/interop/vchan_pair.c $(MOCK_SHIM) $(SHARED)
	@mkdir -p $(@D)
	$(CC) -Imock -std=gnu11 -Wall -Wextra -Werror -o $@ $< \
	    -lxenvchan -lxenstore -lxentoollog \
	    -L$(BUILD)/lib -lxenmock -Wl,-rpath,$(abspath $(BUILD)/lib)
endif
