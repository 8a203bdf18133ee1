# mock/rules.mk - the mocked kernel.
#
# MOCK_SEAM_OBJS: link these instead of $(SYS_OBJ) to run a library
# in-process against the model (see mock/xenmock.h, docs/MOCK.md).
# MOCK_SHIM: the LD_PRELOAD front end, libxenmock.so, for unmodified
# binaries (Debian's libraries, real clients, verixen's shared libraries).
MOCK_SRCS      := $(filter-out mock/shim.c,$(wildcard mock/*.c))
MOCK_SEAM_OBJS := $(MOCK_SRCS:mock/%.c=$(BUILD)/mock/%.o)
MOCK_SHIM_OBJS := $(MOCK_SRCS:mock/%.c=$(BUILD)/mock/shim/%.o) $(BUILD)/mock/shim/shim.o
MOCK_SHIM      := $(BUILD)/lib/libxenmock.so
MOCK_CFLAGS    := -Imock -Itests
MOCK_HEADERS   := $(wildcard mock/*.h)

$(BUILD)/mock/%.o: mock/%.c $(MOCK_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(MOCK_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/mock/shim/%.o: mock/%.c $(MOCK_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(MOCK_CFLAGS) -DXM_SHIM -fvisibility=default -MMD -MP -c -o $@ $<

$(MOCK_SHIM): $(MOCK_SHIM_OBJS)
	@mkdir -p $(@D)
	$(CC) -shared -fPIC -o $@ $^ -ldl -lpthread

# Link a library test: $(call mock_test_link,OUTPUT,SOURCES,LIBRARY-OBJECTS)
mock_test_link = $(CC) $(VX_CPPFLAGS) $(MOCK_CFLAGS) -std=gnu11 -Wall -Wextra -Werror -g -pthread \
    -o $(1) $(2) $(3) $(COMMON_OBJS) $(MOCK_SEAM_OBJS)

# Link a conformance build of a library test against the public shared
# libraries and the shim: $(call conformance_link,OUTPUT,SOURCES,-lLIBS)
conformance_link = $(CC) $(VX_CPPFLAGS) $(MOCK_CFLAGS) -DVX_CONFORMANCE -std=gnu11 -Wall -Wextra -Werror -g -pthread \
    -o $(1) $(2) -L$(OUT) $(3) -L$(BUILD)/lib -lxenmock -Wl,-rpath,$(abspath $(BUILD)/lib) -ldl

# ThreadSanitizer build of a library test, compiled from sources in one go:
# $(call mock_test_link_tsan,OUTPUT,TEST-SOURCE,LIBRARY-SOURCES)
mock_test_link_tsan = $(CC) $(VX_CPPFLAGS) $(MOCK_CFLAGS) -std=gnu11 -g -O1 -fsanitize=thread -pthread \
    -o $(1) $(2) $(3) $(COMMON_SRCS) $(MOCK_SRCS)

# The runnable wrapper: any TSan report fails the test that caused it.
$(BUILD)/tests/tsan-%: $(BUILD)/tests/test_%-tsan
	printf '#!/bin/sh\nTSAN_OPTIONS="halt_on_error=1 exitcode=66 $$TSAN_OPTIONS" exec %s "$$@"\n' "$<" > $@
	chmod +x $@

# Our shared libraries under the shim only (suites whose upstream run is
# not triaged yet; see docs/DIFFERENCES.md).
$(BUILD)/tests/shim-%: $(BUILD)/tests/conf_%
	printf '#!/bin/sh\nexec tests/conformance/run-conformance %s verixen-only\n' "$<" > $@
	chmod +x $@
