"""Expire vetted memberships past their date: the member is signed out and told how to renew."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from members import vetting
from members.models import Membership, MembershipStatus


class Command(BaseCommand):
    help = "Expire vetted memberships whose 'vetted until' date has passed (idempotent, for cron)."

    def handle(self, *args, **options):
        overdue = Membership.objects.filter(
            status=MembershipStatus.VETTED, vetted_until__lt=timezone.localdate()
        ).select_related("user")
        count = 0
        for membership in overdue:
            vetting.expire(membership)
            count += 1
        self.stdout.write(f"Memberships expired: {count}")
