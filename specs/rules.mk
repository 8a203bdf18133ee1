# specs/rules.mk - formal proofs with Frama-C 25 WP (owner: prove).
#
#   make prove           prove every unit (src/common helpers, each built
#                        library, the models of trusted contracts) and check
#                        that each deliberate bug in specs/negative/ is
#                        caught; writes specs/STATUS.md; fails on any unproved
#                        goal, failed smoke test, untrusted "Considered valid"
#                        function or exported function without a contract.
#   make prove PROVE_ONLY=regex      only the units whose name matches
#   make prove-clean     forget the WP cache and outputs
#   make prove-cache-update   full run, then replace the committed prover
#                        cache specs/wp-cache by the entries the run used
#
# Needs frama-c (frama-c-base 25), why3 1.5.1, z3 and cvc4.  No Alt-Ergo on
# Debian 12: the driver runs `why3 config detect` into $(BUILD)/prove and
# uses z3,cvc4 only.  Proof results are cached in $(BUILD)/prove/wp-cache,
# seeded from the committed specs/wp-cache, so a fresh checkout (CI) only
# re-proves the goals that changed.
# Two units at a time, one prover each: on two cores that halves the wall
# time of a warm-cache run (Frama-C's goal generation is one thread).
PROVE_JOBS    ?= 2
PROVE_PAR     ?= 1
PROVE_TIMEOUT ?= 10
PROVE_ONLY    ?=
PROVE_ARGS    ?=

.PHONY: prove prove-clean prove-cache-update
prove:
	python3 specs/prove.py --build $(BUILD)/prove --jobs $(PROVE_JOBS) --par $(PROVE_PAR) \
	    --timeout $(PROVE_TIMEOUT) $(if $(PROVE_ONLY),--only '$(PROVE_ONLY)') \
	    $(PROVE_ARGS)

prove-clean:
	rm -rf $(BUILD)/prove

# Not restricted by PROVE_ONLY: the exported cache must cover every unit.
prove-cache-update:
	python3 specs/prove.py --build $(BUILD)/prove --jobs $(PROVE_JOBS) --par $(PROVE_PAR) \
	    --timeout $(PROVE_TIMEOUT) --cache-export specs/wp-cache \
	    $(PROVE_ARGS)

# In `make check`: the same run, as PASS:/FAIL:/SKIP: lines per unit
# (specs/check-prove; units still being proved are in specs/open-units.txt).
CHECK_PROGRAMS += $(BUILD)/tests/prove
$(BUILD)/tests/prove: specs/rules.mk specs/check-prove
	@mkdir -p $(@D)
	printf '#!/bin/sh\ncd "%s" && BUILD="%s" exec specs/check-prove\n' "$(CURDIR)" "$(BUILD)" > $@
	chmod +x $@
