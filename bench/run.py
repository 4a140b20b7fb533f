# ruff: noqa: T201  (a command-line tool that reports as it goes)
"""Benchmark the case library on SQLite and PostgreSQL and write BENCHMARKS.md.

    make bench                                                  # everything (takes a while)
    .venv/bin/python bench/run.py --sizes 1000 --databases sqlite --no-wrk    # a quick run
    .venv/bin/python bench/run.py --help

For each database: a fresh bench database (var/bench.sqlite3, or xiezuo_bench on the PostgreSQL server at
127.0.0.1:5432, dropped afterwards), `migrate`, `load_demo_data` (the real fixtures), then for each size
`seed_demo --cases N` (seeding is incremental: 10,000 adds 9,000 to the 1,000 already there, and gives the
same cases as a fresh 10,000) and an in-process measurement of the pages with django.test.Client under
production settings. At --wrk-size (10,000) the site is also served by gunicorn and driven by wrk, next to a
one-view Django "hello world" (bench/hello.py) served the same way, whose requests per second are the ceiling.

The developer's db.sqlite3 is never touched; traffic goes to 127.0.0.1 only; every loop is bounded in count
and time; servers and databases are removed in `finally` blocks. Raw results go to var/bench/results.json.
"""

import argparse
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = ROOT / "var" / "bench"
SQLITE_PATH = ROOT / "var" / "bench.sqlite3"
OUTPUT = ROOT / "BENCHMARKS.md"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
NOISE = re.compile(r"WARNING django\.request Not Found: ")

CASE_SLUG = "{case}"
PAGES = [
    ("list", "List, unfiltered", "/cases/"),
    ("list_theme", "List, one filter", "/cases/?theme=industry"),
    ("list_three", "List, three filters", "/cases/?theme=industry&province=guangdong&year=2023"),
    ("search_zh", "Search 茶叶", "/cases/?q=" + quote("茶叶")),
    ("search_en", "Search “guitar” (English)", "/en/cases/?q=guitar"),
    ("deep", "List, page 200", "/cases/?page=200"),
    ("case", "Case page", "/cases/" + CASE_SLUG + "/"),
]
PAGE_KINDS = {
    "list": "list",
    "list_theme": "list",
    "list_three": "list",
    "deep": "list",
    "search_zh": "search",
    "search_en": "search",
    "case": "case",
}
WRK_PAGES = ["list", "search_zh", "case"]
NOTES_HEADING = "## What we changed and what it gained"
NOTES_BEGIN = "<!-- notes:begin (bench/run.py keeps everything between these markers) -->"
NOTES_END = "<!-- notes:end -->"
DEFAULT_NOTES = (
    "_Lead engineer: record each change (search, facets, indexes, caching …) and what it gained here, with the "
    "before and after figures. `bench/run.py` rewrites the rest of this file on every run but keeps this "
    "section as it is._"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    measure = sub.add_parser("measure", help="(internal) measure the pages in this process; prints JSON")
    measure.add_argument("--out", required=True)
    measure.add_argument("--reps", type=int, default=100)
    measure.add_argument("--warmup", type=int, default=10)
    measure.add_argument("--page-budget", type=float, default=30.0)
    measure.add_argument("--warmup-budget", type=float, default=15.0)
    measure.add_argument("--seed", type=int, default=1)

    parser.add_argument("--sizes", default="1000,10000,100000", help="demo case counts, e.g. 1000,10000")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--no-wrk", action="store_true", help="skip the gunicorn + wrk throughput runs")
    parser.add_argument("--wrk-size", type=int, default=10_000, help="size at which to run wrk (default 10000)")
    parser.add_argument("--wrk-duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--reps", type=int, default=100, help="timed requests per page (at most; default 100)")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up requests per page (at most; default 10)")
    parser.add_argument("--page-budget", type=float, default=30.0, help="seconds of timed requests per page")
    parser.add_argument("--warmup-budget", type=float, default=15.0, help="seconds of warm-up per page")
    parser.add_argument("--seed", type=int, default=1, help="seed_demo --seed (default 1)")
    parser.add_argument("--jobs", type=int, default=None, help="seed_demo --jobs (default: its own)")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres", help="admin connection")
    parser.add_argument("--pg-database", default="xiezuo_bench", help="the bench database to create and drop")
    parser.add_argument("--output", default=str(OUTPUT), help="the Markdown report (default BENCHMARKS.md)")
    parser.add_argument("--keep", action="store_true", help="keep the bench databases afterwards")
    parser.add_argument(
        "--render-only", action="store_true", help="rewrite the report from var/bench/results.json; measure nothing"
    )
    parser.add_argument("--note", action="append", default=[], help="a note for the report's header (repeatable)")
    args = parser.parse_args()
    if args.command == "measure":
        return run_measure(args)
    if args.render_only:
        results = json.loads((VAR / "results.json").read_text(encoding="utf-8"))
        results["notes"] = [*results.get("notes", []), *args.note]
        write_outputs(results, args)
        print(f"wrote {args.output} from {VAR / 'results.json'}")
        return 0
    return run_all(args)


# ------------------------------------------------------------------------------------------------------
# Orchestration
# ------------------------------------------------------------------------------------------------------


def run_all(args):
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    unknown = set(databases) - {"sqlite", "postgres"}
    if unknown or not sizes or min(sizes) < 1:
        sys.exit(f"bench: --databases takes sqlite and/or postgres, --sizes positive numbers ({unknown or sizes})")
    pg = urlsplit(args.pg_url)
    if pg.hostname not in LOCAL_HOSTS:
        sys.exit("bench: PostgreSQL must be on 127.0.0.1 (traffic stays on this machine).")
    VAR.mkdir(parents=True, exist_ok=True)
    log = open(VAR / "bench.log", "w", encoding="utf-8")  # noqa: SIM115 (closed at the end)
    started = time.monotonic()
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join(["bench/run.py", *sys.argv[1:]]),
        "sizes": sizes,
        "databases": {},
        "skipped": {},
        "notes": list(args.note),
        "machine": machine_info(),
        "versions": versions(args),
        "settings": {
            "reps": args.reps,
            "warmup": args.warmup,
            "page_budget": args.page_budget,
            "warmup_budget": args.warmup_budget,
            "wrk": not args.no_wrk,
            "wrk_size": args.wrk_size,
            "wrk_duration": args.wrk_duration,
            "seed": args.seed,
        },
    }
    wrk = None if args.no_wrk else find_wrk(results)
    if wrk is None and not args.no_wrk:
        results["skipped"]["wrk"] = results["skipped"].get("wrk") or "wrk is not installed"
    try:
        say("== collectstatic (production static storage needs its manifest) ==", log)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], bench_env(sqlite_url()), log, 600)
        for database in databases:
            if database == "postgres":
                problem = postgres_problem(args.pg_url)
                if problem:
                    note = f"PostgreSQL at {pg.hostname}:{pg.port or 5432} did not answer ({problem}); skipped."
                    say("!! " + note, log)
                    results["skipped"]["postgres"] = note
                    continue
            out = results["databases"][database] = {"seeding": [], "sizes": {}, "wrk": None, "notes": []}
            try:
                bench_database(database, out, sizes, wrk, args, log)
            except Exception as error:  # report it, keep what was measured, go on with the next database
                out["error"] = f"{type(error).__name__}: {error}"
                say(f"!! {database}: {out['error']}", log)
            write_outputs(results, args)
    finally:
        results["total_seconds"] = round(time.monotonic() - started, 1)
        write_outputs(results, args)
        say(f"== done in {results['total_seconds']:.0f} s; wrote {args.output} and {VAR / 'results.json'} ==", log)
        log.close()


def bench_database(database, out, sizes, wrk, args, log):
    url = sqlite_url() if database == "sqlite" else pg_bench_url(args)
    env = bench_env(url)
    say(f"== {database}: fresh bench database ==", log)
    create_database(database, args)
    try:
        timed = run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, log, 900)
        out["migrate_seconds"] = timed
        out["fixtures_seconds"] = run([PYTHON, "manage.py", "load_demo_data"], env, log, 900)
        for size in sizes:
            say(f"== {database}: seed_demo --cases {size:,} ==", log)
            command = [PYTHON, "manage.py", "seed_demo", "--cases", str(size), "--seed", str(args.seed)]
            if args.jobs:
                command += ["--jobs", str(args.jobs)]
            before = out["seeding"][-1]["total"] if out["seeding"] else 0
            seconds = run(command, env, log, 4 * 3600)
            entry = {"total": size, "added": size - before, "seconds": seconds}
            if database == "postgres":
                # After a bulk load; autovacuum would get there too, a little later.
                entry["vacuum_analyze_seconds"] = postgres_vacuum_analyze(args)
            out["seeding"].append(entry)
            say(f"== {database}: measuring at {size:,} cases ==", log)
            out["sizes"][str(size)] = measure_in_child(env, args, log)
            report_size(database, size, out["sizes"][str(size)], log)
            if wrk and size == args.wrk_size:
                out["wrk"] = wrk_runs(wrk, env, out["sizes"][str(size)], args, log)
        if wrk and args.wrk_size not in sizes:
            out["notes"].append(f"wrk not run: --wrk-size {args.wrk_size} is not one of --sizes.")
    finally:
        if not args.keep:
            drop_database(database, args, log)


def measure_in_child(env, args, log):
    with tempfile.NamedTemporaryFile(suffix=".json", dir=VAR, delete=False) as handle:
        path = Path(handle.name)
    try:
        command = [
            PYTHON,
            str(Path(__file__).resolve()),
            "measure",
            "--out",
            str(path),
            "--reps",
            str(args.reps),
            "--warmup",
            str(args.warmup),
            "--page-budget",
            str(args.page_budget),
            "--warmup-budget",
            str(args.warmup_budget),
            "--seed",
            str(args.seed),
        ]
        run(command, env, log, 3600)
        return json.loads(path.read_text(encoding="utf-8"))
    finally:
        path.unlink(missing_ok=True)


def report_size(database, size, data, log):
    for key, label, _ in PAGES:
        page = data["pages"][key]
        if page.get("error"):
            say(f"   {label:28} ERROR {page['error']}", log)
            continue
        say(
            f"   {label:28} {page['status']}  median {page['median_ms']:8.1f} ms  p95 {page['p95_ms']:8.1f} ms  "
            f"n={page['n']:3}  {page['queries']:2} queries  {page['kb']:5.1f} KB",
            log,
        )


# ------------------------------------------------------------------------------------------------------
# In-process measurement (runs in a child process with the bench database's environment)
# ------------------------------------------------------------------------------------------------------


def run_measure(args):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cases.models import Case

    # The same published seeded case at every size: the lowest n that is public (case n never changes with N).
    candidates = [f"demo-{args.seed}-{n}" for n in range(1, 500)]
    public = set(Case.objects.published().filter(slug__in=candidates).values_list("slug", flat=True))
    slug = next((s for s in candidates if s in public), None)
    result = {
        "case_slug": slug,
        "cases_total": Case.objects.count(),
        "cases_public": Case.objects.published().count(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "pages": {},
    }
    result["code"] = code_fingerprint()
    cpu_start = cpu_ticks()
    client = Client()
    for key, _label, template in PAGES:
        if CASE_SLUG in template and slug is None:
            result["pages"][key] = {"url": template, "error": "no published seeded case"}
            continue
        url = template.replace(CASE_SLUG, slug or "")
        page = {"url": url}
        try:
            warm_started, warmed = time.perf_counter(), 0
            while warmed < max(1, args.warmup) and (
                warmed == 0 or time.perf_counter() - warm_started < args.warmup_budget
            ):
                client.get(url)
                warmed += 1
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            page.update(
                status=response.status_code,
                bytes=len(response.content),
                kb=round(len(response.content) / 1024, 1),
                queries=len(queries.captured_queries),
                query_ms=round(sum(float(q["time"]) for q in queries.captured_queries) * 1000, 1),
                slowest_queries=[
                    {"ms": round(float(q["time"]) * 1000, 1), "sql": abbreviate_sql(q["sql"])[:1000]}
                    for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
                ],
                warmup=warmed,
            )
            times, timed_started = [], time.perf_counter()
            # At least 3 timed requests, at most --reps, and no more once --page-budget seconds have passed.
            while len(times) < max(3, args.reps) and (
                len(times) < 3 or time.perf_counter() - timed_started < args.page_budget
            ):
                begin = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - begin) * 1000)
            ordered = sorted(times)
            page.update(
                n=len(times),
                median_ms=round(statistics.median(times), 2),
                p95_ms=round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], 2),
                min_ms=round(ordered[0], 2),
                max_ms=round(ordered[-1], 2),
            )
        except Exception as error:  # a page that fails is reported, the others still measured
            page["error"] = f"{type(error).__name__}: {error}"[:500]
        result["pages"][key] = page
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    result["other_cpu_percent"] = other_cpu_percent(cpu_start, cpu_ticks())
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def code_fingerprint():
    """A short hash of the site's code and templates, to tell when they changed during a run."""
    import hashlib

    digest = hashlib.sha1()
    for folder in ("cases", "xiezuo", "templates"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".html"} and path.is_file():
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:10]


def cpu_ticks():
    """(busy ticks of the whole machine, ticks of this process, all ticks) from /proc, or None elsewhere."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        own = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        idle = fields[3] + fields[4]
        return sum(fields) - idle, int(own[11]) + int(own[12]), sum(fields)
    except (OSError, IndexError, ValueError):
        return None


def other_cpu_percent(start, end):
    """How busy the machine was with other processes while we measured, in % of all its CPUs."""
    if not start or not end or end[2] == start[2]:
        return None
    others = (end[0] - start[0]) - (end[1] - start[1])
    return round(100 * max(others, 0) / (end[2] - start[2]), 1)


COLUMN_LIST = re.compile(r'(?:"(\w+)"\."\w+"(?: AS "\w+")?, ){3,}"\w+"\."\w+"(?: AS "\w+")?')


def abbreviate_sql(sql):
    """Long column lists shortened to "table".* (n columns), so the FROM, WHERE and GROUP BY show."""
    return COLUMN_LIST.sub(lambda m: f'"{m.group(1)}".* ({m.group(0).count(", ") + 1} columns)', sql)


# ------------------------------------------------------------------------------------------------------
# gunicorn + wrk
# ------------------------------------------------------------------------------------------------------


def wrk_runs(wrk, env, measured, args, log):
    out = {"pages": {}, "hello": None, "workers": 2, "connections": 16, "threads": 2, "duration": args.wrk_duration}
    hello_env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
    say("== wrk: hello world (bench/hello.py) ==", log)
    with gunicorn(["--chdir", str(ROOT / "bench"), "hello:application"], hello_env, log) as port:
        out["hello"] = wrk_run(wrk, port, "/", args, log)
    say("== wrk: the site (xiezuo.wsgi) ==", log)
    with gunicorn(["xiezuo.wsgi"], env, log) as port:
        for key in WRK_PAGES:
            page = measured["pages"].get(key, {})
            if "url" not in page or page.get("error"):
                out["pages"][key] = {"error": page.get("error", "not measured")}
                continue
            for _ in range(3):  # warm both workers a little
                fetch(port, page["url"], timeout=120)
            out["pages"][key] = wrk_run(wrk, port, page["url"], args, log)
            wait_until_idle(port, log)
    hello_rps = (out["hello"] or {}).get("rps")
    for page in out["pages"].values():
        if hello_rps and page.get("rps") is not None:
            page["ratio"] = round(page["rps"] / hello_rps, 4)
    return out


class gunicorn:  # noqa: N801 (used as a context manager: `with gunicorn(...) as port`)
    """Start gunicorn -w 2 on a free 127.0.0.1 port; always stop it (its whole process group) on exit."""

    def __init__(self, app_args, env, log):
        self.app_args, self.env, self.log, self.process = app_args, env, log, None

    def __enter__(self):
        self.port = free_port()
        command = [str(BIN / "gunicorn"), *self.app_args, "-w", "2", "-b", f"127.0.0.1:{self.port}"]
        command += ["--log-level", "warning", "--timeout", "120"]
        say("   $ " + " ".join(command), self.log)
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {VAR / 'bench.log'}")
            try:
                fetch(self.port, "/", timeout=5)
                return self.port
            except urllib.error.HTTPError:
                return self.port  # it answers, whatever it says
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc):
        self.stop()
        return False

    def stop(self):
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=15)


def wrk_run(wrk, port, path, args, log):
    url = f"http://127.0.0.1:{port}{path}"
    command = [wrk, "-t2", "-c16", f"-d{args.wrk_duration}s", "--latency", "--timeout", "30s", url]
    say("   $ " + " ".join(command), log)
    load = [round(x, 2) for x in os.getloadavg()]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=args.wrk_duration + 60)
    log.write(completed.stdout + completed.stderr)
    log.flush()
    parsed = parse_wrk(completed.stdout)
    parsed["url"] = path
    parsed["load_before"] = load
    say(
        f"   {path}: {parsed.get('rps', 0):.1f} req/s, p50 {parsed.get('p50', '?')}, p99 {parsed.get('p99', '?')}, "
        f"{parsed.get('requests', 0)} requests, {parsed.get('non_2xx', 0)} non-2xx/3xx, errors {parsed.get('errors')}",
        log,
    )
    return parsed


def parse_wrk(text):
    out = {"errors": {}}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", text):
        out["rps"] = float(match.group(1))
    if match := re.search(r"(\d+) requests in ([\d.]+\w+)", text):
        out["requests"] = int(match.group(1))
    for percentile in ("50", "75", "90", "99"):
        if match := re.search(rf"^\s+{percentile}%\s+(\S+)", text, re.M):
            out[f"p{percentile}"] = match.group(1)
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        out["non_2xx"] = int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        out["errors"] = {
            name: int(value)
            for name, value in zip(("connect", "read", "write", "timeout"), match.groups(), strict=True)
            if int(value)
        }
    return out


def wait_until_idle(port, log, limit=120):
    """After wrk stops, requests it abandoned can still occupy the workers: wait until one is answered fast."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        begin = time.monotonic()
        try:
            fetch(port, "/healthz", timeout=limit)
        except OSError:
            pass
        if time.monotonic() - begin < 0.2:
            return
    say(f"   (the server was still busy after {limit} s)", log)


def fetch(port, path, timeout):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:  # noqa: S310
        return response.read()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def find_wrk(results):
    found = shutil.which("wrk")
    if found:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], env=env, timeout=600, check=False)
        found = shutil.which("wrk")
    if not found:
        results["skipped"]["wrk"] = "wrk is not installed (apt-get install wrk); throughput not measured"
    return found


# ------------------------------------------------------------------------------------------------------
# Databases and processes
# ------------------------------------------------------------------------------------------------------


def sqlite_url():
    return f"sqlite:///{SQLITE_PATH}"


def pg_bench_url(args):
    parts = urlsplit(args.pg_url)
    return parts._replace(path="/" + args.pg_database).geturl()


def bench_env(database_url):
    """Production settings: DEBUG off, a throwaway secret key, plain http on 127.0.0.1."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="xiezuo.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DJANGO_LOG_LEVEL="ERROR",
        DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
    )
    env.pop("REDIS_URL", None)
    return env


def postgres_problem(admin_url):
    try:
        import psycopg

        psycopg.connect(admin_url, connect_timeout=3).close()
    except Exception as error:
        return f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"
    return None


def pg_admin(args, statement):
    import psycopg

    with psycopg.connect(args.pg_url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(statement)


def create_database(database, args):
    if database == "sqlite":
        remove_sqlite()
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        return
    name = safe_identifier(args.pg_database)
    pg_admin(args, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    pg_admin(args, f"CREATE DATABASE {name}")


def drop_database(database, args, log):
    try:
        if database == "sqlite":
            remove_sqlite()
        else:
            pg_admin(args, f"DROP DATABASE IF EXISTS {safe_identifier(args.pg_database)} WITH (FORCE)")
        say(f"== {database}: bench database removed ==", log)
    except Exception as error:
        say(f"!! could not remove the {database} bench database: {error}", log)


def remove_sqlite():
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)


def safe_identifier(name):
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name) or name in {"postgres", "template0", "template1"}:
        sys.exit(f"bench: refusing to use {name!r} as the bench database name")
    return name


def postgres_vacuum_analyze(args):
    import psycopg

    begin = time.monotonic()
    with psycopg.connect(pg_bench_url(args), autocommit=True, connect_timeout=5) as connection:
        connection.execute("VACUUM ANALYZE")
    return round(time.monotonic() - begin, 1)


def run(command, env, log, timeout):
    """Run a child process, echoing its output; return the wall time in seconds; raise if it fails."""
    say("   $ " + " ".join(str(c) for c in command if "SECRET" not in str(c)), log)
    begin = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    watchdog = threading.Timer(timeout, process.kill)  # a child that hangs silently is stopped too
    watchdog.start()
    try:
        for line in process.stdout:
            if NOISE.search(line):  # e.g. the expected 404s of page=200 at small sizes: log only
                log.write(line)
                continue
            say("   | " + line.rstrip(), log)
        process.wait(timeout=60)
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
    if time.monotonic() - begin >= timeout:
        raise RuntimeError(f"{' '.join(map(str, command[:4]))} … took longer than {timeout} s and was stopped")
    if process.returncode:
        raise RuntimeError(f"{' '.join(map(str, command[:4]))} … exited with {process.returncode}")
    return round(time.monotonic() - begin, 1)


def say(message, log=None):
    print(message, flush=True)
    if log:
        log.write(message + "\n")
        log.flush()


# ------------------------------------------------------------------------------------------------------
# Machine and versions
# ------------------------------------------------------------------------------------------------------


def machine_info():
    info = {"nproc": os.cpu_count(), "platform": platform.platform()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        if match := re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M):
            info["cpu"] = match.group(1).strip()
        meminfo = Path("/proc/meminfo").read_text()
        if match := re.search(r"^MemTotal:\s+(\d+) kB", meminfo, re.M):
            info["memory_gib"] = round(int(match.group(1)) / 1024 / 1024, 1)
    except OSError:
        pass
    return info


def versions(args):
    import django

    found = {"python": platform.python_version(), "django": django.get_version(), "sqlite": sqlite3.sqlite_version}
    try:
        import psycopg

        with psycopg.connect(args.pg_url, connect_timeout=3) as connection:
            found["postgresql"] = connection.execute("SHOW server_version").fetchone()[0]
    except Exception:
        found["postgresql"] = "not reachable"
    for name, command in (("gunicorn", [str(BIN / "gunicorn"), "--version"]), ("wrk", ["wrk", "-v"])):
        try:
            completed = subprocess.run(command, capture_output=True, text=True, timeout=10)
            text = (completed.stdout + completed.stderr).strip().splitlines()
            found[name] = text[0] if text else "?"
        except (OSError, subprocess.TimeoutExpired):
            found[name] = "not installed"
    if match := re.search(r"\(version ([^)]+)\)", found.get("gunicorn", "")):
        found["gunicorn"] = match.group(1)
    if match := re.search(r"^wrk (\S+)", found.get("wrk", "")):
        found["wrk"] = match.group(1)
    return found


# ------------------------------------------------------------------------------------------------------
# The report
# ------------------------------------------------------------------------------------------------------

DB_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def write_outputs(results, args):
    VAR.mkdir(parents=True, exist_ok=True)
    (VAR / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    output = Path(args.output)
    notes = kept_notes(output)
    output.write_text(render(results, notes), encoding="utf-8")


def kept_notes(path):
    """The lead engineer's section of an existing report, kept word for word."""
    if not path.exists():
        return DEFAULT_NOTES
    text = path.read_text(encoding="utf-8")
    if NOTES_BEGIN in text and NOTES_END in text:
        return text.split(NOTES_BEGIN, 1)[1].split(NOTES_END, 1)[0].strip("\n")
    if NOTES_HEADING in text:
        rest = text.split(NOTES_HEADING, 1)[1]
        match = re.search(r"^## ", rest, re.M)
        return (rest[: match.start()] if match else rest).strip("\n")
    return DEFAULT_NOTES


def render(results, notes):
    lines = []
    add = lines.append
    settings = results["settings"]
    machine, found = results["machine"], results["versions"]
    add("# Benchmarks")
    add("")
    add(
        "Generated by `bench/run.py` (`make bench`); every section but the last is rewritten on each run. "
        "Raw figures: `var/bench/results.json`; the run's log: `var/bench/bench.log`."
    )
    add("")
    add(f"- **Run:** {results['date']}, `{results['command']}`, {results.get('total_seconds', '…')} s in all")
    add(
        f"- **Machine:** {machine.get('cpu', '?')}, {machine.get('nproc')} CPUs (nproc), "
        f"{machine.get('memory_gib', '?')} GiB memory; {machine.get('platform')}"
    )
    add(
        f"- **Versions:** Python {found['python']}, Django {found['django']}, SQLite {found['sqlite']}, "
        f"PostgreSQL server {found['postgresql']}, gunicorn {found['gunicorn']}, wrk {found['wrk']}"
    )
    for what, note in results["skipped"].items():
        add(f"- **Skipped ({what}):** {note}")
    for note in results.get("notes", []):
        add(f"- **Note:** {note}")
    add("")
    add("## Method")
    add("")
    add(
        "- Data: `manage.py migrate`, `manage.py load_demo_data` (reference data and the 7 real cases), then "
        f"`manage.py seed_demo --cases N --seed {settings['seed']}` for each size in turn (incremental; the "
        "sizes count demo cases, ~83 % of them public). SQLite in `var/bench.sqlite3`; PostgreSQL in a "
        "database created for the run and dropped after it, with `VACUUM ANALYZE` after each seeding."
    )
    add(
        "- Pages in-process with `django.test.Client` under production settings (DEBUG off, throwaway "
        "`DJANGO_SECRET_KEY`, `DJANGO_HTTPS=0`, WhiteNoise manifest from `collectstatic`, no cache of pages): "
        f"up to {settings['warmup']} warm-up requests (≤ {settings['warmup_budget']:.0f} s), then up to "
        f"{settings['reps']} timed requests (≥ 3, stopping after {settings['page_budget']:.0f} s); the whole "
        "request is timed. Queries counted with `CaptureQueriesContext` on one extra request; KB is the "
        "response body."
    )
    if settings["wrk"]:
        add(
            f"- Throughput at {settings['wrk_size']:,} cases: `gunicorn xiezuo.wsgi -w 2 -b 127.0.0.1:<port>` "
            f"driven by `wrk -t2 -c16 -d{settings['wrk_duration']}s --latency --timeout 30s` (the longer timeout "
            "keeps slow pages' latencies honest); the ceiling is `bench/hello.py` (a one-view Django hello world, "
            "no middleware) served and driven the same way in the same run. wrk runs on the same 2 CPUs."
        )
    add(
        "- The machine may be shared: each measurement records the load average and the share of the CPUs other "
        "processes used meanwhile. Figures taken while others were busy are pessimistic; compare runs on a quiet "
        "machine."
    )
    add("")
    add("## Seeding")
    add("")
    add("| database | to N demo cases | cases added | seconds | cases/s | then VACUUM ANALYZE s |")
    add("| --- | ---: | ---: | ---: | ---: | ---: |")
    for database, data in results["databases"].items():
        for entry in data["seeding"]:
            rate = entry["added"] / entry["seconds"] if entry["seconds"] else 0
            vacuum = entry.get("vacuum_analyze_seconds", "–")
            add(
                f"| {DB_NAMES[database]} | {entry['total']:,} | {entry['added']:,} | {entry['seconds']:.1f} | "
                f"{rate:,.0f} | {vacuum} |"
            )
    add("")
    for database, data in results["databases"].items():
        for size, measured in data["sizes"].items():
            add(f"## {DB_NAMES[database]}, {int(size):,} demo cases")
            add("")
            add(
                f"{measured['cases_total']:,} cases in the database, {measured['cases_public']:,} public; "
                f"case page: `{measured.get('case_slug')}`; load average (1, 5, 15 min) before measuring "
                f"{fmt_load(measured.get('load_before'))}, after {fmt_load(measured.get('load_after'))}; "
                f"other processes used {fmt_percent(measured.get('other_cpu_percent'))} of the CPUs meanwhile."
            )
            add("")
            add("| page | URL | status | median ms | p95 ms | n | queries | KB |")
            add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
            for key, label, _ in PAGES:
                page = measured["pages"].get(key, {})
                if page.get("error"):
                    add(f"| {label} | `{page.get('url', '')}` | error | – | – | – | – | – |")
                    continue
                add(
                    f"| {label} | `{page['url']}` | {page['status']} | {page['median_ms']:.1f} | "
                    f"{page['p95_ms']:.1f} | {page['n']} | {page['queries']} | {page['kb']:.1f} |"
                )
            errors = [
                (label, measured["pages"][key]["error"])
                for key, label, _ in PAGES
                if measured["pages"][key].get("error")
            ]
            for label, error in errors:
                add(f"\n**{label} failed:** `{error}`")
            add("")
    wrk_databases = {db: data["wrk"] for db, data in results["databases"].items() if data.get("wrk")}
    if wrk_databases:
        add(f"## Throughput at {settings['wrk_size']:,} cases (gunicorn -w 2, wrk -t2 -c16)")
        add("")
        add(
            "| database | page | requests/s | ratio to hello world | latency p50 | p99 | requests | non-2xx | errors "
            "| load before |"
        )
        add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
        for database, wrk in wrk_databases.items():
            hello = wrk.get("hello") or {}
            add(
                f"| {DB_NAMES[database]} | hello world `/` | {hello.get('rps', 0):,.1f} | 1 | "
                f"{hello.get('p50', '–')} | "
                f"{hello.get('p99', '–')} | {hello.get('requests', 0):,} | {hello.get('non_2xx', 0)} | "
                f"{fmt_errors(hello.get('errors'))} | {fmt_load((hello.get('load_before') or [])[:1])} |"
            )
            for key in WRK_PAGES:
                page = wrk["pages"].get(key, {})
                label = {k: lbl for k, lbl, _ in PAGES}[key]
                if page.get("error"):
                    add(f"| {DB_NAMES[database]} | {label} | error | – | – | – | – | – | {page['error']} | – |")
                    continue
                add(
                    f"| {DB_NAMES[database]} | {label} `{page.get('url')}` | {page.get('rps', 0):,.1f} | "
                    f"{page.get('ratio', 0):.3f} | {page.get('p50', '–')} | {page.get('p99', '–')} | "
                    f"{page.get('requests', 0):,} | {page.get('non_2xx', 0)} | {fmt_errors(page.get('errors'))} | "
                    f"{fmt_load((page.get('load_before') or [])[:1])} |"
                )
        not_wrk = [DB_NAMES[db] for db in results["databases"] if db not in wrk_databases]
        if not_wrk:
            add("")
            add(f"Not run with wrk: {', '.join(not_wrk)}.")
        add("")
    add("## Targets")
    add("")
    codes = [
        f"{DB_NAMES[db]} {int(size):,}: {m.get('code', '?')}"
        for db, data in results["databases"].items()
        for size, m in data["sizes"].items()
    ]
    if len({c.split(": ")[1] for c in codes}) > 1:
        add(
            "Caution: the site's code changed during this run (code fingerprints " + "; ".join(codes) + "), so "
            "differences between sizes or databases may come from the code, not the data."
        )
        add("")
    busy = [m.get("other_cpu_percent") or 0 for data in results["databases"].values() for m in data["sizes"].values()]
    if busy and max(busy) >= 10:
        add(
            f"Caution: other processes used up to {max(busy):.0f} % of the CPUs while pages were measured, so "
            "some figures below are pessimistic."
        )
        add("")
    add("| target | database | result | |")
    add("| --- | --- | --- | --- |")
    for row in evaluate_targets(results):
        add("| " + " | ".join(row) + " |")
    add("")
    slow = slowest_queries(results)
    if slow:
        add("## Slowest queries at the largest size")
        add("")
        add(
            "The slowest SQL statement of each page's counted request (truncated; the three slowest per page "
            "are in var/bench/results.json)."
        )
        add("")
        for database, size, label, query in slow:
            sql = query["sql"].replace("`", "'")
            add(f"- {DB_NAMES[database]}, {size:,}, {label}: **{query['ms']:.0f} ms** `{sql[:700]}`")
        add("")
    add(NOTES_HEADING)
    add("")
    add(NOTES_BEGIN)
    add(notes)
    add(NOTES_END)
    add("")
    return "\n".join(lines)


def fmt_percent(value):
    return "?" if value is None else f"{value:.0f} %"


def fmt_load(load):
    return " / ".join(f"{x:.2f}" for x in load) if load else "?"


def fmt_errors(errors):
    return ", ".join(f"{k} {v}" for k, v in (errors or {}).items()) or "–"


TARGET_MEDIANS = {"list": 50, "search": 30, "case": 15}
TARGET_RATIOS = {"list": 0.10, "search_zh": 0.08, "case": 0.15}
BIG, SMALL = 100_000, 1_000


def evaluate_targets(results):
    rows = []
    labels = {key: label for key, label, _ in PAGES}
    databases = results["databases"]
    if not databases:
        return [("everything", "–", "nothing measured", "not measured")]
    for database, data in databases.items():
        name = DB_NAMES[database]
        sizes = {int(s): m for s, m in data["sizes"].items()}
        big = sizes.get(BIG)
        # Queries: at most 8 on every page at 100,000.
        if big:
            queries = {labels[k]: p.get("queries") for k, p in big["pages"].items()}
            ok = all(q is not None and q <= 8 for q in queries.values())
            detail = ", ".join(f"{k} {v}" for k, v in queries.items())
            rows.append(("every page ≤ 8 queries at 100,000", name, detail, verdict(ok)))
        else:
            rows.append(
                ("every page ≤ 8 queries at 100,000", name, f"largest size run: {max(sizes):,}", "not measured")
            )
        # Queries constant across sizes (pages answering 200 only).
        if len(sizes) >= 2:
            changed = []
            for key, _, _ in PAGES:
                counts = {
                    size: m["pages"][key].get("queries")
                    for size, m in sorted(sizes.items())
                    if m["pages"][key].get("status") == 200
                }
                if len(set(counts.values())) > 1:
                    changed.append(f"{labels[key]}: " + " → ".join(str(c) for c in counts.values()))
            detail = "; ".join(changed) if changed else "the same at " + ", ".join(f"{s:,}" for s in sorted(sizes))
            rows.append(("queries constant whatever the size", name, detail, verdict(not changed)))
        else:
            rows.append(("queries constant whatever the size", name, "one size only", "not measured"))
        # Medians at 100,000.
        if not big:
            rows.append(("page medians at 100,000 (list < 50, search < 30, case < 15 ms)", name, "", "not measured"))
            rows.append(("medians at 100,000 ≤ 2 × at 1,000", name, "", "not measured"))
        for key, label, _ in PAGES if big else []:
            limit = TARGET_MEDIANS[PAGE_KINDS[key]]
            target = f"{label}: median < {limit} ms at 100,000"
            page = big["pages"][key] if big else None
            if page is None:
                rows.append((target, name, "", "not measured"))
            elif page.get("error"):
                rows.append((target, name, "error", verdict(False)))
            else:
                status = "" if page["status"] == 200 else f" (status {page['status']})"
                rows.append((target, name, f"{page['median_ms']:.1f} ms{status}", verdict(page["median_ms"] < limit)))
        # 100,000 median ≤ 2 × 1,000 median.
        small = sizes.get(SMALL)
        if big and not small:
            rows.append(("medians at 100,000 ≤ 2 × at 1,000", name, "1,000 not run", "not measured"))
        for key, label, _ in PAGES if big and small else []:
            target = f"{label}: median at 100,000 ≤ 2 × at 1,000"
            if not (big and small) or big["pages"][key].get("error") or small["pages"][key].get("error"):
                rows.append((target, name, "", "not measured"))
                continue
            a, b = small["pages"][key], big["pages"][key]
            note = ""
            if a["status"] != b["status"]:
                note = f" (status {a['status']} at 1,000, {b['status']} at 100,000)"
            ratio = b["median_ms"] / a["median_ms"] if a["median_ms"] else float("inf")
            rows.append(
                (
                    target,
                    name,
                    f"{a['median_ms']:.1f} → {b['median_ms']:.1f} ms (×{ratio:.1f}){note}",
                    verdict(ratio <= 2),
                )
            )
        # The list page's HTML under 30 KB (at every size measured).
        list_sizes = {s: m["pages"]["list"].get("kb") for s, m in sorted(sizes.items())}
        if all(v is not None for v in list_sizes.values()):
            detail = ", ".join(f"{v:.1f} KB at {s:,}" for s, v in list_sizes.items())
            rows.append(("list page HTML < 30 KB", name, detail, verdict(max(list_sizes.values()) < 30)))
        # Throughput ratios.
        wrk = data.get("wrk")
        wrk_size = results["settings"]["wrk_size"]
        if not wrk or wrk_size != 10_000:
            why = "wrk not run" if not wrk else f"wrk run at {wrk_size:,}"
            rows.append(
                ("throughput ratios at 10,000 (list ≥ 0.10, search ≥ 0.08, case ≥ 0.15)", name, why, "not measured")
            )
        for key, limit in TARGET_RATIOS.items() if wrk and wrk_size == 10_000 else []:
            target = f"throughput {labels[key]} ≥ {limit:.2f} × hello world at 10,000"
            page = (wrk or {}).get("pages", {}).get(key)
            if not wrk or not page or page.get("ratio") is None or wrk_size != 10_000:
                rows.append((target, name, "", "not measured"))
            else:
                rows.append(
                    (target, name, f"{page['ratio']:.3f} ({page['rps']:.1f} req/s)", verdict(page["ratio"] >= limit))
                )
    return rows


def verdict(ok):
    return "**met**" if ok else "**missed**"


def slowest_queries(results):
    found = []
    for database, data in results["databases"].items():
        if not data["sizes"]:
            continue
        size = max(int(s) for s in data["sizes"])
        pages = data["sizes"][str(size)]["pages"]
        for key, label, _ in PAGES:
            for query in pages.get(key, {}).get("slowest_queries", [])[:1]:
                found.append((database, size, label, query))
    return found


if __name__ == "__main__":
    sys.exit(main())
