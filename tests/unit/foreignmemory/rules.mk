# tests/unit/foreignmemory/rules.mk - libxenforeignmemory tests against the
# mocked kernel.
CHECK_PROGRAMS += $(BUILD)/tests/test_foreignmemory

$(BUILD)/tests/test_foreignmemory: tests/unit/foreignmemory/test_foreignmemory.c \
    tests/vxtest.h mock/xenmock.h $(call objs_of,xenforeignmemory) \
    $(call objs_of,xentoollog) $(call objs_of,xentoolcore) $(COMMON_OBJS) $(MOCK_SEAM_OBJS)
	@mkdir -p $(@D)
	$(call mock_test_link,$@,$<,$(call objs_of,xenforeignmemory) $(call objs_of,xentoollog) $(call objs_of,xentoolcore))

# The same tests, on verixen's and Debian's shared libraries (conformance).
CHECK_PROGRAMS += $(BUILD)/tests/shim-foreignmemory

$(BUILD)/tests/conf_foreignmemory: tests/unit/foreignmemory/test_foreignmemory.c tests/vxtest.h $(MOCK_SHIM) $(SHARED)
	@mkdir -p $(@D)
	$(call conformance_link,$@,$<,-lxenforeignmemory -lxentoolcore -lxentoollog)
