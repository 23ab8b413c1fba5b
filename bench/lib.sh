# Shared by the benchmark scripts (sourced: `. bench/lib.sh` from the project's root).

# The 1-minute load average, printed beside every figure (a figure means little without it).
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }

# A free TCP port on the loopback interface.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Sets TRUCE_BENCH_CP to this checkout's target/classes and its runtime dependencies, unless it is set already.
bench_classpath() {
    if [ -z "${TRUCE_BENCH_CP:-}" ]; then
        [ -d target/classes ] || ./mvnw -q -B -DskipTests compile
        [ -f target/bench-classpath.txt ] || ./mvnw -q -B dependency:build-classpath \
            -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime > /dev/null
        TRUCE_BENCH_CP="target/classes:$(cat target/bench-classpath.txt)"
    fi
}

# bench_merge_pairs GITDIR N FILE: writes "OURS THEIRS" for the newest N two-parent merges reachable from HEAD;
# fails saying so when there are none.
bench_merge_pairs() {
    git --git-dir="$1" rev-list --merges --min-parents=2 --max-parents=2 -n "$2" HEAD \
        | while read -r m; do echo "$(git --git-dir="$1" rev-parse "$m^1" "$m^2" | tr '\n' ' ')"; done > "$3"
    if [ ! -s "$3" ]; then
        echo "$0: no two-parent merges reachable from HEAD in $1" >&2
        exit 1
    fi
}
