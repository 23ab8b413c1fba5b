#!/bin/sh
# The live memory one running job holds: K jobs (K = 1 2 4 by default) run the engine's work of a pull request at
# once on N two-parent merges of a repository (merge, conflict models, strategies, in-process checks; no model, no
# build) and are measured at their end against the same process's heap before them (see bench/JobMemory.java).
# The last line is median_live_mib_per_job=M at the highest concurrency.
#
#   bench/job-memory.sh REPO [N [K...]]   REPO: any local repository, bare or not; N: merges (default 12)
# Settings (environment): JAVA_OPTS for the JVM (default: the serial collector and first JIT tier, as `truce serve`),
#   TRUCE_BENCH_CP a class path to use instead of this checkout's target/classes and its dependencies.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 REPO [N [K...]]" >&2
    exit 2
fi
repo=$1
n=${2:-12}
[ $# -ge 2 ] && shift 2 || shift 1
cd "$(dirname "$0")/.."
gitdir=$(git -C "$repo" rev-parse --absolute-git-dir)
if [ -z "${TRUCE_BENCH_CP:-}" ]; then
    [ -d target/classes ] || ./mvnw -q -B -DskipTests compile
    [ -f target/bench-classpath.txt ] || ./mvnw -q -B dependency:build-classpath \
        -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime > /dev/null
    TRUCE_BENCH_CP="target/classes:$(cat target/bench-classpath.txt)"
fi
pairs=$(mktemp)
trap 'rm -f "$pairs"' EXIT
git --git-dir="$gitdir" rev-list --merges --min-parents=2 --max-parents=2 -n "$n" HEAD \
    | while read -r m; do echo "$(git --git-dir="$gitdir" rev-parse "$m^1" "$m^2" | tr '\n' ' ')"; done > "$pairs"
if [ ! -s "$pairs" ]; then
    echo "$0: no two-parent merges reachable from HEAD in $repo" >&2
    exit 1
fi
# shellcheck disable=SC2086
java ${JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -cp "$TRUCE_BENCH_CP" bench/JobMemory.java \
    "$gitdir" "$pairs" "$@"
