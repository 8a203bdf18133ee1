# tests/xen/rules.mk - the real-Xen gate (ci/xen-qemu boots Debian's Xen
# 4.17 + Linux dom0 under QEMU/TCG).  `make check-xen`; .ci/run runs it
# after make check via `make check` (see CHECK_XEN below).
.PHONY: check-xen
XEN_SUITE := $(BUILD)/tests/xen_suite

$(XEN_SUITE): tests/xen/xen_suite.c $(SHARED)
	@mkdir -p $(@D)
	$(CC) -D_GNU_SOURCE -Iinclude -D__XEN_TOOLS__ -std=gnu11 -Wall -Wextra -Werror -o $@ $< \
	    -L$(OUT) -lxenevtchn -lxengnttab -lxencall -lxenforeignmemory -ldl

check-xen: all $(XEN_SUITE)
	tests/run-tests tests/xen/check-xen

# Part of make check (so .ci/run, which runs exactly the README's commands,
# runs it).  VX_SKIP_XEN=1 skips it visibly, for quick local runs.
CHECK_PROGRAMS += tests/xen/check-xen
CHECK_DEPS     += $(XEN_SUITE)
