# abi-dumps/rules.mk - the ABI gate (abi-compliance-checker).
#
#   make abi-check               compare our ABI with Debian's Xen 4.17 and
#                                with every prior release dump
#   make release VERSION=x.y.z   refuse unless abi-check passes, then write
#                                abi-dumps/<lib>/x.y.z.dump for each library
.PHONY: abi-check release
abi-check: all
	abi-dumps/abi-check

release: all
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z"; exit 2; }
	abi-dumps/release "$(VERSION)"

# Both halves of the gate run in make check.
CHECK_PROGRAMS += abi-dumps/abi-check abi-dumps/abi-negative
