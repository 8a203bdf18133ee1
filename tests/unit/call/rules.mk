# tests/unit/call/rules.mk - libxencall tests against the mocked kernel.
CHECK_PROGRAMS += $(BUILD)/tests/test_call

$(BUILD)/tests/test_call: tests/unit/call/test_call.c tests/vxtest.h tests/xmtest.h mock/xenmock.h \
    $(call objs_of,xencall) $(call objs_of,xentoollog) $(call objs_of,xentoolcore) \
    $(COMMON_OBJS) $(MOCK_SEAM_OBJS)
	@mkdir -p $(@D)
	$(call mock_test_link,$@,$<,$(call objs_of,xencall) $(call objs_of,xentoollog) $(call objs_of,xentoolcore))

# The same tests, on verixen's and Debian's shared libraries (conformance).
CHECK_PROGRAMS += $(BUILD)/tests/conformance-call

$(BUILD)/tests/conf_call: tests/unit/call/test_call.c tests/vxtest.h tests/xmtest.h $(MOCK_SHIM) $(SHARED)
	@mkdir -p $(@D)
	$(call conformance_link,$@,$<,-lxencall -lxentoolcore -lxentoollog)

# Under ThreadSanitizer (the thread-safety claims of the header).
CHECK_PROGRAMS += $(BUILD)/tests/tsan-call

$(BUILD)/tests/test_call-tsan: tests/unit/call/test_call.c tests/vxtest.h tests/xmtest.h $(call srcs_of,xencall) $(call srcs_of,xentoollog) $(call srcs_of,xentoolcore) $(COMMON_SRCS) $(MOCK_SRCS) $(MOCK_HEADERS) $(wildcard src/*/*.h include/*.h)
	@mkdir -p $(@D)
	$(call mock_test_link_tsan,$@,$<,$(call srcs_of,xencall) $(call srcs_of,xentoollog) $(call srcs_of,xentoolcore) )
