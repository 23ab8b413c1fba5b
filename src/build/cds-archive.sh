#!/bin/sh
# Makes the archive bin/truce starts with (run by the build after the jar is packaged), for the java the build runs
# ($JAVA_HOME/bin/java, else the java on PATH; bin/truce finds it the same way and uses the archive only with it):
# target/truce-cds/ holds the jar extracted (truce.jar + lib/, a class path the JVM can map) and
#   - on JDK 24 and later, two AOT caches (JEP 483): cli.aot, the classes of a `truce resolve` of the demo scenario
#     loaded and linked, and serve.aot, those of a `truce serve` start (in a scratch directory, on free loopback
#     ports, up to its first answers);
#   - on JDK 17 to 23, truce.jsa, a class data sharing archive of the classes both runs load, parsed and verified
#     once here instead of on every start;
# and java, the path of the java they were made with.
# Fail-soft: without an archive bin/truce runs the plain jar. Usage: src/build/cds-archive.sh [TARGET-DIR]
set -u
cd "$(dirname "$0")/../.."
target=${1:-target}
out="$(cd "$target" 2>/dev/null && pwd)/truce-cds"
warn() { echo "cds-archive: $*; bin/truce will start without class data sharing" >&2; exit 0; }
java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java="$JAVA_HOME/bin/java"
fi
jvm=$(command -v "$java") || warn "no java"
jvm=$(readlink -f "$jvm")
[ -f "$target/truce.jar" ] || warn "no $target/truce.jar"
rm -rf "$out"
"$jvm" -Djarmode=tools -jar "$target/truce.jar" extract --destination "$out" > /dev/null || warn "extracting failed"
# The JVM leaves classes of signed jars out of an archive (JGit's is signed): the extracted copy drops the signature,
# the packaged jar keeps it.
for jar in "$out"/lib/*.jar; do
    if unzip -l "$jar" 2>/dev/null | grep -q 'META-INF/[^/]*\.SF$'; then
        zip -q -d "$jar" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC' > /dev/null 2>&1 \
            || warn "cannot remove the signature of $jar (zip missing?)"
    fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/truce-cds.XXXXXX")
trap 'rm -rf "$work"' EXIT
fixtures/demo-scenario.sh "$work/demo" > /dev/null 2>&1 || warn "cannot create the demo scenario"
# JDK 24 and later know -XX:AOTMode; an earlier JVM refuses the option.
aot=false
"$jvm" -XX:AOTMode=off -version > /dev/null 2>&1 && aot=true
# What a training run records: the classes it loads (JDK 17-23), or an AOT configuration (24+), written at its exit.
record() { # NAME
    if $aot; then
        echo "-XX:AOTMode=record -XX:AOTConfiguration=$work/$1.aotconf"
    else
        echo "-XX:DumpLoadedClassList=$work/$1.lst"
    fi
}
# shellcheck disable=SC2046
"$jvm" $(record cli) -jar "$out/truce.jar" resolve --repo "$work/demo" --ours main --theirs feature \
    --branch truce/cds-training > "$work/cli.log" 2>&1
mkdir "$work/serve"
# serve runs until it answers /healthz, the setup page and the management port's probes (the classes of the web
# servers' start and of a first request are most of what a start loads after the Spring context), then stops on SIGTERM.
# Without curl it stops when its Spring context is ready.
serve_training() {
    : > "$work/serve.log"
    # shellcheck disable=SC2046
    (cd "$work/serve" && exec "$jvm" $(record serve) -jar "$out/truce.jar" serve --port 0 \
        --management.server.port=0 > "$work/serve.log" 2>&1) &
    serve=$!
    i=0
    while [ "$i" -lt 3000 ] && kill -0 "$serve" 2> /dev/null; do
        ports=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$work/serve.log")
        if [ "$(echo "$ports" | grep -c .)" -ge 2 ]; then
            web=$(echo "$ports" | head -1)
            management=$(echo "$ports" | sed -n 2p)
            curl -sf -o /dev/null "http://127.0.0.1:$web/healthz" && curl -s -o /dev/null "http://127.0.0.1:$web/setup" \
                && curl -s -o /dev/null "http://127.0.0.1:$management/actuator/health/readiness"
            kill "$serve"
            wait "$serve"
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    kill "$serve" 2> /dev/null
    return 1
}
if command -v curl > /dev/null 2>&1; then
    serve_training || echo "cds-archive: the serve training run did not start ($(tail -1 "$work/serve.log"))" >&2
else
    # shellcheck disable=SC2046
    (cd "$work/serve" && timeout 300 "$jvm" -Dspring.context.exit=onRefresh $(record serve) \
        -jar "$out/truce.jar" serve > "$work/serve.log" 2>&1) || echo "cds-archive: the serve training run failed" \
        "($(tail -1 "$work/serve.log")); the archive covers the command line only" >&2
fi
if $aot; then
    # One cache per kind of run: a cache holds what its training loaded, and a command line run maps none of serve's.
    for run in cli serve; do
        [ -s "$work/$run.aotconf" ] || { echo "cds-archive: the $run training run recorded nothing" >&2; continue; }
        "$jvm" -XX:AOTMode=create -XX:AOTConfiguration="$work/$run.aotconf" -XX:AOTCache="$out/$run.aot" \
            -jar "$out/truce.jar" > "$work/$run-create.log" 2>&1 \
            || echo "cds-archive: the JVM could not create $run.aot ($(tail -1 "$work/$run-create.log"))" >&2
    done
    [ -f "$out/cli.aot" ] || [ -f "$out/serve.aot" ] || warn "no AOT cache was made"
    echo "$jvm" > "$out/java"
    echo "cds-archive: AOT caches for $jvm: $(cd "$out" && for f in *.aot; do printf '%s (%s KiB) ' "$f" \
        "$(du -k "$f" | cut -f1)"; done)"
    exit 0
fi
[ -s "$work/cli.lst" ] || warn "the training run listed no classes"
# JDK 17 crashes dumping lambda proxy classes (SystemDictionaryShared::adjust_lambda_proxy_class_dictionary): left out.
cat "$work/cli.lst" "$work/serve.lst" 2> /dev/null | grep -v '^@lambda-proxy' | awk '!seen[$0]++' \
    > "$work/classes-no-lambda.lst"
"$jvm" -Xshare:dump -XX:SharedClassListFile="$work/classes-no-lambda.lst" -XX:SharedArchiveFile="$out/truce.jsa" \
    -jar "$out/truce.jar" > "$work/dump.log" 2>&1 || warn "the JVM could not dump the archive ($(tail -1 "$work/dump.log"))"
echo "$jvm" > "$out/java"
echo "cds-archive: $out/truce.jsa ($(du -k "$out/truce.jsa" | cut -f1) KiB) for $jvm"
