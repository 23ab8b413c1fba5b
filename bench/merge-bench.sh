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
. bench/lib.sh
bench_repo_merges "$repo" "$n"
java -cp "$TRUCE_BENCH_CP" bench/MergeBench.java "$gitdir" "$pairs" "${ROUNDS:-5}" "${WARMUP:-2}"
