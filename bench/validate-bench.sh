#!/bin/sh
# Times the in-process checks of resolved files (dev.truce.validate.FileChecks) per file and kind, beside reading
# the same bytes from disk in the same run. Usage: bench/validate-bench.sh [files-per-kind [rounds]] (500, 3)
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
./mvnw -q -B -ntp -DskipTests test-compile
# The test scope's own list (it used to overwrite the runtime list the other benchmarks reuse).
bench_classpath test
java -cp "$TRUCE_BENCH_CP" dev.truce.validate.FileChecksBenchmark "$@"
