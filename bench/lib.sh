# Shared by the benchmark scripts (sourced: `. bench/lib.sh` from the project's root).

# The 1-minute load average, printed beside every figure (a figure means little without it).
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }

# A free TCP port on the loopback interface.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# bench_classpath [test]: sets TRUCE_BENCH_CP, unless it is set already, to this checkout's target/classes and its
# runtime dependencies; with "test", to its test classes, target/classes and their test-scope dependencies (for the
# benchmarks that use the tests' fakes of GitHub and git). Each scope keeps its own list of dependencies.
bench_classpath() {
    if [ -z "${TRUCE_BENCH_CP:-}" ]; then
        if [ "${1:-}" = test ]; then
            [ -d target/test-classes/dev ] || ./mvnw -q -B -DskipTests test-compile
            bench_cp_file=target/bench-test-classpath.txt
            bench_cp_classes="target/test-classes:target/classes"
        else
            [ -d target/classes ] || ./mvnw -q -B -DskipTests compile
            bench_cp_file=target/bench-classpath.txt
            bench_cp_classes="target/classes"
        fi
        [ -f "$bench_cp_file" ] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$bench_cp_file" \
            -Dmdep.includeScope="${1:-runtime}" > /dev/null
        TRUCE_BENCH_CP="$bench_cp_classes:$(cat "$bench_cp_file")"
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

# bench_conflicted_pairs SCRATCH PAIRS N OUT: writes to OUT the first N lines "OURS THEIRS" of the file PAIRS that git's
# own merge conflicts on (`git merge-tree`, git 2.38 or later; every line with ANY_MERGES=1), merging them in the git
# directory SCRATCH: merge-tree writes the trees it makes, so SCRATCH is a clone that borrows the repository's objects
# and nothing is written into the repository. Fails saying so when git cannot tell.
bench_conflicted_pairs() {
    : > "$4"
    bench_found=0
    while [ "$bench_found" -lt "$3" ] && read -r ours theirs; do
        bench_status=1
        if [ "${ANY_MERGES:-0}" != 1 ]; then
            bench_status=0
            git --git-dir="$1" merge-tree --write-tree --no-messages "$ours" "$theirs" > /dev/null 2>&1 \
                || bench_status=$?
        fi
        case $bench_status in
            0) continue ;; # merges cleanly: no job to do
            1) ;;          # conflicts
            *)
                echo "$0: git merge-tree --write-tree $ours $theirs failed (exit $bench_status): it needs git 2.38" \
                    "or later (ANY_MERGES=1 takes every merge without asking it)" >&2
                exit 1
                ;;
        esac
        echo "$ours $theirs" >> "$4"
        bench_found=$((bench_found + 1))
    done < "$2"
}

# bench_repo_merges REPO N: the class path (bench_classpath), REPO's git directory in gitdir, and in pairs a
# temporary file (removed on exit) of its newest N two-parent merges (bench_merge_pairs).
bench_repo_merges() {
    gitdir=$(git -C "$1" rev-parse --absolute-git-dir)
    bench_classpath
    pairs=$(mktemp)
    trap 'rm -f "$pairs"' EXIT
    bench_merge_pairs "$gitdir" "$2" "$pairs"
}

# variant_opts VARIANTS V: the JAVA_OPTS of the V-th (from 1) of the ';'-separated VARIANTS; "-" stands for none.
variant_opts() {
    opts=$(printf '%s' "$1" | cut -d';' -f"$2")
    [ "$opts" != "-" ] || opts=""
    printf '%s' "$opts"
}

# serve_workdir NAME: a new temporary directory in work for a benchmark of serve, removed on exit together with the
# serve that serve_start started last, if it still runs.
serve_workdir() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    pid=""
    trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$work"' EXIT
}

# variant_count VARIANTS: how many ';'-separated configurations VARIANTS has.
variant_count() { printf '%s' "$1" | awk -F';' '{print NF}'; }

# serve_start DIR OPTS COMMAND [ARG...]: starts `COMMAND serve ARG...` in DIR with JAVA_OPTS=OPTS on free loopback
# ports, its output in DIR/serve.log, and waits for its first /healthz 200 (polled every 100 ms, at most 120 s).
# Sets pid (the launcher), jvm (its JVM), port and ready_ms (from the start); prints the log's end and exits if it
# never becomes ready. COMMAND is split into words (a launcher with options of its own).
serve_start() {
    serve_dir=$1
    serve_opts=$2
    serve_command=$3
    shift 3
    port=$(free_port)
    serve_mport=$(free_port)
    serve_began=$(date +%s%N)
    # shellcheck disable=SC2086
    (cd "$serve_dir" && JAVA_OPTS="$serve_opts" exec $serve_command serve --port "$port" \
        --management.server.port="$serve_mport" "$@" > "$serve_dir/serve.log" 2>&1) &
    pid=$!
    ready_ms=""
    serve_polls=0
    while [ "$serve_polls" -lt 1200 ]; do
        if curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; then
            ready_ms=$(( ($(date +%s%N) - serve_began) / 1000000 ))
            break
        fi
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
        serve_polls=$((serve_polls + 1))
    done
    if [ -z "$ready_ms" ]; then
        echo "$0: truce serve did not become ready (JAVA_OPTS=$serve_opts); its log:" >&2
        tail -40 "$serve_dir/serve.log" >&2
        exit 1
    fi
    # The launcher execs java in the subshell, or runs it as a child: the JVM is that child if there is one.
    jvm=$(pgrep -P "$pid" java || echo "$pid")
}

# serve_stop: stops what serve_start started and waits for it.
serve_stop() {
    kill "$pid" 2> /dev/null || true
    kill "$jvm" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    # A launcher that forks java may be gone before its JVM: wait (at most 30 s) until the JVM has let go of its files
    # (H2's lock), for a next start in the same directory.
    serve_waits=0
    while kill -0 "$jvm" 2> /dev/null && [ "$serve_waits" -lt 300 ]; do
        sleep 0.1
        serve_waits=$((serve_waits + 1))
    done
    pid=""
}
