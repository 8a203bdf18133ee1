# bench/rules.mk - make bench: ours vs Debian's upstream libraries under the
# same LD_PRELOAD model (docs/PERFORMANCE.md).  Not part of make check.
.PHONY: bench
BENCH_LIBS := $(foreach l,xenevtchn xengnttab xencall xenforeignmemory xentoolcore,$(OUT)/lib$(l).so)

# mock/rules.mk is included after this fragment, so $(MOCK_SHIM) is still
# empty here: name the shim itself.
$(BUILD)/bench/bench: bench/bench.c tests/conformance/conformance.h $(BUILD)/lib/libxenmock.so $(BENCH_LIBS)
	@mkdir -p $(@D)
	$(call conformance_link,$@,$<,-lxenevtchn -lxengnttab -lxencall -lxenforeignmemory -lxentoolcore)

bench: $(BUILD)/bench/bench
	bench/run $(BUILD)/bench/bench
