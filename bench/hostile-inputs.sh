#!/bin/sh
# Times the security review's hostile inputs (issue 8) through the engine, one JVM per case, at most 150 s each.
# Usage: bench/hostile-inputs.sh [CLASSES-DIR [CASES-FILE]]
#   CLASSES-DIR: default target/classes; pass another build's classes (an older commit's) to compare
#   CASES-FILE:  lines of "CASE SIZE [opt|nocap]" (see bench/HostileInputs.java); default: the review's worst cases
set -eu
cd "$(dirname "$0")/.."
[ -d target/classes ] || ./mvnw -q -B -DskipTests compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime \
    > /dev/null
CP="${1:-target/classes}:$(cat target/bench-classpath.txt)"
CASES="${2:-}"
if [ -z "$CASES" ]; then
    CASES=target/bench-hostile-cases.txt
    printf '%s\n' "script-import 6000" "script-import 6000 opt" "script-far 6000" "pom-line 30000" "pom-far 30000" \
        "pom-far 2000000" "version-line 10000" "version-line 10000 nocap" "key-at-end 40000 nocap" "glob 7" > "$CASES"
fi
while read -r kind size opt; do
    timeout 150 java -cp "$CP" bench/HostileInputs.java $kind $size $opt || echo "$kind $size $opt: over 150 s (stopped)"
done < "$CASES"
