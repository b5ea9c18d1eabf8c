"""Focal points at scale, for benchmarks: after ``seed_demo --members N``, one vetted member in thirty with an
institution is designated focal point for a need, so the finder and the directory's "focal point for" filter meet
a realistic number of designations (the members' own scale step creates the people, this one their roles).

Deterministic and idempotent: member *u* (account id) is chosen when ``u % 30 == 0`` and designated for need
number ``u % len(needs)``; members who already hold a designation are left alone.
"""

import datetime

from django.utils import timezone

from members.access import listed_members

from .models import FocalPointDesignation, Need

EVERY = 30


def seed(report, count):
    """Designate focal points among the listed members (``count`` is the members option; any value > 0)."""
    needs = list(Need.objects.order_by("sort_order", "slug").values_list("pk", flat=True))
    if not needs:
        return
    designated = FocalPointDesignation.objects.values("member_id")
    chosen = (
        listed_members()
        .filter(institution__isnull=False)
        .exclude(user_id__in=designated)
        .values_list("user_id", "institution_id")
    )
    today = timezone.localdate()
    rows = [
        FocalPointDesignation(
            member_id=user_id,
            need_id=needs[user_id % len(needs)],
            institution_id=institution_id,
            start_date=today - datetime.timedelta(days=user_id % 700),
        )
        for user_id, institution_id in chosen.iterator()
        if user_id % EVERY == 0
    ]
    FocalPointDesignation.objects.bulk_create(rows, batch_size=2000)
    report.add(len(rows), "focal point designations (scale)")
