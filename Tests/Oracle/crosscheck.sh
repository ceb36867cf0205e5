#!/usr/bin/env bash
# Differential check: every golden case under Fixtures/golden/ whose `cmd` is a
# `payout ... --format csv` run must print exactly what the independent Python oracle
# computes from the same plan, data folder and period.
set -euo pipefail
cd "$(dirname "$0")/../.."
agree=0
disagree=0
python3 Tests/Oracle/oracle.py selftest >/dev/null
for cmd in Fixtures/golden/*/cmd; do
  [ -f "$cmd" ] || continue
  dir=$(dirname "$cmd")
  read -r -a words < "$cmd"
  [ "${words[0]}" = "payout" ] || continue
  plan="" data="" period="" format="text"
  for ((i = 1; i < ${#words[@]}; i++)); do
    case "${words[$i]}" in
      --plan) plan=${words[$((i+1))]} ;;
      --data) data=${words[$((i+1))]} ;;
      --period) period=${words[$((i+1))]} ;;
      --format) format=${words[$((i+1))]} ;;
    esac
  done
  [ "$format" = "csv" ] || continue
  if python3 Tests/Oracle/oracle.py payout --plan "$plan" --data "$data" --period "$period" | cmp -s - "$dir/expected.stdout"; then
    agree=$((agree+1))
  else
    echo "the oracle disagrees with $dir/expected.stdout:"
    python3 Tests/Oracle/oracle.py payout --plan "$plan" --data "$data" --period "$period" | diff - "$dir/expected.stdout" | head -20 || true
    disagree=$((disagree+1))
  fi
done
echo "oracle cross-check over golden payout files: $agree agree, $disagree disagree"
[ "$disagree" -eq 0 ]
