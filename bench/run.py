"""Enlace at scale, side by side with stock Wagtail: ``make bench`` (or ``.venv/bin/python bench/run.py``).

For each database (SQLite in var/bench/, PostgreSQL ``enlace_bench``) and each library size, in a fresh process
with ``config.settings.bench``: seed scale data (``seed_demo --practices N --members M``, idempotent, so sizes
grow one after the other), then time real requests through Django's test client, in process, after a warm-up:
p50/p95 server time and SQL queries of the home page, the library listing with two facets, a public case study,
the same body on a plain Wagtail page (``bench.plain_wagtail``), the search page, the directory with filters and
the counterpart finder (as a full member signed in with password and TOTP where people are shown), the bare
full-text query, and an anonymous page served from the page cache. Then a load test against gunicorn on
127.0.0.1 (PostgreSQL, Redis, page cache on) with locust, headless: anonymous readers, then member searches.

Prints one table and, with ``--write``, adds it at the top of bench/RESULTS.md (date, machine, commit), earlier
runs kept below. See bench/README.md.
"""

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
POSTGRES_DB = os.environ.get("BENCH_POSTGRES_DB", "enlace_bench")
DATABASES = {
    "sqlite": os.environ.get("BENCH_SQLITE_URL", f"sqlite:///{BENCH_DIR / 'enlace.sqlite3'}"),
    "postgres": POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{POSTGRES_DB}",
}
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SEARCH_QUERY = "entrega vigilada"
# One frequent word (on PostgreSQL both queries add up the stored scores of frequent words, search/word_scores.py).
ONE_WORD_QUERY = "trata"
BARE_EVERY_MATCH = "bare full-text query, every match ranked"
ONE_WORD = "one word"
SESSIONS_FILE = BENCH_DIR / "sessions.json"
URLS_FILE = BENCH_DIR / "public-urls.json"
TARGETS = {
    "case study / plain Wagtail": "≤ 1.2×",
    "search (PostgreSQL, largest size)": "p95 ≤ 50 ms, ≤ 2× bare query",
    "cached anonymous pages under load": "≥ 300 req/s, 0 errors",
}


# --- Measuring, inside one database's process ---------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class TimedOut(Exception):
    """A request ran past :data:`REQUEST_LIMIT_SECONDS`: timing it again would only repeat that."""


def timed(function, runs, warmup=3, budget_seconds=30):
    """Median and 95th percentile (ms) of ``runs`` calls after ``warmup``; a slow page gets fewer runs (≥ 3, or
    ≥ 1 when a single call takes more than a third of the budget) so one pathological page cannot hold the whole
    benchmark up, and a call that times out (:class:`TimedOut`) is the only one."""
    spent = time.perf_counter()
    timings = []
    try:
        for _ in range(warmup):
            start = time.perf_counter()
            function()
            if time.perf_counter() - spent > budget_seconds / 3:
                break
        for _ in range(runs):
            start = time.perf_counter()
            function()
            timings.append((time.perf_counter() - start) * 1000)
            enough = 3 if max(timings) < budget_seconds * 1000 / 3 else 1
            if len(timings) >= enough and time.perf_counter() - spent > budget_seconds:
                break
    except TimedOut:
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), percentile(timings, 0.95), len(timings)


# A request whose SQL runs past this many seconds is cut short (its statement aborted, the page reported as timed
# out): a pathological plan at 50,000 items must not hold `make bench` up for an hour.
REQUEST_LIMIT_SECONDS = float(os.environ.get("BENCH_REQUEST_LIMIT", "20"))
DEADLINE = {"at": None, "hit": False}


def limit_statements(sender, connection, **kwargs):
    """On every new connection of a measuring process: statements stop at the request's deadline.

    PostgreSQL: ``statement_timeout``. SQLite has none: a progress handler (called every 100,000 virtual machine
    instructions) interrupts the statement once the request's deadline (set by :func:`measure_get`) has passed.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(REQUEST_LIMIT_SECONDS * 1000)}")
    elif connection.vendor == "sqlite":

        def past_deadline():
            if DEADLINE["at"] is not None and time.monotonic() > DEADLINE["at"]:
                DEADLINE["hit"] = True
                return 1
            return 0

        connection.connection.set_progress_handler(past_deadline, 100_000)


def measure_get(client, url, runs, cold=False):
    """p50, p95 (ms), queries and status of GET ``url``; the status of every run must be 200 (``timeout`` when
    a request ran past :data:`REQUEST_LIMIT_SECONDS`). ``cold``: a new content generation before each request, as
    a publication starts one (the search page keeps a query's matches and counts for the next request with the same
    words, under the generation); what else the cache holds (sessions, Wagtail's site root paths) is kept, as in
    production."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.page_cache import invalidate_all_pages

    statuses = set()

    def get():
        if cold:
            invalidate_all_pages()
        DEADLINE["at"], DEADLINE["hit"] = time.monotonic() + REQUEST_LIMIT_SECONDS, False
        started = time.monotonic()
        status = client.get(url).status_code
        timed_out = DEADLINE["hit"] or time.monotonic() - started >= REQUEST_LIMIT_SECONDS
        DEADLINE["at"] = None
        statuses.add(f"timeout after {REQUEST_LIMIT_SECONDS:.0f} s" if timed_out else str(status))
        if timed_out:
            raise TimedOut

    p50, p95, done = timed(get, runs)
    queries = "–"
    if not any(status.startswith("timeout") for status in statuses):
        with CaptureQueriesContext(connection) as captured:
            get()
        queries = len(captured)
    return {"p50": p50, "p95": p95, "runs": done, "queries": queries, "status": ",".join(sorted(statuses))}


def paired_ratio(client, url, baseline_url, runs, warmup=3):
    """Median of ``url``'s time over ``baseline_url``'s, requested alternately (a, b, b, a, …) in one process.

    On a shared machine the load changes from one minute to the next: two rows timed one after the other can
    differ by a factor of two for reasons that have nothing to do with the pages. Alternating the two requests
    exposes both to the same moments, so their ratio stays meaningful when absolute times are not.
    """
    for _ in range(warmup):
        client.get(url)
        client.get(baseline_url)
    times = {url: [], baseline_url: []}
    for n in range(max(runs, 10) * 2):
        for target in (url, baseline_url) if n % 2 == 0 else (baseline_url, url):
            start = time.perf_counter()
            client.get(target)
            times[target].append((time.perf_counter() - start) * 1000)
    return statistics.median(times[url]) / statistics.median(times[baseline_url])


def sign_in_member(email):
    """A Django test client signed in as a fresh full member (vetted, password + TOTP)."""
    from django.test import Client
    from django.urls import reverse

    from members.factories import DEFAULT_PASSWORD, MembershipFactory, activate_totp, totp_code

    membership = MembershipFactory(vetted=True, user__email=email, specializations=["trafficking"], languages=["es"])
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=membership.user).delete()
    secret = activate_totp(membership.user)
    client = Client(raise_request_exception=False)
    client.post(reverse("account_login"), {"login": email, "password": DEFAULT_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    return client


def plain_page_like(case_study):
    """A stock Wagtail page with the case study's title and rendered body (the same text size), published.

    It sits at the case study's depth (under a plain parent page next to the library), so both requests walk
    the same number of tree levels: the comparison is of the pages, not of their distance from the root.
    """
    from bench.plain_wagtail.models import PlainPage
    from home.models import HomePage

    body = str(case_study.body.render_as_block())
    home = HomePage.objects.get(locale__language_code="es")
    parent = PlainPage.objects.child_of(home).filter(slug="bench-plain").first()
    if parent is None:
        parent = home.add_child(instance=PlainPage(title="Plain Wagtail", slug="bench-plain", body=""))
        parent.save_revision().publish()
    page = PlainPage.objects.child_of(parent).filter(slug="bench-plain-page").first()
    if page is None:
        PlainPage.objects.filter(slug="bench-plain-page").delete()  # an earlier run's page, one level up
        page = parent.add_child(instance=PlainPage(title=case_study.title, slug="bench-plain-page", body=body))
    else:
        page.title, page.body = case_study.title, body
        page.save()
    page.save_revision().publish()
    return page


def bare_search(runs, every_match=False, query=SEARCH_QUERY):
    """The full-text match alone: the database backend's ranked match over every library item, best 10.

    ``ranked_matches`` is the statement the search page runs first (the same matching and ranking, so a change
    to either shows in both rows), here with no visibility rule (every item, not ``members.access.visible``), no
    facets and no rendering: one SQL statement on the index (PostgreSQL: the ``title``/``body`` vectors and their
    GIN indexes, ranked; SQLite: the FTS5 table, BM25). The search page's own match is restricted to the visible
    items and keeps the best 1,000, so the page / bare ratio is what the page adds to the full-text work.
    On PostgreSQL, frequent words add up their stored scores instead (search/word_scores.py: the lists of the
    query's stems, the items published since, and the best items through the visibility rule, here all items);
    ``every_match`` times it with the lists off, every match scored by the database, as before them.
    Returns p50, p95, runs, the number of SQL statements and the number of matches returned.
    """
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext
    from wagtail.search.backends import get_search_backend

    from practices.models import LibraryItemPage

    backend = get_search_backend("default")

    def match():
        with override_settings(ENLACE_SEARCH_WORD_SCORES=not every_match):
            return backend.ranked_matches(query, LibraryItemPage.objects.all(), 10)

    p50, p95, done = timed(match, runs)
    with CaptureQueriesContext(connection) as queries:
        found = match()
    statements = [query for query in queries if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    return p50, p95, done, len(statements), len(found)


def scenarios(member):
    """``[(name, client or None for anonymous, url)]`` for what exists in this build."""
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse
    from django.utils.translation import override

    from practices.models import CaseStudyPage, LibraryIndexPage

    def url(name, query=""):
        try:
            with override("es"):
                return reverse(name) + query
        except NoReverseMatch:
            return None

    library = LibraryIndexPage.objects.filter(locale__language_code="es").first()
    case = (
        CaseStudyPage.objects.live()
        .filter(slug__startswith="scale-practice-", visibility="public", locale__language_code="es")
        .order_by("pk")
        .first()
    )
    listing = f"{library.url}?country=MX&crime_type=trafficking_in_persons" if library else None
    search = url("search:search", "?q=entrega+vigilada")
    rows = [
        ("home", None, "/es/"),
        ("library listing, 2 facets", None, listing),
        ("library listing, 2 facets (member)", member, listing),
        ("case study", None, case.url if case else None),
        ("plain Wagtail page, same body", None, plain_page_like(case).url if case else None),
        ("search", None, search),
        ("search, first time (content changed before each request)", None, search),
        (
            f"search, {ONE_WORD}, first time (content changed before each request)",
            None,
            url("search:search", f"?q={ONE_WORD_QUERY}"),
        ),
        ("search (member)", member, search),
        # A full member's first search also checks the visibility of items for members and groups, and searches the
        # directory of members.
        ("search, first time (member, content changed before each request)", member, search),
        ("directory, 2 filters (member)", member, url("network:directory", "?country=MX&specialization=trafficking")),
        ("finder (member)", member, url("network:finder", "?country=PA&need=mla-request&language=es")),
    ]
    if apps.is_installed("events"):
        from events.models import EventIndexPage

        events = EventIndexPage.objects.live().filter(locale__language_code="es").first()
        rows.append(("events index", None, events.url if events else None))
    return rows


def setup_django(engine):
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    os.environ["BENCH_DATABASE_URL"] = DATABASES[engine]
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import translation

    translation.activate("es")


def seed_worker(engine, size, members):
    """Migrate and seed one database to ``size`` items and ``members`` members (both idempotent): prints the
    seconds spent on the demo and members, and on the library items (the demo's own no-op check included)."""
    setup_django(engine)
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter() - started
    started = time.perf_counter()
    call_command("seed_demo", members=members)
    people = time.perf_counter() - started
    started = time.perf_counter()
    call_command("seed_demo", practices=size, members=members)
    items = time.perf_counter() - started
    started = time.perf_counter()
    # What the nightly job keeps for a first search of frequent words (search/word_scores.py; PostgreSQL only).
    call_command("score_frequent_words", stdout=io.StringIO())
    scored = time.perf_counter() - started
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does after bulk writes in production (it may be off on a test server): the planner's
        # statistics, and the visibility map and hint bits that spare each index probe a visit to the row.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(
        json.dumps(
            {
                "migrate_seconds": migrated,
                "members_seconds": people,
                "seed_seconds": items,
                "word_scores_seconds": scored,
            }
        )
    )


def measure_worker(engine, members, runs, sessions):
    """Measure one database as it is; print its results as JSON on the last line."""
    setup_django(engine)
    from django.db import connection
    from django.db.backends.signals import connection_created
    from django.test import Client, override_settings

    connection_created.connect(limit_statements)
    connection.close()  # the next one is limited

    from practices.models import LibraryItemPage

    # No ``setup_test_environment()``: its instrumented template rendering copies the context for every template
    # and block rendered (for test assertions), a cost production never pays and that grows with the number of
    # includes, which would weigh on StreamField pages more than on the plain page.
    member = sign_in_member("bench.reader@enlace.example")
    anonymous = Client(raise_request_exception=False)  # a page that fails is reported as its status
    size = LibraryItemPage.objects.count()
    rows = []
    for name, client, url in scenarios(member):
        if url is None:
            rows.append({"name": name, "missing": True})
            continue
        cold = "first time" in name
        rows.append({"name": name, "url": url, **measure_get(client or anonymous, url, runs, cold=cold)})
        print(f"[{engine}] {size}: {rows[-1]}", file=sys.stderr, flush=True)
    by_name = {row["name"]: row for row in rows}
    case, plain = by_name.get("case study"), by_name.get("plain Wagtail page, same body")
    if case and plain and case.get("status") == plain.get("status") == "200":
        ratio = paired_ratio(anonymous, case["url"], plain["url"], runs)
        rows.append({"name": "case study / plain page, interleaved", "ratio": ratio})
    bare_rows = [
        (name, every_match, query)
        for query, suffix in ((SEARCH_QUERY, ""), (ONE_WORD_QUERY, f", {ONE_WORD}"))
        for name, every_match in ((f"bare full-text query{suffix}", False), (f"{BARE_EVERY_MATCH}{suffix}", True))
    ]
    for name, every_match, query in bare_rows:
        try:
            p50, p95, done, statements, found = bare_search(runs, every_match, query)
            bare = {"p50": p50, "p95": p95, "runs": done, "queries": statements, "status": f"{found} matches"}
            rows.append({"name": name, **bare})
        except Exception as error:  # the search backend is another app's: report, do not stop
            rows.append({"name": name, "missing": True, "error": repr(error)})
        print(f"[{engine}] {size}: {rows[-1]}", file=sys.stderr, flush=True)
    with override_settings(ENLACE_PAGE_CACHE_SECONDS=300):
        for name, url in (("home", "/es/"), ("library listing, 2 facets", rows[1].get("url"))):
            if url:
                cached = measure_get(Client(raise_request_exception=False), url, runs)
                rows.append({"name": f"{name}, from page cache", **cached})
    if sessions:
        anonymous_rows = [row for row in rows if row.get("status") == "200" and "member" not in row["name"]]
        public = [row["url"] for row in anonymous_rows if row.get("url") and "plain" not in row["url"]]
        URLS_FILE.write_text(json.dumps(public))
        from django.urls import reverse

        sessions = [sign_in_member(f"bench.load{n}@enlace.example").cookies["sessionid"].value for n in range(20)]
        SESSIONS_FILE.write_text(json.dumps({"search_path": reverse("search:search"), "sessions": sessions}))
    print(json.dumps({"engine": engine, "practices": size, "members": members, "rows": rows}))


# --- Load test: gunicorn + locust ---------------------------------------------------------------------------


def free_port():
    """A port nobody listens on (other people's development servers may hold the usual ones)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(port, timeout=120):
    """Poll the health check until both workers answer, then warm the public pages once (fills the page cache)."""
    from urllib.request import urlopen

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                break
        except OSError:
            time.sleep(1)
    urls = json.loads(URLS_FILE.read_text()) if URLS_FILE.exists() else []
    for _round in range(4):
        for url in urls:
            try:
                with urlopen(f"http://127.0.0.1:{port}{url}", timeout=30):
                    pass
            except OSError:
                pass


def load_test(seconds, users):
    """Two headless locust runs against gunicorn (2 workers × 4 threads): anonymous readers, member searches."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "BENCH_DATABASE_URL": DATABASES["postgres"],
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "enlace-bench",
        "ENLACE_PAGE_CACHE_SECONDS": "300",
    }
    bin_dir = Path(PYTHON).parent
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "config.wsgi", "-w", "2", "--threads", "4", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = {}
    try:
        wait_until_serving(port)
        # Member searches are never cached and cost hundreds of milliseconds each: a few members saturate 2 cores.
        for scenario, count in (("AnonymousReader", users), ("MemberSearcher", max(2, users // 8))):
            prefix = BENCH_DIR / f"locust-{scenario}"
            subprocess.run(
                [
                    str(bin_dir / "locust"),
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "-u",
                    str(count),
                    "-r",
                    str(count),
                    "-t",
                    f"{seconds}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    scenario,
                ],
                cwd=ROOT,
                env={**os.environ, "BENCH_SESSIONS": str(SESSIONS_FILE), "BENCH_URLS": str(URLS_FILE)},
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            stats = read_locust(prefix.with_name(prefix.name + "_stats.csv"))
            results[scenario] = stats and {**stats, "users": count}
    finally:
        server.terminate()
        server.wait(timeout=20)
    return results


def read_locust(path):
    import csv

    if not path.exists():
        return None
    with open(path, newline="") as file:
        for row in csv.DictReader(file):
            if row["Name"] == "Aggregated":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                }
    return None


# --- Orchestration and the table ----------------------------------------------------------------------------


def ensure_postgres_database():
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_DB]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{POSTGRES_DB}"')


def worker_command(engine, *options):
    return [PYTHON, __file__, "--worker", engine, *map(str, options)]


def last_json(text):
    lines = [line for line in text.strip().splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else None


class SideBySide:
    """Runs the seeding of several databases at once and shows their progress bars on one line.

    Each child's output is read line by line (``\\r`` ends a progress bar's update): a progress bar updates the
    database's part of the shared status line, anything else is printed above it, prefixed with the database.
    """

    def __init__(self, commands):
        import threading

        self.status = dict.fromkeys(commands, "")
        self.output = {name: [] for name in commands}
        self.lock = threading.Lock()
        self.processes = {
            name: subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for name, command in commands.items()
        }
        self.readers = [
            threading.Thread(target=self.read, args=(name, process.stdout), daemon=True)
            for name, process in self.processes.items()
        ]
        for reader in self.readers:
            reader.start()

    def read(self, name, stream):
        buffer = ""
        while chunk := stream.read(1):
            if chunk not in "\r\n":
                buffer += chunk
                continue
            line, buffer = buffer.strip(), ""
            if not line:
                continue
            with self.lock:
                self.output[name].append(line)
                if line.startswith("[#") or line.startswith("[-"):
                    self.status[name] = line
                elif "(scale)" in line or "seed_demo:" in line or "Error" in line:
                    sys.stderr.write(f"\r\033[K[{name}] {line}\n")
                self.draw()

    def draw(self):
        parts = [f"{name}: {status}" for name, status in self.status.items() if status]
        sys.stderr.write("\r\033[K" + "  |  ".join(parts)[:220])
        sys.stderr.flush()

    def wait(self):
        codes = {name: process.wait() for name, process in self.processes.items()}
        for reader in self.readers:
            reader.join()
        sys.stderr.write("\r\033[K")
        for name, status in self.status.items():
            if status:
                sys.stderr.write(f"[{name}] {status}\n")
        for name, code in codes.items():
            if code != 0:  # what went wrong, which the filtered output may not have shown
                sys.stderr.write("\n".join(f"[{name}] {line}" for line in self.output[name][-30:]) + "\n")
        return {name: (codes[name], last_json("\n".join(self.output[name]))) for name in self.processes}


def seed_all(engines, size, members):
    """Seed every database to ``size`` items at once, each in its own process: {engine: timings or None}."""
    done = SideBySide({engine: worker_command(engine, "--seed", size, "--members", members) for engine in engines})
    timings = {}
    for engine, (code, result) in done.wait().items():
        if code != 0 or result is None:
            print(f"{engine}: seeding failed (exit {code}); see the output above", file=sys.stderr)
            timings[engine] = None
        else:
            timings[engine] = result
    return timings


def measure(engine, args, sessions):
    command = worker_command(engine, "--measure", "--members", args.members, "--runs", args.runs)
    done = subprocess.run(command + (["--sessions"] if sessions else []), cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        print(f"{engine}: the benchmark process failed (exit {done.returncode}); see the output above", file=sys.stderr)
        return None
    return last_json(done.stdout)


def machine():
    cores = os.cpu_count()
    with open("/proc/meminfo") as file:
        kib = int(file.readline().split()[1])
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return (
        f"{cores} cores, {kib / 1024 / 1024:.0f} GiB RAM, {platform.system()} {platform.release()}",
        commit.stdout.strip(),
    )


def table(results, load):
    lines = []
    for result in results:
        seeded = f"{result['new_items']:,} new items in {result['seed_seconds']:.0f} s"
        if result["new_items"]:
            seeded += f" ({result['new_items'] / result['seed_seconds']:.0f}/s)"
        if result.get("word_scores_seconds", 0) > 1:
            seeded += f", word score lists {result['word_scores_seconds']:.0f} s"
        if result["members_seconds"] > 5:
            seeded = f"demo and members {result['members_seconds']:.0f} s, {seeded}"
        if result["migrate_seconds"] > 5:
            seeded = f"migrations {result['migrate_seconds']:.0f} s, {seeded}"
        lines.append(
            f"\n### {result['engine']}: {result['practices']:,} library items, {result['members']:,} members\n\n"
            f"Seeded side by side with the other database: {seeded}.\n"
        )
        lines.append("| page | p50 ms | p95 ms | runs | SQL queries | status |")
        lines.append("|---|---:|---:|---:|---:|---|")
        by_name = {}
        for row in result["rows"]:
            by_name[row["name"]] = row
            if "ratio" in row:
                continue
            if row.get("error"):
                lines.append(f"| {row['name']} | – | – | – | – | failed: {row['error'][:80]} |")
            elif row.get("missing") or row.get("status") == "404":
                lines.append(f"| {row['name']} | – | – | – | – | not built yet (no such page) |")
            else:
                lines.append(
                    f"| {row['name']} | {row['p50']:.1f} | {row['p95']:.1f} | {row['runs']} | {row['queries']} | "
                    f"{row['status']} |"
                )
        case, plain = by_name.get("case study"), by_name.get("plain Wagtail page, same body")
        if case and plain and case.get("status") == plain.get("status") == "200":
            lines.append(
                f"\nCase study / plain Wagtail page (p50): **{case['p50'] / plain['p50']:.2f}×** (target ≤ 1.2×)"
            )
        interleaved = by_name.get("case study / plain page, interleaved")
        if interleaved:
            lines.append(
                f"Case study / plain Wagtail page, requested alternately (median): **{interleaved['ratio']:.2f}×**"
            )
        one_word_first = f"search, {ONE_WORD}, first time (content changed before each request)"
        pairs = [
            (bare_name + suffix, name)
            for suffix, names in (
                ("", ("search", "search, first time (content changed before each request)")),
                (f", {ONE_WORD}", (one_word_first,)),
            )
            for bare_name in ("bare full-text query", BARE_EVERY_MATCH)
            for name in names
        ]
        for bare_name, name in pairs:
            bare, search = by_name.get(bare_name), by_name.get(name)
            if search and bare and search.get("status") == "200" and not bare.get("missing"):
                lines.append(f"{name.capitalize()} / {bare_name} (p50): **{search['p50'] / bare['p50']:.1f}×**")
    if load:
        lines.append("\n### Load: gunicorn 2 workers × 4 threads, PostgreSQL, Redis, locust headless\n")
        lines.append("| scenario | users | requests | failures | req/s | p50 ms | p95 ms |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for name, row in load.items():
            if row:
                lines.append(
                    f"| {name} | {row['users']} | {row['requests']} | {row['failures']} | {row['rps']:.0f} | "
                    f"{row['p50']:.0f} | {row['p95']:.0f} |"
                )
            else:
                lines.append(f"| {name} | – | – | – | – | – | – |")
    return "\n".join(lines)


def start_afresh(engines):
    """Empty bench databases (``--fresh``): the SQLite file removed, the PostgreSQL database dropped."""
    import psycopg

    if "sqlite" in engines and DATABASES["sqlite"].startswith("sqlite:///"):
        Path(DATABASES["sqlite"].removeprefix("sqlite:///")).unlink(missing_ok=True)
    if "postgres" in engines:
        with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{POSTGRES_DB}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", default="1000,10000,50000", help="library sizes, ascending (default 1000,10000,50000)"
    )
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page (after 3 warm-ups)")
    parser.add_argument("--engines", default="sqlite,postgres", help="sqlite, postgres or both, comma-separated")
    parser.add_argument("--load-seconds", type=int, default=30, help="0 skips the load test")
    parser.add_argument("--load-users", type=int, default=40)
    parser.add_argument("--fresh", action="store_true", help="start from empty bench databases")
    parser.add_argument("--write", action="store_true", help="write the table to bench/RESULTS.md")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sessions", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.worker and args.seed is not None:
        seed_worker(args.worker, args.seed, args.members)
        return
    if args.worker:
        measure_worker(args.worker, args.members, args.runs, args.sessions)
        return

    started = time.perf_counter()
    sizes = [int(size) for size in args.sizes.split(",")]
    engines = args.engines.split(",")
    unknown = sorted(set(engines) - set(DATABASES))
    if unknown:
        parser.error(f"unknown engine {', '.join(unknown)}: choose among {', '.join(DATABASES)}")
    if args.fresh:
        start_afresh(engines)
    if "postgres" in engines:
        ensure_postgres_database()
    results, spent, previous = [], {"seeding": 0.0, "measuring": 0.0, "load test": 0.0}, 0
    for size in sizes:
        # Seeding is CPU-bound Python (and PostgreSQL's own work): the databases are seeded side by side, one
        # process each. Measurements are not: each database is measured alone, one after the other.
        phase = time.perf_counter()
        timings = seed_all(engines, size, args.members)
        spent["seeding"] += time.perf_counter() - phase
        phase = time.perf_counter()
        for engine in engines:
            if timings[engine] is None:
                continue
            last = engine == "postgres" and args.load_seconds > 0 and size == sizes[-1]
            result = measure(engine, args, sessions=last)
            if result:
                results.append({**result, **timings[engine], "new_items": size - previous})
        spent["measuring"] += time.perf_counter() - phase
        previous = size
    load = None
    if args.load_seconds > 0 and "postgres" in engines and SESSIONS_FILE.exists():
        phase = time.perf_counter()
        load = load_test(args.load_seconds, args.load_users)
        spent["load test"] += time.perf_counter() - phase
    described, commit = machine()
    elapsed = time.perf_counter() - started
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    header = (
        f"# Benchmark results\n\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · commit {commit} · "
        f"{described} · Python {platform.python_version()} · whole run {elapsed / 60:.1f} min ("
        + ", ".join(f"{name} {value / 60:.1f}" for name, value in spent.items())
        + f"; load average at the end {load_average})\n\n"
        f"In-process timings through Django's test client ({args.runs} runs after 3 warm-ups), server time only, "
        f"page cache off unless the row says otherwise. Targets: "
        + "; ".join(f"{name} {target}" for name, target in TARGETS.items())
    )
    text = header + "\n" + table(results, load) + "\n"
    print(text)
    if args.write:
        write_results(text)


def write_results(text):
    """The new run at the top of bench/RESULTS.md, every earlier run kept below it (changes over time stay visible)."""
    path = ROOT / "bench" / "RESULTS.md"
    earlier = path.read_text().split("\n", 1)[1].strip() if path.exists() else ""
    if earlier:
        text += "\n## Earlier runs\n\n" + earlier.replace("\n## ", "\n### ") + "\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
