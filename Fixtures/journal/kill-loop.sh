#!/usr/bin/env bash
# Kill `channelcomp close` with SIGKILL at random moments and check that the journal is
# always either unchanged or complete (SPEC 3.7), and that `check` accepts the folder.
# The Swift test JournalCrashTests.randomKill does 20 of these; this does many more.
#
# Usage: Fixtures/journal/kill-loop.sh [ITERATIONS=200] [BINARY=.build/debug/channelcomp]
# Example: swift build && Fixtures/journal/kill-loop.sh 200
#   → "200 kills: 143 unchanged, 57 complete, 0 broken" (exit 0; exit 1 if any is broken)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-200}
bin=${2:-$root/.build/debug/channelcomp}
plan=$root/Plans/channel-neutral.json
stamp=2027-02-01T00:00:00Z
[ -x "$bin" ] || { echo "kill-loop: $bin not found or not executable (run swift build)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Template: the sample folder with 2027-01 closed. Reference: the same after closing 2027-02.
cp -r "$root/Fixtures/sample" "$work/template"
"$bin" close --plan "$plan" --data "$work/template" --period 2027-01 --closed-at "$stamp" >/dev/null 2>&1
cp -r "$work/template" "$work/reference"
"$bin" close --plan "$plan" --data "$work/reference" --period 2027-02 --closed-at "$stamp" >/dev/null 2>&1

unchanged=0 complete=0 broken=0
for i in $(seq 1 "$n"); do
    rm -rf "$work/data"
    cp -r "$work/template" "$work/data"
    "$bin" close --plan "$plan" --data "$work/data" --period 2027-02 --closed-at "$stamp" >/dev/null 2>&1 &
    pid=$!
    sleep "0.0$(printf '%02d' $((RANDOM % 50)))"   # 0–49 ms
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if cmp -s "$work/data/journal.csv" "$work/template/journal.csv"; then
        unchanged=$((unchanged + 1))
    elif cmp -s "$work/data/journal.csv" "$work/reference/journal.csv"; then
        complete=$((complete + 1))
    else
        broken=$((broken + 1))
        echo "kill $i: journal is neither the old one nor the complete one" >&2
        tail -c 300 "$work/data/journal.csv" >&2 || true
    fi
    if ! "$bin" check --plan "$plan" --data "$work/data" >/dev/null 2>&1; then
        broken=$((broken + 1))
        echo "kill $i: check rejects the data folder" >&2
    fi
done
echo "$n kills: $unchanged unchanged, $complete complete, $broken broken"
[ "$broken" -eq 0 ]
