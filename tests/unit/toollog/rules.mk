# tests/unit/toollog/rules.mk - libxentoollog tests.
CHECK_PROGRAMS += $(BUILD)/tests/test_toollog $(BUILD)/tests/toollog-diff-upstream

$(BUILD)/tests/test_toollog: tests/unit/toollog/test_toollog.c tests/vxtest.h tests/xmtest.h $(call objs_of,xentoollog)
	@mkdir -p $(@D)
	$(CC) $(VX_CPPFLAGS) -std=gnu11 -Wall -Wextra -Werror -g -o $@ $< $(call objs_of,xentoollog)

# The scenario program is compiled against the *system* header and linked
# with the system library, so that running it with LD_LIBRARY_PATH=lib
# swaps in ours: exactly what an existing binary experiences.
$(BUILD)/tests/xtl_scenarios: tests/unit/toollog/xtl_scenarios.c
	@mkdir -p $(@D)
	if [ -f /usr/include/xentoollog.h ]; then \
	    $(CC) -Wall -Wextra -Werror -I/usr/include -o $@ $< -lxentoollog; \
	else rm -f $@; fi

$(BUILD)/tests/toollog-diff-upstream: tests/unit/toollog/diff-upstream $(BUILD)/tests/xtl_scenarios $(OUT)/libxentoollog.so.1
	@mkdir -p $(@D)
	printf '#!/bin/sh\nexec "%s/tests/unit/toollog/diff-upstream" "%s" "%s"\n' \
	    "$(CURDIR)" "$(abspath $(BUILD)/tests/xtl_scenarios)" "$(abspath $(OUT))" > $@
	chmod +x $@
