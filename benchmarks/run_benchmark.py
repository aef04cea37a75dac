"""Benchmark saas_retention on the embedded DuckDB default, at a chosen data size.

    python benchmarks/run_benchmark.py --size M        (or: make benchmark SIZE=M)

Steps, all on one DuckDB file, benchmarks/work/<size>.duckdb (regenerated every run):
1. generate the seven raw tables into schema `raw` (scripts/generate_scale_data.py);
2. full build: `dbt build --exclude-resource-type seed` with as_of_date = the data's last day,
   timing it, sampling the RSS of the whole dbt process tree (/proc) for its peak, then the
   database file size and the ten slowest models (from dbt's run_results.json);
3. incremental build: append one more day of events, build again with as_of_date = that day;
4. the floor: one scan of raw.events in DuckDB computing distinct users per UTC day
   (`try_cast(occurred_at as timestamptz)`: a plain cast, not the model's stricter parse,
   which is timed too, as context) and the ratio full build / floor.

It prints the figures and the speed and memory targets, and appends them as one JSON line to
benchmarks/results/<size>.jsonl so runs can be compared over time. Not part of `make test`
(a smoke test of the generator at size S is).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
BENCH_DIR = PROJECT_DIR / "benchmarks"
WORK_DIR = BENCH_DIR / "work"
RESULTS_DIR = BENCH_DIR / "results"
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

import generate_demo_data  # noqa: E402
import generate_scale_data  # noqa: E402
from dbt_environment import dbt_environment  # noqa: E402

DBT = Path(sys.executable).with_name("dbt")
AS_OF_DATE = generate_demo_data.END_DATE
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
GB = 1024 ** 3
# the speed and memory targets, on a 2-core, 24 GB machine
TARGETS = {"L": {"full_build_seconds": 600, "peak_rss_gb": 12},
           "M": {"full_build_seconds": 90}}
MAX_INCREMENTAL_RATIO, MAX_FLOOR_RATIO = 0.05, 15


# ---------------------------------------------------------------- measuring a process tree
def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after the last ')'
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def tree_rss(root: int) -> int:
    """Resident bytes of root and all its descendants, now."""
    children, total, todo = _children_map(), 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE_SIZE
        except OSError:
            pass
        todo.extend(children.get(pid, []))
    return total


def run_measured(command: list[str], env: dict, log_path: Path, timeout: float | None = None,
                 interval: float = 0.1) -> dict:
    """Run command (output to log_path); wall seconds, exit code and the peak RSS of its process
    tree: the larger of the sampled tree sum and the kernel's high-water mark of the largest
    single process (wait4), which catches a spike between two samples. After `timeout`
    seconds the command's process group is terminated (timed_out: true)."""
    started = time.perf_counter()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        peak, done, timed_out = 0, threading.Event(), threading.Event()

        def sample():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(proc.pid))
                if timeout and time.perf_counter() - started > timeout and not timed_out.is_set():
                    timed_out.set()
                    os.killpg(proc.pid, signal.SIGTERM)     # its own session: only its tree
                done.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": round(seconds, 2), "exit_code": proc.returncode,
            "timed_out": timed_out.is_set(),
            "peak_rss_bytes": max(peak, usage.ru_maxrss * 1024),
            "peak_rss_sampled_bytes": peak, "max_single_process_rss_bytes": usage.ru_maxrss * 1024}


# ---------------------------------------------------------------- dbt
MODEL_LINE = re.compile(r"OK created sql \w+ model [\w.]*?(\w+) \.* *\[.*? in ([0-9.]+)s\]")


def dbt_build(size: str, db_path: Path, as_of: date, label: str,
              timeout: float | None = None) -> dict:
    target = WORK_DIR / f"target-{size}"
    command = [str(DBT), "build", "--exclude-resource-type", "seed",
               "--vars", json.dumps({"raw_schema": "raw", "as_of_date": as_of.isoformat()}),
               "--target-path", str(target), "--log-path", str(WORK_DIR / "logs")]
    log_path = WORK_DIR / f"dbt-{size}-{label}.log"
    print(f"\n==> {label} build: {' '.join(command)}  (log: {log_path.relative_to(PROJECT_DIR)})",
          flush=True)
    (target / "run_results.json").unlink(missing_ok=True)
    environment = dbt_environment(db_path, WORK_DIR / "profiles")
    result = run_measured(command, environment, log_path, timeout)
    if (target / "run_results.json").exists():
        shutil.copy(target / "run_results.json", WORK_DIR / f"run_results-{size}-{label}.json")
        results = json.loads((target / "run_results.json").read_text())["results"]
    else:       # stopped (timeout): the models that finished, from dbt's log
        log_text = re.sub(r"\x1b\[[0-9;]*m", "", log_path.read_text())
        results = [{"unique_id": f"model.saas_retention.{name}", "status": "success",
                    "execution_time": float(seconds)}
                   for name, seconds in MODEL_LINE.findall(log_text)]
        result["nodes_finished"] = len(re.findall(r" of \d+ (?:OK|PASS|FAIL|ERROR)", log_text))
        how = f"stopped after {timeout:.0f} s" if result.get("timed_out") else \
            f"dbt exited {result['exit_code']}"
        print(f"    {how}: {result['nodes_finished']} nodes had finished")
    statuses: dict[str, int] = {}
    for r in results:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    models = sorted((r for r in results if r["unique_id"].startswith("model.")),
                    key=lambda r: -r["execution_time"])
    tests = [r for r in results if r["unique_id"].startswith(("test.", "unit_test."))]
    result.update({
        "as_of_date": as_of.isoformat(),
        "statuses": statuses,
        "models_seconds": round(sum(r["execution_time"] for r in models), 2),
        "tests_seconds": round(sum(r["execution_time"] for r in tests), 2),
        "tests": len(tests),
        "slowest_models": [{"model": r["unique_id"].split(".")[-1],
                            "seconds": round(r["execution_time"], 2)} for r in models[:10]],
    })
    if result["exit_code"] != 0:
        failed = [r["unique_id"] for r in results if r["status"] in ("error", "fail")]
        print(f"    dbt exited {result['exit_code']}: {failed[:10]}; see "
              f"{log_path.relative_to(PROJECT_DIR)}")
    print(f"    {result['seconds']:.1f} s, peak RSS {result['peak_rss_bytes'] / GB:.2f} GB, "
          f"{statuses}", flush=True)
    return result


# ---------------------------------------------------------------- the floor
def floor(db_path: Path) -> dict:
    """One scan of raw.events: distinct users per UTC day (best of two runs, after the build:
    the file is in the page cache as it was for dbt). Plain try_cast, and the model's parse."""
    plain = ("select cast(timezone('UTC', try_cast(occurred_at as timestamptz)) as date) as d, "
             "count(distinct user_id) from raw.events group by 1")
    pattern = ("'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? *"
               "([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?)?$'")
    offset = "'[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? *([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$'"
    text = "nullif(trim(occurred_at), '')"
    model_parse = (
        f"case when regexp_matches({text}, {pattern}) then case "
        f"when regexp_matches({text}, {offset}) "
        f"then timezone('UTC', try_cast({text} as timestamptz)) "
        f"else try_cast({text} as timestamp) end end")
    model = (f"select cast({model_parse} as date) as d, count(distinct user_id) "
             f"from raw.events group by 1")
    out = {}
    with duckdb.connect(str(db_path), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")            # as the profile: UTC days
        for name, sql in (("floor_seconds", plain), ("floor_model_parse_seconds", model)):
            best = None
            for _ in range(2):
                started = time.perf_counter()
                rows = con.execute(sql).fetchall()
                elapsed = time.perf_counter() - started
                best = elapsed if best is None else min(best, elapsed)
            out[name] = round(best, 3)
        out["floor_days"] = len(rows)
        out["events_rows"] = con.execute("select count(*) from raw.events").fetchone()[0]
    return out


# ---------------------------------------------------------------- report
def commit() -> str | None:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=PROJECT_DIR, capture_output=True, text=True).stdout.strip()
        return head + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def file_size(path: Path) -> int:
    wal = Path(str(path) + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def versions() -> dict:
    out = {"python": platform.python_version(), "duckdb": duckdb.__version__}
    try:
        from importlib.metadata import version
        out.update({p: version(p) for p in ("dbt-core", "dbt-duckdb")})
    except Exception:  # noqa: BLE001 (informational only)
        pass
    return out


def memory_total() -> int | None:
    try:
        with open("/proc/meminfo") as f:
            return int(f.readline().split()[1]) * 1024
    except OSError:
        return None


def print_report(r: dict) -> None:
    g, full, inc = r["generation"], r["full_build"], r["incremental_build"]
    print(f"\n{'=' * 72}\nsaas_retention benchmark, size {r['size']} "
          f"({r['cores']} cores, {r['memory_gb']} GB, commit {r['commit']})\n{'=' * 72}")
    print(f"generation       {g['total_rows']:>13,} rows in {g['seconds']:.1f} s = "
          f"{g['rows_per_second']:,} rows/s (events {g['events_per_second']:,} rows/s)")
    for table, rows in g["rows"].items():
        print(f"  {table:<15}{rows:>13,}")
    stopped = " STOPPED (timeout)" if full["timed_out"] else ""
    print(f"full build       {full['seconds']:>8.1f} s{stopped}   peak RSS "
          f"{full['peak_rss_bytes'] / GB:.2f} GB   database {r['database_bytes'] / GB:.2f} GB   "
          f"({full['statuses']})")
    print(f"  models {full['models_seconds']:.1f} s, {full['tests']} tests "
          f"{full['tests_seconds']:.1f} s (summed node times; 2 threads)")
    print("  ten slowest models" + (" (of those that finished):" if stopped else ":"))
    for m in full["slowest_models"]:
        print(f"    {m['seconds']:>8.2f} s  {m['model']}")
    if inc["seconds"] is None:
        print("incremental      not run (the full build was stopped)")
    else:
        print(f"append one day   {r['append']['rows']:>13,} events dated {r['append']['day']} "
              f"in {r['append']['seconds']:.1f} s")
        print(f"incremental      {inc['seconds']:>8.1f} s"
              f"{' STOPPED (timeout)' if inc['timed_out'] else ''}   = "
              f"{100 * r['incremental_ratio']:.1f} % of the full build   peak RSS "
              f"{inc['peak_rss_bytes'] / GB:.2f} GB")
        print("  its five slowest models: " + ", ".join(
            f"{m['model']} {m['seconds']:.1f} s" for m in inc["slowest_models"][:5]))
    print(f"floor            {r['floor_seconds']:>8.2f} s   (distinct users per day, one scan of "
          f"{r['events_rows']:,} events; with the model's parse {r['floor_model_parse_seconds']:.2f} s)")
    print(f"full / floor     {r['floor_ratio'] or float('nan'):>8.1f}"
          + ("  (the full build was stopped: a lower bound)" if full["timed_out"] else ""))
    print("targets:")
    for name, ok in r["targets"].items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")


def compare_sizes() -> None:
    """L/M: time ratio against the ratio of rows, from the latest line of each results file."""
    latest = {}
    for size in ("M", "L"):
        path = RESULTS_DIR / f"{size}.jsonl"
        if path.exists():
            lines = [line for line in path.read_text().splitlines() if line.strip()]
            if lines:
                latest[size] = json.loads(lines[-1])
    if len(latest) == 2:
        m, l_ = latest["M"], latest["L"]
        rows = l_["generation"]["total_rows"] / m["generation"]["total_rows"]
        events = l_["events_rows"] / m["events_rows"]
        print(f"L / M: full build {l_['full_build']['seconds']:.1f} s / "
              f"{m['full_build']['seconds']:.1f} s = "
              f"{l_['full_build']['seconds'] / m['full_build']['seconds']:.2f}x for "
              f"{rows:.2f}x the raw rows ({events:.2f}x the events)")


# ---------------------------------------------------------------- main
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["XS", "S", "M", "L"], default="S")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--build-timeout", type=float, default=None, metavar="SECONDS",
                        help="stop a dbt build after this long (the run is then recorded as "
                             "timed out, with the models that finished)")
    args = parser.parse_args(argv)
    size = args.size
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    db_path = WORK_DIR / f"{size}.duckdb"
    for stale in (db_path, Path(str(db_path) + ".wal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(WORK_DIR / f"target-{size}", ignore_errors=True)

    print(f"==> generating size {size} into {db_path.relative_to(PROJECT_DIR)}", flush=True)
    generation = generate_scale_data.generate(size, str(db_path), "raw", args.seed,
                                              log=lambda line: print("   ", line, flush=True))
    full = dbt_build(size, db_path, AS_OF_DATE, "full", args.build_timeout)
    database_bytes = file_size(db_path)

    next_day = AS_OF_DATE + timedelta(days=1)
    if full["timed_out"]:
        append = {"day": next_day.isoformat(), "rows": 0, "visits": 0, "seconds": 0}
        incremental = {"seconds": None, "exit_code": None, "timed_out": None,
                       "peak_rss_bytes": 0, "statuses": {}, "slowest_models": []}
    else:
        print(f"\n==> appending the events of {next_day}", flush=True)
        append = generate_scale_data.append_day(str(db_path), "raw", next_day,
                                                log=lambda line: print("   ", line, flush=True))
        incremental = dbt_build(size, db_path, next_day, "incremental", args.build_timeout)

    print("\n==> floor query", flush=True)
    floor_figures = floor(db_path)

    memory = memory_total()
    result = {
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "size": size, "seed": args.seed, "commit": commit(), "cores": os.cpu_count(),
        "memory_gb": round(memory / GB, 1) if memory else None, "versions": versions(),
        "generation": {k: generation[k] for k in ("rows", "total_rows", "seconds", "steps",
                                                  "rows_per_second", "events_per_second")},
        "full_build": full, "database_bytes": database_bytes,
        "database_after_incremental_bytes": file_size(db_path),
        "append": append, "incremental_build": incremental,
        "incremental_ratio": (round(incremental["seconds"] / full["seconds"], 4)
                              if incremental["seconds"] else None),
        **floor_figures,
        "floor_ratio": (round(full["seconds"] / floor_figures["floor_seconds"], 1)
                        if floor_figures["floor_seconds"] else None),
    }
    targets = {f"incremental < {MAX_INCREMENTAL_RATIO:.0%} of the full build":
               result["incremental_ratio"] is not None
               and result["incremental_ratio"] < MAX_INCREMENTAL_RATIO,
               "both builds succeeded": full["exit_code"] == 0 and incremental["exit_code"] == 0}
    if size in ("M", "L"):
        targets[f"full / floor < {MAX_FLOOR_RATIO}"] = (result["floor_ratio"] is not None
                                                        and result["floor_ratio"] < MAX_FLOOR_RATIO)
    for key, limit in TARGETS.get(size, {}).items():
        if key == "full_build_seconds":
            targets[f"full build < {limit} s"] = full["seconds"] < limit
        else:
            targets[f"peak RSS < {limit} GB"] = full["peak_rss_bytes"] < limit * GB
    result["targets"] = targets
    print_report(result)
    with open(RESULTS_DIR / f"{size}.jsonl", "a") as f:
        f.write(json.dumps(result) + "\n")
    print(f"\nwritten to {(RESULTS_DIR / f'{size}.jsonl').relative_to(PROJECT_DIR)}")
    compare_sizes()
    return 0 if targets["both builds succeeded"] else 1


if __name__ == "__main__":
    sys.exit(main())
