#!/bin/sh
# Times `truce serve` from the start of the process to its first `/healthz` 200 (polled every 100 ms), in an empty
# working directory (H2, Flyway migrations, no App credentials: the setup page), and its memory once idle: resident
# (VmRSS) and the heap in use and committed (jcmd GC.heap_info) IDLE seconds after it is ready. Each configuration
# runs once per round, alternating (same load); every line has the load average; the medians come last.
#
#   bench/serve-start.sh [ROUNDS]              ROUNDS: default 5
# Settings (environment): TRUCE, the command (default bin/truce); VARIANTS: JAVA_OPTS of each configuration,
#   separated by ';' (default: one, the launcher's own options; an entry "-" is no extra option); COMMANDS: instead
#   of TRUCE, one command per variant, separated by ';' (another build's launcher, for before/after); IDLE: default 5;
#   DATA: "fresh" (default: every start in an empty directory, so Flyway creates the schema) or "kept" (a restart:
#   each variant keeps one directory, whose database an uncounted first start created, so Flyway finds it current).
set -eu
rounds=${1:-5}
cd "$(dirname "$0")/.."
root=$(pwd)
truce=${TRUCE:-$root/bin/truce}
variants=${VARIANTS:--}
idle=${IDLE:-5}
data=${DATA:-fresh}
case "$data" in fresh|kept) ;; *) echo "$0: DATA is fresh or kept, not $data" >&2; exit 2 ;; esac
. bench/lib.sh
nvariants=$(variant_count "$variants")
serve_workdir truce-serve-bench
command_of() { if [ -n "${COMMANDS:-}" ]; then printf '%s' "$COMMANDS" | cut -d';' -f"$1"; else printf '%s' "$truce"; fi; }
if [ "$data" = kept ]; then
    v=1
    while [ "$v" -le "$nvariants" ]; do
        mkdir "$work/v$v"
        serve_start "$work/v$v" "$(variant_opts "$variants" "$v")" "$(command_of "$v")"
        echo "variant $v: database created (first start, not counted: ready_ms=$ready_ms)"
        serve_stop
        v=$((v + 1))
    done
fi

r=0
while [ "$r" -lt "$rounds" ]; do
    v=1
    while [ "$v" -le "$nvariants" ]; do
        opts=$(variant_opts "$variants" "$v")
        command=$(command_of "$v")
        if [ "$data" = kept ]; then
            dir="$work/v$v"
        else
            dir="$work/r$r-v$v"
            mkdir "$dir"
        fi
        serve_start "$dir" "$opts" "$command"
        cpu=$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$jvm/stat")
        sleep "$idle"
        rss=$(awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$jvm/status")
        # The JVM's own jcmd: another JDK's cannot attach to it.
        heap=$("$(dirname "$(readlink -f "/proc/$jvm/exe")")/jcmd" "$jvm" GC.heap_info 2> /dev/null | awk '
            # JDK 17: "total 65536K, used 30720K"; JDK 25: "total reserved 6172672K, committed 73728K, used 40422K".
            / used [0-9]+K/ {for (i = 1; i <= NF; i++) {if ($i == "committed" || ($i == "total" && $(i+1) ~ /^[0-9]/)) t += $(i+1); if ($i == "used") u += $(i+1)}}
            END {gsub(/K/, "", t); printf "heap_used_mib=%d heap_committed_mib=%d", u / 1024, t / 1024}')
        echo "round $r: variant=$v ready_ms=$ready_ms cpu_at_ready_s=$cpu idle_rss_mib=$rss $heap load=$(load)"
        echo "$ready_ms" >> "$work/ready.$v"
        echo "$rss" >> "$work/rss.$v"
        serve_stop
        v=$((v + 1))
    done
    r=$((r + 1))
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
v=1
while [ "$v" -le "$nvariants" ]; do
    echo "variant $v (data=$data): JAVA_OPTS=$(printf '%s' "$variants" | cut -d';' -f"$v")" \
        "${COMMANDS:+command=$(printf '%s' "$COMMANDS" | cut -d';' -f"$v")}: median_ready_ms=$(median < "$work/ready.$v")" \
        "median_idle_rss_mib=$(median < "$work/rss.$v") load=$(load)"
    v=$((v + 1))
done
