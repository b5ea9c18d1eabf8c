"""Benchmark: p50/p95 of the filtered directory page at N listed members (default 20,000).

    .venv/bin/python bench/directory.py [--members 20000] [--runs 30]

Uses its own database (``BENCH_DATABASE_URL``, default SQLite in /tmp/enlace-bench-directory.sqlite3; a
PostgreSQL URL works too), seeded with ``seed_demo --members N`` (the members app's scale step) once, plus a
focal-point designation for one member in fifty. Each scenario is a real GET of the directory through Django's
test client, as a full member signed in with password and TOTP, so middleware, access checks, filtering,
pagination and template rendering are all measured. Prints one line per scenario: p50, p95, queries, results.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/enlace-bench-directory.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SCENARIOS = [
    ("all, first page", {}),
    ("country", {"country": "HN"}),
    ("country + language", {"country": "GT", "language": "en"}),
    (
        "country + institution type + practitioner",
        {"country": "MX", "institution_type": "prosecution", "practitioner_type": "prosecutor"},
    ),
    ("specialization + need", {"specialization": "mla_extradition", "need": "mla-request"}),
    ("free text", {"q": "fiscal"}),
    ("country, sorted by institution, page 5", {"country": "PA", "sort": "institution", "page": 5}),
    ("100 per page", {"country": "CR", "per_page": 100}),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def seed(members):
    from django.core.management import call_command
    from django.core.management.color import no_style

    from home.management.commands.seed_demo import DemoReport
    from members.models import Membership
    from network import demo_reference
    from network.models import FocalPointDesignation, Need

    call_command("migrate", verbosity=0)
    if Membership.objects.listed().count() < members * 0.8:
        try:
            call_command("seed_demo", members=members, stdout=io.StringIO())
        except Exception as error:  # another app's demo step failing must not stop the benchmark
            print(f"seed_demo failed ({error!r}); seeding the directory only", file=sys.stderr)
            from members import scale

            report = DemoReport(io.StringIO(), no_style())
            demo_reference.seed(report)
            scale.seed(report, members)
    if not FocalPointDesignation.objects.exists() or FocalPointDesignation.objects.count() < members // 60:
        needs = list(Need.objects.all())
        rows = Membership.objects.listed().exclude(institution=None).values_list("user_id", "institution_id")
        FocalPointDesignation.objects.bulk_create(
            FocalPointDesignation(member_id=user_id, institution_id=institution_id, need=needs[i % len(needs)])
            for i, (user_id, institution_id) in enumerate(rows[::50])
        )


def signed_in_client():
    from allauth.mfa.models import Authenticator
    from django.test import Client
    from django.urls import reverse

    from members.factories import DEFAULT_PASSWORD, MembershipFactory, activate_totp, totp_code

    user = MembershipFactory(vetted=True, user__email="bench.viewer@enlace.example").user
    Authenticator.objects.filter(user=user).delete()  # a fresh, known secret on every run
    secret = activate_totp(user)
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    return client


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse
    from django.utils import translation

    from members.models import Membership

    setup_test_environment()
    translation.activate("es")
    seed(args.members)
    client = signed_in_client()
    url = reverse("network:directory")
    assert client.get(url).status_code == 200, "the bench viewer is not a full member"
    print(
        f"Directory benchmark: {Membership.objects.listed().count()} listed members, "
        f"{connection.vendor}, {args.runs} runs per scenario"
    )
    print(f"{'scenario':<45} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'results':>8}")
    everything = []
    for name, params in SCENARIOS:
        client.get(url, params)  # warm up
        timings = []
        for _run in range(args.runs):
            start = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        everything += timings
        count = response.context["page"].paginator.count
        print(
            f"{name:<45} {statistics.median(timings):>8.1f} {percentile(timings, 0.95):>8.1f} "
            f"{len(queries):>8} {count:>8}"
        )
    print(f"{'all scenarios':<45} {statistics.median(everything):>8.1f} {percentile(everything, 0.95):>8.1f}")


if __name__ == "__main__":
    main()
