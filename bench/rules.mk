# bench/rules.mk - make bench: ours vs Debian's upstream libraries under the
# same LD_PRELOAD model (docs/PERFORMANCE.md).  Not part of make check.
.PHONY: bench
BENCH_LIBS := $(foreach l,xenevtchn xengnttab xencall xenforeignmemory xentoolcore,$(OUT)/lib$(l).so)

# mock/rules.mk is included after this fragment, so $(MOCK_SHIM) is still
# empty here: name the shim itself.
$(BUILD)/bench/bench: bench/bench.c bench/bench_ops.h tests/conformance/conformance.h $(BUILD)/lib/libxenmock.so $(BENCH_LIBS)
	@mkdir -p $(@D)
	$(call conformance_link,$@,$<,-lxenevtchn -lxengnttab -lxencall -lxenforeignmemory -lxentoolcore)

bench: $(BUILD)/bench/bench
	bench/run $(BUILD)/bench/bench

# make bench-xen: the same hot operations timed on a real Xen (dom0 under
# ci/xen-qemu), ours, ours batched and upstream in one boot.  Not part of
# make check (timings; docs/PERFORMANCE.md "On a real Xen").
.PHONY: bench-xen
XEN_BENCH := $(BUILD)/bench/xen_bench
$(XEN_BENCH): bench/xen_bench.c bench/bench_ops.h $(BENCH_LIBS)
	@mkdir -p $(@D)
	$(CC) -D_GNU_SOURCE -Iinclude -D__XEN_TOOLS__ -std=gnu11 -Wall -Wextra -Werror -o $@ $< \
	    -L$(OUT) -lxenevtchn -lxengnttab -lxencall -ldl

bench-xen: all $(XEN_BENCH)
	ci/xen-qemu -t 900 -- bench/xen-run $(XEN_BENCH)
