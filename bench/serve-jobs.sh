#!/bin/sh
# What whole jobs cost `truce serve` in memory (see bench/ServeJobs.java): N conflicted two-parent merges of a
# repository become N pull requests (base: the first parent, head: the second) that the real service resolves end to
# end against a fake GitHub and a git smart-HTTP server, one at a time and then all at once, its resident memory
# sampled every 20 ms and its heap every 250 ms. The last line has the idle figures, the first job's rise in resident
# memory above the memory before it, the resident peaks (one at a time, all at once), the heap's peak all at once and
# the memory after a full collection.
#
#   bench/serve-jobs.sh REPO [N]   REPO: any local repository, bare or not; N: pull requests (default 4)
# Settings (environment): TRUCE the launcher (default bin/truce; words split, so it may carry options), JAVA_OPTS for
#   it, THREADS the service's job threads (truce.jobs.threads, default 4), ANY_MERGES=1 to take merges git merges
#   cleanly too (by default only those `git merge-tree` finds conflicts in), TRUCE_BENCH_CP a class path with the
#   test classes to use instead of this checkout's target/test-classes, target/classes and their dependencies.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 REPO [N]" >&2
    exit 2
fi
repo=$1
n=${2:-4}
cd "$(dirname "$0")/.."
. bench/lib.sh
if [ ! -f target/truce.jar ]; then
    echo "$0: target/truce.jar is missing: build it first (./mvnw -q package -DskipTests)" >&2
    exit 1
fi
gitdir=$(git -C "$repo" rev-parse --absolute-git-dir)
bench_classpath test
served=$(mktemp -d "${TMPDIR:-/tmp}/truce-serve-jobs.XXXXXX")
pairs="$served/pairs"
trap 'rm -rf "$served"' EXIT
bench_merge_pairs "$gitdir" $((n * 10)) "$pairs"
# A clone that borrows the repository's objects (nothing copied, nothing written into REPO) holds the branches, and
# the trees git's merge writes while it looks for conflicts.
git clone -q --bare --shared "$gitdir" "$served/repo.git"
bench_conflicted_pairs "$served/repo.git" "$pairs" "$n" "$served/conflicted"
i=0
while read -r ours theirs; do
    git --git-dir="$served/repo.git" update-ref "refs/heads/bench/base-$i" "$ours"
    git --git-dir="$served/repo.git" update-ref "refs/heads/bench/head-$i" "$theirs"
    i=$((i + 1))
done < "$served/conflicted"
if [ "$i" -eq 0 ]; then
    echo "$0: none of the newest $((n * 10)) merges of $repo conflicts (ANY_MERGES=1 takes them anyway)" >&2
    exit 1
fi
# shellcheck disable=SC2086
java -XX:TieredStopAtLevel=1 -cp "$TRUCE_BENCH_CP" bench/ServeJobs.java "$served/repo.git" "$i" ${TRUCE:-bin/truce}
