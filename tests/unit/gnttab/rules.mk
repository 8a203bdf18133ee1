# tests/unit/gnttab/rules.mk - libxengnttab tests against the mocked kernel.
CHECK_PROGRAMS += $(BUILD)/tests/test_gnttab

GNTTAB_TEST_LIBOBJS = $(call objs_of,xengnttab) $(call objs_of,xenevtchn) \
    $(call objs_of,xentoollog) $(call objs_of,xentoolcore)

$(BUILD)/tests/test_gnttab: tests/unit/gnttab/test_gnttab.c tests/vxtest.h tests/xmtest.h mock/xenmock.h $(GNTTAB_TEST_LIBOBJS) $(COMMON_OBJS) $(MOCK_SEAM_OBJS)
	@mkdir -p $(@D)
	$(call mock_test_link,$@,$<,$(GNTTAB_TEST_LIBOBJS))

# The same tests, on verixen's and Debian's shared libraries (conformance).
CHECK_PROGRAMS += $(BUILD)/tests/conformance-gnttab

$(BUILD)/tests/conf_gnttab: tests/unit/gnttab/test_gnttab.c tests/vxtest.h tests/xmtest.h $(MOCK_SHIM) $(SHARED)
	@mkdir -p $(@D)
	$(call conformance_link,$@,$<,-lxengnttab -lxenevtchn -lxentoolcore -lxentoollog)

# Under ThreadSanitizer (the thread-safety claims of the header).
CHECK_PROGRAMS += $(BUILD)/tests/tsan-gnttab

$(BUILD)/tests/test_gnttab-tsan: tests/unit/gnttab/test_gnttab.c tests/vxtest.h tests/xmtest.h $(call srcs_of,xengnttab) $(call srcs_of,xenevtchn) $(call srcs_of,xentoollog) $(call srcs_of,xentoolcore) $(COMMON_SRCS) $(MOCK_SRCS) $(MOCK_HEADERS) $(wildcard src/*/*.h include/*.h)
	@mkdir -p $(@D)
	$(call mock_test_link_tsan,$@,$<,$(call srcs_of,xengnttab) $(call srcs_of,xenevtchn) $(call srcs_of,xentoollog) $(call srcs_of,xentoolcore) )
