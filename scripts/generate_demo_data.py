"""Generate the demo dataset of saas_retention: the seven raw tables of the raw-data contract.

It simulates a B2B SaaS vendor and writes one CSV per table (header = the contract columns in
contract order, every value text, `\\n` line endings):
accounts (smb / mid_market / enterprise, ~60/30/10 %, churning ~4 / 2 / 0.7 % a month, signups
growing over the window), plans (a price book in USD, EUR, GBP plus a free plan),
subscriptions (one row per version: 14-day trials of which about half convert, free plans,
seat expansion / contraction, tier upgrades, past_due spells, add-ons, cancellations,
comebacks), exchange_rates (monthly EUR / GBP random walks with a few months missing, USD at 1,
CHF for the last six months only), events (sessions, 60 % with a session_id; activity fades
before a churn), nps_responses (quarterly survey, low scores before a churn, comments that
sometimes hold personal data) and marketing_spend (daily / weekly spend per paid channel).

The data end on END_DATE (the demo pins as_of_date to it) except a handful of valid rows dated
later. Formats vary on purpose (timestamps with and without offsets or fractions, enumerations
in another case or padded, padded ids), and a small, deterministic share of rows is dirty: at
least two rows of every bad-row kind of the contract, each injection marked `# dirty:` with
the rule it exercises. Standard library only; all draws come from random.Random instances
seeded from --seed, so a (size, seed) always gives byte-identical files. Events are streamed.

    python scripts/generate_demo_data.py --size S --out seeds [--seed 42]
"""

from __future__ import annotations

import argparse
import shutil
import csv
import random
import time
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

END_DATE = date(2026, 11, 15)
END_TS = datetime(2026, 11, 16)      # first instant after END_DATE; all datetimes are UTC
DEC_1 = datetime(2026, 12, 1)        # scheduled plan changes take effect here
DAY, MONTH, MINUTE = timedelta(days=1), timedelta(days=30.44), timedelta(minutes=1)


@dataclass(frozen=True)
class Size:
    accounts: int
    months: int
    events_target: int


SIZES = {
    "XS": Size(150, 12, 15_000),
    "S": Size(2_000, 36, 300_000),
    "M": Size(50_000, 36, 10_000_000),
    "L": Size(250_000, 60, 100_000_000),
}

COLUMNS = {table: columns.split() for table, columns in {
    "accounts": "account_id account_name email country segment acquisition_channel created_at "
                "updated_at",
    "plans": "plan_id plan_name tier billing_interval list_price currency",
    "subscriptions": "subscription_version_id subscription_id account_id plan_id status quantity "
                     "amount currency billing_interval valid_from valid_to updated_at "
                     "cancel_requested_at",
    "exchange_rates": "month currency rate_to_reporting",
    "events": "event_id account_id user_id event_name feature occurred_at session_id",
    "nps_responses": "response_id account_id user_id score comment responded_at",
    "marketing_spend": "spend_date channel amount currency",
}.items()}

# per segment: share of the accounts; mean monthly churn probability (accounts differ around
# it, so the survivors churn less); seats; users; chance of an add-on subscription; share of
# yearly contracts; monthly chances of a seat expansion and of a seat reduction
Segment = namedtuple("Segment", "share churn seats users addon yearly expand shrink")
SEGMENTS = {
    "smb": Segment(0.60, 0.045, (1, 5), (1, 3), 0.05, 0.15, 0.025, 0.010),
    "mid_market": Segment(0.30, 0.022, (3, 20), (2, 6), 0.15, 0.30, 0.040, 0.015),
    "enterprise": Segment(0.10, 0.007, (10, 60), (4, 12), 0.30, 0.50, 0.050, 0.020),
}
TIERS = {"smb": {"starter": 75, "growth": 25},
         "mid_market": {"starter": 20, "growth": 70, "enterprise": 10},
         "enterprise": {"growth": 30, "enterprise": 70}}
CHANNELS = ["organic", "paid_search", "paid_social", "referral", "partner", "outbound"]
CHANNEL_WEIGHTS = {"smb": [35, 25, 20, 12, 5, 3], "mid_market": [25, 20, 10, 10, 15, 20],
                   "enterprise": [10, 5, 2, 8, 25, 50]}
Terms = namedtuple("Terms", "tier interval cur qty discount")
COUNTRIES = {"US": 42, "GB": 12, "DE": 10, "CA": 8, "FR": 7, "AU": 5, "NL": 4, "SE": 3,
             "ES": 3, "IE": 2, "CH": 2, "JP": 2}
LOCAL_CURRENCY = {"GB": "GBP", "DE": "EUR", "FR": "EUR", "NL": "EUR", "ES": "EUR", "IE": "EUR"}
WORKDAY_START_UTC = {"US": 13, "CA": 13, "AU": 22, "JP": 0}          # hour; Europe: 7
TRIAL_CONVERSION = {"referral": 0.65, "partner": 0.55, "outbound": 0.55, "paid_social": 0.35}
TIER_PRICE = {"starter": 15, "growth": 39, "enterprise": 89}          # USD / seat / month
CURRENCY_FACTOR = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79}
INTERVAL_PRICE = {"month": 1, "quarter": 2.85, "year": 10}            # in monthly prices
DISCOUNTS = (0.0, 0.0, 0.0, 0.1, 0.1, 0.2)
# (daily?, cost per signup): B2B acquisition costs, so that LTV:CAC lands near 3-7
SPEND_PLAN = {"paid_search": (True, 1800), "paid_social": (True, 1300), "outbound": (False, 5600),
              "partner": (False, 2800), "referral": (False, 400)}
LOCAL_SPEND = {"paid_social": ("EUR", 0.12), "partner": ("GBP", 0.20)}
EVENT_NAMES, EVENT_CUM = ["page_view", "feature_used", "report_created", "invite_sent",
                          "login"], [45, 80, 92, 95, 100]
FEATURES = ["dashboards", "reports", "alerts", "integrations", "api", "exports"]
FEATURE_CUM = [30, 55, 70, 82, 92, 100]
ACTIVATION_DAYS = (0, 0, 0, 1, 1, 2, 3, 5, 8, 13, 20, 35)
USER_WEIGHTS = (0.3, 0.6, 1.0, 1.0, 1.5, 2.5)
LEVEL = {"trial": 1.2, "trial_lost": 0.8, "free": 0.35, "paid": 1.0}   # activity per kind
TAIL_DAYS = 14                                                       # activity after a churn
HEALTHY_SCORES = [1, 1, 1, 1, 1, 2, 3, 8, 14, 25, 30]                 # weights of 0..10
AT_RISK_SCORES = [4, 4, 6, 8, 9, 10, 10, 8, 5, 3, 2]
OFFSETS = [(2, 0), (1, 0), (-5, 0), (-8, 0), (5, 30), (9, 0)]
BAD_TIMESTAMPS = ["not a timestamp", "2025-02-30T10:00:00Z", "2026-06-31 12:00:00"]
FIRST = ("jane john maria li ahmed sofia lukas emma noah olivia mateo chloe yuki priya omar anna "
         "tom elena david sara").split()
LAST = ("doe smith keller nguyen garcia muller martin rossi brown dubois tanaka patel jones silva "
        "novak berg wilson costa").split()
COMPANIES = ("Acme Globex Initech Umbrella Hooli Stark Wayne Soylent Vandelay Wonka Tyrell "
             "Cyberdyne Aperture Massive Oscorp Nakatomi Monarch Dunder").split()
SUFFIXES = ["Inc", "Ltd", "GmbH", "SAS", "LLC", "Labs", "Group", "BV"]
COMMENTS = {
    "good": ["Love the dashboards", "Reports save us hours every week", "Great support team"],
    "meh": ["Does the job", "Pricing is a bit high for us", "Would like more integrations"],
    "bad": ["Too expensive for what we use", "Exports keep failing", "Moving to another tool"],
    "pii": ["Please call {first} {last} about the renewal: {email}",
            "Ask {first} {last} ({email}), our admin", "{first} {last} here, email me back"],
}


# ---------------------------------------------------------------- small helpers
def add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, 1)


def midnight(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def rand_instant(rng, lo: datetime, hi: datetime) -> datetime:
    """A whole-second step from lo within [lo, hi); one in five gets milliseconds too."""
    t = lo + timedelta(seconds=rng.randrange(max(1, int((hi - lo).total_seconds()))))
    return t + timedelta(milliseconds=rng.randint(1, 999)) if rng.random() < 0.2 else t


def midpoint(a: datetime, b: datetime) -> datetime:
    return a + timedelta(seconds=int((b - a).total_seconds()) // 2)


def fraction(t: datetime) -> str:
    return f".{t.microsecond // 1000:03d}" if t.microsecond else ""


def with_offset(t: datetime, hours: int, minutes: int = 0) -> str:
    """The UTC instant t written as local time at offset hours:minutes, with that offset."""
    sign = 1 if hours >= 0 else -1
    local = t + sign * timedelta(hours=abs(hours), minutes=minutes)
    return (local.replace(microsecond=0).isoformat("T") + fraction(t)
            + f"{'+' if sign > 0 else '-'}{abs(hours):02d}:{minutes:02d}")


def ts_text(rng, t: datetime) -> str:
    """An instant as ISO-8601 text in one of several formats; all mean the same instant."""
    r = rng.random()
    if r < 0.45:
        return t.replace(microsecond=0).isoformat(" ") + fraction(t)      # no offset = UTC
    if r < 0.70:
        return t.replace(microsecond=0).isoformat("T") + fraction(t) + "Z"
    return with_offset(t, *rng.choice(OFFSETS))


def enum_text(rng, value: str, code: bool = False) -> str:
    """An enumeration (code: upper-case canonical), sometimes in another case or padded."""
    r = rng.random()
    if r >= 0.05:
        return value
    other = value.lower() if code else value.upper()
    return [other, value.title(), f" {value} ", f" {other}  "][int(r / 0.0125)]


def id_text(rng, value: str) -> str:
    """An id, rarely padded with spaces (keys are trimmed)."""
    return value if rng.random() >= 0.003 else f" {value} "


def dirty_count(rows: int, rate: float = 0.002) -> int:
    return max(2, int(rows * rate))


def scatter(rng, rows: list, extra: list) -> list:
    """The rows with the extra rows inserted at random, deterministic positions."""
    slots = sorted((rng.randrange(len(rows) + 1), i) for i in range(len(extra)))
    out, prev = [], 0
    for pos, i in slots:
        out.extend(rows[prev:pos])
        out.append(extra[i])
        prev = pos
    return out + rows[prev:]


class Ids(dict):
    """Sequential ids per prefix: acc_000001, sub_000001, subv_0000001, ..."""

    def __call__(self, prefix: str, width: int) -> str:
        self[prefix] = self.get(prefix, 0) + 1
        return f"{prefix}_{self[prefix]:0{width}d}"


# ---------------------------------------------------------------- the simulated world
@dataclass
class Version:
    vid: str
    sid: str
    aid: str
    plan: str
    status: str
    qty: int
    amount: float
    cur: str
    interval: str
    start: datetime
    end: datetime | None = None
    upd: datetime | None = None


@dataclass
class Account:
    aid: str
    created: datetime
    updated: datetime
    seg: str
    country: str
    channel: str
    name: str
    email: str
    texts: list          # country, segment, channel as written in raw
    users: list = field(default_factory=list)     # (user_id, joined_at, activity weight)
    # (start, end | None, kind, fade_to | None, fade_days): activity fades over fade_days
    # before fade_to (the churn, or a churn that will come after END_DATE)
    spells: list = field(default_factory=list)
    versions: list = field(default_factory=list)

    @property
    def paid(self) -> bool:
        return any(v.amount > 0 for v in self.versions)


def build_plans() -> dict:
    plans = {}
    for cur, factor in CURRENCY_FACTOR.items():
        for tier, usd in TIER_PRICE.items():
            for interval, months in INTERVAL_PRICE.items():
                if cur == "USD" or interval != "quarter":
                    price = round(round(usd * factor) * months, 2)
                    plans[(tier, interval, cur)] = (f"plan_{tier}_{interval}_{cur.lower()}", price)
    plans[("free", "month", "USD")] = ("plan_free", 0.0)
    return plans


PLANS = build_plans()


def build_accounts(rng, ids, size: Size, months: list) -> list:
    """Signups over the window, three times as many per month at the end as at the start."""
    growth = 3.0 ** (1.0 / max(1, len(months) - 1))
    spans = [(midnight(m), min(midnight(add_months(m, 1)), END_TS - timedelta(hours=1)))
             for m in months]
    weights = [growth ** i * (hi - lo).days for i, (lo, hi) in enumerate(spans)]
    created = sorted(rand_instant(rng, *rng.choices(spans, weights)[0])
                     for _ in range(size.accounts))
    accounts = []
    for t in created:
        aid = ids("acc", 6)
        seg = rng.choices(list(SEGMENTS), [s.share for s in SEGMENTS.values()])[0]
        country = rng.choices(list(COUNTRIES), list(COUNTRIES.values()))[0]
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS[seg])[0]
        word = rng.choice(COMPANIES)
        email = (f"{rng.choice(FIRST)}.{rng.choice(LAST)}@{word.lower()}"
                 f"-{int(aid[4:])}.example")
        updated = t if rng.random() < 0.3 else rand_instant(rng, t, END_TS)
        acc = Account(aid, t, updated, seg, country, channel, f"{word} {rng.choice(SUFFIXES)}",
                      email, [enum_text(rng, country, code=True), enum_text(rng, seg),
                              enum_text(rng, channel)])
        for k in range(rng.randint(*SEGMENTS[seg].users)):
            joined = t if k == 0 else rand_instant(rng, t, t + 90 * DAY)
            acc.users.append((ids("usr", 7), joined, rng.choice(USER_WEIGHTS)))
        acc.users.sort(key=lambda u: u[1])
        accounts.append(acc)
    k = dirty_count(len(accounts), 0.003)
    # not bad rows: a segment outside the vocabulary becomes `unknown` (these behave like smb)
    for acc in rng.sample([a for a in accounts if a.seg == "smb"], 5 * k):
        acc.texts[1] = rng.choice(["startup", "Startup", " startup "])
    # not bad rows: a country that is not two letters (or empty) becomes `unknown`
    for i, acc in enumerate(rng.sample(accounts, 3 * k)):
        acc.texts[0] = ["Germany", "U S", ""][i % 3]
    # not bad rows: an empty acquisition_channel becomes `unknown`
    for acc in rng.sample(accounts, k):
        acc.texts[2] = ""
    return accounts


# ---------------------------------------------------------------- subscriptions
def open_version(ids, acc, sid, status, terms, start) -> Version:
    plan, price = PLANS[(terms.tier, terms.interval, terms.cur)]
    amount = 0.0 if status == "trialing" else round(terms.qty * price * (1 - terms.discount), 2)
    v = Version(ids("subv", 7), sid, acc.aid, plan, status, terms.qty, amount, terms.cur,
                terms.interval, start)
    acc.versions.append(v)
    return v


def switch(ids, acc, cur, status, terms, t) -> Version:
    """Close the current version at t and open the next one of the same subscription."""
    cur.end = t
    return open_version(ids, acc, cur.sid, status, terms, t)


def initial_terms(rng, acc) -> Terms:
    seg = SEGMENTS[acc.seg]
    cur = LOCAL_CURRENCY.get(acc.country, "USD") if rng.random() < 0.8 else "USD"
    r = rng.random()
    interval = ("year" if r < seg.yearly else
                "quarter" if cur == "USD" and r < seg.yearly + 0.1 else "month")
    tier = rng.choices(list(TIERS[acc.seg]), list(TIERS[acc.seg].values()))[0]
    return Terms(tier, interval, cur, rng.randint(*seg.seats), rng.choice(DISCOUNTS))


def paid_phase(rng, ids, acc, sid, start, terms, p_churn):
    """Monthly draws from start: churn, a failed payment, seat or tier changes. Returns the
    cancellation instant, or None while still paying at END_DATE."""
    seg = SEGMENTS[acc.seg]
    cur = open_version(ids, acc, sid, "active", terms, start)
    k = 0
    while True:
        k += 1
        t = rand_instant(rng, start + (k - 1) * MONTH, start + k * MONTH)
        if t >= END_TS:
            return None
        if t <= cur.start + timedelta(hours=1):
            continue
        r = rng.random()
        if r < p_churn:      # cancellation: mid-month, or exactly at the next month start
            cur.end = t if rng.random() < 0.7 else midnight(add_months(t.date(), 1))
            return cur.end
        r -= p_churn
        if r < 0.012:        # failed payment: past_due, then paid again or involuntary churn
            cur = switch(ids, acc, cur, "past_due", terms, t)
            back = t + timedelta(days=rng.randint(5, 25), seconds=rng.randint(0, 86399))
            if back >= END_TS:
                return None
            if rng.random() < 0.25:
                cur.end = back
                return back
            cur = switch(ids, acc, cur, "active", terms, back)
            continue
        r -= 0.012
        if r < seg.expand:
            terms = terms._replace(qty=terms.qty + max(1, round(terms.qty * rng.uniform(.1, .4))))
        elif r < seg.expand + seg.shrink and terms.qty > 1:
            terms = terms._replace(qty=max(1, terms.qty - max(1, round(terms.qty * 0.2))))
        elif r < seg.expand + seg.shrink + 0.004 and terms.tier != "enterprise":
            terms = terms._replace(tier="growth" if terms.tier == "starter" else "enterprise")
        else:
            continue
        cur = switch(ids, acc, cur, "active", terms, t)


def add_on(rng, ids, acc, start, end, terms) -> None:
    """A second, concurrent subscription, ending with the main one or before."""
    stop = min(end or END_TS, END_TS)
    if rng.random() >= SEGMENTS[acc.seg].addon or stop - start < 60 * DAY:
        return
    a_start = rand_instant(rng, start + 30 * DAY, stop - 14 * DAY)
    a_terms = Terms("starter", "month", terms.cur, rng.randint(1, max(1, terms.qty // 3)), 0.0)
    v = open_version(ids, acc, ids("sub", 6), "active", a_terms, a_start)
    v.end = rand_instant(rng, a_start + 7 * DAY, stop) if rng.random() < 0.3 else end


def simulate(rng, ids, acc) -> None:
    """All subscription versions of one account, and its activity spells."""
    seg = SEGMENTS[acc.seg]
    p_churn = min(0.5, rng.betavariate(2.0, 2.0 * (1 - seg.churn) / seg.churn))
    terms, sid, t0 = initial_terms(rng, acc), ids("sub", 6), acc.created
    r = rng.random()
    if r < 0.04:                                 # free plan: kept, cancelled or upgraded
        free = Terms("free", "month", "USD", rng.randint(1, 3), 0.0)
        v = open_version(ids, acc, sid, "active", free, t0)
        change, r2 = rand_instant(rng, t0 + 30 * DAY, t0 + 400 * DAY), rng.random()
        if change >= END_TS or r2 >= 0.5:
            acc.spells.append((t0, None, "free", None, 0))
            return
        v.end = change
        if r2 < 0.2:
            acc.spells.append((t0, change, "free", change, 30))
            return
        acc.spells.append((t0, change, "free", None, 0))
        start = change                           # upgrade: a paid version, same subscription
    elif r < 0.52:                               # 14-day trial
        end = t0 + 14 * DAY
        open_version(ids, acc, sid, "trialing", terms, t0).end = end
        if end >= END_TS:                        # still trialing at END_DATE
            acc.spells.append((t0, end, "trial", None, 0))
            return
        if rng.random() >= TRIAL_CONVERSION.get(acc.channel, 0.5):
            acc.spells.append((t0, end, "trial_lost", end, 14))
            return
        acc.spells.append((t0, end, "trial", None, 0))
        start = end                              # trial valid_to = paid valid_from
    else:
        start = t0 + timedelta(minutes=rng.randint(2, 30))
    comebacks = 0
    while True:
        end = paid_phase(rng, ids, acc, sid, start, terms, p_churn)
        fade_to = end
        if end is None and rng.random() < min(0.5, 4 * p_churn):    # will churn after END
            fade_to = END_TS + timedelta(days=rng.randint(1, 75))
        acc.spells.append((start, end, "paid", fade_to, rng.randint(60, 90) if fade_to else 0))
        if comebacks == 0:
            add_on(rng, ids, acc, start, end, terms)
        if end is None or comebacks == 2 or rng.random() >= 0.25:
            return
        comebacks += 1                           # comeback: a NEW subscription, months later
        start = rand_instant(rng, end + 45 * DAY, end + 330 * DAY)
        if start >= END_TS - DAY:
            return
        sid = ids("sub", 6)
        terms = terms._replace(qty=max(1, terms.qty + rng.randint(-2, 2)))


def finish_versions(rng, ids, accounts) -> list:
    """Plan changes scheduled for 2026-12-01 (valid rows after END_DATE), then updated_at."""
    live = [v for a in accounts for v in a.versions
            if v.end is None and v.status == "active" and v.amount > 0]
    for v in rng.sample(live, min(3, len(live))):
        v.end = DEC_1
        accounts[int(v.aid[4:]) - 1].versions.append(Version(
            ids("subv", 7), v.sid, v.aid, v.plan, "active", v.qty + 5,
            round(v.amount * (v.qty + 5) / v.qty, 2), v.cur, v.interval, DEC_1))
    versions = [v for a in accounts for v in a.versions]
    for v in versions:
        base = v.end if v.end is not None and v.end <= END_TS else v.start
        v.upd = base + timedelta(seconds=rng.randint(1, 3600))
    return versions


def version_row(rng, v: Version) -> list:
    return [id_text(rng, v.vid), id_text(rng, v.sid), id_text(rng, v.aid), v.plan,
            enum_text(rng, v.status), str(v.qty), f"{v.amount:.2f}",
            enum_text(rng, v.cur, code=True), enum_text(rng, v.interval), ts_text(rng, v.start),
            ts_text(rng, v.end) if v.end else "", ts_text(rng, v.upd)]


def subscription_rows(rng, ids, accounts, versions, chf_first: date) -> list:
    """The versions plus dirty rows. The dirty ones are subscriptions of their own on real
    accounts (valid except for the one reason), so quarantining them changes no lifecycle."""
    k = dirty_count(len(versions))
    hosts = [(a.aid, min(s[0] for s in a.spells if s[2] == "paid")) for a in accounts
             if any(s[2] == "paid" and s[0] < END_TS - 120 * DAY for s in a.spells)]
    chf_hosts = [(a.aid, a.created) for a in accounts if a.created < midnight(chf_first) - 3 * DAY]

    def host(pool=hosts):
        aid, t = rng.choice(pool)
        limit = midnight(chf_first) if pool is chf_hosts else t + 21 * DAY
        return aid, rand_instant(rng, t + DAY, min(limit, t + 21 * DAY))

    def row(aid, start, end=None, vid=None, sid=None, status="active", qty=2, amount=None,
            cur="USD", interval="month", start_text=None):
        plan, price = PLANS[("growth", "month", "USD")]
        upd = (end if end and end > start else start) + timedelta(minutes=5)
        return [ids("subv", 7) if vid is None else vid, sid or ids("sub", 6), aid, plan, status,
                str(qty), f"{qty * price if amount is None else amount:.2f}", cur, interval,
                start_text or ts_text(rng, start), ts_text(rng, end) if end else "",
                ts_text(rng, upd)]

    extra = []
    for i in range(k):
        # dirty: missing key (empty / whitespace subscription_version_id)
        extra.append(row(*host(), vid=["", "   "][i % 2]))
        # dirty: unknown account (account_id absent from accounts)
        extra.append(row(f"acc_{990001 + i}", host()[1]))
        # dirty: negative amount
        extra.append(row(*host(), amount=-78.0))
        # dirty: quantity below 1
        extra.append(row(*host(), qty=0, amount=39.0))
        # dirty: valid_to <= valid_from (the same instant, or three days earlier)
        aid, t = host()
        extra.append(row(aid, t, end=t if i % 2 == 0 else t - 3 * DAY))
        # dirty: unknown status
        extra.append(row(*host(), status=["cancelled", "Cancelled "][i % 2]))
        # dirty: unknown interval
        extra.append(row(*host(), interval="weekly"))
        # dirty: unknown currency: JPY has no exchange rate at all
        extra.append(row(*host(), cur="JPY", amount=11700.0))
        # dirty: unknown currency: CHF, contract month before the first CHF rate
        extra.append(row(*host(chf_hosts), cur="CHF", amount=72.0))
        # dirty: unparseable valid_from, on a second version (the first one fixes the contract
        # month, so the currency check passes and only the timestamp reason applies)
        aid, t = host()
        sid = ids("sub", 6)
        extra.append(row(aid, t, end=t + 30 * DAY, sid=sid))
        extra.append(row(aid, t + 30 * DAY, sid=sid,
                         start_text=["not a date", "2025-02-30 08:00:00"][i % 2]))
        # dirty: overlapping versions: the second starts 20 days before the first ends
        aid, t = host()
        sid = ids("sub", 6)
        extra.append(row(aid, t, end=t + 40 * DAY, sid=sid))
        extra.append(row(aid, t + 20 * DAY, sid=sid, qty=3))
    # dirty: older copies of versions (same id, older updated_at, another amount): latest wins
    olds = [v for v in versions if v.amount > 0 and v.upd - v.start >= 2 * DAY]
    for v in rng.sample(olds, min(len(olds), 2 * k)):
        older = version_row(rng, v)
        older[6], older[11] = f"{v.amount * 0.9:.2f}", ts_text(rng, midpoint(v.start, v.upd))
        extra.append(older)
    # cancel_requested_at stays empty: the demo's customers are churned at the period end
    return [row + [""] for row in scatter(rng, [version_row(rng, v) for v in versions], extra)]


# ---------------------------------------------------------------- small tables
def account_rows(rng, ids, accounts) -> list:
    def as_row(a, aid=None, created=None):
        return [id_text(rng, a.aid) if aid is None else aid, a.name, a.email, *a.texts,
                ts_text(rng, a.created) if created is None else created, ts_text(rng, a.updated)]

    k, extra = dirty_count(len(accounts)), []
    for i in range(k):
        # dirty: missing key (empty / whitespace-only account_id)
        extra.append(as_row(rng.choice(accounts), aid=["", "   "][i % 2]))
        # dirty: unparseable created_at (an account of its own, referenced nowhere)
        extra.append(as_row(rng.choice(accounts), aid=ids("acc", 6),
                            created=["not a date", "2024-02-30 10:00:00"][i % 2]))
        # dirty: missing created_at (an account of its own, referenced nowhere)
        extra.append(as_row(rng.choice(accounts), aid=ids("acc", 6), created=""))
    # dirty: duplicates: older copies (older updated_at, older segment or name); latest wins
    olds = [a for a in accounts if a.updated - a.created >= 2 * DAY]
    for a in rng.sample(olds, min(len(olds), k)):
        old = as_row(a, aid=a.aid)
        old[7] = ts_text(rng, midpoint(a.created, a.updated))
        if a.seg == "smb":
            old[1] = a.name.split()[0]
        else:
            old[4] = "smb" if a.seg == "mid_market" else "mid_market"
        extra.append(old)
    return scatter(rng, [as_row(a) for a in accounts], extra)


def plan_rows(rng) -> list:
    rows = [[pid, f"{tier.title()} {interval}ly {cur}", tier, enum_text(rng, interval),
             f"{price:.2f}", enum_text(rng, cur, code=True)]
            for (tier, interval, cur), (pid, price) in PLANS.items()]
    extra = [
        list(rows[1]), list(rows[9]),                              # dirty: exact duplicates
        ["", "Legacy Team monthly USD", "growth", "month", "29.00", "USD"],  # dirty: no plan_id
        ["  ", "Legacy Pro yearly USD", "growth", "year", "290.00", "USD"],
        ["plan_starter_week_usd", "Starter weekly USD", "starter", "weekly", "4.00", "USD"],
        ["plan_growth_week_usd", "Growth weekly USD", "growth", "weekly", "10.00", "USD"],
    ]                                          # (the last two) dirty: unknown billing_interval
    return scatter(rng, rows, extra)


def exchange_rate_rows(rng, months) -> tuple:
    """Rows, the clean rate of every (month, currency), and the first CHF month."""
    n = len(months)

    def spaced(count):   # month indexes after the first two, none adjacent: fallback works
        while True:
            idx = sorted(rng.sample(range(2, n - 1), count))
            if all(b - a > 1 for a, b in zip(idx, idx[1:])):
                rng.shuffle(idx)
                return idx

    holes = {"EUR": spaced(4), "GBP": spaced(4)}     # 3 missing months + 1 conflicting month
    level, mean = {"EUR": 1.08, "GBP": 1.27}, {"EUR": 1.08, "GBP": 1.27}
    rows, clean = [], {}
    for i, m in enumerate(months):
        rows.append([m.isoformat(), enum_text(rng, "USD", code=True), "1.000000"])
        clean[(m, "USD")] = 1.0
        for cur in ("EUR", "GBP"):
            level[cur] += 0.15 * (mean[cur] - level[cur]) + rng.gauss(0, 0.012)
            clean[(m, cur)] = level[cur]
            if i not in holes[cur][:3]:
                rows.append([m.isoformat(), enum_text(rng, cur, code=True), f"{level[cur]:.6f}"])
        if i >= n - 6:
            rows.append([m.isoformat(), "CHF", f"{1.13 + rng.gauss(0, 0.01):.6f}"])
    extra = []
    for cur, (zero, negative, _, conflict) in holes.items():
        # dirty: rate 0 and a negative rate, on missing months (no other row for that key)
        extra.append([months[zero].isoformat(), cur, "0"])
        extra.append([months[negative].isoformat(), cur,
                      f"{-clean[(months[negative], cur)]:.6f}"])
        # dirty: conflicting rates: a second row for a (month, currency) with another rate
        extra.append([months[conflict].isoformat(), cur,
                      f"{clean[(months[conflict], cur)] + 0.031:.6f}"])
    usd = [r for r in rows if r[1].strip().upper() == "USD"]
    extra += [list(usd[1]), list(usd[4]),                              # dirty: exact duplicates
              [months[3].isoformat(), "", "1.100000"],                # dirty: missing currency
              [months[5].isoformat(), "  ", "1.200000"],
              ["2025-13-01", "EUR", "1.090000"],                      # dirty: unparseable month
              ["2025-02-30", "GBP", "1.270000"]]
    return scatter(rng, rows, extra), clean, months[n - 6]


def nps_rows(rng, ids, accounts, months) -> list:
    """A survey sent on the 5th of Feb / May / Aug / Nov to the users of paying accounts."""
    rows = []
    for acc in accounts:
        paid = [(s, e, fade_to) for s, e, kind, fade_to, _ in acc.spells if kind == "paid"]
        for m in months:
            sent = datetime(m.year, m.month, 5, 15)
            if m.month % 3 != 2 or not any(s <= sent < (e or DEC_1) for s, e, _ in paid):
                continue
            at_risk = any(f and sent < f <= sent + 120 * DAY for _, _, f in paid)
            for uid, joined, _ in acc.users:
                t = rand_instant(rng, sent, sent + 10 * DAY)
                if joined > sent or rng.random() >= 0.3 or t >= END_TS:
                    continue
                score = rng.choices(range(11), AT_RISK_SCORES if at_risk else HEALTHY_SCORES)[0]
                rows.append([ids("nps", 7), id_text(rng, acc.aid), uid, str(score),
                             comment(rng, score), ts_text(rng, t)])
    live = [a for a in accounts if any(s[1] is None and s[2] == "paid" for s in a.spells)]
    acc = live[len(live) // 2]                 # a valid answer after END_DATE
    rows.append([ids("nps", 7), acc.aid, acc.users[0][0], "9", "", "2026-11-20T10:30:00Z"])
    k, extra = dirty_count(len(rows)), []
    for i in range(k):
        for bad in ("11", "-1", "7.5", "n/a", ""):
            # dirty: score outside 0-10, not an integer, or missing
            t = rand_instant(rng, midnight(months[0]), END_TS)
            extra.append([ids("nps", 7), *rng.choice(rows)[1:3], bad, "", ts_text(rng, t)])
        donor = rng.choice(rows)
        extra.append([["", "  "][i % 2], *donor[1:]])               # dirty: missing response_id
        extra.append(list(rng.choice(rows)))                      # dirty: duplicate response_id
        # dirty: unknown account
        extra.append([ids("nps", 7), f"acc_{990801 + i}", "usr_9900001", *donor[3:]])
        # dirty: unparseable responded_at
        extra.append([ids("nps", 7), *donor[1:5], ["not a date", "2025-04-31 10:00:00"][i % 2]])
    return scatter(rng, rows, extra)


def comment(rng, score: int) -> str:
    if rng.random() >= 0.4:
        return ""
    if rng.random() < 0.12:                    # personal data in free text
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first}.{last}@{rng.choice(COMPANIES).lower()}.example"
        return rng.choice(COMMENTS["pii"]).format(first=first.title(), last=last.title(),
                                                  email=email)
    return rng.choice(COMMENTS["good" if score >= 9 else "meh" if score >= 7 else "bad"])


def spend_rows(rng, accounts, months, rates) -> list:
    """Spend per channel and month in proportion to its signups: paid channels daily, the
    others weekly (Mondays), some campaigns billed in EUR / GBP; nothing for organic."""
    signups = {}
    for a in accounts:
        key = (a.created.date().replace(day=1), a.channel)
        signups[key] = signups.get(key, 0) + 1
    rows = []
    for m in months:
        days = [d for d in (m + i * DAY for i in range(31)) if d.month == m.month and d <= END_DATE]
        mondays = [d for d in days if d.weekday() == 0] or days[:1]
        for ch, (daily, cost) in SPEND_PLAN.items():
            budget = (signups.get((m, ch), 0) + 0.5) * cost * rng.uniform(0.8, 1.25)
            dates = days if daily else mondays
            for d in dates:
                rows.append([d.isoformat(), enum_text(rng, ch),
                             f"{budget / len(dates) * rng.uniform(0.7, 1.3):.2f}",
                             enum_text(rng, "USD", code=True)])
            if ch in LOCAL_SPEND:
                cur, share = LOCAL_SPEND[ch]
                for d in mondays:
                    amount = budget * share / len(mondays) / rates[(m, cur)]
                    rows.append([d.isoformat(), enum_text(rng, ch), f"{amount:.2f}",
                                 enum_text(rng, cur, code=True)])
    k, extra = dirty_count(len(rows)), []
    for i in range(k):
        day, ch, amount, cur = rng.choice(rows)
        extra.append([day, ch, f"-{amount}", cur])                  # dirty: negative amount
        extra.append([["", "  "][i % 2], ch, amount, cur])          # dirty: missing spend_date
        extra.append([day, ch, amount, "JPY"])                      # dirty: unknown currency
        extra.append([["2025-02-30", "not a date"][i % 2], ch, amount, cur])  # dirty: unparseable
        extra.append(list(rng.choice(rows)))     # not bad: an identical row is a second spend
    rows.append(["2026-12-01", "paid_search", "412.50", "USD"])    # valid, after END_DATE
    return scatter(rng, rows, extra)


# ---------------------------------------------------------------- events (streamed)
class EventSink:
    """Writes events to the CSV as they come and injects dirty rows at pre-drawn positions of
    the stream (positions the stream did not reach are used on its last event)."""

    def __init__(self, writer, rng, target: int):
        self.writer, self.rng, self.plan, self.last = writer, rng, {}, None
        self.rows = self.valid = self.last_id = self.sessions = 0
        quota = {"duplicate": max(2, target // 400)}
        quota.update((kind, max(2, target // 20000)) for kind in
                     ("missing_event_id", "missing_user_id", "unknown_account", "bad_timestamp"))
        for kind, count in quota.items():
            for _ in range(count):
                pos = rng.randrange(target // 20, max(target // 20 + 2, target * 4 // 5))
                while pos in self.plan:
                    pos += 1
                self.plan[pos] = kind

    def new_id(self) -> str:
        self.last_id += 1
        return f"evt_{self.last_id:09d}"

    def session_id(self) -> str:
        self.sessions += 1
        return f"ses_{self.sessions:08d}"

    def write(self, event, ts: str) -> None:
        eid, aid, uid, name, feature, _, sid = event
        self.writer.writerow([id_text(self.rng, eid), id_text(self.rng, aid), uid, name,
                              feature, ts, sid])
        self.rows += 1

    def emit(self, aid, uid, name, feature, t, sid, future=False) -> None:
        if t >= END_TS and not future:       # the stream ends with END_DATE
            return
        event, ts = (self.new_id(), aid, uid, name, feature, t, sid), ts_text(self.rng, t)
        self.write(event, ts)
        if not future:
            self.last, kind = (event, ts), self.plan.pop(self.valid, None)
            self.valid += 1
            if kind:
                self.dirty(kind, event, ts)

    def dirty(self, kind, event, ts) -> None:
        rng, t = self.rng, event[5]
        if kind == "duplicate":
            # dirty: at-least-once delivery: the same event_id again, a few seconds later or
            # the same instant with another offset (staging keeps the earliest occurred_at)
            self.write(event, ts_text(rng, t + timedelta(seconds=rng.randint(1, 5)))
                       if rng.random() < 0.5 else with_offset(t, -5 if "+02:00" in ts else 2))
        elif kind == "missing_event_id":     # dirty: missing key
            self.write((rng.choice(["", "  "]), *event[1:]), ts_text(rng, t))
        elif kind == "missing_user_id":      # dirty: missing required value
            self.write((self.new_id(), event[1], "", *event[3:]), ts_text(rng, t))
        elif kind == "unknown_account":      # dirty: account_id absent from accounts
            self.write((self.new_id(), f"acc_{990501 + self.rows % 100}", "usr_9900002",
                        *event[3:]), ts_text(rng, t))
        else:                                # dirty: unparseable occurred_at
            self.write((self.new_id(), *event[1:]), rng.choice(BAD_TIMESTAMPS))

    def finish(self) -> None:
        for pos in sorted(self.plan):
            self.dirty(self.plan.pop(pos), *self.last)


def day_plan(acc):
    """(day, intensity) for each day the account may be active: in trial or paying (free plans
    faintly), fading over the days before a churn, a faint tail after it, quiet weekends."""
    for start, end, kind, fade_to, fade in acc.spells:
        if end is None:
            last = END_DATE
        elif fade_to:
            last = min(END_DATE, (end + TAIL_DAYS * DAY).date())
        else:
            last = min(END_DATE, (end - timedelta(seconds=1)).date())
        day = start.date()
        while day <= last:
            f = LEVEL[kind]
            if fade_to:
                left = (fade_to.date() - day).days
                f *= 0.08 if left < 0 else 0.15 + 0.85 * left / fade if left < fade else 1.0
            yield day, f * (0.3 if day.weekday() >= 5 else 1.0)
            day += DAY


def activity_weight(acc) -> float:
    """Expected active user-days divided by the calibration scale."""
    joins = [(j.date(), w) for _, j, w in acc.users]
    return sum(f * sum(w for j, w in joins if j <= day) for day, f in day_plan(acc))


def session(rng, sink, aid, uid, t, names=None) -> datetime:
    """One visit, events seconds to minutes apart; 60 % carry a session_id. Without one, a few
    hold a gap of exactly 30 minutes (one derived session) or a longer one (two)."""
    if names is None:
        names = (["login" if rng.random() < 0.6 else "page_view"]
                 + rng.choices(EVENT_NAMES, cum_weights=EVENT_CUM, k=rng.randint(1, 8)))
    sid = sink.session_id() if rng.random() < 0.6 else ""
    odd = rng.randrange(1, len(names)) if len(names) > 1 and not sid else 0
    special = rng.random()
    for i, name in enumerate(names):
        if i:
            gap = rng.randint(5, 420)
            if i == odd and special < 0.08:
                gap = 1800
            elif i == odd and special < 0.12:
                gap = 1800 + rng.randint(1, 1200)
            t += timedelta(seconds=gap)
        feature = ""
        if name == "feature_used":
            feature = rng.choices(FEATURES, cum_weights=FEATURE_CUM)[0]
        sink.emit(aid, uid, name, feature, t, sid)
    return t


def account_events(rng, sink, acc, scale: float) -> None:
    aid, first_user = acc.aid, acc.users[0][0]
    # onboarding right after signup, usually completed; then the first report (activation)
    t = acc.created + timedelta(minutes=rng.randint(1, 20), seconds=rng.randint(0, 59))
    session(rng, sink, aid, first_user, t,
            ["login", "page_view"] + (["onboarding_completed"] if rng.random() < 0.8 else []))
    if rng.random() < (0.75 if acc.paid else 0.35):
        days = rng.choice(ACTIVATION_DAYS) if acc.paid else rng.choice(ACTIVATION_DAYS[:9])
        t = acc.created + timedelta(days=days, minutes=rng.randint(30, 600))
        session(rng, sink, aid, first_user, t, ["login", "report_created"])
    for _, joined, _ in acc.users[1:]:           # colleagues get invited (while active)
        if any(s <= joined < (e or END_TS) for s, e, *_ in acc.spells):
            t = max(acc.created + MINUTE, joined - rng.randint(5, 2880) * MINUTE)
            session(rng, sink, aid, first_user, t, ["invite_sent"])
    hour = WORKDAY_START_UTC.get(acc.country, 7)
    for day, f in day_plan(acc):
        for uid, joined, weight in acc.users:
            if joined.date() > day or rng.random() >= min(0.95, scale * weight * f):
                continue
            t = midnight(day) + timedelta(hours=hour, seconds=rng.randint(0, 9 * 3600))
            if rng.random() < 0.2:
                t += timedelta(milliseconds=rng.randint(1, 999))
            if t < acc.created:
                t = acc.created + timedelta(minutes=rng.randint(5, 60))
            t = session(rng, sink, aid, uid, t)
            if rng.random() < 0.2:                # a second visit later that day
                session(rng, sink, aid, uid, t + timedelta(hours=rng.randint(2, 5),
                                                           seconds=rng.randint(0, 3599)))


def write_events(rng, path, accounts, target: int) -> int:
    fixed = sum(4 + len(a.users) for a in accounts)          # onboarding, activation, invites
    weight = sum(activity_weight(a) for a in accounts)
    scale = max(0.0, target - fixed) / (6.6 * weight) if weight else 0.0  # 1.2 visits x 5.5
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS["events"])
        sink = EventSink(writer, rng, target)
        for acc in accounts:
            account_events(rng, sink, acc, scale)
        sink.finish()
        # a few valid events after END_DATE (late November / December 2026)
        live = [a for a in accounts if any(s[1] is None for s in a.spells)]
        for i, acc in enumerate(rng.sample(live, min(4, len(live)))):
            t, sid = datetime(2026, 11, 20, 9) + i * 6 * DAY, sink.session_id()
            for j, name in enumerate(["login", "page_view", "report_created"]):
                sink.emit(acc.aid, acc.users[0][0], name, "", t + timedelta(seconds=90 * j), sid,
                          future=True)
    return sink.rows


# ---------------------------------------------------------------- entry points
def write_table(path: Path, table: str, rows: list) -> int:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS[table])
        writer.writerows(rows)
    return len(rows)


def generate(size="S", out_dir="seeds", seed: int = 42, log=None) -> dict:
    """Write the seven CSV files and their seed properties into out_dir and return metadata;
    `log`, when given, gets one line per table (row count, elapsed seconds)."""
    started = time.perf_counter()
    size = SIZES[size] if isinstance(size, str) else size
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    months = [add_months(END_DATE.replace(day=1), i - size.months + 1) for i in range(size.months)]

    def rng(name):
        return random.Random(f"{seed}:{name}")

    ids, counts = Ids(), {}
    accounts = build_accounts(rng("accounts"), ids, size, months)
    sim = rng("subscriptions")
    for acc in accounts:
        simulate(sim, ids, acc)
    versions = finish_versions(sim, ids, accounts)
    rate_rows, rates, chf_first = exchange_rate_rows(rng("exchange_rates"), months)

    def done(table, n):
        counts[table] = n
        if log:
            log(f"{table + '.csv':<22}{n:>11,} rows {time.perf_counter() - started:8.2f} s")

    rows = rng("rows")
    done("accounts", write_table(out / "accounts.csv", "accounts",
                                 account_rows(rows, ids, accounts)))
    done("plans", write_table(out / "plans.csv", "plans", plan_rows(rows)))
    done("subscriptions", write_table(out / "subscriptions.csv", "subscriptions",
                                      subscription_rows(rows, ids, accounts, versions, chf_first)))
    done("exchange_rates", write_table(out / "exchange_rates.csv", "exchange_rates", rate_rows))
    done("events", write_events(rng("events"), out / "events.csv", accounts, size.events_target))
    done("nps_responses", write_table(out / "nps_responses.csv", "nps_responses",
                                      nps_rows(rng("nps"), ids, accounts, months)))
    done("marketing_spend", write_table(out / "marketing_spend.csv", "marketing_spend",
                                        spend_rows(rng("spend"), accounts, months, rates)))
    # the seeds' properties (schema, text columns), only where the demo data is
    shutil.copy(Path(__file__).with_name("demo_seeds.yml"), out / "_seeds.yml")
    return {"as_of_date": END_DATE.isoformat(), "first_month": months[0].isoformat(),
            "rows": counts, "seconds": round(time.perf_counter() - started, 2)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Generate the saas_retention demo dataset.")
    parser.add_argument("--size", choices=list(SIZES), default="S")
    parser.add_argument("--out", default="seeds", help="output directory")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    meta = generate(args.size, args.out, args.seed, log=print)
    print(f"{'total':<22}{sum(meta['rows'].values()):>11,} rows {meta['seconds']:8.2f} s "
          f"(as_of_date {meta['as_of_date']}, first month {meta['first_month']})")


if __name__ == "__main__":
    main()
