"""An independent implementation of the engagement definitions in plain Python: active users
per day and over 7 and 30 days (by brute force over the window, not the cover trick of the
model), and sessions (tracker session ids, else inactivity gaps)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta


def active_users(events: list[dict], first_day: date, as_of: date) -> dict[date, tuple]:
    """{day: (dau, wau, mau)} for every day from first_day through as_of."""
    days_by_user: dict[str, set[date]] = defaultdict(set)
    for event in events:
        day = event["occurred_at"].date()
        if day <= as_of:
            days_by_user[event["user_id"]].add(day)
    result = {}
    day = first_day
    while day <= as_of:
        def active_within(width: int) -> int:
            window = {day - timedelta(days=offset) for offset in range(width)}
            return sum(1 for days in days_by_user.values() if days & window)
        result[day] = (active_within(1), active_within(7), active_within(30))
        day += timedelta(days=1)
    return result


def sessions(events: list[dict], as_of: date, timeout_minutes: int = 30) -> list[dict]:
    """Sessions as {account_id, user_id, started_at, ended_at}."""
    end = datetime.combine(as_of + timedelta(days=1), datetime.min.time())
    tracked: dict[tuple, list[datetime]] = defaultdict(list)
    untracked: dict[tuple, list[datetime]] = defaultdict(list)
    for event in events:
        if event["occurred_at"] >= end:
            continue
        user = (event["account_id"], event["user_id"])
        if event["session_id"]:
            tracked[(*user, event["session_id"])].append(event["occurred_at"])
        else:
            untracked[user].append(event["occurred_at"])
    result = [{"account_id": key[0], "user_id": key[1], "started_at": min(times),
               "ended_at": max(times)} for key, times in tracked.items()]
    for (account_id, user_id), times in untracked.items():
        times.sort()
        start = previous = times[0]
        for moment in times[1:]:
            if moment - previous > timedelta(minutes=timeout_minutes):
                result.append({"account_id": account_id, "user_id": user_id,
                               "started_at": start, "ended_at": previous})
                start = moment
            previous = moment
        result.append({"account_id": account_id, "user_id": user_id, "started_at": start,
                       "ended_at": previous})
    return result


def daily_sessions(session_rows: list[dict]) -> dict[date, tuple[int, float]]:
    """{day: (sessions, mean duration in seconds)} for the days with sessions."""
    durations: dict[date, list[float]] = defaultdict(list)
    for session in session_rows:
        durations[session["started_at"].date()].append(
            (session["ended_at"] - session["started_at"]).total_seconds())
    return {day: (len(values), sum(values) / len(values)) for day, values in durations.items()}
