#!/bin/sh
# The live memory one running job holds: K jobs (K = 1 2 4 by default) run the engine's work of a pull request at
# once on N two-parent merges of a repository (merge, conflict models, strategies, in-process checks; no model, no
# build) and are measured at their end against the same process's heap before them (see bench/JobMemory.java).
# The last line is median_live_mib_per_job=M at the highest concurrency.
#
#   bench/job-memory.sh REPO [N [K...]]   REPO: any local repository, bare or not; N: merges (default 12)
# Settings (environment): JAVA_OPTS for the JVM (default: the first JIT tier and G1, as `truce serve`),
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
. bench/lib.sh
bench_repo_merges "$repo" "$n"
# shellcheck disable=SC2086
java ${JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseG1GC} -cp "$TRUCE_BENCH_CP" bench/JobMemory.java \
    "$gitdir" "$pairs" "$@"
