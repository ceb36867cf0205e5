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
# Generated ledgers: two seeds, several periods, both plans' shapes (the generator's plan and
# the fully-neutral variant), so rare combinations of rules are compared too.
bin=$(swift build --show-bin-path 2>/dev/null)/channelcomp
if [ -x "$bin" ]; then
  for seed in 7 11; do
    dir=$(mktemp -d)
    "$bin" generate --out "$dir" --deals 20000 --seed "$seed" >/dev/null
    # The direct reps' territory credit on gross (completely neutral); managers stay on net.
    sed 's/"credit": "territory", "basis": "net"/"credit": "territory", "basis": "gross"/' "$dir/plan.json" > "$dir/gross.json"
    grep -q '"territory", "basis": "gross"' "$dir/gross.json" || { echo "gross plan variant not made"; exit 1; }
    for plan in plan gross; do
      for period in 2026-12 2027-03 2027-08 2027-12; do
        if "$bin" payout --plan "$dir/$plan.json" --data "$dir" --period "$period" --format csv \
            | cmp -s - <(python3 Tests/Oracle/oracle.py payout --plan "$dir/$plan.json" --data "$dir" --period "$period"); then
          agree=$((agree+1))
        else
          echo "the oracle disagrees on generated data (seed $seed, $plan, $period)"
          disagree=$((disagree+1))
        fi
      done
    done
    rm -rf "$dir"
  done
else
  echo "channelcomp binary not built: generated-data cross-check skipped"
fi
echo "oracle cross-check over golden payout files and generated ledgers: $agree agree, $disagree disagree"
[ "$disagree" -eq 0 ]
