# tests/xen/rules.mk - the real-Xen gate (ci/xen-qemu boots Debian's Xen
# 4.17 + Linux dom0 under QEMU/TCG).  `make check-xen`; .ci/run runs it
# after make check via `make check` (see CHECK_XEN below).
.PHONY: check-xen
XEN_SUITE := $(BUILD)/tests/xen_suite

$(XEN_SUITE): tests/xen/xen_suite.c $(SHARED)
	@mkdir -p $(@D)
	$(CC) -D_GNU_SOURCE -Iinclude -D__XEN_TOOLS__ -std=gnu11 -Wall -Wextra -Werror -o $@ $< \
	    -L$(OUT) -lxenevtchn -lxengnttab -lxencall -lxenforeignmemory -ldl

# Debian's libxenvchan as a server/client pair in dom0.
VCHAN_PAIR := $(BUILD)/tests/xen_vchan_pair
$(VCHAN_PAIR): tests/xen/xen_vchan_pair.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -Wall -Wextra -Werror -o $@ $< -lxenvchan

# A PV domU (static, on our archives) and dom0's side of its exchange.
DOMU_PEER := $(BUILD)/tests/domu_peer
DOMU_DOM0 := $(BUILD)/tests/domu_dom0
$(DOMU_PEER): tests/xen/domu_peer.c $(STATIC)
	@mkdir -p $(@D)
	$(CC) -static -Iinclude -std=gnu11 -Wall -Wextra -Werror -o $@ $< \
	    $(OUT)/libxengnttab.a $(OUT)/libxenevtchn.a $(OUT)/libxentoolcore.a $(OUT)/libxentoollog.a -lpthread
$(DOMU_DOM0): tests/xen/domu_dom0.c $(SHARED)
	@mkdir -p $(@D)
	$(CC) -Iinclude -std=gnu11 -Wall -Wextra -Werror -o $@ $< -L$(OUT) -lxengnttab -lxenevtchn

XEN_PROGRAMS := $(XEN_SUITE) $(VCHAN_PAIR) $(DOMU_PEER) $(DOMU_DOM0)
check-xen: all $(XEN_PROGRAMS)
	tests/run-tests tests/xen/check-xen

# Part of make check (so .ci/run, which runs exactly the README's commands,
# runs it).  VX_SKIP_XEN=1 skips it visibly, for quick local runs.
CHECK_PROGRAMS += tests/xen/check-xen
CHECK_DEPS     += $(XEN_PROGRAMS)
