# tests/unit/evtchn/rules.mk - libxenevtchn against the mocked kernel.
CHECK_PROGRAMS += $(BUILD)/tests/test_evtchn

EVTCHN_TEST_OBJS := $(call objs_of,xenevtchn) $(call objs_of,xentoolcore)

$(BUILD)/tests/test_evtchn: tests/unit/evtchn/test_evtchn.c tests/vxtest.h $(EVTCHN_TEST_OBJS) $(COMMON_OBJS) $(MOCK_SEAM_OBJS)
	@mkdir -p $(@D)
	$(call mock_test_link,$@,$<,$(EVTCHN_TEST_OBJS))
