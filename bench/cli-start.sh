#!/bin/sh
# Times `truce resolve` on the demo scenario (fixtures/demo-scenario.sh) from a cold JVM, as a user runs it, beside
# `git merge` of the same branches in the same run; prints each run and the medians, last line median_ratio=R.
#
#   bench/cli-start.sh [RUNS]                  RUNS: default 11
# Settings (environment): TRUCE, the command to time (default: "java -jar target/truce.jar"; bin/truce is the
#   launcher with the class data archive the build makes).
set -eu
runs=${1:-11}
cd "$(dirname "$0")/.."
root=$(pwd)
[ -f target/truce.jar ] || ./mvnw -q -B -DskipTests package
truce=${TRUCE:-java -jar $root/target/truce.jar}
work=$(mktemp -d "${TMPDIR:-/tmp}/truce-cli-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
fixtures/demo-scenario.sh "$work/demo" > /dev/null
git -C "$work/demo" checkout -q main

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
t_runs=""
g_runs=""
i=0
while [ "$i" -lt "$runs" ]; do
    start=$(now)
    # Exit 1 (conflicts left) is a normal outcome of the demo without a model; anything above is a failure.
    status=0
    $truce resolve --repo "$work/demo" --ours main --theirs feature --branch "bench/run$i" > /dev/null 2>&1 \
        || status=$?
    end=$(now)
    if [ "$status" -gt 1 ]; then
        echo "$0: truce resolve failed (exit $status): $truce resolve --repo $work/demo" >&2
        exit 1
    fi
    t=$(ms "$start" "$end")
    start=$(now)
    git -C "$work/demo" merge -q feature > /dev/null 2>&1 || true
    end=$(now)
    git -C "$work/demo" merge --abort 2> /dev/null || git -C "$work/demo" reset -q --hard main
    g=$(ms "$start" "$end")
    echo "run $i: truce_ms=$t git_merge_ms=$g"
    t_runs="$t_runs $t"
    g_runs="$g_runs $g"
    i=$((i + 1))
done
median() { printf '%s\n' $1 | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
mt=$(median "$t_runs")
mg=$(median "$g_runs")
echo "command: $truce resolve --repo DEMO --ours main --theirs feature"
echo "median_truce_ms=$mt median_git_merge_ms=$mg"
echo "median_ratio=$(awk -v t="$mt" -v g="$mg" 'BEGIN {printf "%.2f", t / g}')"
