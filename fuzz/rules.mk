# fuzz/rules.mk - libFuzzer harnesses (docs/FUZZING.md).
#
#   make fuzz-smoke                   every target for FUZZ_SMOKE_SECONDS (10)
#                                     on its corpus, plus the negative harness
#   make fuzz FUZZ_SECONDS=N          every target for N seconds (default 60),
#   make fuzz FUZZ_RUNS=N             every target for N executions instead,
#                                     new inputs merged back into fuzz/corpus/
#   make fuzz-coverage                llvm-cov line coverage of src/ reached by
#                                     the corpora; fails under the floors below
#
# Everything is built with clang from sources into build/fuzz/: the library
# sources, src/common and the mocked kernel (the link-time seam), never the
# gcc objects of `make`.
FUZZ_CC        ?= clang
FUZZ_PROFDATA  ?= llvm-profdata
FUZZ_LLVMCOV   ?= llvm-cov
FUZZ_SECONDS   ?= 60
FUZZ_RUNS      ?=
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_TARGETS   := evtchn gnttab call foreignmemory toollog toolcore
FUZZ_NEGATIVE  := negative

FUZZ_DIR      := $(BUILD)/fuzz
FUZZ_WARN     := -Wall -Wextra -Werror -Wno-unused-command-line-argument
FUZZ_BASE     := -g -std=gnu11 $(VX_CPPFLAGS) -Imock -Itests -Ifuzz $(FUZZ_WARN)
# Sanitized build: what the fuzzers run.
FUZZ_SAN_FLAGS := $(FUZZ_BASE) -O1 -fno-omit-frame-pointer \
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
# Coverage build: replays the corpora for llvm-cov.
FUZZ_COV_FLAGS := $(FUZZ_BASE) -O0 -fprofile-instr-generate -fcoverage-mapping

FUZZ_LIB_SRCS := $(foreach l,$(ALL_LIBS),$(call srcs_of,$(l))) $(COMMON_SRCS)
# (mock/rules.mk is included after this file: MOCK_SRCS is not set yet.)
FUZZ_MOCK_SRCS := $(filter-out mock/shim.c,$(wildcard mock/*.c))
FUZZ_SRCS     := $(FUZZ_LIB_SRCS) $(FUZZ_MOCK_SRCS) fuzz/fuzz_common.c
FUZZ_HDRS     := $(wildcard src/*/*.h include/*.h mock/*.h fuzz/*.h)

fuzz_objs = $(patsubst %.c,$(FUZZ_DIR)/$(1)/%.o,$(FUZZ_SRCS))

$(FUZZ_DIR)/san/%.o: %.c $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_SAN_FLAGS) -c -o $@ $<

$(FUZZ_DIR)/cov/%.o: %.c $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_COV_FLAGS) -c -o $@ $<

FUZZ_BINS     := $(foreach t,$(FUZZ_TARGETS) $(FUZZ_NEGATIVE),$(FUZZ_DIR)/fuzz_$(t))
FUZZ_COV_BINS := $(foreach t,$(FUZZ_TARGETS),$(FUZZ_DIR)/cov_$(t))

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/san/fuzz/fuzz_%.o $(call fuzz_objs,san)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@.tmp $^ -lpthread
	mv $@.tmp $@

$(FUZZ_DIR)/cov_%: $(FUZZ_DIR)/cov/fuzz/fuzz_%.o $(call fuzz_objs,cov)
	$(FUZZ_CC) -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping -o $@.tmp $^ -lpthread
	mv $@.tmp $@

.PHONY: fuzz-build fuzz-smoke fuzz fuzz-coverage
fuzz-build: $(FUZZ_BINS)

fuzz-smoke: $(FUZZ_BINS)
	fuzz/run-fuzz smoke $(FUZZ_SMOKE_SECONDS) $(FUZZ_DIR) $(FUZZ_TARGETS)

fuzz: $(FUZZ_BINS)
	FUZZ_RUNS=$(FUZZ_RUNS) fuzz/run-fuzz long $(FUZZ_SECONDS) $(FUZZ_DIR) $(FUZZ_TARGETS)

fuzz-coverage: $(FUZZ_COV_BINS)
	fuzz/run-coverage $(FUZZ_DIR) $(FUZZ_TARGETS)

# In `make check`: the smoke run, one PASS:/FAIL: line per target, on a
# fixed seed and a fixed number of inputs (FUZZ_CHECK_RUNS, default 10000)
# so that it is reproducible; `make fuzz-smoke` and `make fuzz` explore.
CHECK_PROGRAMS += $(FUZZ_DIR)/fuzz-smoke
$(FUZZ_DIR)/fuzz-smoke: fuzz/rules.mk fuzz/run-fuzz $(FUZZ_BINS)
	printf '#!/bin/sh\ncd "%s" && FUZZ_SMOKE_RUNS="$${FUZZ_CHECK_RUNS:-10000}" exec fuzz/run-fuzz smoke "%s" %s %s\n' \
	    "$(CURDIR)" "$(FUZZ_SMOKE_SECONDS)" "$(FUZZ_DIR)" "$(FUZZ_TARGETS)" > $@
	chmod +x $@

# Keep the objects (make would delete them as intermediates).
.SECONDARY: $(call fuzz_objs,san) $(call fuzz_objs,cov) \
    $(foreach t,$(FUZZ_TARGETS) $(FUZZ_NEGATIVE),$(FUZZ_DIR)/san/fuzz/fuzz_$(t).o $(FUZZ_DIR)/cov/fuzz/fuzz_$(t).o)
