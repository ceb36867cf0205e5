#!/usr/bin/env bash
# Builds the libFuzzer harnesses (swiftc -sanitize=fuzzer,address over the library's sources)
# and runs each for SECONDS (default 20) from its seed corpus in Fixtures/fuzz-corpus/<target>.
# A crash leaves its input in $WORK/<target>/ and fails the script; copy such an input into
# Fixtures/hostile as a reproducer once fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
work=${FUZZ_WORK:-/tmp/channelcomp-fuzz}
mkdir -p "$work"
# The harness compiles the sources it needs as one module: the library's own imports of its
# infrastructure modules (ExactArithmetic, CSV, JSON, TextSuggestions) are dropped from copies.
folders() {
  local dir="$work/src-$target"
  rm -rf "$dir"; mkdir -p "$dir"
  for f in "$@"; do
    for file in $(find "Sources/$f" -name '*.swift' | sort); do
      sed -E '/^(@_exported )?import (ExactArithmetic|CSV|JSON|TextSuggestions|SHA256)$/d' "$file" > "$dir/$(echo "$file" | tr '/' '_')"
    done
  done
  find "$dir" -name '*.swift' | sort
}
status=0
for target in csv decimal plan ids; do
  case $target in
    csv) entry=Tests/Fuzz/FuzzCSV.swift; sources=$(folders CSV) ;;
    decimal) entry=Tests/Fuzz/FuzzDecimal.swift; sources=$(folders ExactArithmetic ChannelComp/Money) ;;
    plan) entry=Tests/Fuzz/FuzzPlan.swift; sources=$(folders ExactArithmetic CSV JSON TextSuggestions SHA256 ChannelComp/Money ChannelComp/Calendar ChannelComp/Diagnostics ChannelComp/Load ChannelComp/Ledger ChannelComp/Roster ChannelComp/Journal ChannelComp/Plan ChannelComp/Pricing ChannelComp/Payouts ChannelComp/Crediting ChannelComp/Earnings ChannelComp/Concurrency) ;;
    ids) entry=Tests/Fuzz/FuzzIdentifiers.swift; sources=$(folders ExactArithmetic CSV JSON TextSuggestions SHA256 ChannelComp/Money ChannelComp/Calendar ChannelComp/Diagnostics ChannelComp/Load ChannelComp/Ledger ChannelComp/Roster ChannelComp/Journal ChannelComp/Plan ChannelComp/Pricing ChannelComp/Payouts ChannelComp/Crediting ChannelComp/Earnings ChannelComp/Concurrency) ;;
  esac
  binary="$work/fuzz-$target"
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -parse-as-library -package-name channelcomp -O $sources "$entry" -o "$binary" 2>"$work/build-$target.log" \
    || { echo "fuzz $target: build failed (see $work/build-$target.log)"; exit 1; }
  mkdir -p "$work/$target/corpus"
  cp Fixtures/fuzz-corpus/$target/* "$work/$target/corpus/" 2>/dev/null || true
  if (cd "$work/$target" && SWIFT_BACKTRACE=enable=no "$binary" corpus -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 >log.txt 2>&1); then
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target/log.txt" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $target: $runs executions in ${seconds}s, no crash"
  else
    echo "fuzz $target: CRASH — input and log in $work/$target"
    grep -E 'ERROR|Fatal|precondition|SUMMARY' "$work/$target/log.txt" | head -5 || true
    status=1
  fi
done
exit $status
