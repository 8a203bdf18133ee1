# tests/unit/gnttab/rules.mk - libxengnttab tests against the mocked kernel.
CHECK_PROGRAMS += $(BUILD)/tests/test_gnttab

GNTTAB_TEST_LIBOBJS = $(call objs_of,xengnttab) $(call objs_of,xenevtchn) \
    $(call objs_of,xentoollog) $(call objs_of,xentoolcore)

$(BUILD)/tests/test_gnttab: tests/unit/gnttab/test_gnttab.c tests/vxtest.h mock/xenmock.h $(GNTTAB_TEST_LIBOBJS) $(COMMON_OBJS) $(MOCK_SEAM_OBJS)
	@mkdir -p $(@D)
	$(call mock_test_link,$@,$<,$(GNTTAB_TEST_LIBOBJS))

# The same tests, on verixen's and Debian's shared libraries (conformance).
CHECK_PROGRAMS += $(BUILD)/tests/shim-gnttab

$(BUILD)/tests/conf_gnttab: tests/unit/gnttab/test_gnttab.c tests/vxtest.h $(MOCK_SHIM) $(SHARED)
	@mkdir -p $(@D)
	$(call conformance_link,$@,$<,-lxengnttab -lxenevtchn -lxentoolcore -lxentoollog)
