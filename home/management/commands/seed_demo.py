"""Load the demo content every app contributes, idempotently: a second run changes nothing and says so."""

import time
from importlib import import_module

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

# Order matters: reference data before the people who belong to it, people before the pages that name them.
DEMO_STEPS = [
    "home.demo",
    "network.demo_reference",
    "members.demo",
    "network.demo",
    "practices.demo",
    "events.demo",
]

# Scale data for benchmarks (``--members N --practices N --events N``), after the demo: option → module whose
# ``seed(report, count)`` makes sure N fictional records exist (idempotent). Apps not installed are skipped.
SCALE_STEPS = [
    ("members", "members.scale"),
    ("members", "network.scale"),
    ("practices", "practices.scale"),
    ("events", "events.scale"),
]


class DemoReport:
    """What the demo steps changed, and the demo accounts to print at the end."""

    def __init__(self, stdout, style):
        self.stdout = stdout
        self.style = style
        self.changes = 0
        self.accounts = []
        self.step_started = time.monotonic()

    def count(self, changed, what):
        if changed:
            self.changes += 1
            self.stdout.write(f"  + {what}")

    def add(self, number, what):
        """Report a batch: ``number`` records of ``what`` created or updated."""
        if number:
            self.changes += number
            self.stdout.write(f"  + {number} {what}")

    def account(self, role, email, password):
        self.accounts.append((role, email, password))

    def progress(self, done, total, what):
        """A progress bar, rewritten in place, for long scale steps, with the rate and the time left:
        ``  [#######-------------------]  12000/50000 library items (24%)  410/s, 1 min 33 s left``."""
        elapsed = time.monotonic() - self.step_started
        width = 28
        filled = width * done // max(total, 1)
        line = f"\r  [{'#' * filled}{'-' * (width - filled)}]  {done}/{total} {what} ({100 * done // max(total, 1)}%)"
        if elapsed > 0 and done > 0:
            rate = done / elapsed
            left = int((total - done) / rate)
            line += f"  {rate:.0f}/s, "
            line += f"{left // 60} min {left % 60} s left" if done < total else f"{elapsed:.0f} s"
        ending = "\n" if done >= total else ""
        self.stdout.write(line, ending=ending)
        self.stdout.flush()


class Command(BaseCommand):
    help = "Load demo content (fictional people, real public institutions). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=0, help="Extra fictional members to generate.")
        parser.add_argument("--practices", type=int, default=0, help="Extra fictional library items to generate.")
        parser.add_argument("--events", type=int, default=0, help="Extra fictional events to generate.")

    def handle(self, *args, **options):
        report = DemoReport(self.stdout, self.style)
        for step in DEMO_STEPS:
            self.stdout.write(self.style.MIGRATE_HEADING(_("Demo content: %(step)s") % {"step": step}))
            import_module(step).seed(report, **options)
        self.seed_scale(report, options)
        if report.changes:
            self.stdout.write(
                self.style.SUCCESS(_("Demo content loaded: %(count)d changes.") % {"count": report.changes})
            )
        else:
            self.stdout.write(self.style.SUCCESS(_("Demo content already up to date: nothing changed.")))
        if report.accounts:
            self.stdout.write(self.style.MIGRATE_HEADING(_("Demo accounts (for a local demo only):")))
            for role, email, password in report.accounts:
                self.stdout.write(f"  {role:<28} {email:<40} {password}")

    def seed_scale(self, report, options):
        from importlib.util import find_spec

        from django.apps import apps

        for option, module in SCALE_STEPS:
            count = options.get(option) or 0
            if count <= 0:
                continue
            if not apps.is_installed(module.split(".")[0]) or find_spec(module) is None:
                self.stdout.write(_("Scale: %(module)s skipped (app not installed).") % {"module": module})
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(_("Scale data: %(step)s") % {"step": module}))
            report.step_started = time.monotonic()
            import_module(module).seed(report, count)
        if any((options.get(option) or 0) > 0 for option, _module in SCALE_STEPS):
            from django.db import connection

            from home.page_cache import invalidate_all_pages

            invalidate_all_pages()  # bulk writes send no signals
            # Fresh planner statistics: after tens of thousands of rows written in bulk, PostgreSQL's estimates
            # (autovacuum analyses later) and SQLite's (only ever on request) would still describe empty tables,
            # and the planner picks nested loops over the whole library (65 ms instead of 11 ms for the listing).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
