#!/bin/sh
# Times the in-process checks of resolved files (dev.truce.validate.FileChecks) per file and kind, beside reading
# the same bytes from disk in the same run. Usage: bench/validate-bench.sh [files-per-kind [rounds]] (500, 3)
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -DskipTests test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
java -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
    dev.truce.validate.FileChecksBenchmark "$@"
