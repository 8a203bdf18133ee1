# tests/unit/toolcore/rules.mk - libxentoolcore tests.
CHECK_PROGRAMS += $(BUILD)/tests/test_toolcore tests/unit/toolcore/interop-upstream-consumers

$(BUILD)/tests/test_toolcore: tests/unit/toolcore/test_toolcore.c tests/vxtest.h tests/xmtest.h $(call objs_of,xentoolcore) $(SYS_OBJ)
	@mkdir -p $(@D)
	$(CC) $(VX_CPPFLAGS) -std=gnu11 -Wall -Wextra -Werror -g -pthread -o $@ $< \
	    $(call objs_of,xentoolcore) $(SYS_OBJ)
