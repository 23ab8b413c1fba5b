#!/bin/sh
# The webhook's acknowledgement latency in `truce serve` as the App (a generated key, GitHub at a closed port, so
# every queued job fails and retries in the background), per JVM configuration, alternating: each start in a fresh
# data directory, ready time (first /healthz 200, polled every 100 ms), idle RSS 5 s after ready, then RUNS runs of
# bench/webhook-latency.py (TOTAL deliveries at RATE per second) and the RSS after; every line has the load average.
#
#   bench/serve-webhook.sh [ROUNDS]            ROUNDS: default 2
# Settings (environment): VARIANTS: JAVA_OPTS of each configuration, separated by ';' (default: the launcher's own
#   options, "-", and C2 with G1); COMMANDS: one command per variant instead of bin/truce, separated by ';' (another
#   build's launcher, or a script that sets JAVA_HOME for another JDK); RUNS (default 3), RATE (default 200), TOTAL
#   (default 4000).
set -eu
rounds=${1:-2}
cd "$(dirname "$0")/.."
root=$(pwd)
variants=${VARIANTS:--;-XX:TieredStopAtLevel=4 -XX:+UseG1GC}
runs=${RUNS:-3}
. bench/lib.sh
nvariants=$(variant_count "$variants")
serve_workdir truce-webhook-bench
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$1/status"; }
openssl genrsa -out "$work/key.pem" 2048 2> /dev/null
secret=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export TRUCE_GITHUB_WEBHOOKSECRET="$secret"
payload=src/test/resources/github/webhooks/pull_request_opened.json
r=0
while [ "$r" -lt "$rounds" ]; do
    v=1
    while [ "$v" -le "$nvariants" ]; do
        opts=$(variant_opts "$variants" "$v")
        dir="$work/r$r-v$v"
        mkdir -p "$dir"
        command=$root/bin/truce
        [ -n "${COMMANDS:-}" ] && command=$(printf '%s' "$COMMANDS" | cut -d';' -f"$v")
        serve_start "$dir" "$opts" "$command" --truce.github.app-id=1 \
            --truce.github.private-key-file="$work/key.pem" --truce.github.api-url=http://127.0.0.1:9
        sleep 5
        echo "variant='${opts:-launcher}' command=$command ready_ms=$ready_ms idle_rss=$(rss "$jvm") load=$(load)"
        n=1
        while [ "$n" -le "$runs" ]; do
            echo "  run $n: $(python3 bench/webhook-latency.py "$port" "$secret" "${RATE:-200}" "${TOTAL:-4000}" \
                "$payload") load=$(load)"
            n=$((n + 1))
        done
        echo "  rss_after=$(rss "$jvm")"
        serve_stop
        v=$((v + 1))
    done
    r=$((r + 1))
done
