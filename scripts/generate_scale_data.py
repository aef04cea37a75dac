"""Generate the seven raw tables of saas_retention at scale, straight into a DuckDB schema.

The demo generator's world, sized by a parameter (scripts/generate_demo_data.py: SIZES
S = the demo, M = 50,000 accounts / 36 months / 10 M events, L = 250,000 accounts / 60
months / 100 M events), written into `--database` / `--schema` as VARCHAR tables (the columns
of the raw-data contract, in contract order, as `dbt seed` loads the demo: empty text is null).

- accounts, plans, subscriptions, exchange_rates, nps_responses, marketing_spend: the demo
  generator's own functions (imported), so they carry its logic and its dirty rows; with the
  same size and seed these six tables hold exactly the rows of the demo CSV files.
- events (the big table) are generated inside DuckDB with SQL from a per-account activity
  table the simulation yields (users and when they joined, activity spells, fading before a
  churn, quiet weekends): the demo's day plan and visit model (1.2 visits x 5.5 events per
  active user-day, 60 % of sessions with a session_id, some untracked sessions with a gap of
  exactly 30 minutes or longer, onboarding / activation / invite events, timestamps in several
  formats and offsets, padded ids) and its dirty shares (1/400 duplicate deliveries; 1/20000
  each of missing event_id, missing user_id, unknown account, unparseable occurred_at).
  Random draws are hashes of (seed, user, day, ...), so a (size, seed) gives the same rows on
  the same DuckDB version; the events are not the demo's rows (same model, other draws).

The activity tables stay in schema `<schema>_scalegen` so that `--append-day` can add the
next day of events (END_DATE + 1, then the day after, ...) for an incremental-run benchmark;
the models ignore events after `as_of_date`, so build that run with as_of_date = that day.

    python scripts/generate_scale_data.py --size M --database bench.duckdb --schema raw
    python scripts/generate_scale_data.py --database bench.duckdb --schema raw --append-day
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_demo_data as demo  # noqa: E402  (a sibling script)

EPOCH = datetime(1970, 1, 1)
EPOCH_ORDINAL = EPOCH.toordinal()
US = 1_000_000                      # microseconds per second
US_SQL = "cast(1000000 as bigint)"
SMALL_TABLES = ["accounts", "plans", "subscriptions", "exchange_rates", "nps_responses",
                "marketing_spend"]
VISITS_PER_DAY, EVENTS_PER_VISIT = 1.2, 5.5     # the demo's calibration: 6.6 events / user-day
# fixed visits: their event names by position (kind 0 is a regular visit, names are drawn)
FIXED_KINDS = {1: ["login", "page_view", "onboarding_completed"], 2: ["login", "page_view"],
               3: ["login", "report_created"], 4: ["invite_sent"]}
OFFSET_MINUTES = [60 * h + (m if h >= 0 else -m) for h, m in demo.OFFSETS]
OFFSET_TEXTS = [f"{'+' if h >= 0 else '-'}{abs(h):02d}:{m:02d}" for h, m in demo.OFFSETS]


def micros(t: datetime) -> int:
    return (t - EPOCH) // timedelta(microseconds=1)


def day_number(d: date) -> int:
    return d.toordinal() - EPOCH_ORDINAL


def sql_list(values) -> str:
    return "[" + ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in values) + "]"


# ---------------------------------------------------------------- the simulated world (Python)
def build_world(size: demo.Size, seed: int) -> tuple[dict, list]:
    """The demo generator's world and six small tables (rows of text), as demo.generate()
    builds them (same random streams, same order of id allocation)."""
    months = [demo.add_months(demo.END_DATE.replace(day=1), i - size.months + 1)
              for i in range(size.months)]

    def rng(name):
        return random.Random(f"{seed}:{name}")

    ids = demo.Ids()
    accounts = demo.build_accounts(rng("accounts"), ids, size, months)
    sim = rng("subscriptions")
    for acc in accounts:
        demo.simulate(sim, ids, acc)
    versions = demo.finish_versions(sim, ids, accounts)
    rate_rows, rates, chf_first = demo.exchange_rate_rows(rng("exchange_rates"), months)
    rows = rng("rows")
    tables = {
        "accounts": demo.account_rows(rows, ids, accounts),
        "plans": demo.plan_rows(rows),
        "subscriptions": demo.subscription_rows(rows, ids, accounts, versions, chf_first),
        "exchange_rates": rate_rows,
    }
    tables["nps_responses"] = demo.nps_rows(rng("nps"), ids, accounts, months)
    tables["marketing_spend"] = demo.spend_rows(rng("spend"), accounts, months, rates)
    return tables, accounts


def activity_tables(accounts: list, seed: int) -> dict:
    """Column lists of the activity the events are drawn from: accounts, users, spells (the
    demo's day plan, without the END_DATE cap so later days can be appended) and the fixed
    visits (onboarding, activation, invites: the demo's draws, from its `events` stream)."""
    rng = random.Random(f"{seed}:events")
    acc_cols = {k: [] for k in ("account_idx", "account_id", "created_us", "hour")}
    user_cols = {k: [] for k in ("user_seq", "account_idx", "user_id", "joined_day", "weight")}
    spell_cols = {k: [] for k in ("account_idx", "spell_no", "start_day", "last_day", "level",
                                  "fade_to_day", "fade_days")}
    fixed_cols = {k: [] for k in ("account_idx", "user_seq", "fixed_no", "kind", "t0_us")}
    for acc in accounts:
        idx = int(acc.aid[4:])
        acc_cols["account_idx"].append(idx)
        acc_cols["account_id"].append(acc.aid)
        acc_cols["created_us"].append(micros(acc.created))
        acc_cols["hour"].append(demo.WORKDAY_START_UTC.get(acc.country, 7))
        for uid, joined, weight in acc.users:
            user_cols["user_seq"].append(int(uid[4:]))
            user_cols["account_idx"].append(idx)
            user_cols["user_id"].append(uid)
            user_cols["joined_day"].append(day_number(joined.date()))
            user_cols["weight"].append(weight)
        for no, (start, end, kind, fade_to, fade) in enumerate(acc.spells):
            if end is None:
                last = None                                   # open: runs on after END_DATE
            elif fade_to:
                last = day_number((end + demo.TAIL_DAYS * demo.DAY).date())
            else:
                last = day_number((end - timedelta(seconds=1)).date())
            spell_cols["account_idx"].append(idx)
            spell_cols["spell_no"].append(no)
            spell_cols["start_day"].append(day_number(start.date()))
            spell_cols["last_day"].append(last)
            spell_cols["level"].append(demo.LEVEL[kind])
            spell_cols["fade_to_day"].append(day_number(fade_to.date()) if fade_to else None)
            spell_cols["fade_days"].append(fade)

        first = int(acc.users[0][0][4:])
        fixed = []
        t = acc.created + timedelta(minutes=rng.randint(1, 20), seconds=rng.randint(0, 59))
        fixed.append((1 if rng.random() < 0.8 else 2, t))           # onboarding
        if rng.random() < (0.75 if acc.paid else 0.35):              # first report: activation
            days = (rng.choice(demo.ACTIVATION_DAYS) if acc.paid
                    else rng.choice(demo.ACTIVATION_DAYS[:9]))
            fixed.append((3, acc.created + timedelta(days=days, minutes=rng.randint(30, 600))))
        for _, joined, _ in acc.users[1:]:                           # colleagues get invited
            if any(s <= joined < (e or demo.END_TS) for s, e, *_ in acc.spells):
                fixed.append((4, max(acc.created + demo.MINUTE,
                                     joined - rng.randint(5, 2880) * demo.MINUTE)))
        for no, (kind, t) in enumerate(fixed):
            fixed_cols["account_idx"].append(idx)
            fixed_cols["user_seq"].append(first)
            fixed_cols["fixed_no"].append(no)
            fixed_cols["kind"].append(kind)
            fixed_cols["t0_us"].append(micros(t))
    live = [a for a in accounts if any(s[1] is None for s in a.spells)]
    future = rng.sample(live, min(4, len(live)))
    return {"accounts": acc_cols, "users": user_cols, "spells": spell_cols,
            "fixed_visits": fixed_cols, "future": future}


# ---------------------------------------------------------------- loading column data
def load_columns(con, table: str, columns: dict, types: dict | None = None) -> None:
    """create or replace `table` from Python column lists (through NumPy arrays when NumPy is
    installed, the fast path; else as list parameters)."""
    types = types or {}
    select = ", ".join(f"cast({c} as {types.get(c, 'varchar')}) as {c}" for c in columns)
    try:
        import numpy as np
    except ImportError:
        np = None
    if np is not None:
        frame = {c: np.array(v, dtype=object) for c, v in columns.items()}
        con.register("_scalegen_input", frame)
        try:
            con.execute(f"create or replace table {table} as select {select} "
                        "from _scalegen_input")
        finally:
            con.unregister("_scalegen_input")
    else:
        unnests = ", ".join(f"unnest(${i + 1}) as {c}" for i, c in enumerate(columns))
        con.execute(f"create or replace table {table} as select {select} from "
                    f"(select {unnests})", list(columns.values()))


def load_raw_table(con, schema: str, table: str, rows: list) -> int:
    """A raw table as dbt seed would land the demo CSV: every column VARCHAR, '' -> null."""
    names = demo.COLUMNS[table]
    columns = {c: [row[i] or None for row in rows] for i, c in enumerate(names)}
    load_columns(con, f"{schema}.{table}", columns)
    return len(rows)


# ---------------------------------------------------------------- events (SQL)
def define_macros(con) -> None:
    offsets_min, offsets_text = sql_list(OFFSET_MINUTES), sql_list(OFFSET_TEXTS)
    names_cum = " ".join(f"when {cum_check} then '{name}'" for name, cum_check in zip(
        demo.EVENT_NAMES, [f"d < {c}" for c in demo.EVENT_CUM]))
    features_cum = " ".join(f"when d < {c} then '{f}'"
                            for f, c in zip(demo.FEATURES, demo.FEATURE_CUM))
    fixed = " ".join(f"when {kind} then {sql_list(names)}[cast(i as bigint) + 1]"
                     for kind, names in FIXED_KINDS.items())
    con.execute(f"""
        create or replace temp macro sg_frac(t) as
            case when t % {US_SQL} = 0 then ''
                 else '.' || lpad(cast((t // 1000) % 1000 as varchar), 3, '0') end;
        -- the demo's ts_text: 45 % no offset (UTC), 25 % `T...Z`, 30 % one of six offsets
        create or replace temp macro sg_ts_text(t, fmt, off) as
            case when fmt < 45 then strftime(make_timestamp(t), '%Y-%m-%d %H:%M:%S') || sg_frac(t)
                 when fmt < 70 then strftime(make_timestamp(t), '%Y-%m-%dT%H:%M:%S')
                                    || sg_frac(t) || 'Z'
                 else strftime(make_timestamp(t + {offsets_min}[cast(off as bigint) + 1] * 60 * {US_SQL}),
                               '%Y-%m-%dT%H:%M:%S') || sg_frac(t) || {offsets_text}[cast(off as bigint) + 1]
            end;
        create or replace temp macro sg_jitter(hv, i) as
            case when i = 0 then 0 else cast(hash(hv, i) % 201 as bigint) - 100 end;
        create or replace temp macro sg_event_name(kind, i, first_login, d) as
            case when kind = 0 and i = 0 then (case when first_login then 'login'
                                                    else 'page_view' end)
                 when kind = 0 then (case {names_cum} end)
                 else (case kind {fixed} end) end;
        create or replace temp macro sg_feature(d) as case {features_cum} end;
        create or replace temp macro sg_pad(id, d) as case when d < 3 then ' ' || id || ' '
                                                           else id end;
    """)


def visits_sql(state: str, seed: int, scale: float, lo_day: int, hi_day: int) -> str:
    """One row per visit (session) on days lo_day..hi_day: regular visits drawn per user-day
    with the demo's probability min(0.95, scale x user weight x day intensity), 20 % with a
    second visit 2-5 hours after the first, and the fixed visits starting in those days."""
    lo_us, hi_us = lo_day * 86400 * US, (hi_day + 1) * 86400 * US
    fixed_lengths = " ".join(f"when {k} then {len(v)}" for k, v in FIXED_KINDS.items())
    return f"""
    with spell_days as (
        select account_idx, spell_no, level, fade_to_day, fade_days,
            unnest(range(greatest(start_day, {lo_day}),
                         least(coalesce(last_day, {hi_day}), {hi_day}) + 1)) as day
        from {state}.spells
        where start_day <= {hi_day} and coalesce(last_day, {hi_day}) >= {lo_day}
    ),
    intensity as (
        select account_idx, spell_no, day,
            level
            * case when fade_to_day is null then 1.0
                   when fade_to_day - day < 0 then 0.08
                   when fade_to_day - day < fade_days
                       then 0.15 + 0.85 * (fade_to_day - day) / fade_days
                   else 1.0 end
            -- weekends are quiet (1970-01-01 was a Thursday: weekday = (day + 3) % 7)
            * case when (day + 3) % 7 >= 5 then 0.3 else 1.0 end as f
        from spell_days
    ),
    active_days as (
        select u.user_seq, u.account_idx, d.day, d.spell_no
        from intensity as d
        inner join {state}.users as u
            on u.account_idx = d.account_idx and u.joined_day <= d.day
        where cast(hash({seed}, u.user_seq, d.day, d.spell_no) as double) / 18446744073709551616.0
            < least(0.95, {float(scale)!r} * u.weight * d.f)
    ),
    hashed as (
        select a.*, c.created_us, c.hour, hash({seed}, a.user_seq, a.day, a.spell_no, 0) as hv
        from active_days as a
        inner join {state}.accounts as c on c.account_idx = a.account_idx
    ),
    first_visits as (
        select *, hash(hv) as hv2, cast(2 + hv % 8 as bigint) as n,
            day * 86400 * {US_SQL} + hour * 3600 * {US_SQL}
                + cast((hv >> 33) % 32401 as bigint) * {US_SQL}
                + case when hash(hv) % 5 = 0 then cast(1 + (hash(hv) >> 3) % 999 as bigint) * 1000
                       else 0 end as t_start
        from hashed
    ),
    regular as (
        select *,
            -- a visit drawn before the signup instant moves to 5-60 minutes after it
            case when t_start < created_us
                 then created_us + cast(5 + (hv2 >> 32) % 56 as bigint) * 60 * {US_SQL}
                 else t_start end as t0_us
        from first_visits
    ),
    second_visits as (
        -- 20 %: a second visit 2-5 hours after the first one ends
        select account_idx, user_seq, 0 as kind, hv_second as hv, cast(2 + hv_second % 8 as bigint) as n,
            t0_us + ((n - 1) * 212 + cast(2 + (hv2 >> 16) % 4 as bigint) * 3600
                     + cast((hv2 >> 20) % 3600 as bigint)) * {US_SQL} as t0_us
        from (select *, hash({seed}, user_seq, day, spell_no, 1) as hv_second from regular)
        where (hv2 >> 13) % 5 = 0
    ),
    fixed as (
        select account_idx, user_seq, kind, hash({seed}, 'fixed', account_idx, fixed_no) as hv,
            case kind {fixed_lengths} end as n,
            t0_us
        from {state}.fixed_visits
        where t0_us >= {lo_us} and t0_us < {hi_us}
    ),
    visits as (
        select account_idx, user_seq, 0 as kind, hv, n, t0_us from regular
        union all select * from second_visits
        union all select * from fixed
    ),
    drawn as (
        -- 60 % carry a session_id; without one, a position `odd` may hold a gap of exactly
        -- 30 minutes (8 %) or a longer one (4 %): extra seconds added from `odd` on
        select v.*, c.account_id, u.user_id,
            (v.hv >> 7) % 10 < 6 as tracked,
            (v.hv >> 3) % 10 < 6 as first_login,
            cast(1 + (v.hv >> 11) % greatest(v.n - 1, 1) as bigint) as odd,
            cast((v.hv >> 15) % 100 as bigint) as special,
            cast(1 + (v.hv >> 22) % 1200 as bigint) as long_extra
        from visits as v
        inner join {state}.accounts as c on c.account_idx = v.account_idx
        inner join {state}.users as u on u.user_seq = v.user_seq
    )
    select account_idx, user_seq, kind, hv, n, t0_us, account_id, user_id, tracked,
        first_login, odd,
        case when tracked or n = 1 or special >= 12 then 0
             else (case when special < 8 then 1800 else 1800 + long_extra end)
                  - (212 + sg_jitter(hv, odd) - sg_jitter(hv, odd - 1)) end as extra_s
    from drawn
    """


def events_sql(schema_events: str, lo_us: int, hi_us: int, event_offset: int,
               session_offset: int, dirty: bool) -> str:
    """The events of the numbered visits (temp table sg_visits) inside [lo_us, hi_us), or
    (dirty) the extra rows the demo injects, in the shares it uses: one event in 400 is
    delivered twice, one in 20,000 each gets a copy with a missing event_id, a missing user_id,
    an unknown account or an unparseable occurred_at. Two passes (clean rows, then the few
    dirty copies) are faster than one that unnests a list of copies per event."""
    copy, dirty_filter = ("1", "and hash(he) % 20000 < 54") if dirty else ("0", "")
    return f"""
    insert into {schema_events}
    with exploded as (
        select v.*, unnest(range(v.n)) as i from sg_visits as v
    ),
    timed as (
        select *, hash(hv, i, 'e') as he,
            t0_us + (i * 212 + sg_jitter(hv, i)
                     + case when extra_s <> 0 and i >= odd then extra_s else 0 end) * {US_SQL} as t
        from exploded
    ),
    described as (
        select *,
            {event_offset} + events_before + i + 1 as event_seq,
            sg_event_name(kind, i, first_login, (he >> 8) % 100) as event_name,
            hash(he) as hd,
            hash(he) % 20000 as dirty_kind
        from timed
        where t >= {lo_us} and t < {hi_us} {dirty_filter}
    ),
    copies as (
        select *, {copy} as copy from described
    ),
    rows as (
        select
            case when copy = 0 or dirty_kind < 50
                     then 'evt_' || printf('%09d', event_seq)
                 when dirty_kind = 50                    -- dirty: missing key
                     then case when (hd >> 30) % 2 = 0 then null else '  ' end
                 else 'evt_d' || printf('%09d', event_seq) end as event_id,
            case when copy = 1 and dirty_kind = 52       -- dirty: unknown account
                     then 'acc_' || cast(990501 + (hd >> 33) % 100 as varchar)
                 else account_id end as account_id,
            case when copy = 1 and dirty_kind = 51 then null    -- dirty: missing user_id
                 when copy = 1 and dirty_kind = 52 then 'usr_9900002'
                 else user_id end as user_id,
            event_name,
            case when event_name = 'feature_used' then sg_feature((he >> 15) % 100) end
                as feature,
            case when copy = 0 then sg_ts_text(t, (he >> 22) % 100, (he >> 29) % 6)
                 -- dirty: at-least-once delivery, a few seconds later, or the same instant
                 -- written with another offset
                 when dirty_kind < 50 and (hd >> 29) % 2 = 0
                     then sg_ts_text(t + cast(1 + (hd >> 26) % 5 as bigint) * {US_SQL},
                                     (hd >> 16) % 100,
                                     (hd >> 23) % 6)
                 when dirty_kind < 50
                     then sg_ts_text(t, 99, case when (he >> 22) % 100 >= 70
                                                      and (he >> 29) % 6 = 0 then 2 else 0 end)
                 when dirty_kind = 53                    -- dirty: unparseable occurred_at
                     then {sql_list(demo.BAD_TIMESTAMPS)}[cast(1 + (hd >> 31) % 3 as bigint)]
                 else sg_ts_text(t, (hd >> 16) % 100, (hd >> 23) % 6) end as occurred_at,
            case when tracked then 'ses_' || printf('%08d', {session_offset} + session_no) end
                as session_id,
            (he >> 32) % 1000 + copy as pad_event, (he >> 42) % 1000 + copy as pad_account
        from copies
    )
    select sg_pad(event_id, pad_event), sg_pad(account_id, pad_account), user_id, event_name,
        feature, occurred_at, session_id
    from rows
    """


def write_events(con, schema: str, state: str, lo_day: int, hi_day: int, lo_us: int,
                 hi_us: int) -> tuple[int, int]:
    """Events of days lo_day..hi_day (instants in [lo_us, hi_us)) into schema.events;
    returns (rows written, visits)."""
    seed, scale, event_offset, session_offset = con.execute(
        f"select seed, scale, next_event_seq, next_session_seq from {state}.params").fetchone()
    con.execute(f"""
        create or replace temp table sg_visits as
        select *,
            cast(sum(n) over w - n as bigint) as events_before,
            cast(sum(case when tracked then 1 else 0 end) over w as bigint) as session_no
        from ({visits_sql(state, seed, scale, lo_day, hi_day)})
        window w as (order by t0_us, user_seq, hv rows between unbounded preceding
                     and current row)
    """)
    visits, total_n, sessions = con.execute(
        "select count(*), coalesce(sum(n), 0), coalesce(sum(case when tracked then 1 end), 0) "
        "from sg_visits").fetchone()
    before = con.execute(f"select count(*) from {schema}.events").fetchone()[0]
    for dirty in (False, True):
        con.execute(events_sql(f"{schema}.events", lo_us, hi_us, event_offset, session_offset,
                               dirty))
    after = con.execute(f"select count(*) from {schema}.events").fetchone()[0]
    con.execute(f"update {state}.params set next_event_seq = next_event_seq + {total_n}, "
                f"next_session_seq = next_session_seq + {sessions}")
    con.execute("drop table sg_visits")
    return after - before, visits


def write_future_events(con, schema: str, state: str, future: list) -> int:
    """A few valid events after END_DATE (late November / December 2026), as the demo has."""
    rng = random.Random("scale:future")
    event_seq, session_seq = con.execute(
        f"select next_event_seq, next_session_seq from {state}.params").fetchone()
    rows = []
    for i, acc in enumerate(future):
        t = datetime(2026, 11, 20, 9) + i * 6 * demo.DAY
        session_seq += 1
        for j, name in enumerate(["login", "page_view", "report_created"]):
            event_seq += 1
            rows.append([f"evt_{event_seq:09d}", acc.aid, acc.users[0][0], name, None,
                         demo.ts_text(rng, t + timedelta(seconds=90 * j)),
                         f"ses_{session_seq:08d}"])
    if rows:
        con.executemany(f"insert into {schema}.events values (?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute(f"update {state}.params set next_event_seq = {event_seq}, "
                f"next_session_seq = {session_seq}")
    return len(rows)


# ---------------------------------------------------------------- entry points
def connect(database: str, threads: int, memory_limit: str | None):
    config = {"threads": threads}
    if memory_limit:
        config["memory_limit"] = memory_limit
    return duckdb.connect(str(database), config=config)


def generate(size="S", database="scale.duckdb", schema="raw", seed: int = 42, log=None,
             threads: int = 2, memory_limit: str | None = None) -> dict:
    """Write the seven raw tables into database.schema (replacing them) and return metadata:
    rows per table, seconds per step, rows per second."""
    started = time.perf_counter()
    size_name = size if isinstance(size, str) else "custom"
    size = demo.SIZES[size] if isinstance(size, str) else size
    state = f"{schema}_scalegen"
    steps, counts = {}, {}

    def done(step, rows=None):
        steps[step] = round(time.perf_counter() - started - sum(steps.values()), 2)
        if log:
            text = f"{rows:>13,} rows" if rows is not None else " " * 18
            log(f"{step:<22}{text} {steps[step]:8.2f} s")

    tables, accounts = build_world(size, seed)
    activity = activity_tables(accounts, seed)
    future = activity.pop("future")
    done("simulation (Python)")

    Path(database).parent.mkdir(parents=True, exist_ok=True)
    with connect(database, threads, memory_limit) as con:
        con.execute(f"create schema if not exists {schema}")
        con.execute(f"create schema if not exists {state}")
        for table in SMALL_TABLES:
            counts[table] = load_raw_table(con, schema, table, tables.pop(table))
        done("small tables (load)")
        ints = {"account_idx": "integer", "created_us": "bigint", "hour": "integer",
                "user_seq": "integer", "joined_day": "integer", "weight": "double",
                "spell_no": "integer", "start_day": "integer", "last_day": "integer",
                "level": "double", "fade_to_day": "integer", "fade_days": "integer",
                "fixed_no": "integer", "kind": "integer", "t0_us": "bigint"}
        for name, columns in activity.items():
            load_columns(con, f"{state}.{name}", columns, ints)
        del accounts, activity
        define_macros(con)

        # calibration, as the demo: scale = (target - fixed events) / (6.6 x expected
        # active user-days at scale 1)
        end_day = day_number(demo.END_DATE)
        weight = con.execute(f"""
            select coalesce(sum(u.weight * d.f), 0)
            from (
                select account_idx, day,
                    level
                    * case when fade_to_day is null then 1.0
                           when fade_to_day - day < 0 then 0.08
                           when fade_to_day - day < fade_days
                               then 0.15 + 0.85 * (fade_to_day - day) / fade_days
                           else 1.0 end
                    * case when (day + 3) % 7 >= 5 then 0.3 else 1.0 end as f
                from (select *, unnest(range(start_day,
                                             least(coalesce(last_day, {end_day}), {end_day}) + 1))
                                    as day
                      from {state}.spells)
            ) as d
            inner join {state}.users as u
                on u.account_idx = d.account_idx and u.joined_day <= d.day
        """).fetchone()[0]
        weight = float(weight)
        n_users = con.execute(f"select count(*) from {state}.users").fetchone()[0]
        fixed = 4 * con.execute(f"select count(*) from {state}.accounts").fetchone()[0] + n_users
        scale = (max(0.0, size.events_target - fixed)
                 / (VISITS_PER_DAY * EVENTS_PER_VISIT * weight) if weight else 0.0)
        con.execute(f"""
            create or replace table {state}.params as
            select {seed} as seed, cast({scale!r} as double) as scale, 0::bigint as next_event_seq,
                0::bigint as next_session_seq, {end_day} as last_day,
                '{size_name}' as size
        """)
        done("activity (load)")

        con.execute(f"create or replace table {schema}.events ("
                    + ", ".join(f"{c} varchar" for c in demo.COLUMNS["events"]) + ")")
        rows, visits = write_events(con, schema, state, -10**6, end_day, 0,
                                    micros(demo.END_TS))
        rows += write_future_events(con, schema, state, future)
        counts["events"] = rows
        done("events (SQL)", rows)
        con.execute("checkpoint")
        done("checkpoint")
    seconds = round(time.perf_counter() - started, 2)
    total = sum(counts.values())
    return {"size": size_name, "database": str(database), "schema": schema, "seed": seed,
            "as_of_date": demo.END_DATE.isoformat(),
            "rows": {t: counts[t] for t in demo.COLUMNS}, "total_rows": total,
            "visits": visits, "seconds": seconds, "steps": steps,
            "rows_per_second": round(total / seconds) if seconds else None,
            "events_per_second": round(counts["events"] / steps["events (SQL)"])
            if steps["events (SQL)"] else None}


def append_day(database="scale.duckdb", schema="raw", day: date | None = None, log=None,
               threads: int = 2, memory_limit: str | None = None) -> dict:
    """Append the events of one more day (by default the day after the last generated one) to
    database.schema.events; returns the day, the rows added and the seconds taken."""
    started = time.perf_counter()
    state = f"{schema}_scalegen"
    with connect(database, threads, memory_limit) as con:
        last_day = con.execute(f"select last_day from {state}.params").fetchone()[0]
        number = day_number(day) if day else last_day + 1
        define_macros(con)
        rows, visits = write_events(con, schema, state, number, number,
                                    number * 86400 * US, (number + 1) * 86400 * US)
        con.execute(f"update {state}.params set last_day = greatest(last_day, {number})")
        con.execute("checkpoint")
    seconds = round(time.perf_counter() - started, 2)
    the_day = date.fromordinal(number + EPOCH_ORDINAL)
    if log:
        log(f"appended {rows:,} events ({visits:,} visits) dated {the_day} in {seconds:.2f} s")
    return {"day": the_day.isoformat(), "rows": rows, "visits": visits, "seconds": seconds}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description="Generate the saas_retention raw tables at scale into a DuckDB schema.")
    parser.add_argument("--size", choices=list(demo.SIZES), default="S")
    parser.add_argument("--database", required=True, help="DuckDB file")
    parser.add_argument("--schema", default="raw")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--append-day", nargs="?", const="next", default=None,
                        metavar="YYYY-MM-DD",
                        help="append one day of events (default: the day after the last one)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default=None, help="DuckDB memory_limit, e.g. 8GB")
    args = parser.parse_args(argv)
    if args.append_day:
        day = None if args.append_day == "next" else date.fromisoformat(args.append_day)
        append_day(args.database, args.schema, day, log=print, threads=args.threads,
                   memory_limit=args.memory_limit)
        return
    meta = generate(args.size, args.database, args.schema, args.seed, log=print,
                    threads=args.threads, memory_limit=args.memory_limit)
    for table, rows in meta["rows"].items():
        print(f"  {table:<20}{rows:>13,}")
    print(f"{'total':<22}{meta['total_rows']:>13,} rows {meta['seconds']:8.2f} s "
          f"= {meta['rows_per_second']:,} rows/s (events alone: "
          f"{meta['events_per_second']:,} rows/s); as_of_date {meta['as_of_date']}")


if __name__ == "__main__":
    main()
