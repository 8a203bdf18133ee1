#!/usr/bin/env python3
"""specs/prove.py - the `make prove` driver (Frama-C 25 WP, why3 1.5.1).

Runs one Frama-C/WP analysis per *unit*, then gates on the results and
writes specs/STATUS.md.  Units:

  common:<name>     each specs/units/<name>.c: the src/common helpers
                    (vx_checked.h with its inline contracts, the
                    vx_guard.h macros expanded in small functions)
  lib<name>         every library whose src/<dir>/ holds .c files (= the
                    libraries `make` builds): all of src/<dir>/*.c except
                    linux.c (the OS layer, trusted through its contracts),
                    with specs/<lib>.acsl.h force-included
  model:<file>      each specs/models/*.c: model implementations proving
                    the trusted contracts satisfiable
  negative:<name>   each specs/negative/*.mut: a deliberate bug applied to
                    a copy of a real source; WP MUST fail to prove it

Gates (exit status 1 if any fails):
  - Frama-C exits 0 (parse errors, missing specs of called functions and
    implicit declarations abort the run);
  - every WP goal of every non-negative unit is proved, no smoke test fails;
  - every property of a called body-less function ("Considered valid") is
    of a function listed in specs/trusted.txt, or of a function exported by
    another library whose own unit proves it (fully: contract, RTE, smoke)
    in the same run ("proven in libX"; the providing unit is run on demand
    when --only left it out), and every trusted verixen function marked
    `model` has its model proven in a model unit;
  - every function exported by a built library (its lib*.map) has a
    contract written in specs/;
  - every negative unit fails on the expected goal.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPECS = os.path.join(ROOT, "specs")

LIBDIRS = [
    ("xentoollog", "toollog"),
    ("xentoolcore", "toolcore"),
    ("xenevtchn", "evtchn"),
    ("xengnttab", "gnttab"),
    ("xencall", "call"),
    ("xenforeignmemory", "foreignmemory"),
]

# Files of src/<dir>/ that are not analysed: the OS layer (linux.c) and the
# libc/ABI seam (seam.c: downcasts, malloc/free), whose functions are
# trusted through the contracts in specs/<lib>.acsl.h and have models.
UNPROVEN_SOURCES = {"linux.c", "seam.c"}

RTE_WARN = [
    "-warn-unsigned-overflow", "-warn-signed-overflow",
    "-warn-unsigned-downcast", "-warn-signed-downcast",
    "-warn-pointer-downcast",
    "-warn-left-shift-negative", "-warn-right-shift-negative",
]

KERNEL_ABORTS = [
    "-kernel-warn-key", "annot:missing-spec=abort",
    "-kernel-warn-key", "typing:implicit-function-declaration=abort",
]


class Unit:
    def __init__(self, name, kind, files, includes=(), incdirs=(),
                 exported=(), expect=None, lib=None, defines=()):
        self.name = name
        self.kind = kind            # common | lib | model | negative
        self.files = list(files)
        self.includes = list(includes)
        self.incdirs = list(incdirs)
        self.exported = list(exported)
        self.expect = expect        # negative: regex of a goal that must fail
        self.lib = lib
        # -D flags: a library's own unit (and its negative units) sees
        # -DVX_UNIT_<lib>, so a spec header may add the preconditions on
        # the library's internal state that only its own unit can state
        # (see specs/xentoolcore.acsl.h).
        self.defines = list(defines)
        self.rc = None
        self.seconds = 0.0
        self.goals = {}             # function -> [total, proved]
        self.failed_goals = []      # (function, goal name)
        self.smoke_failed = []      # (function, goal name)
        self.smoke_total = 0
        self.props = []             # CSV rows (dicts)
        self.hypotheses = []        # memory-model hypotheses WP assumed
        self.log = ""
        self.errors = []


def read_map(path):
    """Exported symbol names of a version script."""
    names = []
    with open(path) as f:
        text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    for block in re.finditer(r"global:(.*?)(?:local:|\})", text, re.S):
        for sym in block.group(1).split(";"):
            sym = sym.strip()
            if sym:
                names.append(sym)
    return names


def read_trusted(path):
    """specs/trusted.txt: `name kind reason...`; kind is model or libc."""
    trusted = {}
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split(None, 2)
            if len(parts) < 3 or parts[1] not in ("model", "libc"):
                sys.exit("specs/trusted.txt: bad line: %r" % line)
            trusted[parts[0]] = parts[1]
    return trusted


def exports_by_lib():
    """function -> library, for every lib*.map in the tree."""
    owner = {}
    for lib, d in LIBDIRS:
        mapfile = os.path.join(ROOT, "src", d, "lib%s.map" % lib)
        if os.path.exists(mapfile):
            for fn in read_map(mapfile):
                owner[fn] = lib
    return owner


def lib_unit(lib, d):
    """The unit of library `lib` (sources in src/<d>/), or None when the
    library is not built (no .c files)."""
    srcdir = os.path.join(ROOT, "src", d)
    if not os.path.isdir(srcdir):
        return None
    srcs = sorted(f for f in os.listdir(srcdir) if f.endswith(".c"))
    if not srcs:
        return None                 # not built (yet): nothing to prove
    spec = os.path.join(SPECS, lib + ".acsl.h")
    mapfile = os.path.join(srcdir, "lib%s.map" % lib)
    u = Unit("lib" + lib, "lib",
             [os.path.join(srcdir, f) for f in srcs
              if f not in UNPROVEN_SOURCES],
             includes=[os.path.join(SPECS, "vx_sys.acsl.h"), spec],
             incdirs=[srcdir],      # the library's private headers
             exported=read_map(mapfile), lib=lib,
             defines=["VX_UNIT_" + lib])
    if not os.path.exists(spec):
        u.errors.append("library %s is built but %s does not exist"
                        % (lib, os.path.relpath(spec, ROOT)))
    return u


def discover_units(args):
    units = [Unit("common:" + f[:-2], "common",
                  [os.path.join(SPECS, "units", f)],
                  includes=[os.path.join(SPECS, "vx_sys.acsl.h")])
             for f in sorted(os.listdir(os.path.join(SPECS, "units")))
             if f.endswith(".c")]
    for lib, d in LIBDIRS:
        u = lib_unit(lib, d)
        if u is not None:
            units.append(u)
    mdir = os.path.join(SPECS, "models")
    for f in sorted(os.listdir(mdir)):
        if f.endswith(".c"):
            units.append(Unit("model:" + f, "model", [os.path.join(mdir, f)],
                              incdirs=[os.path.join(ROOT, "src", d)
                                       for _, d in LIBDIRS]))
    ndir = os.path.join(SPECS, "negative")
    for f in sorted(os.listdir(ndir)):
        if f.endswith(".mut"):
            units.append(make_negative(os.path.join(ndir, f), args))
    if args.only:
        units = [u for u in units if re.search(args.only, u.name)]
    return units


def make_negative(path, args):
    """A .mut file names a real source, an exact text to replace (must
    occur exactly once, so a refactoring of the source cannot silently turn
    the test into a no-op), the replacement, the unit to analyse and a
    regex of the goal that must fail:

        source: src/common/vx_checked.h
        unit:   specs/units/common.c
        expect: vx_bytes_to_pages.*rte
        find:   <one line of text>
        replace: <one line of text>
    """
    fields = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or ":" not in line:
                continue
            k, v = line.split(":", 1)
            fields[k.strip()] = v.strip()
    name = os.path.basename(path)[:-4]
    u = Unit("negative:" + name, "negative", [], expect=fields.get("expect"))
    for k in ("source", "unit", "expect", "find", "replace"):
        if k not in fields:
            u.errors.append("%s: missing field %r" % (path, k))
            return u
    src = os.path.join(ROOT, fields["source"])
    with open(src) as f:
        text = f.read()
    if text.count(fields["find"]) != 1:
        u.errors.append("%s: text to mutate occurs %d times in %s (want 1)"
                        % (path, text.count(fields["find"]), fields["source"]))
        return u
    outdir = os.path.join(args.build, "negative", name)
    os.makedirs(outdir, exist_ok=True)
    mutated = os.path.join(outdir, os.path.basename(src))
    with open(mutated, "w") as f:
        f.write(text.replace(fields["find"], fields["replace"]))
    unit_file = os.path.join(ROOT, fields["unit"])
    if os.path.abspath(unit_file) == os.path.abspath(src):
        u.files = [mutated]
    else:
        # A mutated header shadows the real one: its directory comes first.
        u.files = [unit_file]
        u.incdirs = [outdir]
    u.includes = [os.path.join(SPECS, "vx_sys.acsl.h")]
    # A library source: analyse it with its library's spec header and its
    # private headers, exactly as in the library's own unit.
    for lib, d in LIBDIRS:
        srcdir = os.path.join(ROOT, "src", d)
        if os.path.dirname(src) == srcdir:
            u.includes.append(os.path.join(SPECS, lib + ".acsl.h"))
            u.incdirs.append(srcdir)
            u.defines.append("VX_UNIT_" + lib)
    return u


def frama_c_command(u, args, outbase):
    cpp = ["-D_GNU_SOURCE"] + ["-D" + d for d in u.defines]
    cpp += ["-I" + d for d in u.incdirs]
    cpp += ["-I" + os.path.join(ROOT, "include"),
            "-I" + os.path.join(ROOT, "src", "common"),
            "-I" + SPECS]
    # Frama-C preprocesses with -nostdinc and its own libc first; the Linux
    # UAPI and Xen public headers (<xen/*.h>, <linux/*.h>, <asm/*.h>) come
    # from the system include directories, searched only after it.
    cpp += ["-idirafter", "/usr/include"]
    if args.multiarch:
        cpp += ["-idirafter", "/usr/include/" + args.multiarch]
    for inc in u.includes:
        if os.path.exists(inc):
            cpp += ["-include", inc]
    cmd = [args.frama_c] + u.files + [
        "-cpp-extra-args=" + " ".join(cpp),
        "-no-unicode",
        # Only the library functions the code calls stay in the AST, so
        # every "Considered valid" row is a function really relied upon.
        "-remove-unused-specified-functions",
    ] + KERNEL_ABORTS + RTE_WARN + [
        "-wp", "-wp-rte", "-rte-no-pointer-call",
        # (-wp-literals, which exports the contents of string literals,
        # was tried for valid_read_string of literal formats: on the
        # toollog unit z3 4.8.12 then fails with "Unknown error" and cvc4
        # times out on those goals, and xtl_level_to_string's not_null
        # stops being proved; so it is not used.)
        "-wp-prover", args.provers,
        "-wp-par", str(args.par),
        "-wp-timeout", str(args.timeout),
        "-wp-smoke-tests",
        "-wp-check-memory-model",
        "-wp-report-json", outbase + ".wp.json",
        "-wp-cache", "update",
        "-wp-cache-dir", os.path.join(args.build, "wp-cache"),
        "-then", "-report-csv", outbase + ".csv",
    ]
    if args.steps:
        cmd[cmd.index("-wp-smoke-tests"):cmd.index("-wp-smoke-tests")] = [
            "-wp-steps", str(args.steps)]
    return cmd


def parse_csv(path):
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path) as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) >= len(header):
            rows.append(dict(zip(header, cols[:len(header) - 1] +
                                 ["\t".join(cols[len(header) - 1:])])))
        elif rows and line:
            rows[-1][header[-1]] += " " + line.strip()
    return rows


def run_unit(u, args):
    if u.errors:
        return
    outbase = os.path.join(args.build, "out", re.sub(r"[^\w.-]", "_", u.name))
    os.makedirs(os.path.dirname(outbase), exist_ok=True)
    for ext in (".wp.json", ".csv"):
        if os.path.exists(outbase + ext):
            os.remove(outbase + ext)
    cmd = frama_c_command(u, args, outbase)
    env = dict(os.environ, WHY3CONFIG=args.why3conf)
    t0 = time.time()
    p = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    u.seconds = time.time() - t0
    u.rc = p.returncode
    u.log = p.stdout
    with open(outbase + ".log", "w") as f:
        f.write(" ".join(cmd) + "\n\n" + p.stdout)
    if p.returncode != 0:
        u.errors.append("frama-c exited %d (log: %s.log)"
                        % (p.returncode, os.path.relpath(outbase, ROOT)))
        return
    try:
        with open(outbase + ".wp.json") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        u.errors.append("no WP report: %s" % e)
        return
    for fn, goals in report.get("wp:functions", {}).items():
        tot = u.goals.setdefault(fn, [0, 0])
        for gname, res in goals.items():
            if gname == "wp:section":
                continue
            main = res.get("wp:main", {})
            total, valid = main.get("total", 0), main.get("valid", 0)
            if "_wp_smoke_" in gname:
                # WP's JSON counts a *passed* smoke test as valid.
                u.smoke_total += total
                if valid < total:
                    u.smoke_failed.append((fn, gname))
                continue
            tot[0] += total
            tot[1] += valid
            if valid < total:
                u.failed_goals.append((fn, gname))
    u.props = parse_csv(outbase + ".csv")
    for m in re.finditer(r"Memory model hypotheses for function '(\w+)':"
                         r"(.*?)\*/", u.log, re.S):
        clauses = ["%s %s" % (k, re.sub(r"\s+", " ", c))
                   for k, c in re.findall(r"(requires|ensures)\s+(.*?);",
                                          m.group(2), re.S)]
        u.hypotheses.append((m.group(1), "; ".join(clauses)))


def unit_summary(u):
    t = sum(x[0] for x in u.goals.values())
    v = sum(x[1] for x in u.goals.values())
    return (" %4d/%-4d goals  smoke %d/%d  %5.1fs%s"
            % (v, t, u.smoke_total - len(u.smoke_failed), u.smoke_total,
               u.seconds, "  ERROR" if u.errors else ""))


def run_units(todo, args):
    """Analyse the units, args.jobs at a time (each one frama-c process
    with args.par provers), printing one line per unit in their order.
    Frama-C's own work - parsing, RTE, goal generation - is one thread per
    process, and with a warm cache it is most of a run, so on two cores
    two units at a time (each with one prover) take about half the wall
    time of one unit with two provers, for the same prover load."""
    if args.jobs <= 1:
        for u in todo:
            print("prove: %-32s" % u.name, end="", flush=True)
            run_unit(u, args)
            print(unit_summary(u), flush=True)
        return
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        running = [ex.submit(run_unit, u, args) for u in todo]
        for u, f in zip(todo, running):
            f.result()
            print("prove: %-32s%s" % (u.name, unit_summary(u)), flush=True)


def is_smoke_row(r):
    """A WP smoke test shows up in the property CSV as a `\\false`
    assertion at the statement it probes.  Its status is "Invalid or
    unreachable" when a prover refuted `\\false` there, i.e. confirmed the
    statement reachable: the smoke test PASSED (pass/fail of every smoke
    test is taken from the WP JSON report, not from here).  A `\\false`
    written by hand is an `assert` in the source line and is not this."""
    if r.get("property kind") != "user assertion" or \
            r.get("property", "").strip() != "\\false":
        return False
    try:
        with open(os.path.join(ROOT, r.get("directory", ""),
                               r.get("file", ""))) as f:
            line = f.read().split("\n")[int(r.get("line", "0")) - 1]
    except (OSError, ValueError, IndexError):
        return False
    return "assert" not in line


def row_ok(r):
    st = r.get("status", "")
    return st == "Valid" or (st == "Invalid or unreachable" and
                             is_smoke_row(r))


def proven_functions(u):
    """Every function with a body in library unit u that its run fully
    proved (exported or not: a library's spec header may name internal
    functions, e.g. the stdio logger's vtable entries that xtl_logger_ok
    lists, which a client unit then sees without their bodies)."""
    if u.kind != "lib" or u.errors or u.rc != 0:
        return set()
    bad = set(f for f, _ in u.failed_goals) | \
        set(f for f, _ in u.smoke_failed) | \
        set(r.get("function", "") for r in u.props
            if not row_ok(r) and r.get("status") != "Considered valid")
    return set(fn for fn in u.goals
               if u.goals[fn][0] > 0 and fn not in bad)


def cross_library(u, units):
    """{function: providing library} for the body-less functions u relies
    on that another library's unit proves in this run (exported functions
    by the export map, internal ones by having their body there)."""
    owner = exports_by_lib()
    provers = dict((v.lib, proven_functions(v)) for v in units
                   if v.kind == "lib")
    out = {}
    for r in u.props:
        fn = r.get("function", "")
        if r.get("status") != "Considered valid":
            continue
        libs = [owner[fn]] if fn in owner else sorted(provers)
        for lib in libs:
            if lib != u.lib and fn in provers.get(lib, ()):
                out[fn] = lib
                break
    return out


def needed_providers(units):
    """Library units not in this run that a lib unit of the run relies on
    (a called body-less function exported by that library)."""
    owner = exports_by_lib()
    have = set(u.lib for u in units if u.kind == "lib")
    need = []
    for u in units:
        if u.kind not in ("lib", "negative"):
            continue
        for r in u.props:
            fn = r.get("function", "")
            if r.get("status") == "Considered valid" and fn in owner and \
                    owner[fn] != u.lib and owner[fn] not in have:
                have.add(owner[fn])
                need.append(owner[fn])
    return need


def gate(units, trusted):
    problems = []
    proven_models = set()
    for u in units:
        if u.kind == "model" and not u.errors and not u.failed_goals \
                and not u.smoke_failed:
            proven_models.update(fn for fn, (t, v) in u.goals.items() if t)
    # Functions with a body in a library unit: a model unit may mention them
    # (a predicate naming a vtable entry's address) without relying on them;
    # their proof obligations belong to the library unit.
    lib_defined = set()
    for u in units:
        if u.kind == "lib":
            lib_defined.update(u.goals)
    for u in units:
        for e in u.errors:
            problems.append("%s: %s" % (u.name, e))
        if u.errors:
            continue
        if u.kind == "negative":
            hit = [g for f, g in u.failed_goals if re.search(u.expect, g)]
            if not hit:
                problems.append("%s: the deliberate bug was NOT caught (no "
                                "unproved goal matches %r)" % (u.name, u.expect))
            continue
        for fn, g in u.failed_goals:
            problems.append("%s: unproved goal %s" % (u.name, g))
        for fn, g in u.smoke_failed:
            problems.append("%s: smoke test failed (dead code or "
                            "inconsistent assumptions): %s" % (u.name, g))
        provided = cross_library(u, units) if u.kind == "lib" else {}
        for r in u.props:
            st = r.get("status", "")
            fn = r.get("function", "")
            if row_ok(r):
                continue
            if st == "Considered valid":
                # The Variadic plugin specialises each call of a variadic
                # libc function f into f_va_<n>, specified from f's format.
                if u.kind == "model" and fn in lib_defined:
                    continue
                if fn in provided:
                    continue        # proven in lib<provided[fn]>
                if re.sub(r"_va_\d+$", "", fn) not in trusted:
                    problems.append("%s: %s is trusted (body-less, "
                                    "'Considered valid') but not in "
                                    "specs/trusted.txt" % (u.name, fn))
                continue
            problems.append("%s: property of %s is '%s': %s"
                            % (u.name, fn, st, r.get("property", "")))
        if u.kind == "lib":
            for fn in u.exported:
                spec_rows = [r for r in u.props if r.get("function") == fn
                             and r.get("directory", "").startswith("specs")
                             and r.get("property kind") in
                             ("postcondition", "assigns clause",
                              "precondition")]
                if not spec_rows:
                    problems.append("%s: exported function %s has no "
                                    "contract in specs/" % (u.name, fn))
    for fn, kind in sorted(trusted.items()):
        if kind == "model" and fn not in proven_models and \
                any(u.kind == "model" for u in units):
            problems.append("trusted function %s has no proven model in "
                            "specs/models/" % fn)
    return problems


def write_status(units, problems, path, elapsed, args):
    out = []
    out.append("# Proof status (generated by `make prove`; do not edit)\n")
    out.append("Frama-C 25 WP + RTE, provers `%s`, `-wp-timeout %s`%s, "
               "`-wp-par %s`. Wall time of this run: %.0f s%s.\n"
               % (args.provers, args.timeout,
                  ", `-wp-steps %s`" % args.steps if args.steps else "",
                  args.par, elapsed,
                  " (partial run: %s)" % args.only if args.only else ""))
    out.append("Result: **%s**\n" % ("PASS" if not problems else
                                    "FAIL (%d problems)" % len(problems)))
    for u in units:
        exported = set(u.exported)
        out.append("\n## %s (%s, %.0f s)\n" % (u.name, u.kind, u.seconds))
        if u.kind == "negative":
            hit = [g for f, g in u.failed_goals
                   if u.expect and re.search(u.expect, g)]
            out.append("Deliberate bug; expected unproved goal `%s`: %s\n"
                       % (u.expect, "caught (%s)" % ", ".join(hit)
                          if hit else "**NOT CAUGHT**"))
            continue
        if u.errors:
            for e in u.errors:
                out.append("- ERROR: %s\n" % e)
            continue
        out.append("| function | exported | goals | proved | status |")
        out.append("|---|---|---|---|---|")
        names = sorted(set(u.goals) | exported)
        for fn in names:
            t, v = u.goals.get(fn, [0, 0])
            smoke = [g for f, g in u.smoke_failed if f == fn]
            if fn in exported and t == 0:
                st = "no goals"
            elif v == t and not smoke:
                st = "proved"
            else:
                st = "**UNPROVED**" if v < t else "**SMOKE FAILED**"
            out.append("| %s | %s | %d | %d | %s |"
                       % (fn, "yes" if fn in exported else "", t, v, st))
        t = sum(x[0] for x in u.goals.values())
        v = sum(x[1] for x in u.goals.values())
        out.append("| **total** | | %d | %d | smoke tests: %d, failed %d |\n"
                   % (t, v, u.smoke_total, len(u.smoke_failed)))
        provided = cross_library(u, units) if u.kind == "lib" else {}
        considered = sorted(set(r["function"] for r in u.props
                                if r.get("status") == "Considered valid"
                                and r["function"] not in provided))
        if considered:
            out.append("Trusted (body-less) functions used: %s\n"
                       % ", ".join("`%s`" % c for c in considered))
        if provided:
            out.append("Other libraries' functions used (body-less here): %s\n"
                       % ", ".join("`%s` (proven in lib%s)" % (f, provided[f])
                                   for f in sorted(provided)))
        if u.hypotheses:
            out.append("Memory-model hypotheses (separations WP's Typed model "
                       "assumes; with -wp-check-memory-model they are proved "
                       "at every call site inside the unit, so they remain "
                       "assumptions only about outside callers):\n")
            for fn, hyp in u.hypotheses:
                out.append("- `%s`: `%s`" % (fn, hyp))
            out.append("")
    if problems:
        out.append("\n## Problems\n")
        out.extend("- %s" % p for p in problems)
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def goal_timeout_entry(path):
    """True for a cached prover timeout of a proof goal.  WP answers a
    cached timeout from the cache as a timeout, and a timeout depends on
    the machine's load when it was recorded (on a shared 2-core machine a
    10 s budget can be 1-2 s of CPU), so such entries are never kept: a
    goal that is not proved is always tried again.  Smoke tests run with
    WP's short smoke budget (recorded as 2 s); their timeouts are the
    expected outcome and stay cached, or every run would spend that budget
    on hundreds of them again."""
    # (WP writes numbers like "10." that json.load refuses: read it by hand.)
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return False
    if not re.search(r'"verdict":\s*"timeout"', text):
        return False
    m = re.search(r'"time":\s*([0-9.]+)', text)
    return m is not None and float(m.group(1)) > SMOKE_TIMEOUT_CACHED


# The budget WP gives smoke tests, as it appears in cache entries.
SMOKE_TIMEOUT_CACHED = 2.0


def seed_cache(seed, cache):
    """Copy the committed WP/why3 cache (specs/wp-cache) into the build
    cache, without overwriting entries the build cache already has, drop
    goal timeouts (goal_timeout_entry), and mark every entry unread
    (atime 0, older than its mtime: on a relatime or strictatime mount the
    first read sets atime again)."""
    os.makedirs(cache, exist_ok=True)
    if seed and os.path.isdir(seed):
        for f in os.listdir(seed):
            dst = os.path.join(cache, f)
            if not os.path.exists(dst):
                shutil.copy2(os.path.join(seed, f), dst)
    for f in os.listdir(cache):
        p = os.path.join(cache, f)
        if goal_timeout_entry(p):
            os.remove(p)
            continue
        st = os.stat(p)
        os.utime(p, (0, st.st_mtime))


def export_cache(cache, dest, t0):
    """Replace dest (specs/wp-cache) by the cache entries this run read or
    wrote.  If the file system recorded no read at all (noatime), keep
    every entry rather than drop the ones read."""
    used = []
    for f in sorted(os.listdir(cache)):
        if goal_timeout_entry(os.path.join(cache, f)):
            continue
        st = os.stat(os.path.join(cache, f))
        if st.st_atime >= t0 - 1 or st.st_mtime >= t0 - 1:
            used.append(f)
    reads = [f for f in used
             if os.stat(os.path.join(cache, f)).st_mtime < t0 - 1]
    if not reads:
        used = sorted(os.listdir(cache))
    os.makedirs(dest, exist_ok=True)
    for f in os.listdir(dest):
        if f not in used:
            os.remove(os.path.join(dest, f))
    for f in used:
        shutil.copy2(os.path.join(cache, f), os.path.join(dest, f))
    return len(used)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frama-c", default="frama-c")
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "prove"))
    ap.add_argument("--provers", default="z3,cvc4")
    ap.add_argument("--par", type=int, default=2,
                    help="provers per frama-c process (-wp-par)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="units analysed at once (frama-c processes)")
    ap.add_argument("--timeout", type=int, default=10)
    ap.add_argument("--steps", type=int, default=0)
    ap.add_argument("--status", default="",
                    help="default specs/STATUS.md; build/prove/STATUS."
                    "partial.md for --only runs")
    ap.add_argument("--only", default="", help="regex of unit names")
    ap.add_argument("--cache-seed", default=os.path.join(SPECS, "wp-cache"),
                    help="committed prover cache copied into the build "
                    "cache first (so only changed goals are re-proved)")
    ap.add_argument("--cache-export", default="",
                    help="after the run, replace this directory by the "
                    "cache entries the run used (make prove-cache-update)")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    if not args.status:
        args.status = (os.path.join(args.build, "STATUS.partial.md")
                       if args.only else os.path.join(SPECS, "STATUS.md"))
    os.makedirs(args.build, exist_ok=True)
    args.why3conf = os.path.join(args.build, "why3.conf")
    try:
        args.multiarch = subprocess.run(
            ["gcc", "-print-multiarch"], stdout=subprocess.PIPE,
            universal_newlines=True).stdout.strip()
    except OSError:
        args.multiarch = ""
    if not os.path.exists(args.why3conf):
        subprocess.run(["why3", "config", "detect", "-C", args.why3conf],
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    trusted = read_trusted(os.path.join(SPECS, "trusted.txt"))
    t0 = time.time()
    seed_cache(args.cache_seed, os.path.join(args.build, "wp-cache"))
    units = discover_units(args)
    todo = list(units)
    while todo:
        run_units(todo, args)
        # A unit relies on another library's exported function, whose
        # unit --only left out: run that unit too ("in the same run").
        todo = [lib_unit(lib, d) for lib, d in LIBDIRS
                if lib in needed_providers(units)]
        todo = [u for u in todo if u is not None]
        units.extend(todo)
    problems = list(dict.fromkeys(gate(units, trusted)))
    elapsed = time.time() - t0
    write_status(units, problems, args.status, elapsed, args)
    for p in problems:
        print("prove: FAIL: " + p)
    if args.cache_export:
        n = export_cache(os.path.join(args.build, "wp-cache"),
                         os.path.abspath(args.cache_export), t0)
        print("prove: %d cache entries exported to %s"
              % (n, os.path.relpath(args.cache_export, ROOT)))
    print("prove: %s in %.0f s; status in %s"
          % ("PASS" if not problems else "FAIL", elapsed,
             os.path.relpath(args.status, ROOT)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
