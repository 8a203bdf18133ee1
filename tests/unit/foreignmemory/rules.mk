# tests/unit/foreignmemory/rules.mk - libxenforeignmemory tests against the
# mocked kernel.
CHECK_PROGRAMS += $(BUILD)/tests/test_foreignmemory

$(BUILD)/tests/test_foreignmemory: tests/unit/foreignmemory/test_foreignmemory.c \
    tests/vxtest.h tests/xmtest.h mock/xenmock.h $(call objs_of,xenforeignmemory) \
    $(call objs_of,xentoollog) $(call objs_of,xentoolcore) $(COMMON_OBJS) $(MOCK_SEAM_OBJS)
	@mkdir -p $(@D)
	$(call mock_test_link,$@,$<,$(call objs_of,xenforeignmemory) $(call objs_of,xentoollog) $(call objs_of,xentoolcore))

# The same tests, on verixen's and Debian's shared libraries (conformance).
CHECK_PROGRAMS += $(BUILD)/tests/conformance-foreignmemory

$(BUILD)/tests/conf_foreignmemory: tests/unit/foreignmemory/test_foreignmemory.c tests/vxtest.h tests/xmtest.h $(MOCK_SHIM) $(SHARED)
	@mkdir -p $(@D)
	$(call conformance_link,$@,$<,-lxenforeignmemory -lxentoolcore -lxentoollog)

# Under ThreadSanitizer (the thread-safety claims of the header).
CHECK_PROGRAMS += $(BUILD)/tests/tsan-foreignmemory

$(BUILD)/tests/test_foreignmemory-tsan: tests/unit/foreignmemory/test_foreignmemory.c tests/vxtest.h tests/xmtest.h $(call srcs_of,xenforeignmemory) $(call srcs_of,xentoollog) $(call srcs_of,xentoolcore) $(COMMON_SRCS) $(MOCK_SRCS) $(MOCK_HEADERS) $(wildcard src/*/*.h include/*.h)
	@mkdir -p $(@D)
	$(call mock_test_link_tsan,$@,$<,$(call srcs_of,xenforeignmemory) $(call srcs_of,xentoollog) $(call srcs_of,xentoolcore) )
