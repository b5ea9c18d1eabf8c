"""Benchmark of the search page: p50/p95 server time next to the bare full-text query, per size and database.

    .venv/bin/python bench/search.py [--sizes 1000 10000 50000] [--databases sqlite postgres] [--runs 20] [--name NAME]

Each database runs in its own process with ``config.settings.bench`` and its own database (SQLite in
``var/bench/<name>.sqlite3``; PostgreSQL ``<name>``, created if missing, from ``BENCH_POSTGRES_ADMIN_URL``;
``--name`` defaults to ``enlace_search_bench``: give another name to measure a smaller size again). Sizes are seeded
in ascending order with ``practices.scale`` (fictional bilingual items written in bulk and indexed through the
configured backends; idempotent, so each size adds to the previous), then the database's planner statistics are
refreshed (``ANALYZE``), as autovacuum does after bulk writes in production (it may be off on a test server).

"Search page" is a real GET through Django's test client (middleware, ``members.access``, the full-text match,
six facet counts, the page of results with highlighted snippets and the template), anonymous and as a full member,
with the anonymous page cache off. "First time" raises the content generation before each request, so the search
remembers nothing (as after a publication, or for words nobody searched in the last five minutes); "repeated" is
the same search again, which reads the best matches and the facet counts the first one remembered
(:meth:`search.service.LibrarySearch.remembered`). "Bare query" is the database backend's ranked match alone
(``ranked_matches``, the statement the page runs first), best ten over every item: no visibility, facets or
rendering. Target on PostgreSQL at 50,000 items: page p95 ≤ 50 ms and ≤ 2× the bare query.
"""

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DEFAULT_NAME = "enlace_search_bench"
ENGINES = ("sqlite", "postgres")


def database_url(engine, name=DEFAULT_NAME):
    if engine == "sqlite":
        return f"sqlite:///{ROOT / 'var' / 'bench' / (name + '.sqlite3')}"
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


QUERIES = [
    ("one word", {"q": "extradición"}),
    ("two words, no accents", {"q": "investigacion financiera"}),
    ("English", {"q": "controlled delivery"}),
    ("word + country + theme", {"q": "trata", "country": "GT", "theme": "case_management"}),
    ("word, by date, page 3", {"q": "víctimas", "sort": "date", "page": "3"}),
]


ROWS = [
    "search page, first time (anonymous)",
    "search page, repeated (anonymous)",
    "search page, first time (member)",
    "search page, repeated (member)",
    "bare full-text query",
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, runs, warmup=3):
    for _ in range(warmup):
        function()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def member_client():
    from allauth.mfa.models import Authenticator
    from django.test import Client
    from django.urls import reverse

    from members.factories import DEFAULT_PASSWORD, MembershipFactory, activate_totp, totp_code

    email = "bench-search-member@example.org"
    membership = MembershipFactory(vetted=True, user__email=email)
    Authenticator.objects.filter(user=membership.user).delete()
    secret = activate_totp(membership.user)
    client = Client()
    client.post(reverse("account_login"), {"login": email, "password": DEFAULT_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    return client


def measure(size, runs):
    """Seed to ``size`` items, then time every query: page (anonymous, member) and bare backend query."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation
    from wagtail.search.backends import get_search_backend

    from home import demo
    from home.page_cache import invalidate_all_pages
    from practices import scale
    from practices.models import LibraryItemPage

    call_command("migrate", verbosity=0)
    report = _quiet_report()
    demo.seed(report)
    scale.seed(report, size)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with translation.override("es"):
        url = reverse("search:search")
    anonymous, member = Client(), member_client()
    backend = get_search_backend("default")
    rows = {name: [] for name in ROWS}
    for _name, params in QUERIES:
        for who, client in (("anonymous", anonymous), ("member", member)):
            assert client.get(url, params).status_code == 200

            def first_time(c=client, p=params):
                invalidate_all_pages()  # a new content generation: nothing remembered for these words
                c.get(url, p)

            rows[f"search page, first time ({who})"] += timed(first_time, runs)
            rows[f"search page, repeated ({who})"] += timed(lambda c=client, p=params: c.get(url, p), runs)
        rows["bare full-text query"] += timed(
            lambda q=params["q"]: backend.ranked_matches(q, LibraryItemPage.objects.all(), 10), runs
        )
    items = LibraryItemPage.objects.live().count()
    return {"items": items, "rows": {name: summary(timings) for name, timings in rows.items()}}


def _quiet_report():
    from django.core.management.base import OutputWrapper
    from django.core.management.color import no_style

    from home.management.commands.seed_demo import DemoReport

    return DemoReport(OutputWrapper(io.StringIO()), no_style())


def summary(timings):
    return {"p50": statistics.median(timings), "p95": percentile(timings, 0.95)}


def worker(database, name, sizes, runs):
    """In a child process: configure Django for ``database`` and print one JSON line per size."""
    os.environ["BENCH_DATABASE_URL"] = database_url(database, name)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    for size in sizes:
        result = measure(size, runs)
        print(json.dumps({"database": database, "size": size, **result}), flush=True)


def ensure_postgres_database(name):
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--databases", nargs="+", default=list(ENGINES), choices=ENGINES)
    parser.add_argument("--name", default=DEFAULT_NAME, help="database name (PostgreSQL) or file stem (SQLite)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    if args.worker:
        worker(args.worker, args.name, sizes, args.runs)
        return
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    results = []
    for database in args.databases:
        if database == "postgres":
            ensure_postgres_database(args.name)
        command = [sys.executable, __file__, "--worker", database, "--name", args.name, "--runs", str(args.runs)]
        command.append("--sizes")
        process = subprocess.run([*command, *map(str, sizes)], capture_output=True, text=True, cwd=ROOT)
        if process.returncode:
            print(process.stderr[-3000:], file=sys.stderr)
        results += [json.loads(line) for line in process.stdout.splitlines() if line.startswith("{")]
    print_table(results)


def print_table(results):
    print(f"{'database':<9} {'items':>7}  {'what':<38} {'p50 ms':>8} {'p95 ms':>8}  {'p95 / bare p95':>14}")
    for result in results:
        bare = result["rows"]["bare full-text query"]["p95"]
        for name, row in result["rows"].items():
            ratio = "" if name.startswith("bare") else f"{row['p95'] / bare:.1f}×"
            print(
                f"{result['database']:<9} {result['items']:>7}  {name:<38} {row['p50']:>8.1f} {row['p95']:>8.1f}"
                f"  {ratio:>14}"
            )
    print(f"queries per size: {', '.join(name for name, _ in QUERIES)}")


if __name__ == "__main__":
    main()
