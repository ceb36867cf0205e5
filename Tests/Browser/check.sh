#!/usr/bin/env bash
# Browser check of the HTML statements (issue 5): renders index.html, one person's and one
# partner's statement of Fixtures/sample (2027-03) in headless Chromium and fails when
#   - a page logs anything to the browser console (script errors, CSP refusals, …),
#   - the rendered DOM has a <script> element,
#   - the rendered DOM lacks a payout figure exactly as `payout --format csv` prints it
#     (a statement's payout line and its trace's root; on the index, every payee's payout),
#   - Chromium cannot render the page or write the screenshot.
# Screenshots go to $CHANNELCOMP_BROWSER_OUT (default /tmp/channelcomp-browser).
#
# Chromium comes from Debian's packages: when it is missing the script runs
# `apt-get update` and `apt-get install -y chromium` (needs root, as in CI).
#
# Environment (all optional):
#   CHANNELCOMP_BROWSER_OUT      screenshot folder            (/tmp/channelcomp-browser)
#   CHANNELCOMP_BROWSER_PERSON   person id to check           (alice)
#   CHANNELCOMP_BROWSER_PARTNER  partner id to check          (P-BEACON)
#   CHANNELCOMP_BROWSER_SIZE     window size for screenshots  (1200,1600)
#   CHROMIUM                     browser binary to use        (chromium from PATH)
set -euo pipefail
cd "$(dirname "$0")/../.."

started=$(date +%s)
out_dir=${CHANNELCOMP_BROWSER_OUT:-/tmp/channelcomp-browser}
person=${CHANNELCOMP_BROWSER_PERSON:-alice}
partner=${CHANNELCOMP_BROWSER_PARTNER:-P-BEACON}
size=${CHANNELCOMP_BROWSER_SIZE:-1200,1600}
plan=Plans/channel-neutral.json
data=Fixtures/sample
period=2027-03

fail() { echo "browser check: FAIL: $*" >&2; exit 1; }
elapsed() { echo $(( $(date +%s) - $1 ))s; }

# --- 1. Chromium -------------------------------------------------------------------------
find_chromium() { command -v chromium || command -v chromium-browser || true; }
if [ -n "${CHROMIUM:-}" ]; then
  browser=$(command -v "$CHROMIUM" || true)
  [ -n "$browser" ] || fail "CHROMIUM=$CHROMIUM is not an executable browser"
else
  browser=$(find_chromium)
fi
if [ -z "$browser" ]; then
  echo "== installing Chromium from Debian's packages (apt-get)"
  t0=$(date +%s)
  if [ "$(id -u)" -ne 0 ]; then
    fail "chromium is not installed and this script is not running as root, so it cannot run apt-get; install it with: sudo apt-get update && sudo apt-get install -y chromium"
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "chromium is not installed and apt-get is not available (not a Debian-based system); install Chromium and set CHROMIUM=/path/to/chromium"
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get update -qq >/tmp/channelcomp-browser-apt.log 2>&1; then
    tail -n 20 /tmp/channelcomp-browser-apt.log >&2
    fail "apt-get update failed (no network or no package mirror?); full log: /tmp/channelcomp-browser-apt.log"
  fi
  # fonts-dejavu-core: without any font the screenshots show empty boxes.
  if ! apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >>/tmp/channelcomp-browser-apt.log 2>&1; then
    tail -n 20 /tmp/channelcomp-browser-apt.log >&2
    fail "apt-get install chromium failed; full log: /tmp/channelcomp-browser-apt.log"
  fi
  browser=$(find_chromium)
  [ -n "$browser" ] || fail "apt-get installed chromium, but no chromium binary is on PATH"
  echo "installed $("$browser" --version 2>/dev/null | head -n 1) in $(elapsed "$t0")"
else
  echo "== Chromium: $browser ($("$browser" --version 2>/dev/null | head -n 1))"
fi

# --- 2. Statements of the sample ---------------------------------------------------------
echo "== building channelcomp"
t0=$(date +%s)
swift build --product channelcomp 2>&1 | tail -n 1
bin="$(swift build --show-bin-path)/channelcomp"
[ -x "$bin" ] || fail "channelcomp was not built ($bin)"
echo "built in $(elapsed "$t0")"

work=$(mktemp -d /tmp/channelcomp-browser-work.XXXXXX)
trap 'rm -rf "$work"' EXIT
statements="$work/statements"
"$bin" payout --plan "$plan" --data "$data" --period "$period" --out "$statements" >"$work/payout.txt" \
  || fail "channelcomp payout --out failed"
"$bin" payout --plan "$plan" --data "$data" --period "$period" --format csv >"$work/summary.csv" \
  || fail "channelcomp payout --format csv failed"

# payout of one payee from the SPEC 4.1 summary: payee_type,payee_id,…,payout,currency
# (ids and money never hold commas or quotes in the sample; the check fails if one did).
payout_of() {
  awk -F, -v type="$1" -v id="$2" 'NR > 1 && $1 == type && $2 == id { print $9; found = 1 } END { exit !found }' "$work/summary.csv"
}
person_payout=$(payout_of person "$person") || fail "no person '$person' in the payout CSV"
partner_payout=$(payout_of partner "$partner") || fail "no partner '$partner' in the payout CSV"

# The statement files are named after the id (people/<id>.html; ids such as these need no escaping).
person_page="$statements/people/$person.html"
partner_page="$statements/partners/$partner.html"
index_page="$statements/index.html"
for f in "$index_page" "$person_page" "$partner_page"; do [ -f "$f" ] || fail "missing statement file $f"; done

# --- 3. Render in headless Chromium ------------------------------------------------------
mkdir -p "$out_dir"
chromium_flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
  --no-default-browser-check --disable-extensions --disable-background-networking --hide-scrollbars
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0)

# render NAME FILE: writes $work/NAME.dom, $work/NAME.log and $out_dir/NAME.png; fails on console output.
render() {
  local name=$1 file=$2 url="file://$2"
  timeout 90 "$browser" "${chromium_flags[@]}" --dump-dom "$url" >"$work/$name.dom" 2>"$work/$name.log" \
    || { tail -n 20 "$work/$name.log" >&2; fail "$name: chromium --dump-dom failed"; }
  rm -f "$out_dir/$name.png"
  timeout 90 "$browser" "${chromium_flags[@]}" --window-size="$size" --screenshot="$out_dir/$name.png" "$url" \
    >/dev/null 2>>"$work/$name.log" \
    || { tail -n 20 "$work/$name.log" >&2; fail "$name: chromium --screenshot failed"; }
  [ -s "$out_dir/$name.png" ] || fail "$name: no screenshot written"
  [ -s "$work/$name.dom" ] && grep -qi '<body' "$work/$name.dom" || fail "$name: empty DOM dump"
  # Our pages have no scripts, so any console line at all is a failure.
  if console_lines "$work/$name.log" >"$work/$name.console"; then
    cat "$work/$name.console" >&2
    fail "$name: the page logged console messages ($file)"
  fi
  if grep -qi '<script' "$work/$name.dom"; then
    grep -i -m 3 '<script' "$work/$name.dom" >&2
    fail "$name: the rendered DOM has a <script> element ($file)"
  fi
}

# people_money FIGURE: the CSV's 1882.24 as statements print it for people: $1,882.24
# (-212.49 → -$212.49); the sample's plans are in USD.
people_money() {
  local f=$1 sign=""
  [ "${f#-}" != "$f" ] && { sign="-"; f=${f#-}; }
  local whole=${f%%.*} frac=${f#*.} grouped=""
  while [ ${#whole} -gt 3 ]; do grouped=",${whole: -3}$grouped"; whole=${whole:0:${#whole}-3}; done
  echo "$sign\$$whole$grouped.$frac"
}

# has_payout NAME FIGURE: the statement's payout rows show FIGURE: the emphasised payout line
# (for people: $1,882.24) and the root of the audit trail (the explain trace, plain 1882.24).
has_payout() {
  local name=$1 figure=$2
  grep -F "<th scope=\"row\">payout</th>" "$work/$name.dom" | grep -qF ">$(people_money "$figure")</td>" \
    || fail "$name: the rendered statement does not show the payout $figure of the CSV summary"
  grep -F "<td class=\"step d0\">payout $period</td>" "$work/$name.dom" | grep -qF ">$figure</td>" \
    || fail "$name: the trace (How this payout is made) does not arrive at the payout $figure of the CSV summary"
}

# Every console message (console.*, uncaught exceptions, Content-Security-Policy refusals) is
# logged by --enable-logging=stderr as '…:INFO:CONSOLE:1] "message", source: …' (older builds:
# 'INFO:CONSOLE(1)' or 'ERROR:CONSOLE'); exits 0 when there is one.
console_lines() { grep -E ':CONSOLE[:(]|Uncaught |Refused to ' "$1"; }

echo "== rendering in headless Chromium"
t0=$(date +%s)
# Canary: a page that logs an error must be caught, or this check could never fail (a Chromium
# that logs console messages in another format would pass every page).
cat >"$work/canary.html" <<'HTML'
<!DOCTYPE html><html><head><title>canary</title></head><body><p>canary</p>
<script>console.error("channelcomp-canary"); undefinedFunction();</script></body></html>
HTML
timeout 90 "$browser" "${chromium_flags[@]}" --dump-dom "file://$work/canary.html" >/dev/null 2>"$work/canary.log" \
  || { tail -n 20 "$work/canary.log" >&2; fail "canary: chromium --dump-dom failed"; }
console_lines "$work/canary.log" | grep -q channelcomp-canary \
  || { tail -n 20 "$work/canary.log" >&2; fail "canary: a console error was not seen in Chromium's log; the console check does not work with $("$browser" --version 2>/dev/null)"; }
render index "$index_page"
render person "$person_page"
render partner "$partner_page"
has_payout person "$person_payout"
has_payout partner "$partner_payout"
# The index lists every payee with the CSV's payout on the payee's row (id link … payout).
missing=0
while IFS=, read -r type id _ _ _ _ _ _ payout _; do
  [ "$type" = payee_type ] && continue
  if ! grep -F ">$id</a></td>" "$work/index.dom" | grep -qF "<td class=\"num$([ "${payout#-}" != "$payout" ] && echo ' neg')\">$(people_money "$payout")</td><td><a"; then
    echo "index: no row for $type $id with payout $payout" >&2
    missing=$((missing + 1))
  fi
done <"$work/summary.csv"
[ "$missing" -eq 0 ] || fail "index: $missing payee(s) without their CSV payout"
echo "rendered 3 pages in $(elapsed "$t0")"

echo "== screenshots"
echo "index:   $out_dir/index.png"
echo "person:  $out_dir/person.png ($person, payout $person_payout)"
echo "partner: $out_dir/partner.png ($partner, payout $partner_payout)"
echo "browser check passed in $(elapsed "$started")"
