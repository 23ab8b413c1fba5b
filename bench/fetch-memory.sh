#!/bin/sh
# What a pull request's fetch costs a job in memory (see bench/FetchMemory.java): N two-parent merges of a repository
# become N pull requests (base: the first parent, head: the second) on a `git daemon` in another process, and each is
# fetched into a new empty repository, at the depth of Truce's first fetch (50 unless DEPTH says otherwise).
# The last line has the medians and the largest peak.
#
#   bench/fetch-memory.sh REPO [N]   REPO: any local repository, bare or not; N: merges (default 8)
# Settings (environment): DEPTH (default 50), JAVA_OPTS for the JVM (default: the first JIT tier and G1, as
#   `truce serve`), TRUCE_BENCH_CP a class path to use instead of this checkout's target/classes and its dependencies.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 REPO [N]" >&2
    exit 2
fi
repo=$1
n=${2:-8}
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_repo_merges "$repo" "$n"
served=$(mktemp -d "${TMPDIR:-/tmp}/truce-fetch-bench.XXXXXX")
daemon=""
trap '[ -n "$daemon" ] && kill "$daemon" 2> /dev/null; rm -rf "$served" "$pairs"' EXIT
# A clone that borrows the repository's objects (nothing copied, nothing written into REPO) holds the refs to fetch.
git clone -q --bare --shared "$gitdir" "$served/repo.git"
i=0
while read -r ours theirs; do
    git --git-dir="$served/repo.git" update-ref "refs/heads/bench/ours-$i" "$ours"
    git --git-dir="$served/repo.git" update-ref "refs/heads/bench/theirs-$i" "$theirs"
    i=$((i + 1))
done < "$pairs"
port=$(free_port)
git daemon --reuseaddr --export-all --base-path="$served" --listen=127.0.0.1 --port="$port" "$served" 2> /dev/null &
daemon=$!
tries=0
until git ls-remote "git://127.0.0.1:$port/repo.git" > /dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$daemon" 2> /dev/null; then
        echo "$0: git daemon did not start" >&2
        exit 1
    fi
    sleep 0.1
done
# shellcheck disable=SC2086
java ${JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseG1GC} -cp "$TRUCE_BENCH_CP" bench/FetchMemory.java \
    "git://127.0.0.1:$port/repo.git" "$i" "${DEPTH:-50}"
