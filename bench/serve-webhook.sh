#!/bin/sh
# The webhook's acknowledgement latency in `truce serve` as the App (a generated key, GitHub at a closed port, so
# every queued job fails and retries in the background), per JVM configuration, alternating: each start in a fresh
# data directory, ready time (first /healthz 200, polled every 100 ms), idle RSS 5 s after ready, then RUNS runs of
# bench/webhook-latency.py (TOTAL deliveries at RATE per second) and the RSS after; every line has the load average.
#
#   bench/serve-webhook.sh [ROUNDS]            ROUNDS: default 2
# Settings (environment): VARIANTS: JAVA_OPTS of each configuration, separated by ';' (default: the launcher's own
#   options, "-", and C2 with G1); RUNS (default 3), RATE (default 200), TOTAL (default 4000).
set -eu
rounds=${1:-2}
cd "$(dirname "$0")/.."
root=$(pwd)
variants=${VARIANTS:--;-XX:TieredStopAtLevel=4 -XX:+UseG1GC}
runs=${RUNS:-3}
nvariants=$(printf '%s' "$variants" | awk -F';' '{print NF}')
work=$(mktemp -d "${TMPDIR:-/tmp}/truce-webhook-bench.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$work"' EXIT
. bench/lib.sh
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$1/status"; }
openssl genrsa -out "$work/key.pem" 2048 2> /dev/null
secret=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
payload=src/test/resources/github/webhooks/pull_request_opened.json
r=0
while [ "$r" -lt "$rounds" ]; do
    v=1
    while [ "$v" -le "$nvariants" ]; do
        opts=$(printf '%s' "$variants" | cut -d';' -f"$v")
        [ "$opts" = "-" ] && opts=""
        dir="$work/r$r-v$v"
        mkdir -p "$dir"
        port=$(free_port)
        mport=$(free_port)
        start=$(date +%s%N)
        (cd "$dir" && TRUCE_GITHUB_WEBHOOKSECRET=$secret JAVA_OPTS="$opts" exec "$root/bin/truce" serve --port "$port" \
            --management.server.port="$mport" --truce.github.app-id=1 --truce.github.private-key-file="$work/key.pem" \
            --truce.github.api-url=http://127.0.0.1:9 > serve.log 2>&1) &
        pid=$!
        i=0
        until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do
            i=$((i + 1))
            if [ "$i" -gt 600 ] || ! kill -0 "$pid" 2> /dev/null; then
                echo "$0: truce serve did not become ready (JAVA_OPTS=$opts); its log:" >&2
                cat "$dir/serve.log" >&2
                exit 1
            fi
            sleep 0.1
        done
        ready=$(( ($(date +%s%N) - start) / 1000000 ))
        sleep 5
        jpid=$(pgrep -P "$pid" java || echo "$pid")
        echo "variant='${opts:-launcher}' ready_ms=$ready idle_rss=$(rss "$jpid") load=$(load)"
        n=1
        while [ "$n" -le "$runs" ]; do
            echo "  run $n: $(python3 bench/webhook-latency.py "$port" "$secret" "${RATE:-200}" "${TOTAL:-4000}" \
                "$payload") load=$(load)"
            n=$((n + 1))
        done
        echo "  rss_after=$(rss "$jpid")"
        kill "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
        pid=""
        v=$((v + 1))
    done
    r=$((r + 1))
done
