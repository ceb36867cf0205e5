#!/usr/bin/env python3
"""Writes the hostile corpus: one folder per case under Fixtures/hostile/.

Each case starts from Fixtures/spec-example (SPEC 7: plan.json, people.csv, partners.csv,
deals.csv) and breaks one thing. Every folder gets:

  cmd            one line of channelcomp arguments, paths relative to the package root;
                 $OUT, $TMP and $WORK are filled in by the test (see README.md)
  expected.exit  the exit code SPEC 5 asks for
  expect.txt     one check per line (see README.md): mostly substrings stderr must contain
  setup          (optional) what the test prepares before the run (generated big inputs,
                 chmod 000, a pre-filled --out folder, a symlink)

Run from the package root:  python3 Fixtures/hostile/make_cases.py
It rewrites every case folder it knows and README.md; review the diff like code.
"""
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "Fixtures", "hostile")
BASE = os.path.join(ROOT, "Fixtures", "spec-example")
BASE_FILES = ["plan.json", "people.csv", "partners.csv", "deals.csv"]

# Journal of SPEC 7 closed for 2027-01 (ann 932.00, cam 0.00, P1 500.00).
JOURNAL = (
    "period,payee_type,payee_id,amount,currency,closed_at\n"
    "2027-01,person,ann,932.00,USD,2027-02-01T09:00:00Z\n"
    "2027-01,person,cam,0.00,USD,2027-02-01T09:00:00Z\n"
    "2027-01,partner,P1,500.00,USD,2027-02-01T09:00:00Z\n"
)

CASES = []


def base():
    files = {}
    for name in BASE_FILES:
        with open(os.path.join(BASE, name), "rb") as f:
            files[name] = f.read()
    return files


def case(name, what, files, cmd, exit_code, expect, setup=None, bug=None, fixed=None):
    """Registers one case. `files` maps file name → bytes (or str) to write over the base,
    or None to delete; `cmd` and `expect` may say {D} for the case folder. `bug` describes a
    known bug: the case keeps the correct expectation and the test runs it as a known issue."""
    CASES.append(dict(name=name, what=what, files=files, cmd=cmd, exit=exit_code,
                      expect=expect, setup=setup or [], bug=bug, fixed=fixed))


def sub(text, old, new, count=1):
    """Replaces `old` by `new` exactly `count` times in bytes `text` (fails loudly otherwise)."""
    if isinstance(old, str):
        old = old.encode()
    if isinstance(new, str):
        new = new.encode()
    found = text.count(old)
    if found != count:
        sys.exit(f"make_cases: expected {count} of {old!r}, found {found}")
    return text.replace(old, new)


B = base()
DEALS, PEOPLE, PARTNERS, PLAN = B["deals.csv"], B["people.csv"], B["partners.csv"], B["plan.json"]
CHECK = "check --plan {D}/plan.json --data {D}"
PAYOUT_JAN = "payout --plan {D}/plan.json --data {D} --period 2027-01 --format csv"

# Deals with `event` and `sale_price` columns (SPEC 2.2 optional columns).
DEALS_EV = (
    b"deal_id,event,date,account,territory,product,quantity,unit_list_price,sale_price,currency,channel,partner,registration,sourced_by,reps,purchase\n"
    b"D1,,2027-01-10,A1,WEST,WIDGET,10,1000,,USD,direct,,,,ann,\n"
    b"D2,,2027-01-20,A2,WEST,SEAT,150,,,USD,partner,P1,approved,,,upfront\n"
    b"D3,,2027-01-25,A3,WEST,WIDGET,2,2500,,USD,direct,P1,approved,partner,ann,\n"
    b"D4,,2027-02-03,A4,WEST,WIDGET,1,800,,USD,direct,,,,ann,\n"
)

# ---------------------------------------------------------------- truncated files
case("deals-truncated-mid-row",
     "deals.csv cut in the middle of row D4 (no final newline, 6 of 14 fields)",
     {"deals.csv": DEALS[:DEALS.index(b"D4,") + len(b"D4,2027-02-03,A4,WEST,WIDGET,1")]},
     CHECK, 65,
     ["{D}/deals.csv:5:", "fields", "14"])

case("deals-truncated-mid-quoted-field",
     "deals.csv cut inside a quoted account field: the quote on line 5 never closes",
     {"deals.csv": DEALS[:DEALS.index(b"D4,")] + b"D4,2027-02-03,\"A4 Hold"},
     CHECK, 65,
     ["{D}/deals.csv:5:", "quote"])

case("people-truncated-mid-utf8",
     "people.csv cut after the first byte of the two-byte 'é' in a name (C3 without A9)",
     {"people.csv": PEOPLE.replace(b"cam,Cam,channel_manager,800000,\n", b"cam,Cam\xc3")},
     CHECK, 65,
     ["{D}/people.csv:3:", "UTF-8"])

case("plan-truncated-mid-string",
     "plan.json cut in the middle of the string \"channel_manager\" (line 39)",
     {"plan.json": PLAN[:PLAN.index(b"\"channel_manager\"") + len(b"\"channel_man")]},
     CHECK, 65,
     ["{D}/plan.json:39:", "string"])

case("journal-truncated-mid-row",
     "journal.csv cut inside the amount of its last row (\"2027-01,partner,P1,50\")",
     {"journal.csv": JOURNAL[:JOURNAL.index("500.00") + 2]},
     PAYOUT_JAN.replace("2027-01", "2027-02"), 65,
     ["{D}/journal.csv:4:", "fields", "6"])

# ---------------------------------------------------------------- quotes, NUL, encodings
case("people-quote-never-closed",
     "people.csv: the name of ann opens a quote that never closes",
     {"people.csv": PEOPLE.replace(b"ann,Ann,", b"ann,\"Ann,")},
     CHECK, 65,
     ["{D}/people.csv:2:", "quote"])

case("deals-nul-byte",
     "deals.csv: a NUL byte inside the account id of D1",
     {"deals.csv": sub(DEALS, b",A1,", b",A\x001,")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "NUL"])

case("partners-nul-byte",
     "partners.csv: a NUL byte inside the partner name",
     {"partners.csv": sub(PARTNERS, b"Acme VAR", b"Acme\x00VAR")},
     CHECK, 65,
     ["{D}/partners.csv:2:", "NUL"])

case("people-invalid-utf8",
     "people.csv: a Latin-1 'é' (byte 0xE9) in ann's name",
     {"people.csv": sub(PEOPLE, b"ann,Ann,", b"ann,Ren\xe9e,")},
     CHECK, 65,
     ["{D}/people.csv:2:", "UTF-8", "0xE9"])

case("partners-invalid-utf8",
     "partners.csv: byte 0xFF in the partner name",
     {"partners.csv": sub(PARTNERS, b"Acme VAR", b"Acme\xffVAR")},
     CHECK, 65,
     ["{D}/partners.csv:2:", "UTF-8", "0xFF"])

case("journal-invalid-utf8",
     "journal.csv: an overlong encoding (C0 AF) in a payee id",
     {"journal.csv": JOURNAL.replace("person,cam,", "person,c\udcc0\udcafm,").encode("utf-8", "surrogateescape")},
     PAYOUT_JAN.replace("2027-01", "2027-02"), 65,
     ["{D}/journal.csv:3:", "UTF-8"])

case("plan-invalid-utf8",
     "plan.json: byte 0xFE inside the plan name",
     {"plan.json": sub(PLAN, b"FY2027 channel-neutral", b"FY2027 \xfe channel-neutral")},
     CHECK, 65,
     ["{D}/plan.json:2:", "UTF-8"])

case("deals-bom-mid-file",
     "deals.csv: two exports pasted together: a BOM and a second header on line 6, then D9",
     {"deals.csv": DEALS + b"\xef\xbb\xbf" + DEALS.split(b"\n", 1)[0] + b"\n"
                   + b"D9,2027-01-11,A9,WEST,WIDGET,1,100,USD,direct,,,,ann,\n"},
     CHECK, 65,
     ["{D}/deals.csv:6:", "date", "\"date\""])

case("people-bom-mid-file",
     "people.csv: an invisible BOM (U+FEFF) before ann's id on line 2; deals name 'ann'",
     {"people.csv": sub(PEOPLE, b"\nann,", b"\n\xef\xbb\xbfann,")},
     CHECK, 65,
     ["{D}/people.csv:2:"],
     fixed="the run fails only with 'deals.csv:2: column reps: found \"ann\": no such person' (and lines 4, 5), "
         "while people.csv visibly lists ann: nothing points at people.csv line 2, where the invisible U+FEFF "
         "makes the id \"\\u{FEFF}ann\"; expected an error located at people.csv:2 (a BOM inside the file, or an "
         "invisible character in the id)")

case("deals-cr-only-line-ends",
     "deals.csv with classic-Mac CR-only line ends",
     {"deals.csv": DEALS.replace(b"\n", b"\r")},
     CHECK, 65,
     ["{D}/deals.csv:1:", "CR"])

case("deals-fuzz-bare-cr-after-blank-line",
     "deals.csv is the 4 bytes LF, 0x04, CR, 'W' the CSV fuzzer found (it once trapped CSVRecord.rawText)",
     {"deals.csv": b"\n\x04\rW"},
     CHECK, 65,
     ["{D}/deals.csv:2:", "CR"])

# ---------------------------------------------------------------- big inputs (generated)
case("deals-1mb-field",
     "deals.csv: the account of D1 is 1 MB of 'A' (generated by the test)",
     {}, "payout --plan {D}/plan.json --data $WORK --period 2027-01 --format csv", 0,
     ["stdout: person,ann,2027-01,18640.00,18640.00,0.0373,932.00,0.00,932.00,USD"],
     setup=["generate deals-1mb-field deals.csv"])

case("deals-1mb-number",
     "deals.csv: the quantity of D1 is 1 MB of digits (generated by the test)",
     {}, "check --plan {D}/plan.json --data $WORK", 65,
     ["$WORK/deals.csv:2:", "quantity", "max-stderr: 20000"],
     setup=["generate deals-1mb-number deals.csv"])

case("deals-1mb-commas",
     "deals.csv: line 3 is a single line of 1,048,576 commas (generated by the test)",
     {}, "check --plan {D}/plan.json --data $WORK", 65,
     ["$WORK/deals.csv:3:", "fields", "max-stderr: 20000"],
     setup=["generate deals-1mb-commas deals.csv"])

case("plan-nested-10000",
     "plan.json: the value of \"name\" is 10,000 nested arrays (generated by the test)",
     {}, "check --plan $WORK/plan.json --data {D}", 65,
     ["$WORK/plan.json:2:", "nest"],
     setup=["generate plan-nested-10000 plan.json"])

# ---------------------------------------------------------------- amounts: 10^20, 12 decimals, quantities
E20 = "100000000000000000000"
D12 = "1000.000000000001"
case("deals-sale-price-1e20",
     f"deals.csv: sale_price {E20} on D1",
     {"deals.csv": sub(DEALS_EV, b"WIDGET,10,1000,,USD", f"WIDGET,10,1000,{E20},USD")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "sale_price", E20])

case("deals-sale-price-12-decimals",
     f"deals.csv: sale_price {D12} on D1 (at most 6 decimals)",
     {"deals.csv": sub(DEALS_EV, b"WIDGET,10,1000,,USD", f"WIDGET,10,1000,{D12},USD")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "sale_price", D12, "6"])

case("deals-quantity-1e20",
     f"deals.csv: quantity {E20} (10^20 units at 1000 each would be 10^23): quantities must be below 10^13",
     {"deals.csv": sub(DEALS, b"WIDGET,10,1000", f"WIDGET,{E20},1000")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "quantity", E20])

case("deals-quantity-12-decimals",
     "deals.csv: quantity 10.000000000001 (no decimal limit on quantities): valid, and D1's "
     "list amount 10000.000000001 rounds to the same 932.00 for ann",
     {"deals.csv": sub(DEALS, b"WIDGET,10,1000", b"WIDGET,10.000000000001,1000")},
     PAYOUT_JAN, 0,
     ["stdout: person,ann,2027-01,18640.00,18640.00,0.0373,932.00,0.00,932.00,USD"])

case("deals-quantity-20-decimals",
     "deals.csv: quantity 10.00000000000000000001 (20 decimals; SPEC 6: quantities have no decimal "
     "limit): D1's list amount 10000.00000000000000001 still pays ann 932.00",
     {"deals.csv": sub(DEALS, b"WIDGET,10,1000", b"WIDGET,10.00000000000000000001,1000")},
     PAYOUT_JAN, 0,
     ["stdout: person,ann,2027-01,18640.00,18640.00,0.0373,932.00,0.00,932.00,USD"],
     fixed="rejected with exit 65: 'column quantity: expected a quantity > 0, found \"10.00000000000000000001\": "
         "it has more than 18 decimal places' — SPEC 6 says quantity has no decimal limit (splits take 30), and "
         "'expected a quantity > 0' misdescribes a positive quantity")

case("deals-zero-quantity",
     "deals.csv: quantity 0 on D1 (must be > 0)",
     {"deals.csv": sub(DEALS, b"WIDGET,10,1000", b"WIDGET,0,1000")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "quantity", "0"])

case("deals-negative-sale-price",
     "deals.csv: sale_price -1000 on D1",
     {"deals.csv": sub(DEALS_EV, b"WIDGET,10,1000,,USD", b"WIDGET,10,1000,-1000,USD")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "sale_price", "-1000"])

case("people-quota-1e20",
     f"people.csv: ann's quota {E20}: rejected like every money input of 10^13 or more",
     {"people.csv": sub(PEOPLE, b"500000", E20)},
     CHECK, 65,
     ["{D}/people.csv:2:", "quota", "100000000000000000000", "10^13"])

case("people-quota-12-decimals",
     "people.csv: ann's quota 500000.000000000001",
     {"people.csv": sub(PEOPLE, b"500000", b"500000.000000000001")},
     CHECK, 65,
     ["{D}/people.csv:2:", "quota", "500000.000000000001", "6"])

case("journal-amount-1e20",
     f"journal.csv: ann's amount {E20}",
     {"journal.csv": JOURNAL.replace("932.00", E20)},
     PAYOUT_JAN.replace("2027-01", "2027-02"), 65,
     ["{D}/journal.csv:2:", "amount", E20])

case("journal-amount-12-decimals",
     "journal.csv: ann's amount 932.000000000001 (at most 2 decimals in USD)",
     {"journal.csv": JOURNAL.replace("932.00", "932.000000000001")},
     PAYOUT_JAN.replace("2027-01", "2027-02"), 65,
     ["{D}/journal.csv:2:", "amount", "932.000000000001"])

case("plan-cap-1e20",
     f"plan.json: direct_rep cap \"{E20}\"",
     {"plan.json": sub(PLAN, b"\"cap\": \"400000\"", f"\"cap\": \"{E20}\"")},
     CHECK, 65,
     ["{D}/plan.json:37:", "roles.direct_rep.cap", E20])

case("plan-cap-12-decimals",
     "plan.json: direct_rep cap \"400000.000000000001\" (at most 2 decimals in USD)",
     {"plan.json": sub(PLAN, b"\"cap\": \"400000\"", b"\"cap\": \"400000.000000000001\"")},
     CHECK, 65,
     ["{D}/plan.json:37:", "roles.direct_rep.cap", "400000.000000000001"])

case("plan-unit-price-1e20",
     f"plan.json: price book SEAT unit_price \"{E20}\"",
     {"plan.json": sub(PLAN, b"\"unit_price\": \"40.00\"", f"\"unit_price\": \"{E20}\"")},
     CHECK, 65,
     ["{D}/plan.json:9:", "price_book.SEAT.tiers[0].unit_price", E20])

case("plan-min-trailing-list-12-decimals",
     "plan.json: Silver min_trailing_list \"250000.000000000001\"",
     {"plan.json": sub(PLAN, b"\"250000\"", b"\"250000.000000000001\"")},
     CHECK, 65,
     ["{D}/plan.json:16:", "partners.levels[1].min_trailing_list", "250000.000000000001"])

case("plan-unit-price-12-decimals",
     "plan.json: price book SEAT unit_price \"40.000000000001\"",
     {"plan.json": sub(PLAN, b"\"unit_price\": \"40.00\"", b"\"unit_price\": \"40.000000000001\"")},
     CHECK, 65,
     ["{D}/plan.json:9:", "price_book.SEAT.tiers[0].unit_price", "40.000000000001"])

case("plan-min-trailing-list-1e20",
     f"plan.json: Gold min_trailing_list \"{E20}\"",
     {"plan.json": sub(PLAN, b"\"1000000\"", f"\"{E20}\"")},
     CHECK, 65,
     ["{D}/plan.json:17:", "partners.levels[2].min_trailing_list", E20])

case("plan-rebate-from-1e20",
     f"plan.json: last rebate tier from \"{E20}\"",
     {"plan.json": sub(PLAN, b"\"from\": \"500000\"", f"\"from\": \"{E20}\"")},
     CHECK, 65,
     ["{D}/plan.json:26:", "partners.rebate.tiers[2].from", E20])

case("plan-huge-integer",
     "plan.json: clawback_days 100000000000000000000 (a JSON integer beyond 64 bits)",
     {"plan.json": sub(PLAN, b"\"clawback_days\": 90", f"\"clawback_days\": {E20}")},
     CHECK, 65,
     ["{D}/plan.json:6:", "clawback_days", E20])

# ---------------------------------------------------------------- dates
case("deals-month-13",
     "deals.csv: D1 dated 2027-13-01",
     {"deals.csv": sub(DEALS, b"D1,2027-01-10", b"D1,2027-13-01")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "date", "2027-13-01"])

case("deals-two-digit-year",
     "deals.csv: D1 dated 27-01-01",
     {"deals.csv": sub(DEALS, b"D1,2027-01-10", b"D1,27-01-01")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "date", "27-01-01"])

# ---------------------------------------------------------------- duplicates and references
case("partners-duplicate-id",
     "partners.csv: P1 twice",
     {"partners.csv": PARTNERS + b"P1,Acme Again,,\n"},
     CHECK, 65,
     ["{D}/partners.csv:3:", "P1", "line 2"])

case("journal-duplicate-row",
     "journal.csv: ann's 2027-01 row twice (duplicates are summed, SPEC 6): paid to date 2 × 932.00 = "
     "1864.00; February earned 19440.00 × 5 % = 972.00 (D4 adds 800.00), payout 972.00 − 1864.00 = −892.00",
     {"journal.csv": JOURNAL + "2027-01,person,ann,932.00,USD,2027-02-01T09:00:00Z\n"},
     PAYOUT_JAN.replace("2027-01", "2027-02"), 0,
     ["stdout: person,ann,2027-02,800.00,19440.00,0.0389,972.00,1864.00,-892.00,USD"])

case("journal-unknown-payee",
     "journal.csv: a row for nobody (payee 'ghost'): ignored (SPEC 6), February payout of ann "
     "972.00 − 932.00 = 40.00",
     {"journal.csv": JOURNAL + "2027-01,person,ghost,100.00,USD,2027-02-01T09:00:00Z\n"},
     PAYOUT_JAN.replace("2027-01", "2027-02"), 0,
     ["stdout: person,ann,2027-02,800.00,19440.00,0.0389,972.00,932.00,40.00,USD",
      "{D}/journal.csv:5: warning: column 'payee_id': journal rows for person \"ghost\" (2027-01; total 100.00 USD) match no row of people.csv"])

case("deals-rep-is-a-partner",
     "deals.csv: D1 credits reps 'P1', a partner id, not a person",
     {"deals.csv": sub(DEALS, b"direct,,,,ann,\nD2", b"direct,,,,P1,\nD2")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "reps", "P1"])

case("deals-splits-100.01",
     "deals.csv: D1 reps ann:100.01 (the direct_rep splits sum to 100.01, not 100)",
     {"deals.csv": sub(DEALS, b"direct,,,,ann,\nD2", b"direct,,,,ann:100.01,\nD2")},
     CHECK, 65,
     ["{D}/deals.csv:2:", "reps", "100.01"])

case("deals-cancellation-of-cancellation",
     "deals.csv: D1 cancelled twice (a second cancellation row of the same booking)",
     {"deals.csv": DEALS_EV + b"D1,cancellation,2027-01-15,,,,,,,,,,,,,\n"
                              b"D1,cancellation,2027-01-20,,,,,,,,,,,,,\n"},
     CHECK, 65,
     ["{D}/deals.csv:7:", "D1", "line 6"])

case("deals-cancellation-listed-first",
     "deals.csv: D1's cancellation (2027-01-15) is the first row, above its booking: file order "
     "does not matter, D1 is clawed back in January: ann 8640.00 × 5 % = 432.00",
     {"deals.csv": DEALS_EV.replace(b"D1,,2027", b"D1,cancellation,2027-01-15,,,,,,,,,,,,,\nD1,,2027", 1)},
     PAYOUT_JAN, 0,
     ["stdout: person,ann,2027-01,8640.00,8640.00,0.0173,432.00,0.00,432.00,USD"])

# ---------------------------------------------------------------- plan
case("plan-tier-rate-json-number",
     "plan.json: roles.direct_rep.rates.tiers[1].rate is the JSON number 0.09",
     {"plan.json": sub(PLAN, b"\"from\": \"100%\", \"rate\": \"9%\"", b"\"from\": \"100%\", \"rate\": 0.09")},
     CHECK, 65,
     ["{D}/plan.json:35:", "roles.direct_rep.rates.tiers[1].rate", "0.09"])

case("plan-rebate-tiers-out-of-order",
     "plan.json: rebate tiers from 0, 500000, 100000",
     {"plan.json": sub(sub(PLAN, b"\"from\": \"100000\"", b"\"from\": \"X\""),
                       b"\"from\": \"500000\"", b"\"from\": \"100000\"").replace(b"\"from\": \"X\"", b"\"from\": \"500000\"")},
     CHECK, 65,
     ["{D}/plan.json:26:", "partners.rebate.tiers[2].from", "100000"])

case("plan-price-book-duplicate-up-to",
     "plan.json: SEAT tiers up_to 100, 100, null",
     {"plan.json": sub(PLAN, b"{ \"up_to\": null,  \"unit_price\": \"32.00\" }",
                       b"{ \"up_to\": \"100\", \"unit_price\": \"36.00\" },\n                         { \"up_to\": null,  \"unit_price\": \"32.00\" }")},
     CHECK, 65,
     ["{D}/plan.json:10:", "price_book.SEAT.tiers[1].up_to"])

case("plan-empty-role-tiers",
     "plan.json: roles.channel_manager.rates.tiers is []",
     {"plan.json": PLAN[:PLAN.rindex(b"\"tiers\": [")] + b"\"tiers\": [ ] }\n    }\n  }\n}\n"},
     CHECK, 65,
     ["{D}/plan.json:44:", "roles.channel_manager.rates.tiers"])

case("plan-key-typo-at-depth",
     "plan.json: \"requires_registraton\" in roles.channel_manager.partner_deals",
     {"plan.json": sub(PLAN, b"\"quota_credit\": true, \"requires_registration\": true",
                       b"\"quota_credit\": true, \"requires_registraton\": true")},
     CHECK, 65,
     ["{D}/plan.json:42:", "roles.channel_manager.partner_deals", "requires_registraton", "requires_registration"])

# ---------------------------------------------------------------- journal
case("journal-gap-check",
     "journal.csv: 2027-01 and 2027-03 closed, 2027-02 missing; `check` (not only payout) names it",
     {"journal.csv": JOURNAL + JOURNAL.split("\n", 1)[1].replace("2027-01,", "2027-03,")},
     CHECK, 65,
     ["{D}/journal.csv:5:", "2027-02"])

case("journal-period-0000-00",
     "journal.csv: a hand-edited period 0000-00",
     {"journal.csv": JOURNAL.replace("2027-01,person,cam", "0000-00,person,cam")},
     CHECK, 65,
     ["{D}/journal.csv:3:", "period", "0000-00"])

# ---------------------------------------------------------------- ids and output safety
TRICKY_PEOPLE = (
    "id,name,role,quota,territory\n"
    "ann,Ann,direct_rep,500000,WEST\n"
    "cam,Cam,channel_manager,800000,\n"
    "../../etc/passwd,Traversal,direct_rep,100000,\n"
    "..,Dot Dot,direct_rep,100000,\n"
    ".,Dot,direct_rep,100000,\n"
    "CON,Device,direct_rep,100000,\n"
    "/tmp/abs,Absolute,direct_rep,100000,\n"
    "con.txt,Device Ext,direct_rep,100000,\n"
)
case("people-ids-path-tricks",
     "people.csv: ids ../../etc/passwd, .., ., CON, con.txt, /tmp/abs; payout --out writes every "
     "statement inside the folder",
     {"people.csv": TRICKY_PEOPLE},
     "payout --plan {D}/plan.json --data {D} --period 2027-01 --out $OUT", 0,
     ["out-file: people/_.._.._etc_passwd.html", "out-file: people/_...html", "out-file: people/_..html",
      "out-file: people/_CON.html", "out-file: people/_con.txt.html", "out-file: people/_tmp_abs.html",
      "out-file: people/ann.txt", "out-file: payouts.csv"])

case("people-id-spaces",
     "people.csv: an id of three spaces in quotes (kept verbatim, SPEC 6): a valid id; its "
     "statement is people/___.html inside --out",
     {"people.csv": PEOPLE + b"\"   \",Blank,direct_rep,100000,\n"},
     "payout --plan {D}/plan.json --data {D} --period 2027-01 --out $OUT", 0,
     ["out-file: people/___.html", "out-file: people/___.txt", "out-csv: person,\"   \",Blank,0.00,USD,2027-01"])

case("people-id-unquoted-spaces",
     "people.csv: an id of unquoted spaces (trimmed to empty)",
     {"people.csv": PEOPLE + b"   ,Blank,direct_rep,100000,\n"},
     CHECK, 65,
     ["{D}/people.csv:4:", "id"])

case("people-id-newline",
     "people.csv: an id with a newline inside quotes (\"bo\\nb\"): a control character in an id is an "
     "error (SPEC 6, issue 16.9; it used to be accepted as a payee printed on two lines)",
     {"people.csv": PEOPLE + b"\"bo\nb\",Bob,direct_rep,100000,\n"},
     "payout --plan {D}/plan.json --data {D} --period 2027-01 --out $OUT", 65,
     ["{D}/people.csv:4:", "column 'id'", "U+000A (control character)"])

FORMULA_PEOPLE = (
    "id,name,role,quota,territory\n"
    "ann,<script>alert('ann')</script>,direct_rep,500000,WEST\n"
    "cam,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",channel_manager,800000,\n"
    "plus,+1+1,direct_rep,100000,\n"
    "minus,-1+1,direct_rep,100000,\n"
    "at,@SUM(A1:A9),direct_rep,100000,\n"
    "eq,=1+1,direct_rep,100000,\n"
    "esc,\"Eve\x1b]0;pwned\x07\x1b[2J\",direct_rep,100000,\n"
)
case("people-formula-and-markup-names",
     "people.csv: names <script>…, =HYPERLINK(…), +1+1, -1+1, @SUM(…), =1+1 and one with ESC/BEL "
     "terminal sequences; partners.csv: name <img onerror>; payout --out escapes HTML, neutralises "
     "CSV cells and spells the control characters out",
     {"people.csv": FORMULA_PEOPLE,
      "partners.csv": "id,name,level,manager\nP1,<img src=x onerror=alert(1)>,,cam\n"},
     "payout --plan {D}/plan.json --data {D} --period 2027-01 --out $OUT", 0,
     ["out-html: &lt;script&gt;alert(&#39;ann&#39;)&lt;/script&gt;", "out-html: &lt;img src=x onerror=alert(1)&gt;",
      "out-csv: person,plus,'+1+1,", "out-csv: person,minus,'-1+1,", "out-csv: person,at,'@SUM(A1:A9),",
      "out-csv: person,eq,'=1+1,", "out-csv: \"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"",
      "out-csv: person,ann,<script>", "out-csv: person,esc,Eve\\u{1b}]0;pwned\\u{7}\\u{1b}[2J,"])

case("people-formula-ids",
     "people.csv: ids beginning with + - @ = (a spreadsheet runs them; issue 16.9): each is a located error",
     {"people.csv": "id,name,role,quota,territory\nann,Ann,direct_rep,500000,WEST\ncam,Cam,channel_manager,800000,\n"
                    "+plus,P,direct_rep,100000,\n-minus,M,direct_rep,100000,\n@at,A,direct_rep,100000,\n"
                    "\"=cmd|' /C calc'!A0\",E,direct_rep,100000,\n"},
     CHECK, 65,
     ["{D}/people.csv:4:", "\"+plus\" begins with '+'", "{D}/people.csv:5:", "{D}/people.csv:6:", "{D}/people.csv:7:",
      "person id \"=cmd|' /C calc'!A0\" begins with '='", "4 errors"])

case("people-id-invisible-characters",
     "people.csv: ids ann+U+200E, ann+U+034F, ann+U+2063, ann+U+FE0F, ann+BEL, ann+DEL, ann+U+009B, "
     "U+202E+nna: each prints as 'ann' but would be a separate payee (issue 16.9); each is a located error",
     {"people.csv": PEOPLE + "".join("ann%s,X,direct_rep,100000,\n" % c for c in
                                     ["\u200e", "\u034f", "\u2063", "\ufe0f", "\x07", "\x7f", "\u009b"]).encode()
                    + "\u202enna,X,direct_rep,100000,\n".encode()},
     CHECK, 65,
     ["{D}/people.csv:4:", "{D}/people.csv:11:", "U+200E (left-to-right mark)", "U+034F (combining grapheme joiner)", "U+2063 (invisible format character)",
      "U+FE0F (variation selector)", "U+0007 (bell)", "U+007F (delete)", "U+009B (control sequence introducer)",
      "U+202E (right-to-left override)", "8 errors"])

case("people-id-lookalike",
     "people.csv: ann, Ann and аnn (Cyrillic а): valid but warned (two payees differing only by case or "
     "look-alike letters, SPEC 6)",
     {"people.csv": PEOPLE + "Ann,Ann Two,direct_rep,100000,\n\u0430nn,Ann Three,direct_rep,100000,\n".encode()},
     CHECK, 0,
     ["{D}/people.csv:4: warning:", "person id \"Ann\" differs from \"ann\" (line 2)",
      "{D}/people.csv:5: warning:", "person id \"\u0430nn\" differs from \"ann\" (line 2)"])

case("deals-formula-and-control-ids",
     "deals.csv: account =cmd|' /C calc'!A0 on D1, a product with ESC on D3, a territory with U+200E on D2: "
     "located errors (issue 16.9; the fast path declines them to the full path)",
     {"deals.csv": sub(sub(sub(base()["deals.csv"], "D1,2027-01-10,A1,", "D1,2027-01-10,\"=cmd|' /C calc'!A0\","),
                           "D3,2027-01-25,A3,WEST,WIDGET", "D3,2027-01-25,A3,WEST,WID\x1bGET"),
                       "D2,2027-01-20,A2,WEST,", "D2,2027-01-20,A2,WEST\u200e,".encode())},
     CHECK, 65,
     ["{D}/deals.csv:2:", "customer account id \"=cmd|' /C calc'!A0\" begins with '='",
      "{D}/deals.csv:4:", "product id", "U+001B (escape)", "{D}/deals.csv:3:", "territory", "U+200E"])

case("journal-respelled-payee",
     "journal.csv: January closed for 'ANN', people.csv says 'ann' (a re-export respelled the id): the "
     "ANN rows are ignored (SPEC 6), so ann's year to date is paid again; payout warns naming ANN, its "
     "total and the look-alike ann (issue 16.7)",
     {"journal.csv": JOURNAL.replace("person,ann,", "person,ANN,")},
     PAYOUT_JAN.replace("2027-01", "2027-02"), 0,
     ["{D}/journal.csv:2: warning:", "journal rows for person \"ANN\" (2027-01; total 932.00 USD)",
      "people.csv has \"ann\"", "stdout: person,ann,2027-02,800.00,19440.00,0.0389,972.00,0.00,972.00,USD"])

# ---------------------------------------------------------------- headers, empty files, folders
case("deals-header-only",
     "deals.csv holds only its header: every payee earns 0.00",
     {"deals.csv": DEALS.split(b"\n", 1)[0] + b"\n"},
     PAYOUT_JAN, 0,
     ["stdout: person,ann,2027-01,0.00,0.00,0.0000,0.00,0.00,0.00,USD"])

case("partners-header-only",
     "partners.csv holds only its header, deals name P1",
     {"partners.csv": b"id,name,level,manager\n"},
     CHECK, 65,
     ["{D}/deals.csv:3:", "partner", "P1"])

case("deals-empty-file",
     "deals.csv is 0 bytes (no header)",
     {"deals.csv": b""},
     CHECK, 65,
     ["{D}/deals.csv:1:", "deal_id"])

case("people-empty-file",
     "people.csv is 0 bytes (no header)",
     {"people.csv": b""},
     CHECK, 65,
     ["{D}/people.csv:1:", "id"])

case("data-folder-is-a-csv",
     "--data names a file (deals.csv), not a folder",
     {}, "check --plan {D}/plan.json --data {D}/deals.csv", 66,
     ["{D}/deals.csv", "folder", "not: not found"],
     fixed="the message is '<path>: error: data folder not found (expected a folder …)' although the path "
         "exists: it is a file; expected to say that --data names a file, not a folder")

case("plan-is-a-folder",
     "--plan names a folder",
     {"plan.json": None, "plan.json/README": b"This folder stands where plan.json should be a file.\n"},
     CHECK, 66,
     ["{D}/plan.json", "directory"])

case("journal-is-a-folder",
     "journal.csv is a folder",
     {"journal.csv/README": b"This folder stands where journal.csv should be a file.\n"},
     CHECK, 66,
     ["{D}/journal.csv", "directory"])

case("people-unreadable",
     "people.csv is chmod 000 (in a copy made by the test; skipped when running as root, "
     "which can read it anyway)",
     {}, "check --plan {D}/plan.json --data $WORK", 66,
     ["$WORK/people.csv", "Permission denied"],
     setup=["chmod000 people.csv"])

case("out-inside-data-folder",
     "payout --out points into the data folder: refused, nothing written there",
     {}, "payout --plan {D}/plan.json --data {D} --period 2027-01 --out {D}/statements", 73,
     ["{D}/statements", "data folder"])

case("out-existing-non-empty",
     "payout --out names a folder that already holds a file channelcomp did not write",
     {}, "payout --plan {D}/plan.json --data {D} --period 2027-01 --out $OUT", 73,
     ["$OUT", "not empty"],
     setup=["out-nonempty"])

case("out-through-symlink-into-data",
     "payout --out $TMP/link/statements where $TMP/link is a symlink to the data folder (a copy)",
     {}, "payout --plan {D}/plan.json --data $WORK --period 2027-01 --out $TMP/link/statements", 73,
     ["data folder"],
     setup=["link-to-work link"],
     fixed="not refused: exit 0 and the statements are written to $WORK/statements, inside the data folder "
         "(SPEC 4: payout writes nothing into D). OutputFolder.checkTarget resolves symlinks only for "
         "paths that exist, so $TMP/link/statements (not yet there) is not seen as inside $WORK; expected "
         "exit 73, nothing written")

case("usage-period-13",
     "--period 2027-13 (a month that does not exist) is a usage error",
     {}, "payout --plan {D}/plan.json --data {D} --period 2027-13", 64,
     ["--period", "2027-13", "13"])


# ---------------------------------------------------------------- more CSV syntax, close, plan sanity
case("partners-text-after-closing-quote",
     "partners.csv: name \"Acme\" VAR (text after the closing quote)",
     {"partners.csv": sub(PARTNERS, b"Acme VAR", b"\"Acme\" VAR")},
     CHECK, 65,
     ["{D}/partners.csv:2:", "after the closing quote"])

case("people-quote-inside-unquoted-field",
     "people.csv: name A\"nn (a quote inside an unquoted field)",
     {"people.csv": sub(PEOPLE, b"ann,Ann,", b"ann,A\"nn,")},
     CHECK, 65,
     ["{D}/people.csv:2:", "unquoted"])

case("journal-close-with-gap",
     "close --period 2027-03 with only 2027-01 closed: refused, journal.csv untouched",
     {"journal.csv": JOURNAL},
     "close --plan {D}/plan.json --data {D} --period 2027-03 --closed-at 2027-04-01T00:00:00Z", 65,
     ["{D}/journal.csv:", "2027-03", "2027-02", "nothing was written"])

case("journal-close-after-hand-edit",
     "close --period 2027-02 while journal.csv holds a hand-edited period 2027-13: refused, untouched",
     {"journal.csv": JOURNAL + "2027-13,person,ann,1.00,USD,2027-02-01T09:00:00Z\n"},
     "close --plan {D}/plan.json --data {D} --period 2027-02 --closed-at 2027-03-01T00:00:00Z", 65,
     ["{D}/journal.csv:5:", "period", "2027-13"])

case("plan-discount-over-100",
     "plan.json: Bronze discount \"1000%\" and no max_discount: partner deals get a negative net",
     {"plan.json": sub(sub(PLAN, b"\"discount\": \"20%\"", b"\"discount\": \"1000%\""),
                       b"    \"max_discount\": \"40%\",\n", b"")},
     CHECK, 65,
     ["{D}/plan.json:15:", "partners.levels[0].discount", "1000%"],
     fixed="accepted (check exits 0); payout 2027-01 then prices D2 at a negative net and ann's credit is "
         "-36240.00, her commission -1812.00. SPEC is silent on discounts above 100 %; an analyst expects a "
         "plan error naming partners.levels[0].discount")

case("deals-referral-overflow",
     "plan referral_fee 10^29 % on D3 (9999999999999 × 9999999999999): overflow is a located error",
     {"plan.json": sub(PLAN, b"\"referral_fee\": \"10%\"", b"\"referral_fee\": \"99999999999999999999999999999%\""),
      "deals.csv": sub(DEALS, b"WIDGET,2,2500", b"WIDGET,9999999999999,9999999999999")},
     PAYOUT_JAN, 65,
     ["{D}/deals.csv:4:", "D3", "overflow"])

case("out-is-a-file",
     "payout --out names an existing file",
     {}, "payout --plan {D}/plan.json --data {D} --period 2027-01 --out $OUT", 73,
     ["$OUT", "file"],
     setup=["out-is-file"])


# ---------------------------------------------------------------- writing
def write_case(c):
    d = os.path.join(HERE, c["name"])
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    files = base()
    for k, v in c["files"].items():
        if v is None:
            files.pop(k, None)
        else:
            files[k] = v.encode() if isinstance(v, str) else v
    for k, v in files.items():
        p = os.path.join(d, k)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(v)
    rel = f"Fixtures/hostile/{c['name']}"
    with open(os.path.join(d, "cmd"), "w") as f:
        f.write(c["cmd"].replace("{D}", rel) + "\n")
    with open(os.path.join(d, "expected.exit"), "w") as f:
        f.write(f"{c['exit']}\n")
    with open(os.path.join(d, "expect.txt"), "w") as f:
        for e in c["expect"]:
            f.write(e.replace("{D}", rel) + "\n")
    if c["bug"]:
        with open(os.path.join(d, "known-issue"), "w") as f:
            f.write("bug: " + c["bug"].replace("{D}", rel) + "\n")
    if c["setup"]:
        with open(os.path.join(d, "setup"), "w") as f:
            for s in c["setup"]:
                f.write(s + "\n")


COVERED_BY_ERRORS = [
    ("deals-unterminated-quote", "a quote never closed in the middle of deals.csv"),
    ("deals-invalid-utf8", "invalid UTF-8 in deals.csv"),
    ("deals-amount-too-large", "unit_list_price 10^20"),
    ("deals-too-many-decimals", "unit_list_price with 20 decimals"),
    ("deals-negative-quantity", "negative quantity"),
    ("deals-impossible-date", "2027-02-30"),
    ("deals-duplicate-row-key", "a duplicate deal row (deal_id, line, event)"),
    ("people-duplicate-id", "a duplicate person id"),
    ("deals-unknown-rep", "a reference to an unknown person"),
    ("deals-unknown-partner", "a reference to an unknown partner"),
    ("partners-unknown-level", "a reference to an unknown level"),
    ("partners-unknown-manager", "a manager who is not a person"),
    ("people-unknown-role", "a reference to an unknown role"),
    ("deals-splits-not-100", "splits summing to 99.99"),
    ("deals-cancellation-before-booking", "a cancellation dated before its booking"),
    ("plan-rate-json-number", "a plan rate as a JSON number (top level of partners)"),
    ("plan-tiers-out-of-order", "role tiers out of order"),
    ("plan-duplicate-tier-threshold", "duplicate role tier thresholds"),
    ("plan-empty-tier-list", "an empty rebate tier list"),
    ("plan-unknown-key-typo", "a plan key typo at the top level"),
    ("journal-gap", "a journal with a gap (payout)"),
    ("journal-period-13", "a journal period 2027-13"),
    ("deals-ragged-row", "a row with a field too few"),
    ("deals-file-missing", "a missing deals.csv (exit 66)"),
]

README_HEAD = """# Hostile inputs

What a CRM export, a hand-edited spreadsheet or an attacker can hand `channelcomp`: truncated
and malformed files, absurd numbers, impossible dates, broken references, ids and names aimed
at the outputs, and folders that are not what they claim. Every case must give a **located
error** (file, line, column or plan key, the value) with the exit code of SPEC 5, or a **safe
output**; never a trap, a hang, a partial output folder or a change to the data folder.

`Tests/ChannelCompCLITests/Hostile/HostileTests.swift` runs every folder here in-process
(`ChannelCompCLI.run`, package root as the current directory) and checks, per case: the exit
code, the lines of `expect.txt`, that the data folder (the case folder, and its temporary copy
if any) is byte for byte unchanged, that a failed run with `--out` left no output folder and no
staging folder, and that a successful `--out` wrote only inside the folder, escaped HTML and
neutralised spreadsheet formulas in `payouts.csv`. The suite has a time limit (a hang fails).

The folders are written by `python3 Fixtures/hostile/make_cases.py` (run from the package root;
it copies `Fixtures/spec-example` — SPEC 7 — and breaks one thing per case). Edit the script,
not the folders, and review the diff.

## A case folder

* the data files (`plan.json`, `people.csv`, `partners.csv`, `deals.csv`, maybe `journal.csv`);
* `cmd` — one line of `channelcomp` arguments, paths relative to the package root. The test
  fills in `$TMP` (a fresh temporary folder), `$OUT` (`$TMP/out`, not created) and `$WORK`
  (`$TMP/work`, a copy of the case folder, for cases that change files: generated or chmod'ed);
* `expected.exit` — 0, 64 usage, 65 invalid data, 66 missing input, 73 cannot write (SPEC 5);
* `expect.txt` — one check per line, same placeholders:
  * `TEXT` — stderr contains TEXT (the message check: file and line, column or key, value);
    `\\n` in any line stands for a line break;
  * `not: TEXT` — stderr does not contain TEXT;
  * `stdout: TEXT` — stdout contains TEXT (the figures of a run that must succeed);
  * `max-stderr: N` — stderr is at most N bytes (a 1 MB value is not echoed whole);
  * `out-file: PATH` — `$OUT/PATH` was written; `out-html: TEXT` — some HTML page contains
    TEXT; `out-csv: TEXT` — `payouts.csv` contains TEXT;
* `setup` (optional) — prepared by the test before the run:
  * `generate KIND FILE` — writes a big input into `$WORK/FILE` (kept out of git):
    `deals-1mb-field`, `deals-1mb-number`, `deals-1mb-commas`, `plan-nested-10000`;
  * `chmod000 FILE` — `$WORK/FILE` made unreadable; the case is skipped (reported as such)
    when the process can still read it, as root can;
  * `out-nonempty` — `$OUT` exists holding `keep.txt`; `out-is-file` — `$OUT` is a file;
  * `link-to-work NAME` — `$TMP/NAME` is a symlink to `$WORK`;
* `known-issue` (optional) — a bug found by the case. The case keeps the correct expectation and
  runs as a known issue (`withKnownIssue`): it fails loudly once the bug is fixed, so that the
  file can be deleted.

## Cases

"""

def write_readme():
    lines = [README_HEAD]
    for c in sorted(CASES, key=lambda c: c["name"]):
        bug = " **Known bug** (see `known-issue`)." if c["bug"] else (" Found a bug here, since fixed." if c["fixed"] else "")
        lines.append(f"* `{c['name']}` — {c['what']}. Exit {c['exit']}.{bug}\n")
    lines.append("\n## Covered in `Fixtures/errors` (not repeated here)\n\n")
    for name, what in COVERED_BY_ERRORS:
        lines.append(f"* [`{name}`](../errors/{name}) — {what}\n")
    with open(os.path.join(HERE, "README.md"), "w") as f:
        f.write("".join(lines))


def main():
    names = [c["name"] for c in CASES]
    if len(set(names)) != len(names):
        sys.exit("make_cases: duplicate case names")
    for c in CASES:
        write_case(c)
    write_readme()
    print(f"{len(CASES)} cases written")


if __name__ == "__main__":
    main()
