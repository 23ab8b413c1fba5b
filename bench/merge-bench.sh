#!/bin/sh
# Times Truce's in-process way to the conflict model (merge, conflict scan, model building) on N two-parent merges of
# a repository beside `git merge-tree --write-tree` on the same merges, in the same run (see bench/MergeBench.java).
# Per merge and as medians; the last line is median_ratio=R (Truce's median over git's).
#
#   bench/merge-bench.sh REPO [N]     REPO: any local repository, bare or not; N: merges (default 20), the newest
#                                     two-parent merges reachable from HEAD
# Settings (environment): ROUNDS (default 5) counted rounds, WARMUP (default 2) rounds not counted,
#   TRUCE_BENCH_CP a class path to use instead of this checkout's target/classes and its dependencies.
set -eu
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 REPO [N]" >&2
    exit 2
fi
repo=$1
n=${2:-20}
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
java -cp "$TRUCE_BENCH_CP" bench/MergeBench.java "$gitdir" "$pairs" "${ROUNDS:-5}" "${WARMUP:-2}"
