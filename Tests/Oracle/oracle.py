#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of the ChannelComp payout computation.

Derived from /work/shared/SPEC.md alone (sections 2, 3, 4.1, 6), for differential
testing of the Swift implementation's golden outputs. Python 3.11 standard library only;
every amount is a `decimal.Decimal` (or an exact integer of minor units), never a float.

Usage:
    python3 oracle.py payout     --plan PLAN.json --data DIR --period YYYY-MM
    python3 oracle.py close-year --plan PLAN.json --data DIR --year-start YYYY-MM
    python3 oracle.py selftest

Inputs are assumed valid (this is not a validator). See README.md for every reading
of the SPEC this file had to choose.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    FloatOperation,
    Inexact,
    InvalidOperation,
    Overflow,
    setcontext,
)

# ---------------------------------------------------------------------------
# Exact arithmetic setup (SPEC 3: "All arithmetic is exact decimal").
# The default context traps Inexact: any +, -, * that would lose a digit raises
# instead of rounding silently. Rounding is only ever done through `_ROUNDING_CTX`
# at the points SPEC names, and Decimal/float mixing is trapped (FloatOperation).
# ---------------------------------------------------------------------------
_EXACT_CTX = Context(prec=2000, traps=[InvalidOperation, DivisionByZero, Overflow, Inexact, FloatOperation])
_ROUNDING_CTX = Context(prec=2000, traps=[InvalidOperation, DivisionByZero, Overflow, FloatOperation])
setcontext(_EXACT_CTX)

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class OracleError(Exception):
    """An input the oracle cannot compute (it is not a validator; messages are terse)."""


# ---------------------------------------------------------------------------
# SPEC 6 "Rounding": minor units per ISO 4217 (2 by default; 0 for JPY, KRW, ...; 3 for BHD, KWD, ...)
# ---------------------------------------------------------------------------
_ZERO_DECIMAL_CURRENCIES = {
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
    "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
}
_THREE_DECIMAL_CURRENCIES = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}
_FOUR_DECIMAL_CURRENCIES = {"CLF", "UYW"}


def minor_units(currency: str) -> int:
    """SPEC 6 Rounding: number of minor-unit decimals of an ISO 4217 code."""
    if currency in _ZERO_DECIMAL_CURRENCIES:
        return 0
    if currency in _THREE_DECIMAL_CURRENCIES:
        return 3
    if currency in _FOUR_DECIMAL_CURRENCIES:
        return 4
    return 2


# ---------------------------------------------------------------------------
# SPEC 2.5 / 6 "Plan JSON": rates and amounts are strings.
# ---------------------------------------------------------------------------

def parse_decimal(text: str) -> Decimal:
    """SPEC 2.1/6: plain decimal `-?[0-9]+(\\.[0-9]+)?`."""
    text = text.strip()
    if not text:
        raise OracleError("empty number")
    body = text[1:] if text.startswith("-") else text
    intpart, _, frac = body.partition(".")
    if not intpart.isdigit() or (frac and not frac.isdigit()) or (body.endswith(".")):
        raise OracleError(f"not a plain decimal: {text!r}")
    return Decimal(text)


def parse_rate(text: str) -> Decimal:
    """SPEC 2.5: a rate written with `%` is percent ("35%" = 0.35); without, a fraction."""
    text = text.strip()
    if text.endswith("%"):
        return parse_decimal(text[:-1]) / HUNDRED  # exact: division by 100 terminates
    return parse_decimal(text)


def parse_amount(text: str) -> Decimal:
    """SPEC 2.5: amounts are plain decimal strings."""
    return parse_decimal(text)


@dataclass
class Tier:
    """One tier: `start` is a rate (role tiers: fraction of quota) or an amount (rebate tiers)."""
    start: Decimal
    rate: Decimal


@dataclass
class TierSchedule:
    method: str  # "marginal" | "retroactive"
    tiers: list[Tier]


@dataclass
class PriceBookEntry:
    mode: str  # "graduated" | "volume"
    tiers: list[tuple[Decimal | None, Decimal]]  # (up_to or None, unit_price)


@dataclass
class Level:
    name: str
    min_trailing_list: Decimal
    discount: Decimal


@dataclass
class ChannelEntry:
    credit: str  # named | territory | partner_manager | none
    basis: str = "net"
    quota_credit: bool = True
    requires_registration: bool = False
    flat_rate: Decimal = ZERO


@dataclass
class Role:
    name: str
    direct_deals: ChannelEntry
    partner_deals: ChannelEntry
    rates: TierSchedule | None
    cap: Decimal | None


@dataclass
class Plan:
    name: str
    currency: str
    minor: int
    fiscal_year_start_month: int
    rounding: str
    clawback_days: int
    price_book: dict[str, PriceBookEntry]
    trailing_months: int
    levels: list[Level]
    upfront_discount: Decimal
    registration_discount: Decimal
    max_discount: Decimal | None
    referral_fee: Decimal
    rebate: TierSchedule | None
    roles: dict[str, Role]


def _reject_float(text: str):
    raise OracleError(f"JSON number {text} where a string was expected")


def _schedule(obj: dict, start_is_rate: bool) -> TierSchedule:
    tiers = [
        Tier(parse_rate(t["from"]) if start_is_rate else parse_amount(t["from"]), parse_rate(t["rate"]))
        for t in obj["tiers"]
    ]
    return TierSchedule(obj.get("method", "marginal"), tiers)


def _channel_entry(obj: dict) -> ChannelEntry:
    return ChannelEntry(
        credit=obj["credit"],
        basis=obj.get("basis", "net"),
        quota_credit=obj.get("quota_credit", True),
        requires_registration=obj.get("requires_registration", False),
        flat_rate=parse_rate(obj["flat_rate"]) if obj.get("flat_rate") is not None else ZERO,
    )


def load_plan(path: str) -> Plan:
    """SPEC 2.5: the plan JSON, with the documented defaults for optional keys."""
    with open(path, "rb") as fh:
        raw = json.loads(fh.read().decode("utf-8"), parse_float=_reject_float)
    partners = raw.get("partners", {})
    price_book = {}
    for product, entry in (raw.get("price_book") or {}).items():
        tiers = [
            (parse_amount(t["up_to"]) if t.get("up_to") is not None else None, parse_amount(t["unit_price"]))
            for t in entry["tiers"]
        ]
        price_book[product] = PriceBookEntry(entry["mode"], tiers)
    levels = [
        Level(l["name"], parse_amount(l["min_trailing_list"]), parse_rate(l["discount"]))
        for l in partners.get("levels", [])
    ]
    roles = {}
    for name, r in raw["roles"].items():
        roles[name] = Role(
            name=name,
            direct_deals=_channel_entry(r["direct_deals"]),
            partner_deals=_channel_entry(r["partner_deals"]),
            rates=_schedule(r["rates"], start_is_rate=True) if r.get("rates") is not None else None,
            cap=parse_amount(r["cap"]) if r.get("cap") is not None else None,
        )

    def opt_rate(key: str) -> Decimal | None:
        return parse_rate(partners[key]) if partners.get(key) is not None else None

    return Plan(
        name=raw["name"],
        currency=raw["currency"],
        minor=minor_units(raw["currency"]),
        fiscal_year_start_month=raw.get("fiscal_year_start_month", 1),
        rounding=raw.get("rounding", "half-even"),
        clawback_days=raw.get("clawback_days", 0),
        price_book=price_book,
        trailing_months=partners.get("trailing_months", 0),
        levels=levels,
        upfront_discount=opt_rate("upfront_discount") or ZERO,          # SPEC 6: absent -> 0
        registration_discount=opt_rate("registration_discount") or ZERO,  # SPEC 6: absent -> 0
        max_discount=opt_rate("max_discount"),                           # SPEC 6: absent -> no cap
        referral_fee=opt_rate("referral_fee") or ZERO,                   # SPEC 6: absent -> 0
        rebate=_schedule(partners["rebate"], start_is_rate=False) if partners.get("rebate") is not None else None,
        roles=roles,
    )


# ---------------------------------------------------------------------------
# SPEC 3 / 6 "Rounding": money is rounded to the minor unit with the plan's mode.
# ---------------------------------------------------------------------------

def round_money(value: Decimal, plan: Plan) -> Decimal:
    """SPEC 3 + 6: round to the currency minor unit; half-even, or half-up = ties away from zero."""
    mode = ROUND_HALF_UP if plan.rounding == "half-up" else ROUND_HALF_EVEN  # Python HALF_UP is away from zero
    return value.quantize(Decimal(1).scaleb(-plan.minor), rounding=mode, context=_ROUNDING_CTX)


def to_minor(value: Decimal, minor: int) -> int:
    """An amount already at minor-unit precision as an exact integer of minor units."""
    scaled = value.scaleb(minor)
    if scaled != scaled.to_integral_value(context=_ROUNDING_CTX):
        raise OracleError(f"{value} is not a whole number of minor units")
    return int(scaled)


def from_minor(units: int, minor: int) -> Decimal:
    return Decimal(units).scaleb(-minor)


# ---------------------------------------------------------------------------
# SPEC 2.1 / 6 "Reading input": a tiny RFC 4180 parser (quoted content verbatim,
# unquoted fields trimmed of spaces and tabs, blank lines skipped).
# ---------------------------------------------------------------------------

def parse_csv_text(text: str) -> list[list[str]]:
    """SPEC 2.1 + 6: RFC 4180 records; returns a list of records (lists of fields)."""
    if text.startswith("\ufeff"):
        text = text[1:]  # optional BOM ignored
    records: list[list[str]] = []
    i, n = 0, len(text)
    while i < n:
        # Blank line: empty or only spaces/tabs, up to LF / CRLF / end.
        j = i
        while j < n and text[j] in " \t":
            j += 1
        if j >= n:
            break
        if text[j] == "\n":
            i = j + 1
            continue
        if text.startswith("\r\n", j):
            i = j + 2
            continue
        record: list[str] = []
        while True:
            # one field starting at i
            j = i
            while j < n and text[j] in " \t":
                j += 1
            if j < n and text[j] == '"':
                # quoted field: verbatim until the closing quote, "" = one quote
                j += 1
                buf = []
                while True:
                    if j >= n:
                        raise OracleError("unterminated quote")
                    c = text[j]
                    if c == '"':
                        if j + 1 < n and text[j + 1] == '"':
                            buf.append('"')
                            j += 2
                            continue
                        j += 1
                        break
                    buf.append(c)
                    j += 1
                while j < n and text[j] in " \t":  # spaces after a closing quote are tolerated
                    j += 1
                record.append("".join(buf))
            else:
                k = i
                while k < n and text[k] not in ",\r\n":
                    if text[k] == '"':
                        raise OracleError('" inside an unquoted field')
                    k += 1
                record.append(text[i:k].strip(" \t"))
                j = k
            # end of field
            if j >= n:
                records.append(record)
                return records
            c = text[j]
            if c == ",":
                i = j + 1
                continue
            if c == "\n":
                i = j + 1
                break
            if text.startswith("\r\n", j):
                i = j + 2
                break
            raise OracleError(f"unexpected character {c!r} after a field")
        records.append(record)
    return records


def read_table(path: str) -> list[dict[str, str]]:
    """SPEC 2.1: first record is the header; columns found by (case-sensitive) name."""
    with open(path, "rb") as fh:
        text = fh.read().decode("utf-8")
    records = parse_csv_text(text)
    if not records:
        return []
    header = records[0]
    rows = []
    for rec in records[1:]:
        if len(rec) != len(header):
            raise OracleError(f"{path}: row with {len(rec)} fields, header has {len(header)}")
        rows.append(dict(zip(header, rec)))
    return rows


# ---------------------------------------------------------------------------
# SPEC 3.1 / 6 "Clawbacks and periods": periods and fiscal years.
# A period is represented as a month index: year * 12 + (month - 1).
# ---------------------------------------------------------------------------

def parse_period(text: str) -> int:
    """SPEC 2.1: `YYYY-MM` -> month index."""
    y, m = text.split("-")
    if len(y) != 4 or len(m) != 2 or not (1 <= int(m) <= 12):
        raise OracleError(f"bad period {text!r}")
    return int(y) * 12 + int(m) - 1


def format_period(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def parse_date(text: str) -> datetime.date:
    """SPEC 2.1: `YYYY-MM-DD`."""
    if len(text) != 10:
        raise OracleError(f"bad date {text!r}")
    return datetime.date.fromisoformat(text)


def month_of(date: datetime.date) -> int:
    return date.year * 12 + date.month - 1


def fiscal_year_start(period: int, plan: Plan) -> int:
    """SPEC 6: FY of p starts at fiscal_year_start_month of p's year if p's month >= it, else of the previous year."""
    year, month = period // 12, period % 12 + 1
    start_year = year if month >= plan.fiscal_year_start_month else year - 1
    return start_year * 12 + plan.fiscal_year_start_month - 1


def fiscal_quarter_last_months(period: int, plan: Plan) -> list[int]:
    """SPEC 3.1/3.6: the last months of the fiscal quarters (three-month blocks) of p's fiscal year."""
    fy = fiscal_year_start(period, plan)
    return [fy + 3 * q + 2 for q in range(4)]


# ---------------------------------------------------------------------------
# Data model.
# ---------------------------------------------------------------------------

@dataclass
class Person:
    id: str
    role: str
    quota: Decimal | None
    territory: str


@dataclass
class Partner:
    id: str
    level: str
    manager: str


@dataclass
class DealRow:
    deal_id: str
    line: int
    event: str
    date: datetime.date
    cols: dict[str, str]

    def get(self, name: str) -> str:
        return self.cols.get(name, "")


def load_people(path: str) -> dict[str, Person]:
    """SPEC 2.3."""
    people = {}
    for r in read_table(path):
        q = r.get("quota", "")
        people[r["id"]] = Person(r["id"], r["role"], parse_amount(q) if q else None, r.get("territory", ""))
    return people


def load_partners(path: str) -> dict[str, Partner]:
    """SPEC 2.4 (the file is optional)."""
    if not os.path.exists(path):
        return {}
    return {r["id"]: Partner(r["id"], r.get("level", ""), r.get("manager", "")) for r in read_table(path)}


def load_deals(path: str) -> list[DealRow]:
    """SPEC 2.2: `line` defaults to 1 (`01` == `1`), `event` to booking."""
    rows = []
    for r in read_table(path):
        line = int(r.get("line", "") or "1")
        event = r.get("event", "") or "booking"
        rows.append(DealRow(r["deal_id"], line, event, parse_date(r["date"]), r))
    return rows


# ---------------------------------------------------------------------------
# SPEC 3.2 Pricing one booking line.
# ---------------------------------------------------------------------------

def price_book_exact(entry: PriceBookEntry, quantity: Decimal) -> Decimal:
    """SPEC 3.2.1 + 6 Pricing: exact (unrounded) price-book amount.

    graduated: each band (prev_up_to, up_to] prices the part of the quantity inside it
    (100.5 units = 100 x 40.00 + 0.5 x 32.00); volume: every unit at the first tier with
    quantity <= up_to. `up_to` inclusive, None unbounded.
    """
    if entry.mode == "graduated":
        total, lower = ZERO, ZERO
        for up_to, price in entry.tiers:
            if quantity <= lower:
                break
            top = quantity if up_to is None else min(quantity, up_to)
            total += (top - lower) * price
            if up_to is None:
                lower = quantity
                break
            lower = up_to
        if quantity > lower:
            raise OracleError("quantity above a bounded last price tier")
        return total
    for up_to, price in entry.tiers:  # volume
        if up_to is None or quantity <= up_to:
            return quantity * price
    raise OracleError("quantity above a bounded last price tier")


def list_amount(deal: DealRow, plan: Plan) -> Decimal:
    """SPEC 3.2.1: L = round(quantity x unit_list_price), or from the price book; exact, round once."""
    quantity = parse_decimal(deal.get("quantity"))
    product = deal.get("product")
    if product in plan.price_book:
        return round_money(price_book_exact(plan.price_book[product], quantity), plan)
    return round_money(quantity * parse_decimal(deal.get("unit_list_price")), plan)


def customer_amount(deal: DealRow, plan: Plan, list_amt: Decimal) -> Decimal:
    """SPEC 3.2.2/3.2.3: S (direct) or G (partner) = round(quantity x sale_price) if given, else L."""
    sale = deal.get("sale_price")
    if sale:
        return round_money(parse_decimal(deal.get("quantity")) * parse_decimal(sale), plan)
    return list_amt


def partner_discount_rate(deal: DealRow, plan: Plan, level_discount: Decimal) -> Decimal:
    """SPEC 3.2.3: d = min(max_discount, level + upfront*[upfront] + registration*[approved])."""
    d = level_discount
    if (deal.get("purchase") or "subscription") == "upfront":
        d += plan.upfront_discount
    if (deal.get("registration") or "none") == "approved":
        d += plan.registration_discount
    if plan.max_discount is not None:
        d = min(plan.max_discount, d)
    return d


def level_discount(partner: Partner | None, month: int, plan: Plan, trailing: dict[str, dict[int, Decimal]]) -> Decimal:
    """SPEC 3.2.4 + 6: fixed level overrides; else the qualifying level with the largest minimum
    for the trailing list volume over months m-T ... m-1; none qualifies -> 0."""
    if partner is not None and partner.level:
        for lvl in plan.levels:
            if lvl.name == partner.level:
                return lvl.discount
        raise OracleError(f"unknown level {partner.level!r}")
    volume = trailing_list_volume(partner.id if partner else "", month, plan, trailing)
    best: Level | None = None
    for lvl in plan.levels:
        if lvl.min_trailing_list <= volume and (best is None or lvl.min_trailing_list > best.min_trailing_list):
            best = lvl
    return best.discount if best is not None else ZERO


def trailing_list_volume(partner_id: str, month: int, plan: Plan, trailing: dict[str, dict[int, Decimal]]) -> Decimal:
    """SPEC 3.2.4 + 6: sum over months m-T ... m-1 of (L of partner-channel bookings - L of
    clawed-back cancellations), each placed in its own month. T = 0 gives 0."""
    per_month = trailing.get(partner_id, {})
    total = ZERO
    for m in range(month - plan.trailing_months, month):
        total += per_month.get(m, ZERO)
    return total


# ---------------------------------------------------------------------------
# SPEC 3.3 Crediting people.
# ---------------------------------------------------------------------------

def parse_reps(text: str) -> list[tuple[str, Decimal | None]]:
    """SPEC 2.2: `alice` or `alice:60;bob:40` -> [(id, split percent or None)]."""
    out = []
    if not text:
        return out
    for entry in text.split(";"):
        entry = entry.strip()
        pid, sep, split = entry.partition(":")
        out.append((pid.strip(), parse_decimal(split) if sep else None))
    return out


def allocate(basis: Decimal, weights: list[Decimal], total_weight: Decimal, minor: int) -> list[Decimal]:
    """SPEC 3.3: parts summing to the basis exactly.

    Each share's exact value basis x w_i / W is truncated to the minor unit; the leftover minor
    units go one each to the largest truncated remainders, ties to the earlier-listed person.
    Done in exact integers (minor units scaled so every weight is an integer). A negative basis
    is allocated as its absolute value and negated (truncation toward zero).
    Example: 100.00 in 3 equal parts -> 10000 units / 3 = 3333 r 1 each; 1 leftover unit goes to
    the first listed -> 33.34, 33.33, 33.33.
    """
    sign = -1 if basis < 0 else 1
    units = abs(to_minor(basis, minor))
    scale = max([0] + [-w.as_tuple().exponent for w in weights + [total_weight] if w.as_tuple().exponent < 0])
    w_int = [int(w.scaleb(scale)) for w in weights]
    den = int(total_weight.scaleb(scale))
    quotients, remainders = [], []
    for w in w_int:
        q, r = divmod(units * w, den)
        quotients.append(q)
        remainders.append(r)
    leftover = units - sum(quotients)
    # order: largest remainder first, then earlier-listed
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for k in range(leftover):
        quotients[order[k % len(order)]] += 1
    return [from_minor(sign * q, minor) for q in quotients]


def credited_people(role: Role, entry: ChannelEntry, deal: DealRow, channel: str,
                    people: dict[str, Person], partners: dict[str, Partner],
                    basis: Decimal, plan: Plan) -> list[tuple[str, Decimal]]:
    """SPEC 3.3 + 6 Crediting: who of this role is credited, and how much of the basis each gets."""
    if entry.credit == "none":
        return []
    if channel == "partner" and entry.requires_registration and (deal.get("registration") or "none") != "approved":
        return []  # SPEC 3.3: requires_registration applies to partner deals
    if entry.credit == "named":
        listed = [(pid, split) for pid, split in parse_reps(deal.get("reps"))
                  if pid in people and people[pid].role == role.name]
        if not listed:
            return []
        if any(split is not None for _, split in listed):
            weights = [split if split is not None else ZERO for _, split in listed]
            parts = allocate(basis, weights, HUNDRED, plan.minor)
        else:
            parts = allocate(basis, [ONE] * len(listed), Decimal(len(listed)), plan.minor)
        return [(pid, part) for (pid, _), part in zip(listed, parts)]
    if entry.credit == "territory":
        territory = deal.get("territory")
        if not territory:
            return []  # README: an empty deal territory matches nobody
        for p in people.values():
            if p.role == role.name and p.territory == territory:
                return [(p.id, basis)]
        return []
    if entry.credit == "partner_manager":
        partner = partners.get(deal.get("partner"))
        if partner is None or not partner.manager:
            return []
        mgr = people.get(partner.manager)
        if mgr is not None and mgr.role == role.name:
            return [(mgr.id, basis)]
        return []
    raise OracleError(f"unknown credit method {entry.credit!r}")


# ---------------------------------------------------------------------------
# SPEC 3.4 / 3.6 / 6: tier schedules (people: from x quota; rebates: money from).
# ---------------------------------------------------------------------------

def tiered_amount(schedule: TierSchedule, amount: Decimal, thresholds: list[Decimal]) -> Decimal:
    """SPEC 3.4 + 6 Crediting and earnings (exact, unrounded).

    `thresholds[i]` is the money value where tier i starts (from_i x quota, or the rebate's money
    `from`). Negative amount -> amount x first rate. marginal: slice [t_i, t_(i+1)) earns rate_i,
    nothing below t_0. retroactive: the whole amount at the rate of the highest tier with t_i <= amount
    (exact comparison), rate 0 if none.
    """
    tiers = schedule.tiers
    if amount < 0:
        return amount * tiers[0].rate
    if schedule.method == "marginal":
        total = ZERO
        for i, tier in enumerate(tiers):
            lo = thresholds[i]
            if amount <= lo:
                break
            hi = thresholds[i + 1] if i + 1 < len(tiers) else None
            top = amount if hi is None else min(amount, hi)
            total += (top - lo) * tier.rate
        return total
    if schedule.method == "retroactive":
        rate = ZERO
        for i, tier in enumerate(tiers):
            if thresholds[i] <= amount:
                rate = tier.rate
        return amount * rate
    raise OracleError(f"unknown tier method {schedule.method!r}")


def is_clawed_back(booking_date: datetime.date, cancel_date: datetime.date, plan: Plan) -> bool:
    """SPEC 6: clawed back iff clawback_days > 0 and (cancel - booking) in days <= clawback_days."""
    return plan.clawback_days > 0 and (cancel_date - booking_date).days <= plan.clawback_days


def referral_fee(deal: DealRow, plan: Plan, s: Decimal) -> tuple[str, Decimal] | None:
    """SPEC 3.6 + 6: direct, sourced_by=partner, a partner, registration=approved: round(fee x S)."""
    if (deal.get("sourced_by") or "company") != "partner":
        return None
    if not deal.get("partner") or (deal.get("registration") or "none") != "approved":
        return None
    return deal.get("partner"), round_money(plan.referral_fee * s, plan)


# ---------------------------------------------------------------------------
# The ledger: every booking line priced and credited once; every clawed-back
# cancellation as the same effects with opposite sign in its own month (SPEC 3.5).
# ---------------------------------------------------------------------------

@dataclass
class Effect:
    month: int
    quota_credit: dict[str, Decimal] = field(default_factory=dict)   # person -> quota credit
    flat_credit: dict[str, Decimal] = field(default_factory=dict)    # person -> flat-rate credit
    purchases: dict[str, Decimal] = field(default_factory=dict)      # partner -> net purchases N
    referral: dict[str, Decimal] = field(default_factory=dict)       # partner -> referral fee


def _add(d: dict, key, value: Decimal) -> None:
    d[key] = d.get(key, ZERO) + value


@dataclass
class Ledger:
    plan: Plan
    people: dict[str, Person]
    partners: dict[str, Partner]
    effects: list[Effect]
    # index: attr -> payee -> month -> total (built once from `effects`)
    totals: dict[str, dict[str, dict[int, Decimal]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for attr in ("quota_credit", "flat_credit", "purchases", "referral"):
            index: dict[str, dict[int, Decimal]] = {}
            for e in self.effects:
                for payee, value in getattr(e, attr).items():
                    _add(index.setdefault(payee, {}), e.month, value)  # type: ignore[arg-type]
            self.totals[attr] = index


def negate(effect: Effect, month: int) -> Effect:
    """SPEC 3.5: every effect of the booking reversed, opposite sign, the booking's own amounts."""
    return Effect(
        month,
        {k: -v for k, v in effect.quota_credit.items()},
        {k: -v for k, v in effect.flat_credit.items()},
        {k: -v for k, v in effect.purchases.items()},
        {k: -v for k, v in effect.referral.items()},
    )


def build_ledger(plan: Plan, people: dict[str, Person], partners: dict[str, Partner], deals: list[DealRow]) -> Ledger:
    """SPEC 3.2-3.6: price, credit and place every booking and clawed-back cancellation."""
    bookings = {(d.deal_id, d.line): d for d in deals if d.event == "booking"}
    cancellations = [d for d in deals if d.event == "cancellation"]

    # Pass 1 (SPEC 3.2.4): trailing list volume per partner per month. L does not depend on levels.
    list_amounts = {key: list_amount(d, plan) for key, d in bookings.items()}
    trailing: dict[str, dict[int, Decimal]] = {}
    for key, d in bookings.items():
        if d.get("channel") == "partner":
            _add(trailing.setdefault(d.get("partner"), {}), month_of(d.date), list_amounts[key])  # type: ignore[arg-type]
    for c in cancellations:
        b = bookings[(c.deal_id, c.line)]
        if b.get("channel") == "partner" and is_clawed_back(b.date, c.date, plan):
            _add(trailing.setdefault(b.get("partner"), {}), month_of(c.date), -list_amounts[(c.deal_id, c.line)])  # type: ignore[arg-type]

    # Pass 2: each booking line's effects.
    booking_effects: dict[tuple[str, int], Effect] = {}
    for key, d in bookings.items():
        month = month_of(d.date)
        eff = Effect(month)
        L = list_amounts[key]
        channel = d.get("channel")
        if channel == "direct":
            S = customer_amount(d, plan, L)  # SPEC 3.2.2: net = gross = S
            net = gross = S
            fee = referral_fee(d, plan, S)
            if fee is not None:
                _add(eff.referral, fee[0], fee[1])
        else:
            partner = partners.get(d.get("partner"))
            lvl = level_discount(partner, month, plan, trailing)
            rate = partner_discount_rate(d, plan, lvl)
            D = round_money(L * rate, plan)
            net = L - D
            gross = customer_amount(d, plan, L)
            _add(eff.purchases, d.get("partner"), net)
        for role in plan.roles.values():
            entry = role.direct_deals if channel == "direct" else role.partner_deals
            if channel == "direct":
                basis, is_quota = net, True  # SPEC 3.3: direct basis is S; all direct credit is quota credit
            else:
                basis = gross if entry.basis == "gross" else net
                is_quota = entry.quota_credit
            for pid, amount in credited_people(role, entry, d, channel, people, partners, basis, plan):
                _add(eff.quota_credit if is_quota else eff.flat_credit, pid, amount)
        booking_effects[key] = eff

    effects = list(booking_effects.values())
    for c in cancellations:  # SPEC 3.5: clawbacks in the cancellation's own month
        b = bookings[(c.deal_id, c.line)]
        if is_clawed_back(b.date, c.date, plan):
            effects.append(negate(booking_effects[(c.deal_id, c.line)], month_of(c.date)))
    return Ledger(plan, people, partners, effects)


# ---------------------------------------------------------------------------
# SPEC 3.4 / 3.6 / 3.7: per-payee figures for a run period.
# ---------------------------------------------------------------------------

def _sum(ledger: Ledger, attr: str, payee: str, first: int, last: int) -> Decimal:
    """Sum of one effect kind for a payee over months first..last (rows after `last` ignored, SPEC 3.1)."""
    per_month = ledger.totals[attr].get(payee, {})
    total = ZERO
    for month in range(first, last + 1):
        total += per_month.get(month, ZERO)
    return total


def person_earned_ytd(ledger: Ledger, person: Person, period: int) -> Decimal:
    """SPEC 3.4: earned_ytd = min(cap, round(tiered(credit_ytd) + flat_rate x flat_credit_ytd))."""
    plan = ledger.plan
    role = plan.roles[person.role]
    fy = fiscal_year_start(period, plan)
    credit_ytd = _sum(ledger, "quota_credit", person.id, fy, period)
    flat_ytd = _sum(ledger, "flat_credit", person.id, fy, period)
    tiered = ZERO
    if role.rates is not None and person.quota is not None:
        thresholds = [t.start * person.quota for t in role.rates.tiers]
        tiered = tiered_amount(role.rates, credit_ytd, thresholds)
    earned = round_money(tiered + role.partner_deals.flat_rate * flat_ytd, plan)
    if role.cap is not None:
        earned = min(role.cap, earned)
    return earned


def quarter_rebate(ledger: Ledger, partner_id: str, quarter_last_month: int) -> Decimal:
    """SPEC 3.6: rebate on the quarter's net purchases through the money tiers, rounded once."""
    plan = ledger.plan
    if plan.rebate is None:
        return ZERO
    purchases = _sum(ledger, "purchases", partner_id, quarter_last_month - 2, quarter_last_month)
    thresholds = [t.start for t in plan.rebate.tiers]
    return round_money(tiered_amount(plan.rebate, purchases, thresholds), plan)


def partner_earned_ytd(ledger: Ledger, partner_id: str, period: int) -> Decimal:
    """SPEC 3.6: referral fees YTD + rebates of the fiscal year's quarters that have ended by p."""
    fy = fiscal_year_start(period, ledger.plan)
    earned = _sum(ledger, "referral", partner_id, fy, period)
    for last in fiscal_quarter_last_months(period, ledger.plan):
        if last <= period:
            earned += quarter_rebate(ledger, partner_id, last)
    return earned


def earned_ytd(ledger: Ledger, payee_type: str, payee_id: str, period: int) -> Decimal:
    if payee_type == "person":
        return person_earned_ytd(ledger, ledger.people[payee_id], period)
    return partner_earned_ytd(ledger, payee_id, period)


def payees(ledger: Ledger) -> list[tuple[str, str]]:
    """SPEC 4.1: every person, then every partner, each group sorted by id in UTF-8 byte order."""
    key = lambda s: s.encode("utf-8")
    return ([("person", p) for p in sorted(ledger.people, key=key)]
            + [("partner", p) for p in sorted(ledger.partners, key=key)])


@dataclass
class JournalRow:
    period: int
    payee_type: str
    payee_id: str
    amount: Decimal


def load_journal(path: str) -> list[JournalRow]:
    """SPEC 3.7: journal.csv columns period,payee_type,payee_id,amount,currency,closed_at."""
    if not os.path.exists(path):
        return []
    return [JournalRow(parse_period(r["period"]), r["payee_type"], r["payee_id"], parse_decimal(r["amount"]))
            for r in read_table(path)]


def paid_to_date(ledger: Ledger, payee_type: str, payee_id: str, period: int,
                 journal: list[JournalRow]) -> Decimal:
    """SPEC 3.7 + 6 Journal.

    Journal rows of p's fiscal year dated before p (rows at or after p are ignored): if any, the sum of
    this payee's amounts (duplicates summed), and those periods must be exactly FY start .. p-1.
    Otherwise the preview: earned_ytd of p-1 from the current ledger (capped, as earned_ytd always is),
    0 in the fiscal year's first month.
    """
    fy = fiscal_year_start(period, ledger.plan)
    rows = [r for r in journal if fy <= r.period < period]
    if rows:
        closed = {r.period for r in rows}
        for m in range(fy, period):
            if m not in closed:
                raise OracleError(f"journal is missing period {format_period(m)}")
        return sum((r.amount for r in rows if r.payee_type == payee_type and r.payee_id == payee_id), ZERO)
    if period == fy:
        return ZERO
    return earned_ytd(ledger, payee_type, payee_id, period - 1)


# ---------------------------------------------------------------------------
# SPEC 4.1 / 6: output formatting.
# ---------------------------------------------------------------------------

def format_money(value: Decimal, minor: int) -> str:
    """SPEC 4.1 + 6: fixed minor-unit decimals, no separators, never a negative zero."""
    q = value.quantize(Decimal(1).scaleb(-minor), context=_EXACT_CTX)  # exact: values are at minor precision
    if q == 0:
        q = abs(q)
    return f"{q:f}"


def format_attainment(credit_ytd: Decimal, quota: Decimal | None) -> str:
    """SPEC 4.1 + 6: credit_ytd / quota rounded half-even to 4 places; empty without a quota."""
    if quota is None or quota == 0:
        return ""
    ratio = _ROUNDING_CTX.divide(credit_ytd, quota)
    q = ratio.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN, context=_ROUNDING_CTX)
    if q == 0:
        q = abs(q)  # README: no "-0.0000" either
    return f"{q:f}"


def csv_field(text: str) -> str:
    """SPEC 6: RFC 4180 quoting for ids that need it (comma, quote, CR, LF; also edge spaces/tabs)."""
    if any(c in text for c in ',"\r\n') or text != text.strip(" \t"):
        return '"' + text.replace('"', '""') + '"'
    return text


PAYOUT_HEADER = "payee_type,payee_id,period,credit_period,credit_ytd,attainment_ytd,earned_ytd,paid_to_date,payout,currency"


def payout_rows(ledger: Ledger, period: int, journal: list[JournalRow]) -> list[str]:
    """SPEC 4.1: one CSV line per payee."""
    plan = ledger.plan
    fy = fiscal_year_start(period, plan)
    money = lambda v: format_money(v, plan.minor)
    lines = [PAYOUT_HEADER]
    for payee_type, pid in payees(ledger):
        attr = "quota_credit" if payee_type == "person" else "purchases"
        credit_period = _sum(ledger, attr, pid, period, period)
        credit_ytd = _sum(ledger, attr, pid, fy, period)
        attainment = format_attainment(credit_ytd, ledger.people[pid].quota) if payee_type == "person" else ""
        earned = earned_ytd(ledger, payee_type, pid, period)
        paid = paid_to_date(ledger, payee_type, pid, period, journal)
        lines.append(",".join([
            payee_type, csv_field(pid), format_period(period), money(credit_period), money(credit_ytd),
            attainment, money(earned), money(paid), money(earned - paid), csv_field(plan.currency),
        ]))
    return lines


def close_year_rows(ledger: Ledger, year_start: int) -> list[str]:
    """SPEC 3.7: close every month of the fiscal year in order with an in-memory journal."""
    plan = ledger.plan
    if fiscal_year_start(year_start, plan) != year_start:
        raise OracleError(f"{format_period(year_start)} is not the first month of a fiscal year")
    journal: list[JournalRow] = []
    lines = ["period,payee_type,payee_id,amount,currency"]
    for period in range(year_start, year_start + 12):
        closing = []
        for payee_type, pid in payees(ledger):
            earned = earned_ytd(ledger, payee_type, pid, period)
            paid = sum((r.amount for r in journal if r.payee_type == payee_type and r.payee_id == pid), ZERO)
            amount = earned - paid
            closing.append(JournalRow(period, payee_type, pid, amount))
            lines.append(",".join([format_period(period), payee_type, csv_field(pid),
                                   format_money(amount, plan.minor), csv_field(plan.currency)]))
        journal.extend(closing)
    return lines


def load_ledger(plan_path: str, data_dir: str) -> Ledger:
    plan = load_plan(plan_path)
    people = load_people(os.path.join(data_dir, "people.csv"))
    partners = load_partners(os.path.join(data_dir, "partners.csv"))
    deals = load_deals(os.path.join(data_dir, "deals.csv"))
    return build_ledger(plan, people, partners, deals)


def run_payout(plan_path: str, data_dir: str, period_text: str) -> str:
    ledger = load_ledger(plan_path, data_dir)
    journal = load_journal(os.path.join(data_dir, "journal.csv"))
    return "\n".join(payout_rows(ledger, parse_period(period_text), journal)) + "\n"


def run_close_year(plan_path: str, data_dir: str, year_start_text: str) -> str:
    ledger = load_ledger(plan_path, data_dir)
    return "\n".join(close_year_rows(ledger, parse_period(year_start_text))) + "\n"


# ---------------------------------------------------------------------------
# selftest
# ---------------------------------------------------------------------------

# SPEC 2.5 plan, copied from the SPEC text.
SPEC_PLAN = """{
  "name": "FY2027 channel-neutral",
  "currency": "USD",
  "fiscal_year_start_month": 1,
  "rounding": "half-even",
  "clawback_days": 90,
  "price_book": {
    "SEAT": { "mode": "graduated",
              "tiers": [ { "up_to": "100", "unit_price": "40.00" },
                         { "up_to": null,  "unit_price": "32.00" } ] }
  },
  "partners": {
    "trailing_months": 12,
    "levels": [
      { "name": "Bronze", "min_trailing_list": "0",       "discount": "20%" },
      { "name": "Silver", "min_trailing_list": "250000",  "discount": "25%" },
      { "name": "Gold",   "min_trailing_list": "1000000", "discount": "30%" }
    ],
    "upfront_discount": "5%",
    "registration_discount": "10%",
    "max_discount": "40%",
    "referral_fee": "10%",
    "rebate": { "method": "retroactive",
                "tiers": [ { "from": "0",      "rate": "0%" },
                           { "from": "100000", "rate": "2%" },
                           { "from": "500000", "rate": "3%" } ] }
  },
  "roles": {
    "direct_rep": {
      "direct_deals":  { "credit": "named" },
      "partner_deals": { "credit": "territory", "basis": "net",
                         "quota_credit": true, "requires_registration": false },
      "rates": { "method": "marginal",
                 "tiers": [ { "from": "0%",   "rate": "5%" },
                            { "from": "100%", "rate": "9%" },
                            { "from": "150%", "rate": "6%" } ] },
      "cap": "400000"
    },
    "channel_manager": {
      "direct_deals":  { "credit": "none" },
      "partner_deals": { "credit": "partner_manager", "basis": "net",
                         "quota_credit": true, "requires_registration": true },
      "rates": { "method": "retroactive",
                 "tiers": [ { "from": "0%", "rate": "0%" },
                            { "from": "50%", "rate": "2%" },
                            { "from": "100%", "rate": "3%" } ] }
    }
  }
}
"""

# SPEC 7 files and expected output, copied from the SPEC text.
SPEC7_PEOPLE = """id,name,role,quota,territory
ann,Ann,direct_rep,500000,WEST
cam,Cam,channel_manager,800000,
"""
SPEC7_PARTNERS = """id,name,level,manager
P1,Acme VAR,,cam
"""
SPEC7_DEALS = """deal_id,date,account,territory,product,quantity,unit_list_price,currency,channel,partner,registration,sourced_by,reps,purchase
D1,2027-01-10,A1,WEST,WIDGET,10,1000,USD,direct,,,,ann,
D2,2027-01-20,A2,WEST,SEAT,150,,USD,partner,P1,approved,,,upfront
D3,2027-01-25,A3,WEST,WIDGET,2,2500,USD,direct,P1,approved,partner,ann,
D4,2027-02-03,A4,WEST,WIDGET,1,800,USD,direct,,,,ann,
"""
SPEC7_EXPECTED = """payee_type,payee_id,period,credit_period,credit_ytd,attainment_ytd,earned_ytd,paid_to_date,payout,currency
person,ann,2027-01,18640.00,18640.00,0.0373,932.00,0.00,932.00,USD
person,cam,2027-01,3640.00,3640.00,0.0046,0.00,0.00,0.00,USD
partner,P1,2027-01,3640.00,3640.00,,500.00,0.00,500.00,USD
"""


def _write_dir(root: str, files: dict[str, str]) -> None:
    os.makedirs(root, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(root, name), "w", encoding="utf-8", newline="") as fh:
            fh.write(text)


def _plan_with(**changes) -> str:
    """The SPEC 2.5 plan with top-level / nested keys replaced (dotted keys)."""
    raw = json.loads(SPEC_PLAN)
    for dotted, value in changes.items():
        node = raw
        parts = dotted.split("__")
        for p in parts[:-1]:
            node = node[p]
        if value is None:
            node.pop(parts[-1], None)
        else:
            node[parts[-1]] = value
    return json.dumps(raw)


def _row(out: str, payee_id: str) -> list[str]:
    for line in out.splitlines()[1:]:
        f = line.split(",")
        if f[1] == payee_id:
            return f
    raise AssertionError(f"no row for {payee_id}")


def selftest() -> int:
    checks = 0

    def check(name: str, got, want) -> None:
        nonlocal checks
        checks += 1
        if got != want:
            raise AssertionError(f"{name}: got {got!r}, want {want!r}")

    plan = load_plan_text(SPEC_PLAN)

    # --- rounding (SPEC 6): half-up ties away from zero; half-even to even.
    up = load_plan_text(_plan_with(rounding="half-up"))
    check("half-up -0.005", round_money(Decimal("-0.005"), up), Decimal("-0.01"))
    check("half-up 0.125", round_money(Decimal("0.125"), up), Decimal("0.13"))
    check("half-even 0.125", round_money(Decimal("0.125"), plan), Decimal("0.12"))
    check("half-even -0.005", round_money(Decimal("-0.005"), plan), Decimal("0.00"))
    check("no -0.00", format_money(Decimal("-0.00"), 2), "0.00")
    check("JPY minor", minor_units("JPY"), 0)
    check("KWD minor", minor_units("KWD"), 3)

    # --- CSV reading (SPEC 2.1 + 6): BOM, CRLF, blank lines, trimming, quoted commas/newlines/"" kept verbatim.
    text = '\ufeffa,b ,c\r\n  x , " y, z " ,"line1\nline2 ""q"""\r\n \t \n\n1,2,3'
    check("csv parse", parse_csv_text(text), [["a", "b", "c"], ["x", " y, z ", 'line1\nline2 "q"'], ["1", "2", "3"]])
    check("csv quoting", csv_field("Echo, LLC"), '"Echo, LLC"')

    # --- price book (SPEC 3.2.1 + 6): graduated 100 x 40 + 50 x 32 = 5600; 100.5 = 4000 + 16 = 4016.
    seat = plan.price_book["SEAT"]
    check("graduated 150", price_book_exact(seat, Decimal(150)), Decimal("5600.00"))
    check("graduated 100.5", price_book_exact(seat, Decimal("100.5")), Decimal("4016.000"))
    vol = PriceBookEntry("volume", seat.tiers)
    check("volume 100", price_book_exact(vol, Decimal(100)), Decimal("4000.00"))  # 100 <= up_to 100
    check("volume 150", price_book_exact(vol, Decimal(150)), Decimal("4800.00"))  # 150 x 32

    # --- (2a) splits (SPEC 3.3).
    # 100.00 in 3 equal shares: 10000 units / 3 = 3333 r 1 each; 1 leftover unit, remainders tie,
    # earlier-listed wins -> 33.34 / 33.33 / 33.33.
    check("3-way equal", allocate(Decimal("100.00"), [ONE] * 3, Decimal(3), 2),
          [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")])
    # 100.01 at 50/25/25: exact 5000.5 / 2500.25 / 2500.25 units -> 5000/2500/2500 (sum 10000),
    # 1 leftover unit to the largest remainder (.5, first) -> 50.01 / 25.00 / 25.00.
    check("50/25/25 of 100.01", allocate(Decimal("100.01"), [Decimal(50), Decimal(25), Decimal(25)], HUNDRED, 2),
          [Decimal("50.01"), Decimal("25.00"), Decimal("25.00")])
    # 0.01 at 10/45/45: exact 0.1 / 0.45 / 0.45 units -> all 0; 1 leftover to the largest remainder;
    # .45 ties between 2nd and 3rd, the earlier (2nd) wins -> 0.00 / 0.01 / 0.00.
    check("10/45/45 of 0.01", allocate(Decimal("0.01"), [Decimal(10), Decimal(45), Decimal(45)], HUNDRED, 2),
          [Decimal("0.00"), Decimal("0.01"), Decimal("0.00")])
    # 100.00 at 33.3/33.3/33.4: 3330 / 3330 / 3340 units exactly, no leftover.
    check("33.3/33.3/33.4", allocate(Decimal("100.00"), [Decimal("33.3"), Decimal("33.3"), Decimal("33.4")], HUNDRED, 2),
          [Decimal("33.30"), Decimal("33.30"), Decimal("33.40")])

    # --- (2b) tiers (SPEC 3.4 + 6). quota 100000, marginal 0%:5%, 100%:9%, 150%:6%.
    marginal = plan.roles["direct_rep"].rates
    th = [t.start * Decimal(100000) for t in marginal.tiers]  # 0, 100000, 150000
    # 120000: 100000 x 5% + 20000 x 9% = 5000 + 1800 = 6800
    check("marginal crossing", tiered_amount(marginal, Decimal(120000), th), Decimal(6800))
    # 160000: 5000 + 50000 x 9% + 10000 x 6% = 5000 + 4500 + 600 = 10100
    check("marginal 3 tiers", tiered_amount(marginal, Decimal(160000), th), Decimal(10100))
    # negative credit: -1000 x first rate 5% = -50
    check("marginal negative", tiered_amount(marginal, Decimal(-1000), th), Decimal(-50))
    # marginal below the first `from` (10%:5%): 5000 of 100000 earns nothing; 15000 earns 5000 x 5% = 250
    late = TierSchedule("marginal", [Tier(Decimal("0.10"), Decimal("0.05"))])
    check("marginal below first", tiered_amount(late, Decimal(5000), [Decimal(10000)]), ZERO)
    check("marginal above first", tiered_amount(late, Decimal(15000), [Decimal(10000)]), Decimal(250))
    retro = TierSchedule("retroactive", marginal.tiers)
    # retroactive 120000: whole amount at 9% = 10800
    check("retroactive", tiered_amount(retro, Decimal(120000), th), Decimal(10800))
    # 99999.99 of 100000: prints 1.0000 but the exact ratio is below 100% -> 5% = 4999.9995 -> 5000.00
    check("retro exact compare", round_money(tiered_amount(retro, Decimal("99999.99"), th), plan), Decimal("5000.00"))
    check("attainment display", format_attainment(Decimal("99999.99"), Decimal(100000)), "1.0000")
    # retroactive with no tier <= attainment -> 0
    retro_late = TierSchedule("retroactive", [Tier(Decimal("0.5"), Decimal("0.02"))])
    check("retro none", tiered_amount(retro_late, Decimal(100), [Decimal(50000)]), ZERO)
    # attainment half-even: 0.00455 -> 0.0046 (SPEC 7), 0.00465 -> 0.0046
    check("attainment 0.00455", format_attainment(Decimal("3640"), Decimal("800000")), "0.0046")
    check("attainment 0.00465", format_attainment(Decimal("465"), Decimal("100000")), "0.0046")

    with tempfile.TemporaryDirectory() as tmp:
        # --- (1) SPEC 7 worked example, byte for byte.
        d7 = os.path.join(tmp, "spec7")
        _write_dir(d7, {"plan.json": SPEC_PLAN, "people.csv": SPEC7_PEOPLE,
                        "partners.csv": SPEC7_PARTNERS, "deals.csv": SPEC7_DEALS})
        check("SPEC 7 output", run_payout(os.path.join(d7, "plan.json"), d7, "2027-01"), SPEC7_EXPECTED)

        # --- (2c) clawback day 90 vs day 91 (SPEC 6). Booking 2027-01-10; 2027-04-10 is
        # 21 + 28 + 31 + 10 = 90 days later (clawed back), 2027-04-11 is day 91 (no effect).
        # ann: 10000 direct in Jan -> earned 10000 x 5% = 500.00 in Jan..Mar.
        people = "id,name,role,quota,territory\nann,Ann,direct_rep,500000,WEST\n"
        base = ("deal_id,line,event,date,account,territory,product,quantity,unit_list_price,currency,channel,partner,registration,sourced_by,reps\n"
                "D1,1,booking,2027-01-10,A1,WEST,W,10,1000,USD,direct,P1,approved,partner,ann\n")
        partners_csv = "id,name,level,manager\nP1,Acme,,\n"
        for day, clawed in (("2027-04-10", True), ("2027-04-11", False)):
            dd = os.path.join(tmp, f"claw{day}")
            _write_dir(dd, {"plan.json": SPEC_PLAN, "people.csv": people, "partners.csv": partners_csv,
                            "deals.csv": base + f"D1,1,cancellation,{day},,,,,,,,,,,\n"})
            plan_path = os.path.join(dd, "plan.json")
            out = run_payout(plan_path, dd, "2027-04")
            ann, p1 = _row(out, "ann"), _row(out, "P1")
            if clawed:
                # Apr: credit_period -10000, ytd 0, earned 0, paid (Mar earned) 500.00, payout -500.00.
                check("day 90 ann", ann[3:9], ["-10000.00", "0.00", "0.0000", "0.00", "500.00", "-500.00"])
                # referral fee 10% x 10000 = 1000.00 in Jan, reversed in Apr: earned 0, payout -1000.00.
                check("day 90 P1", p1[6:9], ["0.00", "1000.00", "-1000.00"])
            else:
                check("day 91 ann", ann[3:9], ["0.00", "10000.00", "0.0200", "500.00", "500.00", "0.00"])
                check("day 91 P1", p1[6:9], ["1000.00", "1000.00", "0.00"])
            # The cancellation dated after the run's period leaves the booking standing (SPEC 6).
            out_mar = run_payout(plan_path, dd, "2027-03")
            check(f"{day} Mar ann", _row(out_mar, "ann")[3:9], ["0.00", "10000.00", "0.0200", "500.00", "500.00", "0.00"])

        # --- (2d) rebate only in the quarter's last month (SPEC 3.6). P1 buys 1 x 200000 list in
        # Jan, Bronze 20% (no history): D = 40000, N = 160000. Retroactive: 160000 >= 100000 -> 2%
        # -> 3200.00, earned in March (Q1's last month) only.
        dr = os.path.join(tmp, "rebate")
        _write_dir(dr, {"plan.json": SPEC_PLAN, "people.csv": people, "partners.csv": partners_csv,
                        "deals.csv": "deal_id,date,account,territory,product,quantity,unit_list_price,currency,channel,partner\n"
                                     "R1,2027-01-15,A1,EAST,W,1,200000,USD,partner,P1\n"})
        pp = os.path.join(dr, "plan.json")
        want = {"2027-01": ["160000.00", "160000.00", "", "0.00", "0.00", "0.00"],
                "2027-02": ["0.00", "160000.00", "", "0.00", "0.00", "0.00"],
                "2027-03": ["0.00", "160000.00", "", "3200.00", "0.00", "3200.00"],
                "2027-04": ["0.00", "160000.00", "", "3200.00", "3200.00", "0.00"]}  # YTD, not QTD
        for period, expected in want.items():
            check(f"rebate {period}", _row(run_payout(pp, dr, period), "P1")[3:9], expected)
        # close-year telescopes: payouts 0, 0, 3200.00, then 0 for the rest of the year.
        cy = [l for l in run_close_year(pp, dr, "2027-01").splitlines() if ",partner,P1," in l]
        check("close-year P1", [l.split(",")[3] for l in cy], ["0.00", "0.00", "3200.00"] + ["0.00"] * 9)

        # --- partner level from trailing volume, with a fiscal year starting in April.
        # P1 buys 300000 list in 2026-12 (Bronze: N = 240000) -> volume 300000 for Jan 2027 -> Silver 25%.
        # Jan 2027 line of 1000 list: D = 250, N = 750. FY starts 2026-04 for Jan 2027 (month 1 < 4).
        dl = os.path.join(tmp, "levels")
        _write_dir(dl, {"plan.json": _plan_with(fiscal_year_start_month=4), "people.csv": people,
                        "partners.csv": partners_csv,
                        "deals.csv": "deal_id,date,account,territory,product,quantity,unit_list_price,currency,channel,partner\n"
                                     "L1,2026-12-15,A1,EAST,W,1,300000,USD,partner,P1\n"
                                     "L2,2027-01-15,A1,EAST,W,1,1000,USD,partner,P1\n"})
        out = run_payout(os.path.join(dl, "plan.json"), dl, "2027-01")
        # credit_ytd = 240000 + 750 = 240750 (both in FY 2026-04..2027-03)
        check("silver level", _row(out, "P1")[3:5], ["750.00", "240750.00"])
        # Q3 of that FY (Oct-Dec 2026) ended: purchases 240000 -> 2% -> 4800.00 rebate.
        check("FY-April rebate", _row(out, "P1")[6], "4800.00")

        # --- journal (SPEC 3.7): paid_to_date sums the journal of earlier periods of the FY.
        dj = os.path.join(tmp, "journal")
        _write_dir(dj, {"plan.json": SPEC_PLAN, "people.csv": SPEC7_PEOPLE, "partners.csv": SPEC7_PARTNERS,
                        "deals.csv": SPEC7_DEALS,
                        "journal.csv": "period,payee_type,payee_id,amount,currency,closed_at\n"
                                       "2027-01,person,ann,900.00,USD,2027-02-01T00:00:00Z\n"
                                       "2027-02,person,ann,1.00,USD,x\n"})
        # Feb: ann credit 18640 + 800 (D4) = 19440 -> 972.00; paid 900.00 (Jan row; Feb row ignored) -> 72.00.
        # cam/P1 have no journal row in the closed Jan -> paid 0.
        out = run_payout(os.path.join(dj, "plan.json"), dj, "2027-02")
        check("journal ann", _row(out, "ann")[6:9], ["972.00", "900.00", "72.00"])
        check("journal P1", _row(out, "P1")[6:9], ["500.00", "0.00", "500.00"])

    print(f"selftest: {checks} checks passed")
    return 0


def load_plan_text(text: str) -> Plan:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        path = fh.name
    try:
        return load_plan(path)
    finally:
        os.unlink(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="oracle.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("payout")
    p.add_argument("--plan", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--period", required=True)
    c = sub.add_parser("close-year")
    c.add_argument("--plan", required=True)
    c.add_argument("--data", required=True)
    c.add_argument("--year-start", required=True)
    sub.add_parser("selftest")
    args = parser.parse_args(argv)
    try:
        if args.command == "payout":
            sys.stdout.write(run_payout(args.plan, args.data, args.period))
        elif args.command == "close-year":
            sys.stdout.write(run_close_year(args.plan, args.data, args.year_start))
        else:
            return selftest()
    except (OracleError, KeyError, ValueError) as exc:
        print(f"oracle: error: {exc!r}", file=sys.stderr)
        return 65
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
