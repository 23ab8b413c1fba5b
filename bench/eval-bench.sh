#!/bin/sh
# Times truce eval's phases on the reference corpus against JGit's plain MergeAlgorithm, in the same run.
# Usage: bench/eval-bench.sh [corpus files...]   (default: ../shared/corpus/*.jsonl.gz)
set -eu
cd "$(dirname "$0")/.."
[ -f target/truce.jar ] || ./mvnw -q -B -DskipTests package
if [ $# -eq 0 ]; then set -- ../shared/corpus/*.jsonl.gz; fi
java -jar target/truce.jar eval --bench --bench-rounds 5 --corpus "$@"
echo
echo "whole command, wall clock (read + run + score + write):"
/usr/bin/time -f "%e s wall, %U s user, %M KiB max RSS" \
    java -jar target/truce.jar eval --corpus "$@" --out /dev/null > /dev/null
