"""Erase the personal data of members who left more than ``ENLACE_RETENTION_DAYS_AFTER_LEAVING`` days ago."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from members import profile


class Command(BaseCommand):
    help = "Erase personal data of members who left before the retention period (idempotent, for cron)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List who would be erased; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.ENLACE_RETENTION_DAYS_AFTER_LEAVING)
        departed = list(profile.departed_before(cutoff).select_related("user"))
        for membership in departed:
            if not dry_run:
                profile.erase(membership)
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(f"{verb}: {len(departed)}")
