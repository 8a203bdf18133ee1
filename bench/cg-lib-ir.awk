# cg-lib-ir.awk - instructions executed in the Xen libraries' own code,
# from one callgrind dump: the exclusive Ir of every function whose object
# is a libxen*.so other than the model (libxenmock.so).  Costs of calls
# (the line after "calls=") are inclusive and belong to the callee's own
# records, so they are skipped.
function obname(s,   id, rest) {
    if (match(s, /^\([0-9]+\)/)) {
        id = substr(s, 2, RLENGTH - 2)
        rest = substr(s, RLENGTH + 1)
        sub(/^ /, "", rest)
        if (rest != "")
            names[id] = rest
        return names[id]
    }
    return s
}
/^ob=/    { ob = obname(substr($0, 4)); next }
/^calls=/ { skip = 1; next }
/^[0-9+*-]/ {
    if (skip) { skip = 0; next }
    if (ob ~ /libxen[a-z]*\.so/ && ob !~ /libxenmock/)
        ir += $NF
    next
}
END { printf "%d\n", ir }
