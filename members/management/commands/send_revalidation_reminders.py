"""E-mail vetted members whose membership lapses soon (30 and 7 days before, by default). Safe to run daily:
each reminder is sent once per membership period."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from members.emails import send_to_member
from members.models import Membership


class Command(BaseCommand):
    help = "Remind vetted members to re-confirm their membership before it expires (idempotent, for cron)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        thresholds = sorted(settings.ENLACE_REVALIDATION_REMINDER_DAYS)
        horizon = today + datetime.timedelta(days=max(thresholds))
        sent = 0
        due = Membership.objects.vetted().filter(vetted_until__lte=horizon).select_related("user")
        for membership in due:
            remaining = (membership.vetted_until - today).days
            threshold = min(days for days in thresholds if remaining <= days)
            key = f"{membership.vetted_until.isoformat()}:{threshold}"
            if key in membership.reminders_sent:
                continue
            send_to_member(
                membership.user,
                "revalidation_reminder",
                {"membership": membership, "days": remaining, "revalidate_path": reverse("members:revalidate")},
            )
            membership.reminders_sent = [*membership.reminders_sent, key]
            membership.save(update_fields=["reminders_sent", "updated_at"])
            sent += 1
        self.stdout.write(f"Reminders sent: {sent}")
