# tests/unit/mock/rules.mk - the mocked kernel's own front-end semantics.
CHECK_PROGRAMS += $(BUILD)/tests/test_mock

$(BUILD)/tests/test_mock: tests/unit/mock/test_mock.c tests/vxtest.h tests/xmtest.h $(COMMON_OBJS) $(MOCK_SEAM_OBJS)
	@mkdir -p $(@D)
	$(call mock_test_link,$@,$<,)
