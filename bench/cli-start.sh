#!/bin/sh
# Times `truce resolve` on the demo scenario (fixtures/demo-scenario.sh) from a cold JVM, as a user runs it, beside
# `git merge` of the same branches in the same run; prints each run with the load average and the medians, last line
# median_ratio=R (the first command's median over git's). CPU time (user+sys, /usr/bin/time) is printed beside the
# wall time: on a shared machine it moves less with the load.
#
#   bench/cli-start.sh [RUNS]                  RUNS: default 11
# Settings (environment): TRUCE, the command to time (default: "java -jar target/truce.jar"; bin/truce is the
#   launcher with the class data archive the build makes). COMPARE: more commands separated by ';', run alternating
#   with TRUCE in every round (same load), each with its own median: COMPARE="bin/truce;JAVA_OPTS=-X bin/truce" ...
#   A command may start with NAME=VALUE assignments (environment for that command only).
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

commands=$truce
if [ -n "${COMPARE:-}" ]; then
    commands="$truce;$COMPARE"
fi
ncommands=$(printf '%s' "$commands" | awk -F';' '{print NF}')

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
. bench/lib.sh
g_runs=""
i=0
while [ "$i" -lt "$runs" ]; do
    c=1
    while [ "$c" -le "$ncommands" ]; do
        command=$(printf '%s' "$commands" | cut -d';' -f"$c")
        start=$(now)
        # Exit 1 (conflicts left) is a normal outcome of the demo without a model; anything above is a failure.
        status=0
        /usr/bin/time -f '%U %S' -o "$work/cpu" \
            sh -c "$command resolve --repo '$work/demo' --ours main --theirs feature --branch 'bench/run$i-$c'" \
            > /dev/null 2> "$work/stderr" || status=$?
        end=$(now)
        if [ "$status" -gt 1 ]; then
            echo "$0: truce resolve failed (exit $status): $command resolve --repo $work/demo" >&2
            cat "$work/stderr" >&2
            exit 1
        fi
        t=$(ms "$start" "$end")
        cpu=$(tail -1 "$work/cpu" | awk '{printf "%d", ($1 + $2) * 1000}')
        echo "run $i: command=$c truce_ms=$t cpu_ms=$cpu load=$(load)"
        echo "$t" >> "$work/times.$c"
        echo "$cpu" >> "$work/cpu.$c"
        c=$((c + 1))
    done
    start=$(now)
    git -C "$work/demo" merge -q feature > /dev/null 2>&1 || true
    end=$(now)
    git -C "$work/demo" merge --abort 2> /dev/null || git -C "$work/demo" reset -q --hard main
    g=$(ms "$start" "$end")
    echo "run $i: git_merge_ms=$g load=$(load)"
    g_runs="$g_runs $g"
    i=$((i + 1))
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
mg=$(printf '%s\n' $g_runs | median)
c=1
while [ "$c" -le "$ncommands" ]; do
    command=$(printf '%s' "$commands" | cut -d';' -f"$c")
    echo "command $c: $command resolve --repo DEMO --ours main --theirs feature: median_truce_ms=$(median < "$work/times.$c") median_cpu_ms=$(median < "$work/cpu.$c")"
    c=$((c + 1))
done
mt=$(median < "$work/times.1")
echo "median_truce_ms=$mt median_git_merge_ms=$mg load=$(load)"
echo "median_ratio=$(awk -v t="$mt" -v g="$mg" 'BEGIN {printf "%.2f", t / g}')"
