# mock/rules.mk - the mocked kernel.
#
# MOCK_SEAM_OBJS: link these instead of $(SYS_OBJ) to run a library
# in-process against the model (see mock/xenmock.h, docs/MOCK.md).
MOCK_SRCS      := $(filter-out mock/shim.c,$(wildcard mock/*.c))
MOCK_SEAM_OBJS := $(MOCK_SRCS:mock/%.c=$(BUILD)/mock/%.o)
MOCK_CFLAGS    := -Imock

$(BUILD)/mock/%.o: mock/%.c mock/model.h mock/xenmock.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(MOCK_CFLAGS) -MMD -MP -c -o $@ $<

# Link a library test: $(call mock_test_link,OUTPUT,SOURCES,LIBRARY-OBJECTS)
mock_test_link = $(CC) $(VX_CPPFLAGS) $(MOCK_CFLAGS) -std=gnu11 -Wall -Wextra -Werror -g -pthread -Itests \
    -o $(1) $(2) $(3) $(COMMON_OBJS) $(MOCK_SEAM_OBJS)
