# tests/unit/evtchn/rules.mk - libxenevtchn against the mocked kernel.
CHECK_PROGRAMS += $(BUILD)/tests/test_evtchn

EVTCHN_TEST_OBJS := $(call objs_of,xenevtchn) $(call objs_of,xentoolcore)

$(BUILD)/tests/test_evtchn: tests/unit/evtchn/test_evtchn.c tests/vxtest.h tests/xmtest.h $(EVTCHN_TEST_OBJS) $(COMMON_OBJS) $(MOCK_SEAM_OBJS)
	@mkdir -p $(@D)
	$(call mock_test_link,$@,$<,$(EVTCHN_TEST_OBJS))

# The same tests, on verixen's and Debian's shared libraries (conformance).
CHECK_PROGRAMS += $(BUILD)/tests/conformance-evtchn

$(BUILD)/tests/conf_evtchn: tests/unit/evtchn/test_evtchn.c tests/vxtest.h tests/xmtest.h $(MOCK_SHIM) $(OUT)/libxenevtchn.so $(OUT)/libxentoolcore.so
	@mkdir -p $(@D)
	$(call conformance_link,$@,$<,-lxenevtchn -lxentoolcore)

$(BUILD)/tests/conformance-%: $(BUILD)/tests/conf_%
	printf '#!/bin/sh\nexec tests/conformance/run-conformance %s\n' "$<" > $@
	chmod +x $@

# Under ThreadSanitizer (the thread-safety claims of xenevtchn.h).
CHECK_PROGRAMS += $(BUILD)/tests/tsan-evtchn

$(BUILD)/tests/test_evtchn-tsan: tests/unit/evtchn/test_evtchn.c tests/vxtest.h tests/xmtest.h $(call srcs_of,xenevtchn) $(call srcs_of,xentoolcore) $(COMMON_SRCS) $(MOCK_SRCS) $(MOCK_HEADERS) $(wildcard src/*/*.h include/*.h)
	@mkdir -p $(@D)
	$(call mock_test_link_tsan,$@,$<,$(call srcs_of,xenevtchn) $(call srcs_of,xentoolcore))
